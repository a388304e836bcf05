import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

value = tf.data.Dataset.range(5).make_one_shot_iterator().get_next()
doubled = value * 2
first = tf.Session()
second = tf.Session()
print(first.run(value), first.run(value), first.run(doubled))
print(second.run(value))
print(first.run([value, doubled]))
first.close()
second.close()
