import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

i = tf.constant([7, -7, 9], name="i")
j = tf.constant([2, 2, 4], name="j")
f = tf.constant([7.0, -7.0, 9.0], name="f")
g = tf.constant([2.0, 2.0, 4.0], name="g")
results = [
    tf.div(i, j),
    tf.div(f, g),
    tf.divide(i, j),
    tf.divide(f, g, name="ratio"),
    tf.truediv(i, j),
    tf.floordiv(i, j),
    tf.floordiv(f, g),
    tf.realdiv(f, g),
    i // j,
    f / g,
]
for t in results:
    print(t.op.name, t.op.type, t.dtype.name)
with tf.Session() as sess:
    for value in sess.run(results):
        print(value)
