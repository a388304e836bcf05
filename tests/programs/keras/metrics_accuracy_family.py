import numpy as np
import tensorflow as tf

y_true = np.array([[0, 0, 1], [0, 1, 0], [1, 0, 0], [0, 1, 0]], dtype="float32")
y_pred = np.array(
    [[0.2, 0.3, 0.5], [0.6, 0.3, 0.1], [0.5, 0.4, 0.1], [0.1, 0.2, 0.7]], dtype="float32"
)
m = tf.keras.metrics.TopKCategoricalAccuracy(k=2)
m.update_state(y_true, y_pred)
print(m.name, round(float(m.result()), 4))
s = tf.keras.metrics.SparseTopKCategoricalAccuracy(k=1)
s.update_state(np.argmax(y_true, axis=1), y_pred)
print(s.name, round(float(s.result()), 4))
c = tf.keras.metrics.CategoricalAccuracy()
print(round(float(c(y_true, y_pred)), 4))
mae = tf.keras.metrics.MeanAbsoluteError()
mae.update_state([[1.0], [2.0]], [[1.5], [1.0]])
print(mae.name, float(mae.result()))
rmse = tf.keras.metrics.RootMeanSquaredError()
print(rmse.name, round(float(rmse([[1.0], [2.0]], [[1.5], [1.0]])), 4))
b = tf.keras.metrics.BinaryAccuracy(threshold=0.7)
print(float(b([[1.0], [0.0]], [[0.65], [0.2]])))
mean = tf.keras.metrics.Mean()
mean.update_state([1.0, 2.0, 6.0])
print(float(mean.result()), [v.name for v in mean.variables])
mean.reset_state()
print(float(mean.result()))
