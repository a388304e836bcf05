"""TF1's reference variables: what `tf.Variable` and `tf.get_variable` build under
`tf.compat.v1.disable_v2_behavior()`, as TensorFlow 2.21 builds them.

    w                VariableV2   the variable; its tensor `w:0` (float32_ref) is the variable
    w/initial_value  Const        the initial value (or `w/Initializer/...` from an initializer)
    w/Assign         Assign       the initializer: stores the initial value in `w`
    w/read           Identity     the value other ops use (`tf.matmul(x, w)` reads `w/read:0`)

A reference tensor hands on the variable's storage (this session's `VariableResource`), not a
value: ops that change the variable take it (`Assign`, `AssignAdd`, `ApplyGradientDescent`,
their `ref` input), and return it again; any other input given one reads the variable when the
op runs, and so does a fetch (learntf/client/plan.py).  Reading before initializing raises TF's
FailedPreconditionError, "Attempting to use uninitialized value w".

Resource variables (learntf/ops/variables.py) stay where TensorFlow uses them: eager execution,
tf.function, TF2 behaviour, `use_resource=True`, `tf.compat.v1.enable_resource_variables()`.
"""

import numpy as np

from learntf import dtypes
from learntf.client.session import get_default_session
from learntf.eager.func_graph import current_func_graph
from learntf.framework import context
from learntf.framework.apply import ShapeError, apply_op
from learntf.framework.constant_op import convert_to_tensor
from learntf.framework.graph import GraphKeys, get_default_graph, name_scope
from learntf.framework.op_registry import (
    no_gradient_in_tensorflow,
    not_differentiable,
    register_op,
)
from learntf.framework.tensor_shape import TensorShape
from learntf.ops.array_ops import assign_strided_slice, slice_assign_infer, slice_inputs
from learntf.ops.control_flow_ops import cond
from learntf.ops.math_ops import identity
from learntf.ops.variables import _CREATION_ORDER, Variable, VariableResource


# -- the ops --------------------------------------------------------------------------------------
def _storage(op, session):
    """This session's storage for a VariableV2 op (shared_name "" means: the op's name)."""
    return session._resource(
        op,
        lambda: VariableResource(
            op.attrs["shared_name"] or op.name, op.attrs["dtype"], op.attrs["shape"], in_place=True
        ),
    )


def _assign(ref, value, T, validate_shape, use_locking):
    if validate_shape:
        ref.write(value)
    else:
        ref.write_unchecked(value)
    return ref


def _assign_add(ref, value, T, use_locking):
    ref.add(value)
    return ref


def _assign_sub(ref, value, T, use_locking):
    ref.subtract(value)
    return ref


def _same_shape(ref, value):
    """The variable's shape, merged with the value's: TF's check in Assign and AssignAdd."""
    if ref.shape.is_compatible_with(value.shape):
        return ref.shape.merge_with(value.shape)
    if ref.shape.rank != value.shape.rank:
        raise ShapeError(
            "Shapes must be equal rank, but are %d and %d" % (ref.shape.rank, value.shape.rank)
        )
    pairs = zip(ref.shape.as_list(), value.shape.as_list())
    axis = next(i for i, (a, b) in enumerate(pairs) if a is not None and b is not None and a != b)
    raise ShapeError(
        "Dimension %d in both shapes must be equal, but are %d and %d. Shapes are %s "
        "and %s."
        % (axis, ref.shape[axis], value.shape[axis], ref.shape.proto_str(), value.shape.proto_str())
    )


def _assign_infer(ref, value, T, validate_shape, use_locking):
    return [(ref.dtype, _same_shape(ref, value) if validate_shape else value.shape)]


def _update_infer(ref, value, T, use_locking):
    return [(ref.dtype, _same_shape(ref, value))]


# A TF1 reference variable; its output is the variable itself.
register_op(
    "VariableV2",
    [],
    lambda shape, dtype, container, shared_name: [(dtype._as_ref, shape)],
    lambda storage, **attrs: storage,
    make_state=_storage,
    stateful=True,
)
# Stores `value` in the variable `ref`.
register_op(
    "Assign",
    ["ref", "value"],
    _assign_infer,
    _assign,
    same_dtype=True,
    ref_inputs=(0,),
    stateful=True,
)
# Adds `value` to the variable `ref`.
register_op(
    "AssignAdd",
    ["ref", "value"],
    _update_infer,
    _assign_add,
    same_dtype=True,
    ref_inputs=(0,),
    stateful=True,
)
# Subtracts `value` from the variable `ref`.
register_op(
    "AssignSub",
    ["ref", "value"],
    _update_infer,
    _assign_sub,
    same_dtype=True,
    ref_inputs=(0,),
    stateful=True,
)
# Whether the variable `ref` has a value in this session.
register_op(
    "IsVariableInitialized",
    ["ref"],
    lambda ref, dtype: [(dtypes.bool_, TensorShape([]))],
    lambda ref, dtype: np.asarray(ref.value is not None),
    ref_inputs=(0,),
    stateful=True,
    type_attr=None,
)


def _slice_assign(ref, begin, end, strides, value, **masks):
    ref.write_owned(assign_strided_slice(ref.read(), begin, end, strides, value, **masks))
    return ref


def _slice_assign_infer(ref, *args, **masks):
    slice_assign_infer(ref, *args, **masks)
    return [(ref.dtype, ref.shape)]


# `v[1:3].assign(x)`: stores `value` in a slice of the variable; the slice's own begin, end and
# strides are inputs, as TF's op takes them.
register_op(
    "StridedSliceAssign",
    ["ref", "begin", "end", "strides", "value"],
    _slice_assign_infer,
    _slice_assign,
    ref_inputs=(0,),
    stateful=True,
    type_input=4,
)

# As TF's state_grad.py: backprop stops at an assignment; the rest have no gradient in TF.
for _op_type in ("Assign", "AssignAdd", "AssignSub"):
    not_differentiable(_op_type)
for _op_type in ("VariableV2", "IsVariableInitialized", "StridedSliceAssign"):
    no_gradient_in_tensorflow(_op_type)


# -- the op functions (TF's state_ops) ------------------------------------------------------------
def variable_op_v2(shape, dtype, name="Variable", container="", shared_name=""):
    return apply_op(
        "VariableV2",
        [],
        {
            "shape": TensorShape(shape),
            "dtype": dtype.base_dtype,
            "container": container,
            "shared_name": shared_name,
        },
        name,
    )


def assign(ref, value, validate_shape=None, use_locking=None, name=None):
    """An Assign op: stores `value` in the variable `ref` (a reference tensor or RefVariable);
    its output is the variable again (fetching it gives the new value)."""
    ref = _as_reference(ref)
    return apply_op(
        "Assign",
        [ref, value],
        {
            "T": ref.dtype.base_dtype,
            "validate_shape": validate_shape is not False,
            "use_locking": use_locking is not False,
        },
        name or "Assign",
    )


def assign_add(ref, value, use_locking=None, name=None):
    ref = _as_reference(ref)
    return apply_op(
        "AssignAdd",
        [ref, value],
        {"T": ref.dtype.base_dtype, "use_locking": bool(use_locking)},
        name or "AssignAdd",
    )


def assign_sub(ref, value, use_locking=None, name=None):
    ref = _as_reference(ref)
    return apply_op(
        "AssignSub",
        [ref, value],
        {"T": ref.dtype.base_dtype, "use_locking": bool(use_locking)},
        name or "AssignSub",
    )


def is_variable_initialized(ref, name=None):
    ref = _as_reference(ref)
    return apply_op(
        "IsVariableInitialized",
        [ref],
        {"dtype": ref.dtype.base_dtype},
        name or "IsVariableInitialized",
    )


def _as_reference(ref):
    return ref._ref() if isinstance(ref, RefVariable) else ref


# -- the Python objects: tf.compat.v1.Variable, and the reference variable it may make ----------
class VariableV1(Variable):
    """`tf.compat.v1.Variable`: a reference variable (RefVariable, below) where TensorFlow
    makes one, else a resource variable (learntf/ops/variables.py).  (`tf.Variable`, TF2's, is
    always a resource variable, even under disable_v2_behavior(), as in TensorFlow.)"""

    def __new__(cls, *args, **kwargs):
        if cls is VariableV1 and makes_reference_variable(kwargs.get("use_resource")):
            return object.__new__(RefVariable)
        return object.__new__(cls)


def makes_reference_variable(use_resource=None):
    """Whether a variable made now is a TF1 reference variable, as TF decides: not when
    `use_resource` (or the variable scope's use_resource) says so, not in eager execution or
    in tf.function, else when resource variables are off (disable_v2_behavior())."""
    if context.executing_eagerly() or current_func_graph() is not None:
        return False
    if use_resource is None:
        store = get_default_graph()._variable_store
        use_resource = None if store is None else store.scope.use_resource
    if use_resource is None:
        use_resource = context.context.resource_variables
    return not use_resource


class RefVariable(VariableV1):
    """A TF1 reference variable: `tf.compat.v1.Variable` in a graph under TF1 behaviour."""

    def __init__(
        self,
        initial_value=None,
        trainable=None,
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
            raise ValueError("initial_value must be specified.")
        if collections is None:
            collections = [GraphKeys.GLOBAL_VARIABLES]
        if not isinstance(collections, (list, tuple, set)):
            raise ValueError(
                "collections argument to Variable constructor must be a list, "
                "tuple, or set. Got %s of type %s" % (collections, type(collections))
            )
        if context.executing_eagerly():
            raise RuntimeError(
                "Reference variables are not supported when eager execution is "
                "enabled. Please run `tf.compat.v1.enable_resource_variables()` "
                "to switch to resource variables."
            )
        self._trainable = True if trainable is None else bool(trainable)
        self._constraint = constraint
        self._eager = False
        self._creation_index = next(_CREATION_ORDER)
        with name_scope(name, "Variable") as scope:
            if callable(initial_value):
                with name_scope("Initializer"):
                    initial = convert_to_tensor(initial_value(), dtype=dtype, name="initial_value")
            else:
                initial = convert_to_tensor(initial_value, dtype=dtype, name="initial_value")
            if shape is None:
                shape = initial.shape if validate_shape else TensorShape(None)
            self._variable = variable_op_v2(shape, initial.dtype, name=scope)
            if validate_shape and not initial.shape.is_fully_defined():
                raise ValueError("initial_value must have a shape specified: %s" % initial)
            self._initializer_op = assign(self._variable, initial, validate_shape=validate_shape).op

            self._snapshot = identity(self._variable, name="read")
            self._snapshot.op._device = self._variable.op.device  # (TF colocates it)
        self._initial_value = initial
        collections = list(collections)
        if self._trainable and GraphKeys.TRAINABLE_VARIABLES not in collections:
            collections.append(GraphKeys.TRAINABLE_VARIABLES)
        get_default_graph().add_to_collections(collections, self)

    @classmethod
    def _from_ops(cls, variable, initializer_op, snapshot, initial_value=None, trainable=True):
        """A RefVariable for ops already in a graph (tf.train.import_meta_graph), as TF's
        `_init_from_proto` makes it; the graph is not changed."""
        self = cls.__new__(cls)
        self._trainable, self._constraint, self._eager = bool(trainable), None, False
        self._creation_index = next(_CREATION_ORDER)
        self._variable, self._initializer_op = variable, initializer_op
        self._snapshot, self._initial_value = snapshot, initial_value
        return self

    # -- what it is ---------------------------------------------------------------------------
    @property
    def name(self):
        return self._variable.name

    @property
    def op(self):
        return self._variable.op

    @property
    def graph(self):
        return self._variable.graph

    @property
    def dtype(self):
        return self._variable.dtype

    @property
    def shape(self):
        return self._variable.shape

    def get_shape(self):
        return self._variable.shape

    def set_shape(self, shape):
        self._variable.set_shape(shape)
        self._snapshot.set_shape(shape)

    @property
    def handle(self):
        raise AttributeError("'RefVariable' object has no attribute 'handle'")

    @property
    def _shared_name(self):
        return self.name[: self.name.index(":")]

    @property
    def constraint(self):
        return self._constraint

    def _ref(self):
        """The variable itself, `w:0`: what Assign and the optimizers' Apply ops take."""
        return self._variable

    def _as_graph_element(self):
        return self._variable

    # -- reading ------------------------------------------------------------------------------
    def value(self):
        """The snapshot `w/read:0` that ops use to read the variable."""
        return self._snapshot

    def read_value(self):
        """A new read of the variable, `read` in the current name scope."""
        return identity(self._variable, name="read")

    def initialized_value(self):
        """The value once initialized: the variable if it is, else its initial value."""
        with get_default_graph().control_dependencies(None):  # TF's init_scope
            return cond(is_variable_initialized(self), self.read_value, lambda: self._initial_value)

    def is_initialized(self, name=None):
        raise AttributeError("'RefVariable' object has no attribute 'is_initialized'")

    def eval(self, session=None):
        return self._variable.eval(session=session)

    def numpy(self):
        raise AttributeError(
            "'RefVariable' object has no attribute 'numpy'\n(learntf: in "
            "graph mode use sess.run(v) or v.eval().)"
        )

    def load(self, value, session=None):
        session = session or get_default_session()
        _storage(self.op, session).write(value)

    # -- writing ------------------------------------------------------------------------------
    def assign(self, value, use_locking=False, name=None, read_value=True):
        """An Assign op; returns its output (the new value when fetched), or the op."""
        result = assign(self._variable, value, use_locking=use_locking, name=name)
        return result if read_value else result.op

    def assign_add(self, delta, use_locking=False, name=None, read_value=True):
        result = assign_add(self._variable, delta, use_locking=use_locking, name=name)
        return result if read_value else result.op

    def assign_sub(self, delta, use_locking=False, name=None, read_value=True):
        result = assign_sub(self._variable, delta, use_locking=use_locking, name=name)
        return result if read_value else result.op

    def _assign_slice(self, sliced, key, value):
        """`v[key].assign(value)`: TF's StridedSliceAssign, next to the slice it writes."""
        bounds, masks = slice_inputs(sliced, key)
        with name_scope(sliced.op.name + "/_assign") as scope:
            value = convert_to_tensor(value, dtype=self.dtype.base_dtype, name="value")
            return apply_op("StridedSliceAssign", [self._variable] + bounds + [value], masks, scope)

    # -- display ------------------------------------------------------------------------------
    def __repr__(self):
        return "<tf.Variable '%s' shape=%s dtype=%s>" % (self.name, self.shape, self.dtype.name)

    def __bool__(self):
        return True  # TF's RefVariable has no truth value of its own: an object is true

    def __setitem__(self, key, value):
        raise TypeError(
            "'RefVariable' object does not support item assignment\n(learntf: "
            "write v[...].assign(value) (or v.assign(new_value) for the whole "
            "variable); it is an op, which changes the variable when a session "
            "runs it.)"
        )
