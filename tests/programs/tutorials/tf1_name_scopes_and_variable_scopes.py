import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


def relu(X):
    with tf.variable_scope("relu", reuse=tf.AUTO_REUSE):
        threshold = tf.get_variable("threshold", shape=(), initializer=tf.constant_initializer(0.0))
        w_shape = (int(X.get_shape()[1]), 1)
        w = tf.Variable(tf.random_normal(w_shape, seed=3), name="weights")
        b = tf.Variable(0.0, name="bias")
        z = tf.add(tf.matmul(X, w), b, name="z")
        return tf.maximum(z, threshold, name="max")


X = tf.placeholder(tf.float32, shape=(None, 3), name="X")
relus = [relu(X) for _ in range(3)]
output = tf.add_n(relus, name="output")
print([v.name for v in tf.global_variables()])
print(output)
with tf.name_scope("loss") as scope:
    print(scope)
    with tf.name_scope("inner"):
        c = tf.constant(1.0, name="c")
print(c.name)
with tf.variable_scope("layer1"):
    v = tf.get_variable("v", [2], initializer=tf.ones_initializer())
with tf.variable_scope("layer1", reuse=True):
    v2 = tf.get_variable("v")
print(v is v2, v.name)
with tf.variable_scope("layer1"):
    tf.get_variable("v", [2])
