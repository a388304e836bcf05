import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

images = tf.zeros([1, 4, 4, 1])
try:
    tf.layers.conv2d(images, 2, 3, padding="full")
except ValueError as e:
    print("ValueError:", e)
try:
    tf.layers.max_pooling2d(images, (2, 2, 2), 2)
except ValueError as e:
    print("ValueError:", e)
x = tf.zeros([2, 3])
tf.layers.dense(x, 2, name="fc")
tf.layers.dense(x, 2, name="fc")
