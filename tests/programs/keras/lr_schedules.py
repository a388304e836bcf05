import tensorflow as tf

schedules = tf.keras.optimizers.schedules
for schedule in [
    schedules.ExponentialDecay(0.1, decay_steps=4, decay_rate=0.5),
    schedules.ExponentialDecay(0.1, decay_steps=4, decay_rate=0.5, staircase=True),
    schedules.InverseTimeDecay(0.1, decay_steps=2, decay_rate=1.0),
    schedules.PolynomialDecay(0.1, decay_steps=6, end_learning_rate=0.01, power=2.0),
    schedules.PiecewiseConstantDecay([2, 5], [1.0, 0.5, 0.1]),
    schedules.CosineDecay(0.1, decay_steps=8, alpha=0.1),
]:
    print(type(schedule).__name__, [round(float(schedule(step)), 5) for step in range(0, 10, 2)])
lr = schedules.ExponentialDecay(0.5, decay_steps=1, decay_rate=0.5)
opt = tf.keras.optimizers.SGD(learning_rate=lr)
var = tf.Variable(1.0)
for _ in range(3):
    opt.apply_gradients([(tf.constant(1.0), var)])
    print(round(float(var.numpy()), 5), round(float(opt.learning_rate.numpy()), 5))
