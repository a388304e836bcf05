"""`tf.while_loop` as TensorFlow 2 builds it: one `While` op (TF's while_v2).

**Eager mode** has nothing to build: `tf.while_loop` is a Python loop, `while cond(*vars):
vars = body(*vars)`, and a GradientTape records the ops of every iteration as it would any
other ops.

**In a graph** (a tf.function, or a TF 2 program in a tf.Graph) the condition and the body are
traced once each into function graphs of their own (ops/control_flow_util.py), and the graph
gets one op, `While`, whose kernel runs them: the cond function on the loop values, and while
it says true, the body function to get the next values.  Like TF, the loop variables are
flattened (learntf.nest; a TensorArray becomes its `flow` tensor) and two are put in front:
a loop counter and `maximum_iterations` (-1 when not given), so the op's inputs are

    [loop_counter, maximum_iterations, *flat loop vars, *tensors the cond and body captured]

and its outputs the same list after the last iteration.  Both functions take all of them (the
cond gets an unused placeholder for each tensor only the body captured); the body passes the
captured tensors through unchanged.  The op is `StatelessWhile` when neither function has a
stateful op (a variable read or write, a random op), `While` otherwise, as in TF.  In a TF 1
graph each output then goes through an `Identity` (`while/Identity`, `while/Identity_1`...).

A loop variable must keep its dtype, and its shape (or a less specific shape given in
`shape_invariants`): the body graph's outputs are checked against its inputs when the loop is
built, with TF's words.

**Gradients** (`_while_grad`), as TF's while_v2 does them: the backward pass is another While
loop, running as many iterations as the forward one did (its counter output), whose body is the
gradient graph of the forward body.  That graph needs values the forward iterations computed
(the `p` of `d(p * x)/dx = p`), one per iteration: the forward body is rewritten to push each of
them onto a TensorList accumulator (`EmptyTensorList` before the loop, `TensorListPushBack` in
the body), the forward op gets the accumulators as new inputs and outputs, and the gradient
body pops them (`TensorListPopBack`) in reverse order.  Tensors that do not change in the loop
(captured ones) are read directly.

A second derivative rewrites the backward loop the same way, and a later gradient of the same
loop reuses the accumulators an earlier one made.

learntf differs from TensorFlow in four places:

* after `tf.compat.v1.disable_v2_behavior()`, TF builds TF 1's control flow (`Enter`, `Merge`,
  `Switch`, `LoopCond`, `NextIteration`, `Exit`, with `StackPushV2`/`StackPopV2` for gradients;
  tests/data/tf_while_loops.json records them); learntf builds the same While op there as
  everywhere else;
* TF cannot run a gradient built after a Session already ran the forward loop (the Session
  keeps the op as it was: "Connecting to invalid output 5 of source node while which has 5
  outputs"); learntf's Session plans the rewritten op afresh and runs it;
* with two GradientTapes watching a loop in a tf.function (a second derivative), TF builds the
  While inside a function call (PartitionedCall) so the outer tape sees the accumulators;
  learntf builds the While and tells the tapes of its new outputs;
* TF builds the Shape (Size, Rank...) ops a gradient takes of forward values inside the forward
  loop, and accumulates the shapes; learntf takes the shapes of the values it pops.
"""

import itertools

from learntf import dtypes, errors, nest
from learntf.eager.func_graph import FuncGraph, TensorSpec
from learntf.framework import context
from learntf.framework.apply import apply_op
from learntf.framework.constant_op import constant, convert_to_tensor
from learntf.framework.graph import Tensor, get_default_graph, name_scope
from learntf.framework.op_registry import register_gradient, register_op
from learntf.framework.tensor_shape import TensorShape
from learntf.nest_compare import assert_same_structure
from learntf.ops import control_flow_util, list_ops

_function_ids = itertools.count(1)  # (TF's ops.uid(): function names are unique)


# -- the ops -----------------------------------------------------------------------------------
def _while_infer(*inputs, T, output_shapes, **unused_attrs):
    return list(zip(T, output_shapes))


def _while_kernel(*values, cond, body, **unused_attrs):
    """Run the body function while the cond function says true; the last values come out."""
    predicate = cond.outputs[0].dtype
    if predicate is not dtypes.bool_:  # (TF fails when it runs the loop, not when it builds it)
        raise errors.InvalidArgumentError(
            None,
            None,
            "Input 'input' passed %s expected bool while building NodeDef 'LoopCond' using "
            "Op<name=LoopCond; signature=input:bool -> output:bool>\n(learntf: the loop's cond "
            "must return a boolean, e.g. x > 0 rather than x.)" % predicate.name,
        )
    values = list(values)
    while cond.run_values(values)[0]:
        values = list(body.run_values(values))
    return values


for _op_type in ("While", "StatelessWhile"):
    register_op(
        _op_type,
        ["input*"],
        _while_infer,
        _while_kernel,
        num_outputs=None,
        stateful=_op_type == "While",
        type_attr=None,
    )


# -- tf.while_loop -----------------------------------------------------------------------------
def while_loop(
    cond,
    body,
    loop_vars,
    shape_invariants=None,
    parallel_iterations=10,
    back_prop=True,
    swap_memory=False,
    maximum_iterations=None,
    name=None,
):
    """Repeat `body` while `cond` is true: tf.while_loop, which returns the loop variables'
    last values in their structure."""
    return _while_loop(
        cond,
        body,
        loop_vars,
        shape_invariants,
        parallel_iterations,
        back_prop,
        maximum_iterations,
        name,
        return_same_structure=True,
    )


def _while_loop(
    cond,
    body,
    loop_vars,
    shape_invariants,
    parallel_iterations,
    back_prop,
    maximum_iterations,
    name,
    return_same_structure,
):
    """TF's while_loop: checks, then a Python loop (eager) or a While op (graph)."""
    if not callable(cond):
        raise TypeError(
            "'cond' must be callable.\n(learntf: pass a function of the loop variables that "
            "returns a boolean, e.g. lambda i: i < 10.)"
        )
    if not callable(body):
        raise TypeError(
            "'body' must be callable.\n(learntf: pass a function of the loop variables that "
            "returns their next values, e.g. lambda i: (i + 1,).)"
        )
    if parallel_iterations < 1:
        raise TypeError(
            "'parallel_iterations' must be a positive integer.\n(learntf: leave it at its "
            "default, 10; it only says how many iterations TF may run at once.)"
        )
    loop_vars = nest.map_structure(_variable_to_tensor, loop_vars)
    if not context.executing_eagerly():
        return _build_while(
            cond,
            body,
            loop_vars,
            shape_invariants,
            parallel_iterations,
            maximum_iterations,
            name,
            return_same_structure,
            back_prop,
        )
    return _eager_while(cond, body, loop_vars, maximum_iterations, return_same_structure)


def _variable_to_tensor(value):
    """A variable used as a loop variable stands for its value (TF's
    convert_variables_to_tensors)."""
    if hasattr(value, "assign") and hasattr(value, "read_value"):
        return convert_to_tensor(value)
    return value


def _eager_while(cond, body, loop_vars, maximum_iterations, return_same_structure):
    """TF's eager tf.while_loop: a Python loop (and a counter for maximum_iterations)."""
    if not loop_vars:
        raise ValueError(
            "'loop_vars' must be provided.\n(learntf: give the loop at least one variable, "
            "e.g. [tf.constant(0)].)"
        )
    try_to_pack = len(loop_vars) == 1 and not return_same_structure
    if maximum_iterations is not None:
        maximum_iterations = convert_to_tensor(maximum_iterations)
        if maximum_iterations.shape.rank != 0:
            raise ValueError(
                "'maximum_iterations' must be a scalar. Received shape: %s\n(learntf: give one "
                "number, the most iterations the loop may run.)" % maximum_iterations.shape
            )
        limit, user_cond, user_body = int(maximum_iterations.numpy()), cond, body
        if try_to_pack:
            loop_vars = (0, loop_vars[0])
            cond = lambda i, lv: i < limit and bool(user_cond(lv))  # noqa: E731
            body = lambda i, lv: (i + 1, user_body(lv))  # noqa: E731
        else:
            loop_vars = (0, loop_vars)
            cond = lambda i, lv: i < limit and bool(user_cond(*lv))  # noqa: E731
            body = lambda i, lv: (i + 1, user_body(*lv))  # noqa: E731
        try_to_pack = False
    packed = False
    structure = list(loop_vars)
    while cond(*loop_vars):
        loop_vars = body(*loop_vars)
        if try_to_pack and not isinstance(loop_vars, (list, tuple)):
            packed = True
            loop_vars = (loop_vars,)
        assert_same_structure(structure, list(loop_vars))
    loop_vars = nest.map_structure(_as_eager_result, loop_vars)
    if maximum_iterations is not None:
        return loop_vars[1]
    return loop_vars[0] if packed else loop_vars


def _as_eager_result(value):
    return value if _is_tensor_array(value) else convert_to_tensor(value)


def _build_while(
    cond,
    body,
    loop_vars,
    shape_invariants,
    parallel_iterations,
    maximum_iterations,
    name,
    return_same_structure,
    back_prop,
):
    """TF's while_v2.while_loop: trace cond and body, build the While op."""
    orig_loop_vars = loop_vars
    flat_orig_loop_vars = nest.flatten(orig_loop_vars)
    len(orig_loop_vars)  # (TF's first use of loop_vars: a lone tensor fails here, in TF's words)
    loop_vars = nest.map_structure(_to_flow_or_tensor, loop_vars)
    if shape_invariants is not None:
        assert_same_structure(loop_vars, shape_invariants, check_types=False)
        signature = nest.map_structure(_spec_with_invariant, loop_vars, shape_invariants)
    else:
        signature = nest.map_structure(lambda t: TensorSpec(t.shape, t.dtype), loop_vars)
    flat_signature = nest.flatten(signature)
    flat_loop_vars = nest.flatten(loop_vars)
    in_function = isinstance(get_default_graph(), FuncGraph)

    with name_scope(name or "while") as scope:
        prefix = scope.rstrip("/").replace("/", "_")
        limit = convert_to_tensor(
            maximum_iterations if maximum_iterations is not None else -1,
            dtype=dtypes.int32,
            name="maximum_iterations",
        )
        counter = constant(0, dtype=limit.dtype, name="loop_counter")
        specs = [TensorSpec([], limit.dtype), TensorSpec([], limit.dtype), *flat_signature]
        names = ["loop_counter", "maximum_iterations"] + ["Placeholder"] * len(flat_signature)

        def wrapped_cond(loop_counter, maximum_iterations_arg, *args):
            pred = cond(*_pack_sequence_as(signature, flat_orig_loop_vars, args))
            if isinstance(pred, Tensor) and (pred.shape.rank is None or pred.shape.rank > 0):
                pred = apply_op("Squeeze", [pred], {"squeeze_dims": []}, "Squeeze")
            if maximum_iterations is None:
                return pred
            less = apply_op("Less", [loop_counter, maximum_iterations_arg], {}, "Less")
            return apply_op("LogicalAnd", [less, pred], {}, "LogicalAnd")

        cond_fn = control_flow_util.trace_function(
            "%s_cond_%d" % (prefix, next(_function_ids)), wrapped_cond, specs, names
        )

        def wrapped_body(loop_counter, maximum_iterations_arg, *args):
            graph = get_default_graph()
            for outer in cond_fn.captured_inputs:  # (the cond's captures first, in its order)
                graph.capture(outer)
            outputs = body(*_pack_sequence_as(signature, flat_orig_loop_vars, args))
            if not nest.is_nested(outputs):
                outputs = [outputs]
            # (TF's legacy rule: a list and a tuple are the same structure here)
            assert_same_structure(outputs, orig_loop_vars, check_types=False)
            outputs = nest.map_structure(_to_flow, outputs)
            next_counter = apply_op("AddV2", [loop_counter, 1], {}, "add")
            return [next_counter, maximum_iterations_arg] + list(nest.flatten(outputs))

        body_fn = control_flow_util.trace_function(
            "%s_body_%d" % (prefix, next(_function_ids)), wrapped_body, specs, names
        )
        captured = body_fn.captured_inputs
        for outer in captured[len(cond_fn.captured_inputs) :]:  # (unused in the cond)
            cond_fn.graph.capture(outer)
        body_fn.outputs.extend(p for _, p in body_fn.graph.captures)
        inputs = [counter, limit, *flat_loop_vars, *captured]

        count = len(flat_loop_vars)
        _check_shapes_compat(
            body_fn.outputs[2 : 2 + count], [s.shape for s in flat_signature], flat_loop_vars
        )
        _check_types_match(body_fn, inputs)
        output_shapes = [t.shape for t in body_fn.outputs]
        output_shapes[2 : 2 + count] = [s.shape for s in flat_signature]
        outputs = _build_while_op(
            inputs, cond_fn, body_fn, output_shapes, parallel_iterations, scope
        )
        if not in_function:  # TF 1 graph: an Identity per output (TF's pruning needs them)
            outputs = [apply_op("Identity", [t], {}, "Identity") for t in outputs]

    loop_outputs = outputs[2 : 2 + count]
    if not back_prop:
        loop_outputs = [apply_op("StopGradient", [t], {}, "StopGradient") for t in loop_outputs]
    result = _pack_sequence_as(signature, flat_orig_loop_vars, loop_outputs)
    if return_same_structure:
        return result
    flat = nest.flatten(result)
    return flat[0] if len(flat) == 1 else result


def _build_while_op(inputs, cond_fn, body_fn, output_shapes, parallel_iterations, scope):
    stateful = control_flow_util.is_stateful(cond_fn) or control_flow_util.is_stateful(body_fn)
    attrs = {
        "T": [t.dtype for t in inputs],
        "cond": cond_fn,
        "body": body_fn,
        "output_shapes": output_shapes,
        "parallel_iterations": parallel_iterations,
        "_num_original_outputs": len(inputs),
    }
    outputs = apply_op("While" if stateful else "StatelessWhile", [inputs], attrs, scope)
    return list(outputs) if isinstance(outputs, (list, tuple)) else []


def _spec_with_invariant(tensor, shape):
    shape = shape if isinstance(shape, TensorShape) else TensorShape(shape)
    return TensorSpec(shape, tensor.dtype)


def _shape_less_than_or_equal(shape, invariant):
    """Whether `shape` fits `invariant` (TF's _ShapeLessThanOrEqual): every dimension the
    invariant knows is the same in `shape`."""
    if invariant.rank is None:
        return True
    if shape.rank != invariant.rank:
        return False
    return all(b is None or a == b for a, b in zip(shape.as_list(), invariant.as_list()))


def _check_shapes_compat(outputs, invariants, loop_vars):
    for output, invariant, loop_var in zip(outputs, invariants, loop_vars):
        if not _shape_less_than_or_equal(output.shape, invariant):
            raise ValueError(
                "Input tensor `%s` enters the loop with shape %s, but has shape %s after one "
                "iteration. To allow the shape to vary across iterations, use the "
                "`shape_invariants` argument of tf.while_loop to specify a less-specific "
                "shape.\n(learntf: e.g. shape_invariants=[tf.TensorShape([None])] for a vector "
                "that grows, one shape per loop variable.)"
                % (loop_var.name, invariant, output.shape)
            )


def _check_types_match(body_fn, inputs):
    for placeholder, output, loop_var in zip(body_fn.inputs, body_fn.outputs, inputs):
        if placeholder.dtype is not output.dtype:
            raise TypeError(
                "Loop var %s enters the loop with type %s but has type %s after 1 iteration. "
                "%s type should remain constant.\n(learntf: make the body return the same "
                "dtype, e.g. with tf.cast(value, %r).)"
                % (loop_var.name, placeholder.dtype, output.dtype, loop_var.name, placeholder.dtype)
            )


# -- TensorArrays as loop variables: their flow tensor goes through the loop ---------------------
def _tensor_array_class():
    try:
        from learntf.ops.tensor_array_ops import TensorArray
    except ImportError:  # (no TensorArray in this learntf yet)
        return None
    return TensorArray


def _is_tensor_array(value):
    cls = _tensor_array_class()
    return cls is not None and isinstance(value, cls)


def _to_flow(value):
    return value.flow if _is_tensor_array(value) else value


def _to_flow_or_tensor(value):
    return value.flow if _is_tensor_array(value) else convert_to_tensor(value)


def _pack_sequence_as(signature, flat_orig_loop_vars, flat_values):
    """`flat_values` in the loop variables' structure, each TensorArray rebuilt on its flow."""
    values = []
    for value, original in zip(nest.flatten(list(flat_values)), flat_orig_loop_vars):
        if _is_tensor_array(original):
            from learntf.ops.tensor_array_ops import build_ta_with_new_flow

            value = build_ta_with_new_flow(original, value)
        values.append(value)
    return nest.pack_sequence_as(signature, values)


def while_loop_v1(
    cond,
    body,
    loop_vars,
    shape_invariants=None,
    parallel_iterations=10,
    back_prop=True,
    swap_memory=False,
    name=None,
    maximum_iterations=None,
    return_same_structure=False,
):
    """tf.compat.v1.while_loop: a single loop variable comes back on its own (unless
    return_same_structure=True)."""
    return _while_loop(
        cond,
        body,
        loop_vars,
        shape_invariants,
        parallel_iterations,
        back_prop,
        maximum_iterations,
        name,
        return_same_structure,
    )


# -- gradients ---------------------------------------------------------------------------------
@register_gradient("While")
@register_gradient("StatelessWhile")
def _while_grad(op, *grads):
    """The gradient of a While op: a While running the forward body's gradient graph backwards,
    once per forward iteration (TF's while_v2._WhileGrad)."""
    from learntf.ops.gradients_util import is_trainable

    skip = getattr(op, "skip_input_indices", None) or ()  # (inputs a tape needs no grad for)
    op = op.outputs[0].op  # (a GradientTape may hand over a stand-in: the op itself changes)
    cond_fn, body_fn = op.get_attr("cond"), op.get_attr("body")
    num_inputs = len(op.inputs)  # (the gradients returned: the op gets more inputs below)
    num_original = op.get_attr("_num_original_outputs")
    grads = [
        _preprocess_grad(grad, body_out, while_in)
        for grad, body_out, while_in in zip(
            grads[:num_original], body_fn.outputs[:num_original], op.inputs[:num_original]
        )
    ] + [None] * (len(op.outputs) - num_original)
    first_capture = len(body_fn.inputs) - len(body_fn.graph.captures)
    for index in skip:  # (no gradient for a captured tensor nobody asked about, as TF; an
        # accumulator's gradient still flows, for a second derivative through the tape)
        if index >= first_capture and op.outputs[index].dtype is not dtypes.variant:
            grads[index] = None
    chosen = [
        (y, x, g)
        for y, x, g in zip(body_fn.outputs, body_fn.inputs, grads)
        if g is not None and is_trainable(y)
    ]
    if not chosen:
        return [None] * num_inputs
    ys, xs, seeds = (list(column) for column in zip(*chosen))
    grads = [
        g if g is not None and is_trainable(y) else None for g, y in zip(grads, body_fn.outputs)
    ]

    outer = get_default_graph()
    maximum_iterations = op.inputs[1]
    total_iters = op.outputs[0]
    counter = constant(0, dtype=total_iters.dtype, name="grad_counter")
    args = [counter, maximum_iterations, total_iters, *seeds]
    grad_graph = _WhileBodyGradGraph(
        "%s_grad_%d" % (body_fn.graph.name, next(_function_ids)),
        cond_fn,
        body_fn,
        op,
        outer,
    )
    grad_outputs = grad_graph.build(args, ys, xs)

    if grad_graph.extra_inputs:  # the forward loop must now also fill the accumulators
        _rewrite_forward(op, cond_fn, body_fn, grad_graph)
    op._set_attr("_num_original_outputs", len(op.outputs))

    captured = grad_graph.resolve_captures(op)
    loop_vars = args + captured
    body_grad = control_flow_util.same_graph_function(grad_graph, grad_outputs)

    def grad_cond(counter, unused_maximum_iterations, forward_loop_iters, *unused_args):
        return apply_op("Less", [counter, forward_loop_iters], {}, "Less")

    cond_grad = control_flow_util.trace_function(
        "%s_grad_%d" % (cond_fn.graph.name, next(_function_ids)),
        grad_cond,
        [TensorSpec(t.shape, t.dtype) for t in loop_vars],
    )
    outputs = _build_while_op(
        loop_vars,
        cond_grad,
        body_grad,
        [t.shape for t in grad_outputs],
        op.get_attr("parallel_iterations"),
        op.name + "_grad",
    )
    outputs = [apply_op("Identity", [t], {}, "Identity") for t in outputs]
    results, position = [], 3
    for grad in grads:
        if grad is None:
            results.append(None)
        else:
            results.append(outputs[position])
            position += 1
    return results + [None] * (num_inputs - len(results))


def _preprocess_grad(grad, body_output, while_input):
    """The gradient a loop output brings in: None where no gradient flows; zeros where the
    caller gave none for a variable's handle or a list (so their gradients are computed)."""
    from learntf.ops import array_ops
    from learntf.ops.gradients_util import is_trainable

    if not is_trainable(body_output):
        return None
    if while_input.dtype is dtypes.resource and (grad is None or grad.dtype is dtypes.resource):
        shape = body_output.graph.resource_shapes.get(body_output)
        if shape is None:
            return None
        return array_ops.zeros(shape.as_list(), dtype=_variable_dtype(body_output))
    if grad is None and while_input.dtype is dtypes.variant:
        return array_ops.zeros_like(while_input)
    return grad


def _variable_dtype(handle):
    """The dtype of the variable whose handle `handle` is, as the body's reads of it say."""
    for op in handle.graph.get_operations():
        if op.type == "ReadVariableOp" and op.inputs[0] is handle:
            return op.outputs[0].dtype
    return dtypes.float32


class _WhileBodyGradGraph(FuncGraph):
    """The gradient graph of a loop body (TF's _WhileBodyGradFuncGraph).

    It is built where the gradient is asked for, and reads tensors of the forward body: those
    are captured in a special way (`capture`).  A tensor the loop does not change (a captured
    outer tensor, passed through) is read from the forward op; a constant is copied; any other
    value gets an accumulator: an EmptyTensorList before the forward loop, a TensorListPushBack
    of the value in the forward body (a new loop variable of the forward op), and here a
    TensorListPopBack, which gives back the values in reverse order, one per backward
    iteration."""

    def __init__(self, name, cond_fn, body_fn, while_op, outer_graph):
        super().__init__(name, outer_graph=outer_graph)
        control_flow_util.inherit_name_scope(self)
        self.forward_graph = body_fn.graph
        self._forward_cond = cond_fn
        self._forward_body = body_fn
        self._while_op = while_op
        self.extra_inputs = []  # the EmptyTensorLists: new inputs of the forward op
        self.new_forward_outputs = []  # the pushed lists: new outputs of the forward body
        self._capture_outputs = {}  # id(capture placeholder) -> what the body outputs for it
        self._indirect = {}  # id(forward tensor) -> what stands for it here

    def build(self, args, ys, xs):
        """Trace the gradient body: its inputs are placeholders for `args` (counter, maximum
        iterations, forward iteration count, then one gradient per differentiated loop var);
        returns its outputs: those three, the input gradients, then one per capture."""
        from learntf.eager.def_function import _as_output
        from learntf.eager.func_graph import graph_placeholder

        with self.as_default():
            holders = [graph_placeholder(t.dtype, t.shape, "Placeholder") for t in args]
            self.inputs.extend(holders)
            counter, limit, total, *seeds = holders
            grads = _body_gradients(ys, xs, seeds)
            next_counter = apply_op("AddV2", [counter, 1], {}, "add")
            outputs = [next_counter, limit, total, *grads]
            outputs = [_as_output(t) for t in outputs]
            outputs += [self._capture_outputs[id(p)] for _, p in self.captures]
        self.structured_outputs = outputs
        return outputs

    def capture(self, tensor, name=None):
        found = self._indirect.get(id(tensor))
        if found is not None:
            return found
        if getattr(tensor, "graph", None) is not self.forward_graph:
            captured = super().capture(tensor, name)
            self._capture_outputs.setdefault(id(captured), captured)
            return captured
        original = tensor
        while tensor.op.type == "Identity":
            tensor = tensor.op.inputs[0]
        found = self._indirect.get(id(tensor))
        if found is None:
            found = self._capture_forward(tensor)
            self._indirect[id(tensor)] = found
        self._indirect[id(original)] = found
        return found

    def _capture_forward(self, tensor):
        body = self._forward_body
        if any(tensor is t for t in body.inputs) and any(tensor is t for t in body.outputs):
            return self._placeholder_for(tensor)  # (a loop invariant: the op's input)
        if tensor.op.type == "Const":
            with self.as_default():
                return constant(tensor.op.get_attr("value"), dtype=tensor.dtype)
        if tensor.dtype is dtypes.resource:
            raise ValueError(
                "Resource tensors must be loop invariants %s\n(learntf: a variable used in a "
                "while loop's body must be created outside the loop.)" % tensor
            )
        accumulator = _get_accumulator(tensor, body)
        if accumulator is None:
            accumulator = self._new_accumulator(tensor)
        captured = self._placeholder_for(accumulator)
        with self.as_default():
            rest, value = list_ops.tensor_list_pop_back(captured, element_dtype=tensor.dtype)
        value.set_shape(tensor.shape)
        self._capture_outputs[id(captured)] = rest
        return value

    def _new_accumulator(self, tensor):
        """An EmptyTensorList before the forward loop, onto which its body pushes `tensor`
        (a new loop variable of the forward op); returns the pushed list."""
        with self.forward_graph.outer_graph.as_default():
            with self.forward_graph.outer_graph.control_dependencies(None):
                empty = list_ops.empty_tensor_list(
                    element_shape=tensor.shape,
                    element_dtype=tensor.dtype,
                    max_num_elements=self._while_op.inputs[1],
                    name="%s/accumulator" % tensor.name.replace(":", "_"),
                )
        self.extra_inputs.append(empty)
        with self.forward_graph.as_default():
            accumulator = list_ops.tensor_list_push_back(empty, tensor)
        self.new_forward_outputs.append(accumulator)
        self._forward_cond.graph.capture(empty)
        return accumulator

    def _placeholder_for(self, tensor):
        """A placeholder here standing for forward tensor `tensor` (resolved to an output of
        the forward op once the gradient is built: resolve_captures)."""
        from learntf.eager.func_graph import graph_placeholder

        with self.as_default(), self.control_dependencies(None):
            placeholder = graph_placeholder(tensor.dtype, tensor.shape, "Placeholder")
        self.captures.append((tensor, placeholder))
        self._captured_by_id[id(tensor)] = (tensor, placeholder)
        self._capture_outputs[id(placeholder)] = placeholder
        if tensor.dtype is dtypes.resource:
            self.resource_shapes[placeholder] = self.forward_graph.resource_shapes.get(tensor)
        return placeholder

    def resolve_captures(self, while_op):
        """The outer tensors to pass for the captures: a forward body tensor becomes the
        forward op's output at its place among the body's outputs."""
        body_outputs = self._forward_body.outputs + self.new_forward_outputs
        resolved = []
        for tensor, placeholder in self.captures:
            if tensor.graph is self.forward_graph:
                index = [t is tensor for t in body_outputs].index(True)
                tensor = while_op.outputs[index]
            resolved.append((tensor, placeholder))
        self.captures[:] = resolved
        self.forward_graph = None  # (built: later captures are ordinary ones)
        return [tensor for tensor, _ in resolved]


def _get_accumulator(tensor, body_fn):
    """The list the forward body already pushes `tensor` onto, if an earlier gradient made
    one (TF's _get_accumulator): a TensorListPushBack of `tensor` onto a body input whose
    result is the body output at the same position."""
    inputs, outputs = body_fn.inputs, body_fn.outputs
    for op in tensor.graph.get_operations():
        if op.type != "TensorListPushBack" or op.inputs[1] is not tensor:
            continue
        pushed = op.outputs[0]
        for index, output in enumerate(outputs):
            if output is pushed and index < len(inputs) and inputs[index] is op.inputs[0]:
                return pushed
    return None


def _body_gradients(ys, xs, seeds):
    """d(ys)/d(xs) with `seeds` as the ys' gradients, zeros where none flows.  A variable's
    handle is passed through the body unchanged (y is x): its gradient is its seed plus what
    the reads of the variable give (tf.gradients does not take a handle among the ys)."""
    from learntf.ops.gradients_util import gradients

    plain = [(y, seed) for y, seed in zip(ys, seeds) if y.dtype is not dtypes.resource]
    grads = [None] * len(xs)
    if plain:
        ys_plain, seeds_plain = zip(*plain)
        grads = gradients(
            list(ys_plain), xs, grad_ys=list(seeds_plain), unconnected_gradients="zero"
        )
    for index, (y, seed) in enumerate(zip(ys, seeds)):
        if y.dtype is dtypes.resource:
            grads[index] = seed if grads[index] is None else grads[index] + seed
    return grads


def _rewrite_forward(op, cond_fn, body_fn, grad_graph):
    """The forward While op, made to fill the accumulators the gradient reads: the
    EmptyTensorLists become new inputs, the pushed lists new outputs (TF rewrites the op the
    same way)."""
    body_outputs = list(body_fn.outputs) + grad_graph.new_forward_outputs
    new_body = control_flow_util.same_graph_function(body_fn.graph, body_outputs)
    new_cond = control_flow_util.same_graph_function(cond_fn.graph, cond_fn.outputs)
    op._add_inputs(grad_graph.extra_inputs)
    added = op._add_outputs([(t.dtype, t.shape) for t in grad_graph.new_forward_outputs])
    for pushed, output in zip(grad_graph.new_forward_outputs, added):
        list_ops.copy_handle_data(pushed, output)
    _record_new_outputs_on_tapes(op, added)
    op._set_attr("body", new_body)
    op._set_attr("cond", new_cond)
    op._set_attr("T", [t.dtype for t in op.inputs])
    op._set_attr("output_shapes", [t.shape for t in body_outputs])


def _record_new_outputs_on_tapes(op, outputs):
    """A tape that recorded the forward op learns that the new outputs are the op's too, so an
    outer tape differentiating this gradient (a second derivative) follows the accumulators
    back into the forward loop.  (TF wraps the op in a function call for such tapes.)"""
    from learntf.framework.execute import active_tapes

    for tape in active_tapes:
        record = tape._producers.get(id(op.outputs[0]))
        if record is not None:
            for tensor in outputs:
                tape._producers[id(tensor)] = (record[0], tensor)
