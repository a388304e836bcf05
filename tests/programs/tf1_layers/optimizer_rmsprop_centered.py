import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

w = tf.Variable([[1.0, -2.0], [0.5, 3.0]], name="w")
b = tf.Variable([0.1, -0.1], name="b")
x = tf.constant([[1.0, 2.0], [3.0, -1.0], [0.5, 0.5]])
y = tf.constant([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
loss = tf.reduce_mean(tf.square(tf.matmul(x, w) + b - y))
opt = tf.train.RMSPropOptimizer(0.01, centered=True)
train = opt.minimize(loss)
print(opt.get_name(), sorted(opt.get_slot_names()))
print(sorted(v.name for v in tf.global_variables()))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(3):
        _, value = sess.run([train, loss])
        print(step, value)
    print(sess.run([w, b]))
    for name in sorted(opt.get_slot_names()):
        print(name, sess.run(opt.get_slot(w, name)))
