"""`tf.compat.v1.train.Optimizer`: turn gradients into variable updates (lesson 05).

`optimizer.minimize(loss)` = `compute_gradients` (tf.gradients of the loss w.r.t. every
trainable variable) + `apply_gradients`, which builds, as TensorFlow 2.21 does:

    w/Momentum ...                     slot variables, made by get_variable (`w/Adam`, `w/Adam_1`)
    Momentum/learning_rate             the hyperparameters, as constants
    Momentum/update_w/ApplyMomentum    one fused update per variable (training_ops.py)
    Momentum                           a NoOp running them all: the training op

With `global_step`, the updates are grouped into `<name>/update` and the training op is an
AssignAdd of the step, run after them.  A TF1 reference variable gets `Apply<Kind>` on its
`w:0`; a resource variable `ResourceApply<Kind>` on its handle, each with slots of its kind.
"""

from learntf import dtypes
from learntf.framework import context
from learntf.framework.apply import apply_op
from learntf.framework.constant_op import convert_to_tensor
from learntf.framework.graph import GraphKeys, Tensor, get_default_graph, name_scope
from learntf.ops import control_flow_ops, init_ops, ref_variable, state_ops, variable_scope
from learntf.ops.gradients_util import gradients
from learntf.ops.math_ops import cast
from learntf.trackable.base import Trackable
from learntf.train import training_ops  # noqa: F401  (registers Apply* and ResourceApply*)

_VALID_DTYPES = (
    dtypes.float16,
    dtypes.float32,
    dtypes.float64,
    dtypes.complex64,
    dtypes.complex128,
)


class Optimizer(Trackable):
    """Base class: compute_gradients, apply_gradients, minimize, slot variables.

    In eager mode it is trackable, as TF's is: a `tf.train.Checkpoint` saves its own variables
    (Adam's `beta1_power`) as its children, and each slot under the variable it belongs to,
    `<variable path>/.OPTIMIZER_SLOT/<optimizer path>/<slot name>` (see
    learntf/train/trackable_object_graph.py).
    """

    GATE_NONE, GATE_OP, GATE_GRAPH = 0, 1, 2

    def __init__(self, use_locking, name):
        if not name:
            raise ValueError("Must specify the optimizer name")
        self._use_locking = use_locking
        self._name = name
        self._slots = {}  # slot name -> {variable: slot variable}
        self._non_slot_dict = {}  # (name, graph) -> variable (Adam's beta1_power, ...)

    def get_name(self):
        return self._name

    # -- the three steps --------------------------------------------------------------------
    def minimize(
        self,
        loss,
        global_step=None,
        var_list=None,
        gate_gradients=GATE_OP,
        aggregation_method=None,
        colocate_gradients_with_ops=False,
        name=None,
        grad_loss=None,
    ):
        """One op that takes one optimization step on `loss`."""
        grads_and_vars = self.compute_gradients(
            loss,
            var_list=var_list,
            gate_gradients=gate_gradients,
            aggregation_method=aggregation_method,
            colocate_gradients_with_ops=colocate_gradients_with_ops,
            grad_loss=grad_loss,
        )
        if not [v for g, v in grads_and_vars if g is not None]:
            raise ValueError(
                "No gradients provided for any variable, check your graph for ops that do not "
                "support gradients, between variables %s and loss %s."
                % ([str(v) for _, v in grads_and_vars], loss)
            )
        return self.apply_gradients(grads_and_vars, global_step=global_step, name=name)

    def compute_gradients(
        self,
        loss,
        var_list=None,
        gate_gradients=GATE_OP,
        aggregation_method=None,
        colocate_gradients_with_ops=False,
        grad_loss=None,
    ):
        """[(gradient, variable)] for every trainable variable (gradient None if unused)."""
        if context.executing_eagerly():
            raise RuntimeError(
                "`loss` passed to Optimizer.compute_gradients should be a function "
                "when eager execution is enabled.\n" + context.GRAPH_MODE_HINT
            )
        if gate_gradients not in (self.GATE_NONE, self.GATE_OP, self.GATE_GRAPH):
            raise ValueError(
                "gate_gradients must be one of: Optimizer.GATE_NONE, "
                "Optimizer.GATE_OP, Optimizer.GATE_GRAPH.  Not %s" % gate_gradients
            )
        _assert_valid_dtypes([loss] + ([grad_loss] if grad_loss is not None else []))
        var_list = state_ops.trainable_variables() if var_list is None else list(var_list)
        if not var_list:
            raise ValueError("No variables to optimize.")
        grads = gradients(
            loss,
            var_list,
            grad_ys=grad_loss,
            gate_gradients=gate_gradients == self.GATE_OP,
            aggregation_method=aggregation_method,
            colocate_gradients_with_ops=colocate_gradients_with_ops,
        )
        if gate_gradients == self.GATE_GRAPH:  # no update before every gradient is computed
            grads = control_flow_ops.tuple(grads)
        grads_and_vars = list(zip(grads, var_list))
        _assert_valid_dtypes([v for g, v in grads_and_vars if g is not None])
        return grads_and_vars

    def apply_gradients(self, grads_and_vars, global_step=None, name=None):
        """One op applying every (gradient, variable) pair, then bumping global_step."""
        grads_and_vars = tuple((_as_gradient(g), v) for g, v in grads_and_vars)
        if not grads_and_vars:
            raise ValueError("No variables provided.")
        var_list = [v for g, v in grads_and_vars if g is not None]
        if not var_list:
            raise ValueError(
                "No gradients provided for any variable: %s."
                % ([str(v) for _, v in grads_and_vars],)
            )
        with get_default_graph().control_dependencies(None):  # TF's init_scope
            self._create_slots(var_list)
        with name_scope(name, self._name) as scope:
            self._prepare()
            update_ops = []
            for grad, var in grads_and_vars:
                if grad is not None:
                    with name_scope(
                        "update_" + ("" if context.executing_eagerly() else var.op.name)
                    ):
                        update_ops.append(self._update(grad, var))
            if global_step is None:
                train_op = self._finish(update_ops, scope)
            else:
                with get_default_graph().control_dependencies([self._finish(update_ops, "update")]):
                    train_op = _bump(global_step, scope)
        if not context.executing_eagerly():
            train_ops = get_default_graph().get_collection_ref(GraphKeys.TRAIN_OP)
            if train_op not in train_ops:
                train_ops.append(train_op)
        return train_op

    def _update(self, grad, var):
        """The update of one variable, then its constraint (as TF's processors do)."""
        update = self._apply_dense(grad, var)
        constraint = getattr(var, "constraint", None)
        if constraint is None:
            return update
        with get_default_graph().control_dependencies([update]):
            return var.assign(constraint(var))

    # -- subclasses fill these in -----------------------------------------------------------
    def _create_slots(self, var_list):
        pass

    def _prepare(self):
        pass

    def _apply_dense(self, grad, var):
        raise NotImplementedError

    def _finish(self, update_ops, name_scope_name):
        return control_flow_ops.group(*update_ops, name=name_scope_name)

    def _apply(self, kind, var, slots, inputs, **attrs):
        """`Apply<kind>` (reference variable) or `ResourceApply<kind>` (resource variable) on
        `var` and its `slots`, then `inputs`; returns the op."""
        attrs = dict(T=var.dtype.base_dtype, use_locking=bool(self._use_locking), **attrs)
        targets = [var] + list(slots)
        if var.dtype._is_ref_dtype:
            return apply_op(
                "Apply" + kind, [v._ref() for v in targets] + inputs, attrs, "Apply" + kind
            ).op
        return apply_op(
            "ResourceApply" + kind,
            [v.handle for v in targets] + inputs,
            attrs,
            "ResourceApply" + kind,
        )

    # -- slots ------------------------------------------------------------------------------
    def _zeros_slot(self, var, slot_name, op_name):
        """The slot `slot_name` of `var`, made once: zeros, named `<var>/<op_name>`."""
        return self._slot(var, slot_name, op_name, init_ops.zeros_initializer())

    def _get_or_make_slot_with_initializer(
        self, var, initializer, shape, dtype, slot_name, op_name
    ):
        return self._slot(var, slot_name, op_name, initializer)

    def _slot(self, var, slot_name, op_name, initializer):
        slots = self._slots.setdefault(slot_name, {})
        if var not in slots:
            slots[var] = _create_slot(var, initializer, op_name)
        return slots[var]

    def get_slot(self, var, name):
        return self._slots.get(name, {}).get(var)

    def get_slot_names(self):
        return sorted(self._slots)

    def _create_non_slot_variable(self, initial_value, name, colocate_with):
        """A variable of the optimizer itself (Adam's beta1_power), one per graph."""
        key = (name, _graph_of(colocate_with))
        if key not in self._non_slot_dict:
            self._non_slot_dict[key] = ref_variable.VariableV1(
                initial_value,
                name=name,
                trainable=False,
                use_resource=not colocate_with.dtype._is_ref_dtype,
            )
            if key[1] is None:  # eager: a checkpoint child, maybe awaited by a restore
                self._handle_deferred_dependencies(name, self._non_slot_dict[key])
        return self._non_slot_dict[key]

    def _trackable_children(self):
        """The optimizer's own eager variables, by name (its slots are saved separately)."""
        return {name: v for (name, graph), v in self._non_slot_dict.items() if graph is None}

    def _create_or_restore_slot_variable(self, variable, slot_name):
        """The slot `slot_name` of `variable`, made now if a checkpoint holds a value for it
        (TF creates slots at restore time in eager mode, so their values are not lost)."""
        return self._zeros_slot(variable, slot_name, self._name)

    def _get_non_slot_variable(self, name, graph=None):
        return self._non_slot_dict.get((name, graph or _graph_of(None)))

    def variables(self):
        """The optimizer's variables in the default graph (slots and non-slots), by name."""
        graph = _graph_of(None)
        found = [v for (_, g), v in self._non_slot_dict.items() if g is graph]
        found += [
            v for slots in self._slots.values() for v in slots.values() if _graph_of(v) is graph
        ]
        return sorted(found, key=lambda v: v.name)


def _create_slot(var, initializer, op_name):
    """A slot variable as TF's slot_creator makes it: get_variable in a variable scope named
    after the variable (`w/Momentum`, then `w/Momentum_1` for a second one), not trainable,
    of the variable's kind (reference or resource)."""
    with variable_scope.variable_scope(None, var._shared_name + "/" + op_name):
        return variable_scope.get_variable(
            "",
            shape=var.shape,
            dtype=var.dtype.base_dtype,
            initializer=initializer,
            trainable=False,
            use_resource=not var.dtype._is_ref_dtype,
        )


def _graph_of(variable):
    """The graph a variable (or, for None, a new one) lives in; None in eager execution."""
    if context.executing_eagerly():
        return None
    return variable.graph if variable is not None else get_default_graph()


def _bump(global_step, scope):
    """The training op with a global step: `<scope>` adds 1 to the step."""
    if global_step.dtype._is_ref_dtype:
        return state_ops.assign_add(global_step, 1, name=scope).op
    one = convert_to_tensor(1, dtype=global_step.dtype)
    return apply_op(
        "AssignAddVariableOp", [global_step.handle, one], {"dtype": global_step.dtype}, scope
    )


def _as_gradient(grad):
    if grad is None or isinstance(grad, Tensor):
        return grad
    try:
        return convert_to_tensor(grad)
    except (TypeError, ValueError):
        raise TypeError(
            "Gradient must be convertible to a Tensor or IndexedSlices, or None: %s" % (grad,)
        ) from None


def _assert_valid_dtypes(tensors):
    for t in tensors:
        dtype = t.dtype.base_dtype
        if dtype not in _VALID_DTYPES:
            raise ValueError(
                "Invalid type %r for %s, expected: %s." % (dtype, t.name, list(_VALID_DTYPES))
            )


def cast_to(value, var):
    """`value` (a tensor or a variable) in the dtype of `var`'s values, as TF's math_ops.cast:
    unchanged when it has that dtype already (a variable is then read by the op that takes it,
    inside that op's name scope)."""
    if value.dtype.base_dtype is var.dtype.base_dtype:
        return value
    return cast(value, var.dtype.base_dtype)
