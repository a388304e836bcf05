import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

w = tf.get_variable("w", initializer=[1.0, -1.0, 2.0])
loss = tf.reduce_sum(tf.square(w - [0.5, 0.5, 0.5]))
step = tf.train.get_or_create_global_step()
lr = tf.train.polynomial_decay(0.2, step, 4, 0.05)
optimizers = [
    tf.train.RMSPropOptimizer(lr, momentum=0.3),
    tf.train.AdagradOptimizer(lr),
    tf.train.FtrlOptimizer(lr, l1_regularization_strength=0.1, beta=0.5),
    tf.train.AdadeltaOptimizer(lr),
]
trains = [opt.minimize(loss, var_list=[w]) for opt in optimizers]
increment = tf.assign_add(step, 1)
for opt in optimizers:
    print(opt.get_name(), [opt.get_slot(w, n).name for n in sorted(opt.get_slot_names())])
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for i in range(4):
        sess.run(trains[i % 4])
        sess.run(increment)
        print(i, sess.run([lr, w]))
