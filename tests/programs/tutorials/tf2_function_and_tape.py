import tensorflow as tf


@tf.function
def f(x):
    if tf.reduce_sum(x) > 0:
        return x * x
    return -x


print(f(tf.constant([1.0, 2.0])))
print(f(tf.constant([-1.0, -2.0])))
concrete = f.get_concrete_function(tf.TensorSpec([None], tf.float32))
print(concrete.structured_input_signature)
print([op.type for op in concrete.graph.get_operations()][:4])

x = tf.Variable([1.0, 2.0, 3.0])
with tf.GradientTape(persistent=True) as tape:
    y = tf.reduce_sum(x**2)
    z = tf.reduce_mean(tf.sin(x))
print(tape.gradient(y, x))
print(tape.gradient(z, x))
del tape

with tf.GradientTape() as outer:
    with tf.GradientTape() as inner:
        y = x**3
    dy = inner.gradient(y, x)
print(outer.gradient(dy, x))
