import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

x = tf.Variable(3.0, name="x")
y = tf.Variable(2.0, name="y")
f = x * x * y + y + 2
grads = tf.gradients(f, [x, y])
print(grads)
opt = tf.train.MomentumOptimizer(learning_rate=0.01, momentum=0.9)
grads_and_vars = opt.compute_gradients(f)
train = opt.apply_gradients(grads_and_vars)
adam = tf.train.AdamOptimizer(0.1).minimize(f, var_list=[y])
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(sess.run(grads))
    for _ in range(3):
        sess.run(train)
    print(sess.run([x, y]))
    sess.run(adam)
    print(sess.run(y))
print(sorted(v.name for v in tf.global_variables()))
