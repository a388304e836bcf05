import tensorflow as tf

a = tf.constant([[1.0, 2.0], [2.0, 1.0]])
factor = tf.linalg.cholesky(a)  # not positive definite: TF's CPU kernel gives NaNs, no error
print(factor.shape, factor.dtype, bool(tf.math.is_nan(factor[0, 0])))
