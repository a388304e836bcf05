"""Dispatch: `tf.square(rt)`, `tf.concat([rt1, rt2], 1)` on composite types such as RaggedTensor.

A RaggedTensor is not a Tensor but values plus row_splits, so an op on it has to be restated
on its parts: tf.square on the values, a reduction as a segment op.  The op library should
know nothing of such types -- ragged/ and sparse/ are built on the op library, not the other
way round.  So, as TensorFlow does (tensorflow/python/util/dispatch.py), a public op function
marked `@add_dispatch_support` first looks at its first argument (for a list, at the list's
items): if that value's type registered an implementation of this function, the call goes
there.  Otherwise the op runs as usual, so an op a composite type does not support fails
with the op's own error, as in TF.

ragged/ registers its implementations with `@dispatch_for(api, RaggedTensor)` when it is
imported, which is before any RaggedTensor exists.  The table is small: a dict per function.
"""

import functools
import inspect

# The dispatching function -> {composite type: implementation taking the same arguments}.
TABLE = {}
# Every type with at least one implementation (Python operators on tensors leave these to
# the type's own reflected operator: `t + rt` is rt.__radd__(t)).
_COMPOSITE_TYPES = set()


def add_dispatch_support(api):
    """Decorator: `api(...)` hands the call to a registered implementation when its first
    argument (or an item of it, if it is a list or tuple) is of a registered type."""
    first = next(iter(inspect.signature(api).parameters))
    implementations = {}

    @functools.wraps(api)
    def dispatching(*args, **kwargs):
        if implementations:  # empty until ragged/ is imported: plain calls stay quick
            value = args[0] if args else kwargs.get(first)
            kind = type(value)
            if kind in implementations:
                return implementations[kind](*args, **kwargs)
            if kind is list or kind is tuple:
                for item in value:
                    if type(item) in implementations:
                        return implementations[type(item)](*args, **kwargs)
        return api(*args, **kwargs)

    TABLE[dispatching] = implementations
    return dispatching


def dispatch_for(api, composite_type):
    """Decorator: the decorated function runs `api` for values of `composite_type`."""
    if api not in TABLE:
        raise TypeError("%s does not support dispatch (no @add_dispatch_support)" % api)

    def register(implementation):
        TABLE[api][composite_type] = implementation
        _COMPOSITE_TYPES.add(composite_type)
        return implementation

    return register


def is_composite(value):
    """True for a value of a type that registered implementations (e.g. a RaggedTensor)."""
    return type(value) in _COMPOSITE_TYPES
