"""`tf.types`: the names TF gives its kinds of values, for type checks and annotations."""

from learntf.types import experimental
