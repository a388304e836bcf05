import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

config = tf.compat.v1.ConfigProto()
config.gpu_options.allow_growth = True
config.gpu_options.per_process_gpu_memory_fraction = 0.5
config.intra_op_parallelism_threads = 2
config.inter_op_parallelism_threads = 2
print(config)
x = tf.placeholder(tf.float32, [3])
y = tf.nn.relu(x) * 2
options = tf.RunOptions(trace_level=tf.RunOptions.FULL_TRACE)
metadata = tf.RunMetadata()
with tf.Session(config=config) as sess:
    print(sess.run(y, {x: [-1.0, 0.5, 2.0]}, options=options, run_metadata=metadata))
print(tf.test.is_gpu_available(), repr(tf.test.gpu_device_name()))
