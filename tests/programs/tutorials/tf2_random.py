import tensorflow as tf

tf.random.set_seed(42)
print(tf.random.uniform([2]))
print(tf.random.normal([2, 2], seed=1))
g = tf.random.Generator.from_seed(1)
print(g.normal(shape=[2, 3]))
print(tf.random.stateless_uniform([3], seed=(1, 2)))
print(tf.random.shuffle(tf.range(5), seed=3))
print(tf.random.categorical(tf.math.log([[0.5, 0.5]]), 5, seed=2))
