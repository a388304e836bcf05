"""Sharing variables: `tf.get_variable` and `tf.variable_scope` (lesson 13).

`tf.Variable` always makes a new variable, named after the current *name* scope.
`tf.get_variable(name)` looks the variable up by its full name in the current *variable*
scope (`relu/threshold`) and creates it only when allowed:

    reuse=False (default)  create; a second creation is an error ("already exists")
    reuse=True             fetch an existing one; a missing one is an error ("does not exist")
    reuse=tf.AUTO_REUSE    fetch if it exists, else create

A variable scope also opens a name scope, made unique (`relu`, `relu_1`, ...) so the other ops
of each call stay apart, while get_variable's names ignore it.  Reuse is inherited by nested
scopes and cannot be switched back off inside them.  The variables live in a store that
belongs to the graph, so `tf.reset_default_graph()` forgets them.

Under TF1 behaviour (disable_v2_behavior()) get_variable makes TF1 reference variables, unless
`use_resource=True` (here, or on an enclosing variable_scope) or resource variables were
switched on (`tf.compat.v1.enable_resource_variables()`), as in TensorFlow.
"""

import contextlib
import os
import traceback

from learntf import dtypes
from learntf.framework import context
from learntf.framework.constant_op import convert_to_tensor
from learntf.framework.graph import GraphKeys, get_default_graph, name_scope
from learntf.framework.tensor_shape import TensorShape
from learntf.ops import init_ops, ref_variable

AUTO_REUSE = "AUTO_REUSE"

_RERUN_HINT = (
    "\nlearntf: in a notebook this usually means the cell that creates the variable ran twice "
    "on the same default graph. Fixes: start the cell with tf.reset_default_graph(); or open "
    "the scope with reuse=True (or call scope.reuse_variables()) where you mean to share; or "
    "use reuse=tf.AUTO_REUSE to create on the first call and share afterwards."
)


class VariableScope:
    """A variable scope: its name, whether get_variable reuses, a default initializer, and
    whether its variables are resource variables (None: as resource_variables_enabled())."""

    def __init__(self, reuse, name="", initializer=None, original_name_scope="", use_resource=None):
        self._name = name
        self._reuse = reuse
        self._initializer = initializer
        self._original_name_scope = original_name_scope
        self._use_resource = use_resource

    @property
    def name(self):
        return self._name

    @property
    def original_name_scope(self):
        return self._original_name_scope

    @property
    def reuse(self):
        return self._reuse

    @property
    def initializer(self):
        return self._initializer

    @property
    def use_resource(self):
        return self._use_resource

    def set_use_resource(self, use_resource):
        self._use_resource = use_resource

    def reuse_variables(self):
        """From now on, get_variable in this scope (and scopes inside it) shares."""
        self._reuse = True

    def set_initializer(self, initializer):
        self._initializer = initializer

    def get_variable(
        self,
        name,
        shape=None,
        dtype=None,
        initializer=None,
        trainable=True,
        collections=None,
        use_resource=None,
        validate_shape=True,
    ):
        full_name = self._name + "/" + name if self._name else name
        if use_resource is None:
            use_resource = self._use_resource
        with name_scope(None):  # the name is the variable scope's, whatever the name scope
            if dtype is not None and initializer is not None and not callable(initializer):
                initial_dtype = convert_to_tensor(initializer).dtype.base_dtype
                if initial_dtype is not dtypes.as_dtype(dtype).base_dtype:
                    raise ValueError(
                        "Initializer type '%s' and explicit dtype '%s' don't "
                        "match." % (initial_dtype, dtypes.as_dtype(dtype))
                    )
            if initializer is None:
                initializer = self._initializer
            return _store().get_variable(
                full_name,
                shape,
                dtype,
                initializer,
                self._reuse,
                trainable,
                collections,
                use_resource,
                validate_shape,
            )

    def __repr__(self):
        return "<VariableScope %r reuse=%r>" % (self._name, self._reuse)


class _VariableStore:
    """The variables get_variable made in one graph, by full name, and the scope stack."""

    def __init__(self):
        self.variables = {}
        self.origins = {}  # name -> where a TF1 (reference) variable was created
        self.scope = VariableScope(False)
        self.scope_counts = {}

    def get_variable(
        self,
        name,
        shape,
        dtype,
        initializer,
        reuse,
        trainable,
        collections,
        use_resource=None,
        validate_shape=True,
    ):
        if shape is not None and initializer is not None and not callable(initializer):
            raise ValueError("If initializer is a constant, do not specify shape.")
        shape = None if shape is None else TensorShape(shape)
        existing = self.variables.get(name)
        if existing is not None:
            if reuse is False:
                origin = self.origins.get(name) if _is_reference(existing) else None
                defined = (
                    ""
                    if origin is None
                    else " Originally defined at:\n\n" + "".join(traceback.format_list(origin))
                )
                raise ValueError(
                    "Variable %s already exists, disallowed. Did you mean to set "
                    "reuse=True or reuse=tf.AUTO_REUSE in VarScope?%s%s"
                    % (name, defined, _RERUN_HINT)
                )
            if shape is not None and not shape.is_compatible_with(existing.shape):
                raise ValueError(
                    "Trying to share variable %s, but specified shape %s and found "
                    "shape %s." % (name, shape, existing.shape)
                )
            if dtype is not None and not dtypes.as_dtype(dtype).is_compatible_with(existing.dtype):
                raise ValueError(
                    "Trying to share variable %s, but specified dtype %s and found "
                    "dtype %s." % (name, dtypes.as_dtype(dtype).name, existing.dtype.name)
                )
            return existing
        if reuse is True:
            raise ValueError(
                "Variable %s does not exist, or was not created with tf.get_variable(). Did you "
                "mean to set reuse=tf.AUTO_REUSE in VarScope?\nlearntf: reuse=True only fetches "
                "variables that an earlier get_variable call created (tf.Variable ones are never "
                "shared). Create it first with reuse=False, or use reuse=tf.AUTO_REUSE." % name
            )
        variable = _create(
            name, shape, dtype, initializer, trainable, collections, use_resource, validate_shape
        )
        self.variables[name] = variable
        self.origins[name] = _caller_frames()
        return variable


def _is_reference(variable):
    return variable.dtype._is_ref_dtype


_LEARNTF_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep


def _caller_frames():
    """Where a variable is being created, as TF's error lists it for a TF1 reference variable:
    innermost first, without the engine's own frames, at most 5, file and line only."""
    frames = [
        frame
        for frame in reversed(traceback.extract_stack())
        if not os.path.abspath(frame.filename).startswith(_LEARNTF_DIR)
    ]
    return [
        traceback.FrameSummary(frame.filename, frame.lineno, frame.name, lookup_line=False, line="")
        for frame in frames[:5]
    ]


def _create(name, shape, dtype, initializer, trainable, collections, use_resource, validate_shape):
    """A new variable, as TF's _VariableStore._get_single_variable makes it."""
    dtype = dtypes.as_dtype(dtype).base_dtype if dtype is not None else dtypes.float32
    variable_dtype = None
    if initializer is None:
        if shape is None:
            raise ValueError(
                "Variable %s did not get an initializer, so its `shape` argument "
                "must be specified." % name
            )
        initializer = _default_initializer(name, dtype)
    if not callable(initializer):  # a value or tensor: its own shape and dtype
        initial_value = initializer
    else:
        if isinstance(initializer, type):
            initializer = initializer()
        if shape is not None and shape.is_fully_defined():
            dims = shape.as_list()
            initial_value = lambda: initializer(dims, dtype=dtype)  # noqa: E731
            variable_dtype = dtype
        elif _takes_no_arguments(initializer):
            initial_value = initializer
        else:
            raise ValueError(
                "The initializer passed is not valid. It should be a callable with "
                "no arguments and the shape should not be provided or an instance "
                "of `tf.keras.initializers.*' and `shape` should be fully defined."
            )
    return ref_variable.VariableV1(
        initial_value,
        trainable=trainable,
        collections=collections,
        name=name,
        dtype=variable_dtype,
        use_resource=use_resource,
        validate_shape=validate_shape,
        shape=shape,
    )


def _default_initializer(name, dtype):
    """TF's defaults: Glorot uniform for floats, zeros for integers, bools and strings."""
    if dtype.is_floating:
        return init_ops.GlorotUniform()
    if dtype.is_integer or dtype.is_bool or dtype is dtypes.string:
        return init_ops.Zeros()
    raise ValueError("An initializer for variable %s of %s is required" % (name, dtype))


def _takes_no_arguments(function):
    import inspect

    try:
        return not any(
            p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
            for p in inspect.signature(function).parameters.values()
        )
    except (TypeError, ValueError):
        return False


def _store(graph=None):
    graph = graph or get_default_graph()
    if graph._variable_store is None:
        graph._variable_store = _VariableStore()
    return graph._variable_store


def get_variable_scope():
    """The VariableScope get_variable uses now."""
    return _store().scope


def get_variable(
    name,
    shape=None,
    dtype=None,
    initializer=None,
    regularizer=None,
    trainable=None,
    collections=None,
    caching_device=None,
    partitioner=None,
    validate_shape=True,
    use_resource=None,
    custom_getter=None,
    constraint=None,
    synchronization=None,
    aggregation=None,
):
    """Fetch or create the variable `<variable scope>/<name>` (see the module docstring)."""
    return get_variable_scope().get_variable(
        name,
        shape,
        dtype,
        initializer,
        True if trainable is None else trainable,
        collections,
        use_resource,
        validate_shape,
    )


@contextlib.contextmanager
def variable_scope(
    name_or_scope,
    default_name=None,
    values=None,
    initializer=None,
    regularizer=None,
    caching_device=None,
    partitioner=None,
    custom_getter=None,
    reuse=None,
    dtype=None,
    use_resource=None,
    constraint=None,
    auxiliary_name_scope=True,
):
    """Enter a variable scope (and a matching, unique name scope); yields the VariableScope."""
    if name_or_scope is None and default_name is None:
        raise TypeError("If default_name is None then name_or_scope is required")
    if reuse is False:
        reuse = None  # False never switches off a reuse inherited from outside
    store = _store()
    parent = store.scope
    if name_or_scope is None:
        if reuse is True:
            raise ValueError("reuse=True cannot be used without a name_or_scope")
        name_scope_name = default_name
        full_name = _unique_scope_name(store, _join(parent.name, default_name))
    elif isinstance(name_or_scope, VariableScope):
        name_scope_name = name_or_scope.name.split("/")[-1]
        full_name = name_or_scope.name
        reuse = reuse if reuse is not None else name_or_scope.reuse
        if initializer is None:
            initializer = name_or_scope.initializer
        if use_resource is None:
            use_resource = name_or_scope.use_resource
    elif isinstance(name_or_scope, str):
        name_scope_name = name_or_scope
        full_name = _join(parent.name, name_or_scope)
    else:
        raise TypeError("VariableScope: name_or_scope must be a string or VariableScope.")
    store.scope_counts[full_name] = store.scope_counts.get(full_name, 0) + 1
    inherited = parent.reuse if not isinstance(name_or_scope, VariableScope) else False
    effective_reuse = reuse if reuse is not None else inherited
    if inherited is True:
        effective_reuse = True
    with contextlib.ExitStack() as stack:
        opened = ""
        if name_scope_name and auxiliary_name_scope:
            opened = stack.enter_context(name_scope(name_scope_name))
        scope = VariableScope(
            effective_reuse,
            full_name,
            parent.initializer if initializer is None else initializer,
            opened,
            parent.use_resource if use_resource is None else use_resource,
        )
        store.scope = scope
        saved_counts = dict(store.scope_counts)
        try:
            yield scope
        finally:
            store.scope = parent
            # TF closes the scope's subscopes: entering it again starts their default names
            # afresh (`a/x` again, not `a/x_1`); re-entering a VariableScope object restores
            # the counts it found
            if isinstance(name_or_scope, VariableScope):
                store.scope_counts = saved_counts
            else:
                for key in [k for k in store.scope_counts if k.startswith(full_name + "/")]:
                    store.scope_counts[key] = 0


def _unique_scope_name(store, name):
    """`name`, or `name_1`, `name_2`, ... the first not used yet (TF's unique variable scope)."""
    if not store.scope_counts.get(name):
        return name
    index = 1
    while store.scope_counts.get("%s_%d" % (name, index)):
        index += 1
    return "%s_%d" % (name, index)


def _join(parent, name):
    return parent + "/" + name if parent and name else (parent or name)


def variable_op_scope(values, name_or_scope, default_name=None, **kwargs):
    return variable_scope(name_or_scope, default_name=default_name, values=values, **kwargs)


def enable_resource_variables():
    """From now on tf.compat.v1.Variable and get_variable make resource variables (TF2's)."""
    context.context.resource_variables = True


def disable_resource_variables():
    """From now on they make TF1 reference variables in graphs (what disable_v2_behavior does)."""
    context.context.resource_variables = False


def resource_variables_enabled():
    return context.context.resource_variables


__all__ = [
    "AUTO_REUSE",
    "VariableScope",
    "get_variable",
    "get_variable_scope",
    "variable_scope",
    "GraphKeys",
    "enable_resource_variables",
    "disable_resource_variables",
    "resource_variables_enabled",
]
