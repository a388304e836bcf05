import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

# Both sides are constants: TF checks while building the graph.
ok = tf.assert_less(tf.constant([1, 2]), tf.constant([3, 4]))
print(ok.type)
tf.assert_greater(tf.constant([1.0, 5.0]), tf.constant([2.0, 3.0]), message="too small")
