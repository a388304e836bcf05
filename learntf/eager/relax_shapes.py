"""`tf.function(reduce_retracing=True)`: fewer traces, by tracing more general shapes.

Without it each new shape of a tensor argument traces the function again.  With it (or
TF 1's name `experimental_relax_shapes=True`), as in TensorFlow 2.21, a call whose shapes no
trace has yet is served by a trace whose shapes accept it (`(None,)` accepts `(3,)`), and if
none does, the function is traced once more with what differs from the latest trace of the
same kinds of arguments made unknown: the dimensions that differ, or the whole shape when the
ranks differ (TF's "most specific common supertype").  So shapes [1], [2], [3], [4] make two
traces, (1,) then (None,).

The machinery (eager/def_function.py) does not need this; the package attaches it.
"""

from learntf.eager.def_function import Function
from learntf.eager.func_graph import TensorSpec
from learntf.framework.tensor_shape import TensorShape


def _relaxed(traced, key, specs):
    """reduce_retracing=True: a key no trace has yet is served by a trace whose shapes accept
    it, else traced once more with what differs from the latest trace of the same kinds of
    arguments made unknown: dimensions, or the rank when the ranks differ (TF's most specific
    common supertype).  A key holds (name, dtype, shape tuple or None for an unknown rank) per
    tensor argument, (name, Python value) per other argument."""
    for old in traced:
        if _accepts(old, key):
            return old, specs
    for old in reversed(traced):
        if _accepts(old, key, generalize=True):
            relaxed = []
            for o, n in zip(old, key):
                if len(n) == 3:  # a tensor
                    n = (n[0], n[1], _common_shape(o[2], n[2]))
                    spec = specs[n[0]]
                    specs[n[0]] = TensorSpec(n[2], spec.dtype, spec.name)
                relaxed.append(n)
            return tuple(relaxed), specs
    return key, specs


def _common_shape(old, new):
    return TensorShape(old).most_specific_compatible_shape(TensorShape(new)).as_tuple()


def _accepts(old, key, generalize=False):
    """Whether trace key `old` takes call key `key` (or, generalize, could be relaxed to)."""
    if not isinstance(old, tuple) or len(old) != len(key):
        return False
    for o, n in zip(old, key):
        if len(o) != len(n) or o[:2] != n[:2]:  # the same name and dtype (or Python value)
            return False
        if len(o) == 3 and not generalize and o[2] is not None:
            if n[2] is None or len(o[2]) != len(n[2]):
                return False
            if any(a is not None and a != b for a, b in zip(o[2], n[2])):
                return False
    return True


Function.relax_trace_key = _relaxed
