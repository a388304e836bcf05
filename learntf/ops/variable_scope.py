"""Sharing variables: `tf.get_variable` and `tf.variable_scope` (lesson 08).

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
"""
import contextlib
import os
import traceback

from learntf import dtypes
from learntf.framework import context
from learntf.framework.graph import GraphKeys, get_default_graph, name_scope
from learntf.framework.tensor_shape import TensorShape
from learntf.ops import init_ops
from learntf.ops.variables import Variable

AUTO_REUSE = "AUTO_REUSE"

_RERUN_HINT = (
    "\nlearntf: in a notebook this usually means the cell that creates the variable ran twice "
    "on the same default graph. Fixes: start the cell with tf.reset_default_graph(); or open "
    "the scope with reuse=True (or call scope.reuse_variables()) where you mean to share; or "
    "use reuse=tf.AUTO_REUSE to create on the first call and share afterwards.")


class VariableScope:
    """A variable scope: its name, whether get_variable reuses, and a default initializer."""

    def __init__(self, reuse, name="", initializer=None, original_name_scope=""):
        self._name = name
        self._reuse = reuse
        self._initializer = initializer
        self._original_name_scope = original_name_scope

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

    def reuse_variables(self):
        """From now on, get_variable in this scope (and scopes inside it) shares."""
        self._reuse = True

    def set_initializer(self, initializer):
        self._initializer = initializer

    def get_variable(self, name, shape=None, dtype=None, initializer=None, trainable=True,
                     collections=None, use_resource=None):
        full_name = self._name + "/" + name if self._name else name
        with name_scope(None):  # the name is the variable scope's, whatever the name scope
            return _store().get_variable(full_name, shape, dtype, initializer or self._initializer,
                                         self._reuse, trainable, collections, use_resource)

    def __repr__(self):
        return "<VariableScope %r reuse=%r>" % (self._name, self._reuse)


class _VariableStore:
    """The variables get_variable made in one graph, by full name, and the scope stack."""

    def __init__(self):
        self.variables = {}
        self.origins = {}   # name -> where a TF1 (reference) variable was created
        self.scope = VariableScope(False)
        self.scope_counts = {}

    def get_variable(self, name, shape, dtype, initializer, reuse, trainable, collections,
                     use_resource=None):
        shape = None if shape is None else TensorShape(shape)
        existing = self.variables.get(name)
        if existing is not None:
            if reuse is False:
                origin = self.origins.get(name)
                defined = ("" if origin is None else
                           " Originally defined at:\n\n" + "".join(traceback.format_list(origin)))
                raise ValueError("Variable %s already exists, disallowed. Did you mean to set "
                                 "reuse=True or reuse=tf.AUTO_REUSE in VarScope?%s%s"
                                 % (name, defined, _RERUN_HINT))
            if shape is not None and not shape.is_compatible_with(existing.shape):
                raise ValueError("Trying to share variable %s, but specified shape %s and found "
                                 "shape %s." % (name, shape, existing.shape))
            if dtype is not None and dtypes.as_dtype(dtype) is not existing.dtype:
                raise ValueError("Trying to share variable %s, but specified dtype %s and found "
                                 "dtype %s." % (name, dtypes.as_dtype(dtype).name,
                                                existing.dtype.name))
            return existing
        if reuse is True:
            raise ValueError(
                "Variable %s does not exist, or was not created with tf.get_variable(). Did you "
                "mean to set reuse=tf.AUTO_REUSE in VarScope?\nlearntf: reuse=True only fetches "
                "variables that an earlier get_variable call created (tf.Variable ones are never "
                "shared). Create it first with reuse=False, or use reuse=tf.AUTO_REUSE." % name)
        variable = _create(name, shape, dtype, initializer, trainable, collections)
        self.variables[name] = variable
        if use_resource is False or (use_resource is None and not context.context.resource_variables):
            self.origins[name] = _caller_frames()
        return variable


_LEARNTF_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep


def _caller_frames():
    """Where a variable is being created, as TF's error lists it for a TF1 reference variable:
    innermost first, without the engine's own frames, at most 5, file and line only."""
    frames = [frame for frame in reversed(traceback.extract_stack())
              if not os.path.abspath(frame.filename).startswith(_LEARNTF_DIR)]
    return [traceback.FrameSummary(frame.filename, frame.lineno, frame.name, lookup_line=False,
                                   line="") for frame in frames[:5]]


def _create(name, shape, dtype, initializer, trainable, collections):
    dtype = dtypes.as_dtype(dtype) if dtype is not None else dtypes.float32
    if callable(initializer) or initializer is None:
        if shape is None or not shape.is_fully_defined():
            raise ValueError("Shape of a new variable (%s) must be fully defined, but instead "
                             "was %s." % (name, shape))
        if initializer is None:  # TF's defaults: Glorot uniform for floats, zeros otherwise
            initializer = init_ops.GlorotUniform() if dtype.is_floating else init_ops.Zeros()
        if isinstance(initializer, type):
            initializer = initializer()
        dims = shape.as_list()
        initial_value = lambda: initializer(dims, dtype=dtype)  # noqa: E731
    else:  # a value or tensor: its own shape
        initial_value = initializer
    return Variable(initial_value, trainable=trainable, collections=collections, name=name,
                    dtype=dtype)


def _store(graph=None):
    graph = graph or get_default_graph()
    if graph._variable_store is None:
        graph._variable_store = _VariableStore()
    return graph._variable_store


def get_variable_scope():
    """The VariableScope get_variable uses now."""
    return _store().scope


def get_variable(name, shape=None, dtype=None, initializer=None, regularizer=None,
                 trainable=None, collections=None, caching_device=None, partitioner=None,
                 validate_shape=True, use_resource=None, custom_getter=None, constraint=None,
                 synchronization=None, aggregation=None):
    """Fetch or create the variable `<variable scope>/<name>` (see the module docstring)."""
    return get_variable_scope().get_variable(
        name, shape, dtype, initializer, True if trainable is None else trainable, collections,
        use_resource)


@contextlib.contextmanager
def variable_scope(name_or_scope, default_name=None, values=None, initializer=None,
                   regularizer=None, caching_device=None, partitioner=None, custom_getter=None,
                   reuse=None, dtype=None, use_resource=None, constraint=None,
                   auxiliary_name_scope=True):
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
        count = store.scope_counts.get(_join(parent.name, default_name), 0)
        scope_name = default_name if count == 0 else "%s_%d" % (default_name, count)
        full_name = _join(parent.name, scope_name)
    elif isinstance(name_or_scope, VariableScope):
        name_scope_name = name_or_scope.name.split("/")[-1]
        full_name = name_or_scope.name
        reuse = reuse if reuse is not None else name_or_scope.reuse
        initializer = initializer or name_or_scope.initializer
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
        scope = VariableScope(effective_reuse, full_name, initializer or parent.initializer,
                              opened)
        store.scope = scope
        try:
            yield scope
        finally:
            store.scope = parent


def _join(parent, name):
    return parent + "/" + name if parent and name else (parent or name)


def variable_op_scope(values, name_or_scope, default_name=None, **kwargs):
    return variable_scope(name_or_scope, default_name=default_name, values=values, **kwargs)


__all__ = ["AUTO_REUSE", "VariableScope", "get_variable", "get_variable_scope",
           "variable_scope", "GraphKeys"]
