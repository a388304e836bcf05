"""Variables: state that lives in a Session and survives from one run to the next.

TensorFlow has two kinds, and learntf makes each where TensorFlow 2.21 does.  Under TF1
behaviour (`tf.compat.v1.disable_v2_behavior()`, or `disable_resource_variables()`), a
`tf.compat.v1.Variable` or `get_variable` built in a graph is a *reference variable*
(`VariableV2`, `Assign`, `Identity`; learntf/ops/ref_variable.py).  Everywhere else (eager
execution, tf.function, TF2's `tf.Variable`, `use_resource=True`) it is a *resource variable*,
which adds these ops to a graph:

    x                        VarHandleOp        a handle to the variable's storage
    x/Initializer/...        the initial value (when given as a Python or NumPy value)
    x/Assign                 AssignVariableOp   the initializer: stores the initial value
    x/Read/ReadVariableOp    ReadVariableOp     the value `sess.run(x)` fetches

The storage itself (a `VariableResource`) belongs to the session, so two sessions on one graph
keep separate values (lesson 02), and reading before initializing raises
FailedPreconditionError (lesson 01).
"""

import itertools
import sys
import weakref

import numpy as np

from learntf import dtypes, errors
from learntf.client.session import get_default_session
from learntf.eager.func_graph import current_func_graph, init_scope
from learntf.framework import context
from learntf.framework import graph as graph_module
from learntf.framework.apply import apply_op
from learntf.framework.constant_op import convert_to_tensor, register_tensor_conversion_function
from learntf.framework.execute import EagerTensor, numpy_text, to_eager
from learntf.framework.graph import GraphKeys, get_default_graph, name_scope
from learntf.framework.op_registry import register_op
from learntf.framework.tensor_shape import TensorShape
from learntf.framework.user_code import user_code_location


class VariableResource:
    """The storage behind one variable in one session: a name and a value (None until set).

    A TF1 reference variable's storage is `in_place`: a write copies into the array it holds,
    so a value read from it earlier in the same run (`w/read`) changes too, as in TensorFlow,
    where reading a reference variable hands out its buffer.  A resource variable's reads are
    snapshots: a write replaces the array."""

    __slots__ = ("name", "dtype", "shape", "value", "trainable", "variable", "in_place", "_buffer")

    def __init__(self, name, dtype, shape, trainable=False, variable=None, in_place=False):
        self.name = name
        self.dtype = dtype
        self.shape = shape
        self.value = None
        self.trainable = trainable  # eager mode: tapes watch trainable variables on read
        self.variable = variable  # eager mode: weak reference to the Python Variable
        self.in_place = in_place
        self._buffer = None  # in_place: the array `value` (read-only) is a view of

    def read(self):
        if self.value is None:
            words = "Attempting to use uninitialized value %s"  # (TF 1's reference variable)
            if not self.in_place:  # a resource variable: TF's words for a missing resource
                words = "Could not find variable %s. This could mean that the variable has been "
                words += "deleted. In TF1, it can also mean the variable is uninitialized. Debug "
                words += "info: container=localhost, status error message=Container localhost "
                words += "does not exist. (Could not find resource: localhost/%s)"
            raise errors.FailedPreconditionError(None, None, words.replace("%s", self.name))
        return self.value

    def write_unchecked(self, value):
        """Store `value` whatever its shape (TF1's Assign with validate_shape=False)."""
        self._store(np.array(value, dtype=self.dtype.np), check_shape=False)

    def write(self, value):
        """Store `value`, keeping a private copy unless it is already immutable."""
        value = np.asarray(value, dtype=self.dtype.np)
        shared = value.flags.writeable or value.base is not None
        if shared and not self.in_place:
            value = value.copy()  # the session owns its copy; nobody else can change it
        self._store(value, owned=not shared and not self.in_place)

    def write_owned(self, value):
        """Store a freshly computed array that nobody else holds (no copy needed)."""
        self._store(np.asarray(value, dtype=self.dtype.np))

    def add(self, delta):
        """Store value + delta (computed in place for a reference variable)."""
        self._combine(np.add, delta)

    def subtract(self, delta):
        """Store value - delta (computed in place for a reference variable)."""
        self._combine(np.subtract, delta)

    def _combine(self, ufunc, delta):
        """Store ufunc(value, delta).  A resource variable's reads are snapshots, so its old
        array is reused only when nothing outside this storage holds it any more (no tensor,
        view or fetched result: its reference count says so), and the result's dtype and
        shape are the old array's; otherwise the result is a fresh array.  Either way the
        numbers are the same; reusing saves allocating a large array on every SGD step."""
        if self.in_place:
            ufunc(self.read(), delta, out=self._buffer, casting="same_kind")
            return
        value = self.read()
        if (
            sys.getrefcount(value) == 3  # self.value, `value`, getrefcount's own argument
            and value.base is None
            and getattr(delta, "dtype", None) == value.dtype
            and (delta.shape == value.shape or delta.ndim == 0)
        ):
            value.flags.writeable = True
            ufunc(value, delta, out=value)
            value.flags.writeable = False
            return
        self.write_owned(ufunc(value, delta))

    def _store(self, value, check_shape=True, owned=True):
        dims = self.shape.as_tuple() if check_shape else None
        if (
            dims is not None
            and dims != value.shape
            and (
                len(dims) != value.ndim
                or any(d is not None and d != n for d, n in zip(dims, value.shape))
            )
        ):
            raise errors.InvalidArgumentError(
                None,
                None,
                "Trying to assign to variable %s with shape %s a value of shape %s; "
                "shapes must be equal."
                % (self.name, self.shape.proto_str(), TensorShape(value.shape).proto_str()),
            )
        if self.in_place:
            if self._buffer is not None and self._buffer.shape == value.shape:
                np.copyto(self._buffer, value)
                return
            self._buffer = value if owned else value.copy()
            value = self._buffer.view()
        value.flags.writeable = False
        self.value = value

    def __repr__(self):
        return "<VariableResource %s>" % self.name


# -- the ops ----------------------------------------------------------------------------------
def _handle_state(op, session):
    return session._resource(
        op, lambda: VariableResource(op.attrs["shared_name"], op.attrs["dtype"], op.attrs["shape"])
    )


def _handle_kernel(resource, dtype, shape, shared_name, container=""):
    return resource


def _read(handle, dtype):
    return handle.read()


def _assign(handle, value, dtype=None, validate_shape=False):
    handle.write(value)


def _assign_add(handle, value, dtype=None):
    handle.add(value)


def _assign_sub(handle, value, dtype=None):
    handle.subtract(value)


def _is_initialized(handle):
    return np.asarray(handle.value is not None)


_scalar = TensorShape([])
register_op(
    "VarHandleOp",
    [],
    lambda dtype, shape, shared_name, container="": [(dtypes.resource, _scalar)],
    _handle_kernel,
    make_state=_handle_state,
    stateful=True,
)
register_op(
    "ReadVariableOp",
    ["resource"],
    lambda handle, dtype: [(dtype, _handle_shape(handle))],
    _read,
    stateful=True,
    type_attr=None,
)
register_op(
    "AssignVariableOp",
    ["resource", "value"],
    lambda handle, value, dtype, validate_shape=False: [],
    _assign,
    num_outputs=0,
    stateful=True,
    type_attr=None,
)
register_op(
    "AssignAddVariableOp",
    ["resource", "value"],
    lambda handle, value, dtype: [],
    _assign_add,
    num_outputs=0,
    stateful=True,
    type_attr=None,
)
register_op(
    "AssignSubVariableOp",
    ["resource", "value"],
    lambda handle, value, dtype: [],
    _assign_sub,
    num_outputs=0,
    stateful=True,
    type_attr=None,
)
register_op(
    "VarIsInitializedOp",
    ["resource"],
    lambda handle: [(dtypes.bool_, _scalar)],
    _is_initialized,
    stateful=True,
    type_attr=None,
)


def _handle_shape(handle):
    resource = getattr(handle, "_value", None)
    if isinstance(resource, VariableResource):  # eager: the handle holds the storage
        return resource.shape
    captured_shape = getattr(handle.graph, "resource_shapes", {}).get(handle)
    if captured_shape is not None:  # inside tf.function: a captured eager variable
        return captured_shape
    return handle.op.attrs["shape"] if handle.op.type == "VarHandleOp" else TensorShape(None)


# -- the Python object ----------------------------------------------------------------------------
_CREATION_ORDER = itertools.count()  # GradientTape.watched_variables() lists in this order


class Variable:
    """A tensor whose value lives in the session and can be changed by assign ops."""

    def __init__(
        self,
        initial_value=None,
        trainable=True,
        collections=None,
        validate_shape=True,
        caching_device=None,
        name=None,
        variable_def=None,
        dtype=None,
        expected_shape=None,
        import_scope=None,
        constraint=None,
        use_resource=None,
        synchronization=None,
        aggregation=None,
        shape=None,
    ):
        if initial_value is None:
            words = "The `initial_value` arg to `tf.Variable` must be specified except when you "
            raise ValueError(words + "are not providing a `variable_def`. You provided neither.")
        self._creation_index = next(_CREATION_ORDER)
        self._trainable = bool(trainable)
        self._eager = context.executing_eagerly()
        if self._eager:
            self._init_eager(initial_value, name, dtype, shape)
            return

        func_graph = current_func_graph()
        if func_graph is not None:  # inside tf.function: a lifted, eager variable
            func_graph.created_variables.append((self, user_code_location()))
            initial_value = _lift_initial_value(initial_value)
            with init_scope():
                self._eager = True
                self._init_eager(initial_value, name, dtype, shape)
            return
        graph = get_default_graph()
        with name_scope(name, "Variable") as scope:
            handle_name = scope[:-1]
            with name_scope("Initializer"):
                if callable(initial_value):
                    initial_value = initial_value()
                initial = convert_to_tensor(initial_value, dtype=dtype, name="initial_value")
            self._dtype = initial.dtype
            self._shape = initial.shape if shape is None else TensorShape(shape)
            if validate_shape and shape is None and not self._shape.is_fully_defined():
                raise ValueError(
                    "initial_value must have a shape specified: %s\n(learntf: the initial "
                    "value's shape depends on a feed; give the variable an explicit shape.)"
                    % initial
                )
            self._handle = apply_op(
                "VarHandleOp",
                [],
                {
                    "dtype": self._dtype,
                    "shape": self._shape,
                    "container": "",
                    "shared_name": handle_name,
                },
                scope,
            )
            with name_scope("IsInitialized"):
                self._is_initialized_op = apply_op(
                    "VarIsInitializedOp", [self._handle], {}, "VarIsInitializedOp"
                )
            with name_scope("Assign") as assign_scope:
                self._initializer_op = apply_op(
                    "AssignVariableOp",
                    [self._handle, initial],
                    {"dtype": self._dtype, "validate_shape": False},
                    assign_scope,
                )
            with name_scope("Read"):
                self._graph_element = apply_op(
                    "ReadVariableOp", [self._handle], {"dtype": self._dtype}, "ReadVariableOp"
                )
        self._initial_value = initial
        if collections is None:
            collections = [GraphKeys.GLOBAL_VARIABLES]
        collections = list(collections)
        if self._trainable and GraphKeys.TRAINABLE_VARIABLES not in collections:
            collections.append(GraphKeys.TRAINABLE_VARIABLES)
        graph.add_to_collections(collections, self)

    def _init_eager(self, initial_value, name, dtype, shape):
        """Eager mode: the variable owns its storage; there is no graph and no initializer."""
        if callable(initial_value):
            initial_value = initial_value()
        initial = to_eager(initial_value, dtypes.as_dtype(dtype) if dtype is not None else None)
        self._dtype = initial.dtype
        self._shape = initial.shape if shape is None else TensorShape(shape)
        if not self._shape.is_compatible_with(initial.shape):
            words = (
                "In this `tf.Variable` creation, the initial value's shape (%s) is not compatible"
            )
            words += " with the explicitly supplied `shape` argument (%s)."
            raise ValueError(words % (initial.shape, shape))
        with name_scope(name, "Variable") as scope:  # "w/Momentum/" is a scope name
            self._name = scope[:-1] + ":0"
        resource = VariableResource(
            self._name[:-2],
            self._dtype,
            self._shape,
            trainable=self._trainable,
            variable=weakref.ref(self),
        )
        resource.write(initial._value)
        self._handle = EagerTensor(resource, dtypes.resource)
        self._initializer_op = None
        self._initial_value = initial

    # -- what it is ---------------------------------------------------------------------------
    @property
    def name(self):
        return self._name if self._eager else self._handle.name

    @property
    def op(self):
        if self._eager:
            raise AttributeError("Tensor.op is undefined when eager execution is enabled.")
        return self._handle.op

    @property
    def handle(self):
        return self._handle

    @property
    def _shared_name(self):
        """The name without `:0` (slot variables are named after it: `w/Momentum`)."""
        return self.name[: self.name.index(":")]

    @property
    def graph(self):
        if self._eager:
            raise AttributeError("Tensor.graph is undefined when eager execution is enabled.")
        return self._handle.graph

    @property
    def dtype(self):
        return self._dtype

    @property
    def shape(self):
        return self._shape

    def get_shape(self):
        return self._shape

    @property
    def trainable(self):
        return self._trainable

    @property
    def initializer(self):
        """The op that stores the initial value (`x/Assign`)."""
        return self._initializer_op

    @property
    def initial_value(self):
        return self._initial_value

    @property
    def device(self):
        return ""

    def initialized_value(self):
        with graph_module.control_dependencies([self._initializer_op]):
            return self.read_value()

    def is_initialized(self, name=None):
        """A new VarIsInitializedOp (in eager mode: whether the variable holds a value)."""
        return apply_op("VarIsInitializedOp", [self._handle], {}, name or "VarIsInitializedOp")

    # -- reading ------------------------------------------------------------------------------
    def value(self):
        """A new read of the variable (a ReadVariableOp in the current name scope)."""
        return apply_op("ReadVariableOp", [self._handle], {"dtype": self._dtype}, "ReadVariableOp")

    def read_value(self):
        """The variable's value, as TF reads it: a ReadVariableOp in scope "Read", then an
        Identity (a function returning `v.read_value()` returns that Identity's copy)."""
        with name_scope("Read"):
            value = self.value()
        return apply_op("Identity", [value], {}, "Identity")

    def _as_graph_element(self):
        return self._graph_element

    def eval(self, session=None):
        if self._eager:
            raise NotImplementedError(
                "eval is not supported when eager execution is enabled, "
                "is .numpy() what you're looking for?"
            )
        return self._graph_element.eval(session=session)

    def numpy(self):
        if not self._eager:
            raise NotImplementedError(
                "numpy() is only available when eager execution is "
                "enabled.\n(learntf: in graph mode use sess.run(v).)"
            )
        return self.value().numpy()

    def _as_eager_tensor(self, dtype=None):
        if dtype is not None and dtype is not self._dtype:
            raise ValueError(
                "Incompatible type conversion requested to type '%s' for variable "
                "of type '%s'" % (dtype.name, self._dtype.name)
            )
        return self.value()

    def load(self, value, session=None):
        session = session or get_default_session()
        session._resource(self.op, None).write(value)

    # -- writing ------------------------------------------------------------------------------
    def _assign_op(self, op_type, value, read_value, name):
        value = convert_to_tensor(value, dtype=self._dtype)  # "Const", outside the op, as TF
        if op_type == "AssignVariableOp" and not self._shape.is_compatible_with(value.shape):
            raise ValueError(
                "Cannot assign value to variable ' %s': Shape mismatch.The "  # (TF's words)
                "variable shape %s, and the assigned value shape %s are "
                "incompatible." % (self.name, self._shape, value.shape)
            )
        attrs = {"dtype": self._dtype}
        if op_type == "AssignVariableOp":  # as TF: checked when run if the shape is known
            attrs["validate_shape"] = self._shape.is_fully_defined()
        assign_op = apply_op(op_type, [self._handle, value], attrs, name or op_type)
        return self._after_write(assign_op, read_value)

    def _after_write(self, assign_op, read_value):
        """What an assignment returns: the variable (eager), the op (read_value=False), or the
        new value, read after the write (inside tf.function, only if it is used)."""
        if context.executing_eagerly():
            return self
        if not read_value:
            return assign_op

        if current_func_graph() is not None:
            return _UnreadVariable(self, assign_op)  # read only if used, as TF
        # Fetching the result runs the assignment first, then reads the new value.
        with graph_module.control_dependencies([assign_op]):
            return apply_op(
                "ReadVariableOp", [self._handle], {"dtype": self._dtype}, "ReadVariableOp"
            )

    def assign(self, value, use_locking=None, name=None, read_value=True):
        """An op that sets the variable to `value`; fetching it returns the new value."""
        return self._assign_op("AssignVariableOp", value, read_value, name)

    def assign_add(self, delta, use_locking=None, name=None, read_value=True):
        return self._assign_op("AssignAddVariableOp", delta, read_value, name)

    def assign_sub(self, delta, use_locking=None, name=None, read_value=True):
        return self._assign_op("AssignSubVariableOp", delta, read_value, name)

    # -- display ------------------------------------------------------------------------------
    def __repr__(self):
        if self._eager:
            return "<tf.Variable '%s' shape=%s dtype=%s, numpy=%s>" % (
                self.name,
                self._shape,
                self._dtype.name,
                numpy_text(self._handle._value.read(), is_repr=True),
            )
        return "<tf.Variable '%s' shape=%s dtype=%s>" % (self.name, self._shape, self._dtype.name)

    def __hash__(self):
        return id(self)

    def ref(self):
        return self

    # Python's protocols (bool(), len(), iter(), float(), np.asarray(), v[i] = x) and
    # operators are attached in learntf/ops/operators.py.


def _lift_initial_value(initial_value):
    """A variable created while tracing starts from a value known outside the trace."""
    if isinstance(initial_value, graph_module.Tensor):
        if initial_value.op.type == "Const":
            return initial_value.op.attrs["value"]
        raise ValueError(
            "A tf.Variable created inside tf.function must start from a value "
            "known outside it (a Python/NumPy value or a callable); got %s. "
            "Create the variable outside the function." % initial_value
        )
    return initial_value


class _UnreadVariable(Variable):
    """What `assign*()` returns inside tf.function (TF's _UnreadVariable): the variable as the
    write left it.  Nothing reads it unless the function uses it; a read waits for the write."""

    def __init__(self, variable, parent_op):  # (no new variable: the same handle, no ops)
        self.__dict__.update(variable.__dict__)
        self._parent_op = parent_op

    def value(self):
        with graph_module.control_dependencies([self._parent_op]):
            return super().value()

    @property
    def op(self):  # (the write, as in TF: `v.assign_add(1).op`)
        return self._parent_op


def _variable_to_tensor(variable, dtype=None, name=None):
    if dtype is not None and not dtype.is_compatible_with(variable.dtype):
        raise ValueError(
            "Incompatible type conversion requested to type '%s' for variable of "
            "type '%s'" % (dtype.name, variable.dtype.name)
        )
    return variable.value()


register_tensor_conversion_function(Variable, _variable_to_tensor)
