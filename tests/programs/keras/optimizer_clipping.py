import numpy as np
import tensorflow as tf

for kwargs in [{"clipnorm": 1.0}, {"clipvalue": 0.5}, {"global_clipnorm": 1.0}]:
    opt = tf.keras.optimizers.SGD(learning_rate=1.0, **kwargs)
    a = tf.Variable([3.0, 4.0])
    b = tf.Variable([1.0])
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(a**2) + tf.reduce_sum(b**2)
    grads = tape.gradient(loss, [a, b])
    opt.apply_gradients(zip(grads, [a, b]))
    print(kwargs, np.round(a.numpy(), 4), np.round(b.numpy(), 4))
