import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

a = tf.constant([1.0, 2.0], name="a")
with tf.device("/device:GPU:0"):
    b = tf.multiply(a, 2.0, name="b")
    c = tf.reduce_sum(b)
config = tf.ConfigProto(
    allow_soft_placement=True,
    log_device_placement=False,
    gpu_options=tf.GPUOptions(allow_growth=True),
)
print(config)
print(config.allow_soft_placement, config.gpu_options.allow_growth)
with tf.Session(config=config) as sess:
    print(sess.run([b, c]))
    print(b.device)
