import numpy as np
import tensorflow as tf

y_true = np.array([0, 1, 1, 0, 1, 0, 1, 1], dtype="float32")
y_pred = np.array([0.1, 0.8, 0.4, 0.6, 0.9, 0.2, 0.55, 0.3], dtype="float32")
for metric in [
    tf.keras.metrics.Precision(),
    tf.keras.metrics.Recall(),
    tf.keras.metrics.Precision(thresholds=0.3),
    tf.keras.metrics.Recall(thresholds=[0.3, 0.7]),
    tf.keras.metrics.AUC(),
    tf.keras.metrics.AUC(curve="PR"),
    tf.keras.metrics.AUC(num_thresholds=5, summation_method="minoring"),
    tf.keras.metrics.TruePositives(),
    tf.keras.metrics.FalseNegatives(thresholds=[0.25, 0.5]),
]:
    metric.update_state(y_true, y_pred)
    print(metric.name, np.round(metric.result().numpy(), 4))
auc = tf.keras.metrics.AUC(num_thresholds=3)
print(np.round(auc.thresholds, 4))
auc.update_state([1, 0], [0.7, 0.2], sample_weight=[2.0, 1.0])
print(auc.true_positives.numpy(), auc.false_positives.numpy())
