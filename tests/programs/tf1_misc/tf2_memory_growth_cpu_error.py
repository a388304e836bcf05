import tensorflow as tf

cpu = tf.config.list_physical_devices("CPU")[0]
print(cpu)
print(tf.config.experimental.get_memory_growth(cpu))
tf.config.experimental.set_memory_growth(cpu, True)
