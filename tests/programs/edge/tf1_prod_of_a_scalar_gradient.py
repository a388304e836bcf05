import tensorflow as tf

tf.compat.v1.disable_v2_behavior()

x = tf.compat.v1.placeholder(tf.float32, shape=[])
v = tf.compat.v1.placeholder(tf.float32, shape=[None, 3])
scalar_product = tf.reduce_prod(x)
row_products = tf.reduce_prod(v, axis=1)
grads = tf.gradients([scalar_product], [x]) + tf.gradients(row_products, [v])
print(scalar_product.shape, row_products.shape)
with tf.compat.v1.Session() as sess:
    feed = {x: -1.5, v: [[1.0, 2.0, 3.0], [0.0, 4.0, 5.0]]}
    for value in sess.run(grads, feed_dict=feed):
        print(value)
