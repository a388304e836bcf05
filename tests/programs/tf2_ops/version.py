import tensorflow as tf

print(tf.__version__)
major, minor, _ = tf.__version__.split(".")
print(int(major) >= 2)
print(tf.version.VERSION)
