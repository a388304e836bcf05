import tensorflow as tf

print(tf.strings.substr(tf.constant(["hi", "hello"]), 4, 1))
