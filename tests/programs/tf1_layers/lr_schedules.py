import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

global_step = tf.train.get_or_create_global_step()
schedules = {
    "exponential": tf.train.exponential_decay(0.1, global_step, 3, 0.5),
    "exponential_staircase": tf.train.exponential_decay(0.1, global_step, 3, 0.5, staircase=True),
    "natural_exp": tf.train.natural_exp_decay(0.1, global_step, 2, 0.3),
    "inverse_time": tf.train.inverse_time_decay(0.1, global_step, 2, 0.5, staircase=True),
    "polynomial": tf.train.polynomial_decay(0.1, global_step, 6, 0.01, power=2.0),
    "polynomial_cycle": tf.train.polynomial_decay(0.1, global_step, 4, 0.01, cycle=True),
    "cosine": tf.train.cosine_decay(0.1, global_step, 6, alpha=0.1),
    "piecewise": tf.train.piecewise_constant(global_step, [2, 5], [0.1, 0.05, 0.01]),
}
print(schedules["exponential"].name, schedules["inverse_time"].name)
print(schedules["polynomial"].name, schedules["exponential_staircase"].dtype)
increment = tf.assign_add(global_step, 1)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(9):
        values = sess.run(schedules)
        print(step, " ".join("%s=%.6f" % (k, v) for k, v in sorted(values.items())))
        sess.run(increment)
