import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

xs = np.linspace(0, 1, 8).astype(np.float32)
ys = 2.0 * xs + 1.0
dataset = tf.data.Dataset.from_tensor_slices((xs, ys)).batch(4).repeat(5)
x, y = tf.data.make_one_shot_iterator(dataset).get_next()
w = tf.Variable(0.0)
b = tf.Variable(0.0)
loss = tf.reduce_mean(tf.square(w * x + b - y))
train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for _ in range(10):
        _, last = sess.run([train, loss])
    print(round(last, 4), [round(v, 4) for v in sess.run([w, b])])
