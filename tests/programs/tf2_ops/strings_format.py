import tensorflow as tf

x = tf.constant([1.5, 2.25, 3.0])
print(tf.strings.format("x = {}, sum = {}", (x, tf.reduce_sum(x))))
print(tf.strings.format("{} has {} items", (tf.constant("list"), tf.size(x))))
print(tf.strings.as_string(tf.constant([1, 22, 333])))
print(tf.strings.to_number(tf.constant(["1.5", "-2", "3e2"])))
