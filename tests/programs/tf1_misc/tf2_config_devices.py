import tensorflow as tf

print(tf.config.list_physical_devices())
print(tf.config.list_physical_devices("GPU"))
cpu = tf.config.list_physical_devices("CPU")[0]
print(cpu.name, cpu.device_type)
print(tf.config.get_visible_devices())
tf.config.set_visible_devices(cpu)
print(tf.config.threading.get_intra_op_parallelism_threads())
print(tf.config.threading.get_inter_op_parallelism_threads())
for gpu in tf.config.list_physical_devices("GPU"):
    tf.config.experimental.set_memory_growth(gpu, True)
print(tf.config.list_logical_devices())
print(len(tf.config.list_logical_devices("GPU")), "GPUs")
