import numpy as np
import tensorflow as tf

optimizers = [
    tf.keras.optimizers.SGD(learning_rate=0.1),
    tf.keras.optimizers.SGD(learning_rate=0.1, momentum=0.9),
    tf.keras.optimizers.SGD(learning_rate=0.1, momentum=0.9, nesterov=True),
    tf.keras.optimizers.Adam(learning_rate=0.1),
    tf.keras.optimizers.AdamW(learning_rate=0.1, weight_decay=0.1),
    tf.keras.optimizers.Nadam(learning_rate=0.1),
    tf.keras.optimizers.RMSprop(learning_rate=0.1),
    tf.keras.optimizers.RMSprop(learning_rate=0.1, momentum=0.5, centered=True),
    tf.keras.optimizers.Adagrad(learning_rate=0.1),
    tf.keras.optimizers.Adadelta(learning_rate=1.0),
    tf.keras.optimizers.Adamax(learning_rate=0.1),
    tf.keras.optimizers.Ftrl(learning_rate=0.1),
    tf.keras.optimizers.Ftrl(
        learning_rate=0.1, l1_regularization_strength=0.01, l2_regularization_strength=0.01
    ),
    tf.keras.optimizers.Lion(learning_rate=0.1),
]
for opt in optimizers:
    var = tf.Variable([1.0, -2.0, 0.5])
    for _ in range(3):
        with tf.GradientTape() as tape:
            loss = tf.reduce_sum(var**2 * [1.0, 0.5, 3.0])
        grads = tape.gradient(loss, [var])
        opt.apply_gradients(zip(grads, [var]))
    print(type(opt).__name__, opt.name, np.round(var.numpy(), 5), int(opt.iterations.numpy()))
