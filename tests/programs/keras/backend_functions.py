import numpy as np
import tensorflow as tf

K = tf.keras.backend
x = tf.constant([[1.0, -2.0, 3.0], [4.0, 0.5, -1.0]])
print(K.epsilon(), K.floatx(), K.image_data_format())
print(K.square(x).numpy())
print(K.mean(x).numpy(), K.mean(x, axis=1).numpy(), K.sum(x, axis=0, keepdims=True).numpy())
print(K.clip(x, 0.0, 2.0).numpy())
print(K.clip(x, 1.0, 0.5).numpy())
print(K.mean(tf.constant([True, False, True, True])).numpy())
print(np.round(K.std(x).numpy(), 4), np.round(K.sqrt(K.abs(x)).numpy(), 4))
print(K.max(x, axis=1).numpy(), K.argmax(x).numpy(), K.int_shape(x), K.ndim(x))
print(K.concatenate([x, x], axis=0).shape, K.batch_flatten(tf.ones((2, 3, 4))).shape)
v = K.variable([1.0, 2.0])
K.set_value(v, [3.0, 4.0])
print(K.get_value(v), K.count_params(v))
print(K.dot(x, tf.ones((3, 1))).numpy().ravel(), K.relu(x, max_value=2.0).numpy())
print(K.is_keras_tensor(tf.keras.Input(shape=(2,))), K.is_keras_tensor(x))
