import os

import numpy as np

os.environ["TF_USE_LEGACY_KERAS"] = "1"
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()
tf.set_random_seed(4)

x = tf.placeholder(tf.float32, [None, 4])
layer = tf.layers.Dense(3, activation=tf.nn.relu)
first = layer(x)
second = layer(x * 2.0)
head = tf.layers.Dense(2, name="head", kernel_initializer=tf.ones_initializer())
logits = head(first)
norm = tf.layers.BatchNormalization(momentum=0.5)
normalized = norm(logits, training=True)
dropped = tf.layers.Dropout(0.5)(normalized, training=False)
print(first.name, second.name, logits.name, normalized.name, dropped.name)
print(layer.kernel.name, layer.bias.name, [v.name for v in layer.trainable_variables])
print([v.name for v in norm.variables], [v.name for v in norm.non_trainable_variables])
print([u.name for u in norm.updates])
print([v.name for v in tf.global_variables()])
images = tf.zeros([1, 6, 6, 2])
conv = tf.layers.Conv2D(3, 3, padding="same")
pooled = tf.layers.MaxPooling2D(2, 2)(conv(images))
averaged = tf.layers.AveragePooling2D(3, 3)(conv(images))
print(pooled.name, averaged.name, tf.layers.Flatten()(pooled).shape.as_list())
data = np.linspace(-1.0, 1.0, 12, dtype=np.float32).reshape(3, 4)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(sess.run([first, second, logits], {x: data}))
    sess.run(norm.updates, {x: data})
    print(sess.run(norm.moving_mean), sess.run(norm.moving_variance))
