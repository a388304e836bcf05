import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

vocab_size, dim = 5, 3
embeddings = tf.get_variable(
    "embeddings", [vocab_size, dim], initializer=tf.random_uniform_initializer(-1.0, 1.0, seed=3)
)
ids = tf.placeholder(tf.int32, [None, 2])
looked_up = tf.nn.embedding_lookup(embeddings, ids)
print(looked_up.name, looked_up.shape.as_list())
loss = tf.reduce_sum(tf.square(looked_up))
train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    feed = {ids: [[0, 2], [2, 4]]}
    print(sess.run(looked_up, feed))
    for step in range(3):
        _, value = sess.run([train, loss], feed)
        print(step, value)
    print(sess.run(embeddings))
