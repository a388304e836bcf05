"""TF's state ops on variables: `tf.compat.v1.assign` and its kin, the initializer ops
(`global_variables_initializer`), `report_uninitialized_variables`, and `v[i].assign(x)`.

They build on the core's variables (ops/variables.py) with the op library's group, stack and
slicing, so they live here, outside the core, as TF keeps them in state_ops.py and beside the
variables; a TF1 reference variable's ops come from ops/ref_variable.py.
"""

from learntf import dtypes
from learntf.framework import context
from learntf.framework.apply import apply_op
from learntf.framework.constant_op import convert_to_tensor
from learntf.framework.graph import GraphKeys, get_default_graph, name_scope
from learntf.framework.op_registry import no_gradient_in_tensorflow, register_op
from learntf.ops import array_ops, mask_ops, math_ops, ref_variable, variables
from learntf.ops.array_ops import assign_strided_slice, slice_assign_infer, slice_inputs
from learntf.ops.control_flow_ops import group, no_op


# -- v[key].assign(value) --------------------------------------------------------------------
def _slice_assign(handle, begin, end, strides, value, **masks):
    handle.write_owned(assign_strided_slice(handle.read(), begin, end, strides, value, **masks))


register_op(
    "ResourceStridedSliceAssign",
    ["ref", "begin", "end", "strides", "value"],
    slice_assign_infer,
    _slice_assign,
    num_outputs=0,
    stateful=True,
    type_input=4,
)
no_gradient_in_tensorflow("ResourceStridedSliceAssign")


def _assign_slice(self, sliced, key, value):
    """`v[key].assign(value)`: TF's ResourceStridedSliceAssign, next to the slice it
    writes (`strided_slice/_assign`), with the slice's own begin, end and strides."""
    bounds, masks = slice_inputs(sliced, key)
    value = convert_to_tensor(value, dtype=self._dtype)  # "Const", outside the op, as TF
    name = "StridedSliceAssign" if context.executing_eagerly() else sliced.op.name + "/_assign"
    assign_op = apply_op(
        "ResourceStridedSliceAssign", [self._handle] + bounds + [value], masks, name
    )
    return self._after_write(assign_op, read_value=True)


variables.Variable._assign_slice = _assign_slice  # (ref_variable.RefVariable has its own)


# -- the variables of the default graph (TF1's collections) -------------------------------------
def global_variables(scope=None):
    return get_default_graph().get_collection(GraphKeys.GLOBAL_VARIABLES, scope)


all_variables = global_variables


def trainable_variables(scope=None):
    return get_default_graph().get_collection(GraphKeys.TRAINABLE_VARIABLES, scope)


def local_variables(scope=None):
    return get_default_graph().get_collection(GraphKeys.LOCAL_VARIABLES, scope)


# -- initializers and assignments ------------------------------------------------------------
def variables_initializer(var_list, name="init"):
    """One op that runs the initializer of every variable in `var_list`."""
    if var_list:
        return group(*[v.initializer for v in var_list], name=name)
    return no_op(name=name)


def global_variables_initializer():
    """The `init` op: running it initializes every global variable (in this session)."""
    return variables_initializer(global_variables())


initialize_all_variables = global_variables_initializer


def local_variables_initializer():
    return variables_initializer(local_variables())


def assign(ref, value, validate_shape=None, use_locking=None, name=None):
    """`tf.assign`: an op that sets the variable; fetching it gives the new value.  For a TF1
    reference (a RefVariable or its `w:0`) an Assign op with TF's defaults (validate_shape and
    use_locking true), for a resource variable `ref.assign(value)`."""
    if _is_reference(ref):
        return ref_variable.assign(ref, value, validate_shape, use_locking, name)
    return _as_variable(ref, "assign").assign(value, name=name)


def assign_add(ref, value, use_locking=None, name=None):
    if _is_reference(ref):
        return ref_variable.assign_add(ref, value, use_locking, name)
    return _as_variable(ref, "assign_add").assign_add(value, name=name)


def assign_sub(ref, value, use_locking=None, name=None):
    if _is_reference(ref):
        return ref_variable.assign_sub(ref, value, use_locking, name)
    return _as_variable(ref, "assign_sub").assign_sub(value, name=name)


def is_variable_initialized(variable):
    """A bool tensor: whether `variable` has a value in the session that runs it."""
    if _is_reference(variable):
        return ref_variable.is_variable_initialized(variable)
    return _as_variable(variable, "is_variable_initialized").is_initialized()


def _is_reference(ref):
    dtype = getattr(ref, "dtype", None)
    return isinstance(dtype, dtypes.DType) and dtype._is_ref_dtype


def _as_variable(ref, what):
    if not isinstance(ref, variables.Variable):
        raise TypeError(
            "tf.%s needs a tf.Variable as its first argument, got %r. (A tensor "
            "is the result of a computation and cannot be changed.)" % (what, ref)
        )
    return ref


def report_uninitialized_variables(var_list=None, name="report_uninitialized_variables"):
    """A string tensor: the names of the variables in `var_list` (default: all global and local
    variables) that have no value yet in the session that runs it.  As TF builds it: one
    is-initialized op per variable, stacked, negated, and used as a boolean mask on the names."""
    if var_list is None:
        var_list = global_variables() + local_variables()
    with name_scope(name):
        if not var_list:  # (an empty answer means "ready")
            return array_ops.constant([], dtype=dtypes.string)
        initialized = [is_variable_initialized(v) for v in var_list]
        uninitialized = math_ops.logical_not(array_ops.stack(initialized))
        names = array_ops.constant([v.op.name for v in var_list])
        return mask_ops.boolean_mask(names, uninitialized)
