"""`constant_value`: what a tensor's value is when the graph is built, if that is known.

TensorFlow passes shapes, axes and permutations to ops as tensors (`Reshape(tensor, shape)`,
`Sum(input, reduction_indices)`), usually small `Const` ops.  Shape inference still wants their
values, so it asks `constant_value`, as TF's `tensor_util.constant_value` does: an eager
tensor's value, a `Const`'s value, or the `Shape`/`Size`/`Rank` of a tensor whose shape is
known.  Anything else is only known when the graph runs, and the answer is None.
"""
import numpy as np


def constant_value(tensor):
    """The NumPy value of `tensor` if it is known before running, else None."""
    value = getattr(tensor, "_value", None)
    if value is not None and getattr(tensor, "op", None) is None:  # an eager tensor
        return np.asarray(value)
    op = getattr(tensor, "op", None)
    if op is None or not hasattr(op, "attrs"):
        return None
    if op.type == "Const":
        return op.attrs["value"]
    if op.type in ("Identity", "StopGradient"):
        return constant_value(op.inputs[0])
    if op.type in ("Shape", "Size", "Rank"):
        shape = op.inputs[0].shape
        if op.type == "Rank":
            return None if shape.rank is None else np.array(shape.rank, np.int32)
        if not shape.is_fully_defined():
            return None
        dtype = op.attrs["out_type"].np
        dims = shape.as_list()
        return np.array(dims if op.type == "Shape" else int(np.prod(dims)), dtype=dtype)
    if op.type == "Pack":
        parts = [constant_value(t) for t in op.inputs]
        if any(p is None for p in parts):
            return None
        return np.stack(parts, axis=op.attrs["axis"])
    return None
