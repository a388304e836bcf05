import tensorflow as tf

a = tf.reshape(tf.range(6.0), [2, 3])
b = tf.reshape(tf.range(12.0), [3, 4])
print(tf.einsum("ij,jk->ik", a, b))
print(tf.einsum("ij->ji", a))
print(tf.einsum("ij->", a))
print(tf.einsum("ij->j", a))
v = tf.constant([1.0, 2.0, 3.0])
print(tf.einsum("i,i->", v, v))
print(tf.einsum("i,j->ij", v, v))
batch = tf.reshape(tf.range(24.0), [2, 3, 4])
print(tf.einsum("bij,jk->bik", batch, tf.ones([4, 2])))
print(tf.einsum("...ij,...jk->...ik", batch, tf.ones([2, 4, 1])))
