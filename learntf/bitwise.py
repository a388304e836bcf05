"""`tf.bitwise`: bitwise and, or, xor and invert on integer tensors."""

from learntf.ops.bitwise_ops import bitwise_and, bitwise_or, bitwise_xor, invert  # noqa: F401
