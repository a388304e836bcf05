"""TensorShape: a shape whose dimensions (or whose rank) may be unknown.

A placeholder built with `shape=(None, 3)` accepts any number of rows; its static shape is
`(None, 3)`.  Shape inference (every op's `infer` function) works on these partial shapes at
graph-construction time, so many mistakes surface as a ValueError before anything runs.

After `disable_v2_behavior()` a shape reads as in TF 1: an unknown dimension prints as `?`, and
`shape[i]` is a `Dimension` with a `.value` (framework/dimension.py registers that class here).
"""

from learntf.framework import context

Dimension = None  # TF 1's dimension class, set by learntf/framework/dimension.py


def _v1_dimension(d):
    """A dimension as TF 1's view of shapes gives it: a known one as a Dimension."""
    if d is None or Dimension is None or context.context.v2_tensorshape:
        return d
    return Dimension(d)


class TensorShape:
    """The static shape of a tensor: a tuple of ints and Nones, or None when the rank is unknown."""

    __slots__ = ("_dims",)

    def __init__(self, dims):
        if isinstance(dims, TensorShape):
            dims = dims._dims
        elif dims is not None:
            if (
                isinstance(dims, (int,))
                or hasattr(dims, "__index__")
                and not hasattr(dims, "__len__")
            ):
                dims = (dims,)
            dims = tuple(_as_dim(d) for d in dims)
        self._dims = dims

    @classmethod
    def from_numpy(cls, shape):
        """A fully known shape from a NumPy shape tuple (no checks needed: eager mode)."""
        result = cls.__new__(cls)
        result._dims = shape
        return result

    # -- what a learner reads -------------------------------------------------------------
    def __str__(self):
        if self._dims is None:
            return "<unknown>"
        v1 = not context.context.v2_tensorshape
        dims = ["?" if v1 and d is None else d for d in self._dims]
        return "(%s,)" % dims[0] if len(dims) == 1 else "(%s)" % ", ".join(map(str, dims))

    def __repr__(self):
        if self._dims is None:
            return "TensorShape(None)"
        if not context.context.v2_tensorshape:
            return "TensorShape([%s])" % ", ".join("Dimension(%s)" % d for d in self._dims)
        return "TensorShape(%s)" % list(self._dims)

    def proto_str(self):
        """The shape as TensorFlow's C++ messages print it: `[?,3]`, `[]`, `<unknown>`."""
        if self._dims is None:
            return "<unknown>"
        return "[%s]" % ",".join("?" if d is None else str(d) for d in self._dims)

    # -- queries ---------------------------------------------------------------------------
    @property
    def dims(self):
        return None if self._dims is None else list(self._dims)

    @property
    def rank(self):
        return None if self._dims is None else len(self._dims)

    ndims = rank

    def as_list(self):
        if self._dims is None:
            raise ValueError("as_list() is not defined on an unknown TensorShape.")
        return list(self._dims)

    def as_tuple(self):
        return self._dims

    def is_fully_defined(self):
        return self._dims is not None and all(d is not None for d in self._dims)

    def num_elements(self):
        if not self.is_fully_defined():
            return None
        n = 1
        for d in self._dims:
            n *= d
        return n

    def is_compatible_with(self, other):
        other = as_shape(other)
        if self._dims is None or other._dims is None:
            return True
        if len(self._dims) != len(other._dims):
            return False
        return all(a is None or b is None or a == b for a, b in zip(self._dims, other._dims))

    def most_specific_compatible_shape(self, other):
        """The most specific shape both fit: the dimensions they agree on, None elsewhere (a
        tf.cond output's shape, from its branches'; a relaxed trace's input shape)."""
        other = as_shape(other)
        if self._dims is None or other._dims is None or len(self._dims) != len(other._dims):
            return TensorShape(None)
        return TensorShape([a if a == b else None for a, b in zip(self._dims, other._dims)])

    def merge_with(self, other):
        other = as_shape(other)
        if self._dims is None:
            return other
        if other._dims is None:
            return self
        if not self.is_compatible_with(other):
            raise ValueError("Shapes %s and %s are not compatible" % (self, other))
        return TensorShape([a if a is not None else b for a, b in zip(self._dims, other._dims)])

    def assert_is_compatible_with(self, other):
        if not self.is_compatible_with(other):
            raise ValueError("Shapes %s and %s are incompatible" % (self, other))

    def with_rank(self, rank):
        if self._dims is None:
            return unknown_shape(rank)
        if len(self._dims) != rank:
            raise ValueError("Shape %s must have rank %d" % (self, rank))
        return self

    # -- sequence behaviour ----------------------------------------------------------------
    def __len__(self):
        if self._dims is None:
            raise ValueError("Cannot take the length of shape with unknown rank.")
        return len(self._dims)

    def __iter__(self):
        if self._dims is None:
            raise ValueError("Cannot iterate over a shape with unknown rank.")
        if context.context.v2_tensorshape:  # (TF 2's view, the usual case: the dims as they are)
            return iter(self._dims)
        return iter(map(_v1_dimension, self._dims))

    def __getitem__(self, key):
        if self._dims is None:
            return None if not isinstance(key, slice) else TensorShape(None)
        if isinstance(key, slice):
            return TensorShape(self._dims[key])
        return _v1_dimension(self._dims[key])

    def __bool__(self):
        return self._dims is not None

    def __eq__(self, other):
        try:
            other = as_shape(other)
        except (TypeError, ValueError):
            return NotImplemented
        return self._dims == other._dims

    def __ne__(self, other):
        result = self.__eq__(other)
        return result if result is NotImplemented else not result

    def __hash__(self):
        return hash(self._dims)

    def __add__(self, other):
        return self.concatenate(other)

    def concatenate(self, other):
        other = as_shape(other)
        if self._dims is None or other._dims is None:
            return TensorShape(None)
        return TensorShape(self._dims + other._dims)


def _as_dim(d):
    if d is None:
        return None
    if hasattr(d, "value") and not isinstance(d, int):  # a TF1-style Dimension
        d = d.value
        if d is None:
            return None
    try:
        d = int(d.__index__()) if type(d) is not int else d  # (a Dimension becomes an int)
    except (AttributeError, TypeError):
        raise TypeError(
            "Dimension value must be integer or None, got %r of type %s" % (d, type(d).__name__)
        ) from None
    if d < 0 and d != -1:
        raise ValueError("Dimension %d must be >= 0" % d)
    return None if d == -1 else d


def as_shape(shape):
    """Convert a TensorShape, list, tuple or None into a TensorShape."""
    if isinstance(shape, TensorShape):
        return shape
    return TensorShape(shape)


def unknown_shape(rank=None):
    return TensorShape(None if rank is None else [None] * rank)


def scalar():
    return TensorShape(())
