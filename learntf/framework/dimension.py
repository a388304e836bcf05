"""`tf.compat.v1.Dimension`: one dimension of a shape, as TF 1 code reads it.

TF 1 programs write `x.get_shape()[1].value` and print `Dimension(3)`; after
`disable_v2_behavior()` a known dimension of a TensorShape is read as one of these
(framework/tensor_shape.py).  It is an int with TF 1's `.value`, str and repr, so the rest of
learntf, which reads dimensions as ints, needs no second path.  An unknown dimension stays
None (TensorFlow gives `Dimension(None)`; learntf's shape code reads None as unknown).
"""

from learntf.framework import tensor_shape


class Dimension(int):
    """A known dimension: `Dimension(3).value == 3`, repr `Dimension(3)`."""

    @property
    def value(self):
        return int(self)

    def __repr__(self):
        return "Dimension(%d)" % self

    def __str__(self):
        return int.__repr__(self)


tensor_shape.Dimension = Dimension


def disable_v2_tensorshape():
    """TF 1's view of shapes (disable_v2_behavior() does this too)."""
    tensor_shape.context.context.v2_tensorshape = False


def enable_v2_tensorshape():
    """TF 2's view of shapes: dimensions are ints or None, unknown ones print as None."""
    tensor_shape.context.context.v2_tensorshape = True
