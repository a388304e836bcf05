import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

x = tf.placeholder(tf.float32, [None, 4])
a = tf.layers.dense(x, 3, name="shared")
b = tf.layers.dense(x, 3, name="shared", reuse=True)
c = tf.layers.dense(x, 3)
d = tf.layers.dense(x, 3, activation=tf.nn.relu)
with tf.variable_scope("block"):
    e = tf.layers.dense(x, 2, use_bias=False)
with tf.variable_scope("block", reuse=True):
    f = tf.layers.dense(x, 2, use_bias=False)
with tf.name_scope("ns"):
    g = tf.layers.dense(x, 2, activation=tf.nn.sigmoid)
h = tf.layers.flatten(tf.placeholder(tf.float32, [None, 2, 3]))
img = tf.placeholder(tf.float32, [None, 8, 8, 1])
k = tf.layers.conv2d(img, 4, 3, padding="same", activation=tf.nn.relu)
k2 = tf.layers.conv2d(k, 2, [3, 2], strides=(2, 1), name="conv_valid")
m = tf.layers.max_pooling2d(k, 2, 2)
n = tf.layers.average_pooling2d(k, [2, 2], [2, 2], padding="same")
fl = tf.layers.flatten(m)
for t in [a, b, c, d, e, f, g, h, k, k2, m, n, fl]:
    print(t.name, t.shape.as_list())
print([v.name for v in tf.global_variables()])
print([v.name for v in tf.trainable_variables()])
print([v.shape.as_list() for v in tf.trainable_variables()])
