"""Calls in converted code (TF's autograph/impl/api.py converted_call and
autograph/operators/py_builtins.py): the user's own functions are converted before they run,
and `range` and `len` of tensors do what TensorFlow's AutoGraph makes them do."""

import functools

from learntf.autograph.operators.control_flow import _is_graph_tensor, _is_tensor


# -- calls -------------------------------------------------------------------------------------
def converted_call(f, args, kwargs, caller_fn_scope=None, options=None):
    """`f(*args, **kwargs)`, with `f` converted first when it is the user's own function (so a
    tensor `if` in a helper becomes a tf.cond too); `range` and `len` of tensors as TF's."""
    from learntf.autograph import conversion

    kwargs = kwargs or {}
    if isinstance(f, functools.partial):  # (a method as tf.function binds it, say)
        args, kwargs = (*f.args, *args), {**f.keywords, **kwargs}
        f = f.func
    builtin = _BUILTINS.get(f) if _is_hashable(f) else None
    if builtin is not None:
        return builtin(*args, **kwargs)
    if conversion.is_user_code(f):
        try:
            f = conversion.convert(f)
        except conversion.ConversionError:
            pass  # (run as it is, as TF does with code it cannot convert)
    return f(*args, **kwargs)


def _is_hashable(value):
    try:
        hash(value)
        return True
    except TypeError:
        return False


def range_(start_or_stop, stop=None, step=None):
    """`range(...)` of a tensor is tf.range (so `for i in range(n)` becomes a tensor loop)."""
    given = [a for a in (start_or_stop, stop, step) if a is not None]
    if any(_is_tensor(a) for a in given):
        from learntf.ops import math_ops

        if stop is None:
            return math_ops.range(start_or_stop)
        return math_ops.range(start_or_stop, stop, 1 if step is None else step)
    return range(*given)


def len_(s):
    """`len(t)` of a tensor: its first dimension (a number when the shape says it)."""
    if not _is_graph_tensor(s):
        return len(s)
    if s.shape.rank == 0:
        raise ValueError("len requires a non-scalar tensor, got one of shape {}".format(s.shape))
    if s.shape.rank is not None and s.shape.as_list()[0] is not None:
        return s.shape.as_list()[0]
    from learntf.ops import array_ops

    return array_ops.shape(s)[0]


_BUILTINS = {range: range_, len: len_}
