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

learntf differs from TensorFlow in one place: after `tf.compat.v1.disable_v2_behavior()`, TF
builds TF 1's control flow (`Enter`, `Merge`, `Switch`, `LoopCond`, `NextIteration`, `Exit`,
with `StackPushV2`/`StackPopV2` for gradients; tests/data/tf_while_loops.json records them);
learntf builds the same While op there as everywhere else.
"""

import itertools

from learntf import dtypes, nest
from learntf.eager.func_graph import FuncGraph, TensorSpec
from learntf.framework import context
from learntf.framework.apply import apply_op
from learntf.framework.constant_op import constant, convert_to_tensor
from learntf.framework.graph import Tensor, get_default_graph, name_scope
from learntf.framework.op_registry import register_op
from learntf.framework.tensor_shape import TensorShape
from learntf.nest_compare import assert_same_structure
from learntf.ops import control_flow_util

_function_ids = itertools.count(1)  # (TF's ops.uid(): function names are unique)


# -- the ops -----------------------------------------------------------------------------------
def _while_infer(*inputs, T, output_shapes, **unused_attrs):
    return list(zip(T, output_shapes))


def _while_kernel(*values, cond, body, **unused_attrs):
    """Run the body function while the cond function says true; the last values come out."""
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
        raise TypeError("'cond' must be callable.")
    if not callable(body):
        raise TypeError("'body' must be callable.")
    if parallel_iterations < 1:
        raise TypeError("'parallel_iterations' must be a positive integer.")
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
        raise ValueError("'loop_vars' must be provided.")
    try_to_pack = len(loop_vars) == 1 and not return_same_structure
    if maximum_iterations is not None:
        maximum_iterations = convert_to_tensor(maximum_iterations)
        if maximum_iterations.shape.rank != 0:
            raise ValueError(
                "'maximum_iterations' must be a scalar. Received shape: %s"
                % maximum_iterations.shape
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
        assert_same_structure(structure, list(loop_vars), check_types=False)
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
        number = next(_function_ids)
        prefix = scope.rstrip("/").replace("/", "_")
        limit = convert_to_tensor(
            maximum_iterations if maximum_iterations is not None else -1,
            dtype=dtypes.int32,
            name="maximum_iterations",
        )
        counter = constant(0, dtype=limit.dtype, name="loop_counter")
        specs = [TensorSpec([], limit.dtype), TensorSpec([], limit.dtype), *flat_signature]
        names = ["loop_counter", "maximum_iterations"] + [
            "placeholder" if i == 0 else "placeholder_%d" % i for i in range(len(flat_signature))
        ]

        def wrapped_cond(loop_counter, maximum_iterations_arg, *args):
            pred = cond(*_pack_sequence_as(signature, flat_orig_loop_vars, args))
            if isinstance(pred, Tensor) and (pred.shape.rank is None or pred.shape.rank > 0):
                pred = apply_op("Squeeze", [pred], {"squeeze_dims": []}, "Squeeze")
            if maximum_iterations is None:
                return pred
            less = apply_op("Less", [loop_counter, maximum_iterations_arg], {}, "Less")
            return apply_op("LogicalAnd", [less, pred], {}, "LogicalAnd")

        cond_fn = control_flow_util.trace_function(
            "%s_cond_%d" % (prefix, number), wrapped_cond, specs, names
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
            "%s_body_%d" % (prefix, number), wrapped_body, specs, names
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
