import tensorflow as tf


@tf.function
def scale(x, factor=2.0):
    return x * factor


concrete = scale.get_concrete_function(tf.TensorSpec([None, 3], tf.float32))
print(isinstance(scale, tf.types.experimental.GenericFunction))
print(isinstance(scale, tf.types.experimental.PolymorphicFunction))
print(isinstance(concrete, tf.types.experimental.ConcreteFunction))
print(isinstance(tf.constant(1.0), tf.types.experimental.TensorLike))
print(concrete.structured_input_signature)
print(concrete.output_shapes, concrete.output_dtypes)
print(tf.TensorSpec([None, 3], tf.float32))
print(repr(tf.TensorSpec([2], tf.int32, name="ids")))
print(tf.TensorSpec(shape=(), dtype=tf.string))
