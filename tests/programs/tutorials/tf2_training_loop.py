import numpy as np
import tensorflow as tf

rng = np.random.RandomState(3)
x = rng.randn(100, 1).astype(np.float32)
y = 3.0 * x + 2.0 + 0.1 * rng.randn(100, 1).astype(np.float32)


class Model(tf.Module):
    def __init__(self):
        super().__init__(name="linear")
        self.w = tf.Variable(5.0, name="w")
        self.b = tf.Variable(0.0, name="b")

    def __call__(self, x):
        return self.w * x + self.b


def loss(target_y, predicted_y):
    return tf.reduce_mean(tf.square(target_y - predicted_y))


model = Model()
print([v.name for v in model.trainable_variables])
optimizer = tf.keras.optimizers.SGD(learning_rate=0.1)


@tf.function
def train_step(x, y):
    with tf.GradientTape() as tape:
        current = loss(y, model(x))
    grads = tape.gradient(current, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    return current


for epoch in range(10):
    value = train_step(x, y)
    if epoch % 3 == 0:
        print(
            "Epoch %2d: W=%1.2f b=%1.2f, loss=%2.5f"
            % (epoch, model.w.numpy(), model.b.numpy(), value)
        )
print(round(float(model.w.numpy()), 3), round(float(model.b.numpy()), 3))
