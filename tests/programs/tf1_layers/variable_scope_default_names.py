import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

for i in range(2):
    with tf.variable_scope("model"):
        with tf.variable_scope(None, default_name="layer") as scope:
            v = tf.get_variable("w%d" % i, [1])
            print(scope.name, scope.original_name_scope, v.name)
        with tf.variable_scope(None, default_name="layer") as scope:
            print(scope.name)
for _ in range(2):
    with tf.variable_scope(None, default_name="top") as scope:
        print(scope.name, tf.add(1, 2).name)
with tf.variable_scope("model", reuse=True):
    with tf.variable_scope(None, default_name="layer") as scope:
        print(scope.name, tf.get_variable("w0", [1]).name)
