"""`for x in dataset:` inside a tf.function: a loop over the dataset each time the function runs.

TensorFlow turns this loop into `dataset.reduce(initial_state, body)`: one `ReduceDataset` op
whose attr `f` is the loop body traced as a function of (state, element), and whose kernel
iterates the dataset and runs `f` on each element.  The state is the loop's variables, as in
a tf.while_loop.  A `break` or `return` in the loop gives an extra test, run before each
element (TF builds that with scan and take_while).

learntf does the same with one difference: TF's op takes the dataset as a variant tensor input
(the graph of dataset ops before it); learntf's tf.data has no graph ops, so the op keeps the
Dataset object as an attr, `input_dataset`, and its kernel makes a fresh iterator of it each
run (its inputs end with the graph tensors the dataset reads, `Ninputs` of them).  The
element's dtypes and shapes are the dataset's element_spec, as in TF.  Gradients do not flow
through the loop.
"""

from learntf import nest
from learntf.autograph.operators import control_flow
from learntf.framework.apply import apply_op
from learntf.framework.constant_op import convert_to_tensor
from learntf.framework.op_registry import register_op


def _reduce_infer(*inputs, f, Tstate, **unused_attrs):
    return [(t.dtype, t.shape) for t in f.outputs][: len(Tstate)]


def _reduce_kernel(
    *values, f, predicate, input_dataset, Tstate, Nbody_captures, Ninputs=0, **unused
):
    """Run the body function on (state, element) for each element, while the test allows.
    The last `Ninputs` values are the graph tensors the dataset reads (a fed placeholder)."""
    n_state = len(Tstate)
    state = list(values[:n_state])
    body_captures = list(values[n_state : n_state + Nbody_captures])
    test_captures = list(values[n_state + Nbody_captures : len(values) - Ninputs])
    env = dict(zip(input_dataset._inputs, values[len(values) - Ninputs :]))
    for arrays in input_dataset._make(env):
        if predicate is not None and not predicate.run_values(state + test_captures)[0]:
            break
        state = list(f.run_values(state + list(arrays) + body_captures))
    return state


register_op(
    "ReduceDataset",
    ["input*"],
    _reduce_infer,
    _reduce_kernel,
    num_outputs=None,
    stateful=True,
    type_attr=None,
)


def _pack_element(spec, flat):
    items = iter(flat)
    return nest.map_structure_for_data(lambda _: next(items), spec)


def dataset_for_stmt(ds, extra_test, body, get_state, set_state, symbol_names, opts):
    """The converted `for` over a tf.data.Dataset (operators.for_stmt chooses it)."""
    from learntf.eager.func_graph import TensorSpec
    from learntf.ops import control_flow_util

    init_vars = tuple(get_state())
    control_flow._verify_loop_init_vars(init_vars, symbol_names)
    flat_init = [convert_to_tensor(v) for v in nest.flatten(init_vars)]
    first = ds.element_spec  # (the structure of every element)
    state_specs = [TensorSpec(t.shape, t.dtype) for t in flat_init]
    element_specs = nest.flatten_for_data(first)
    n_state = len(flat_init)

    def loop_body(*args):
        set_state(nest.pack_sequence_as(init_vars, list(args[:n_state])))
        body(_pack_element(first, list(args[n_state:])))
        new_vars = tuple(get_state())
        control_flow._verify_tf_loop_vars(init_vars, init_vars, new_vars, symbol_names)
        return [convert_to_tensor(v) for v in nest.flatten(new_vars)]

    def loop_test(*args):
        set_state(nest.pack_sequence_as(init_vars, list(args)))
        return convert_to_tensor(extra_test())

    try:
        f = control_flow_util.trace_function("for_body", loop_body, state_specs + element_specs)
        predicate = (
            control_flow_util.trace_function("for_extra_test", loop_test, state_specs)
            if extra_test is not None
            else None
        )
    finally:
        set_state(init_vars)
    captures = list(f.captured_inputs)
    test_captures = list(predicate.captured_inputs) if predicate is not None else []
    attrs = {
        "f": f,
        "predicate": predicate,
        "input_dataset": ds,
        "Tstate": [t.dtype for t in flat_init],
        "Nbody_captures": len(captures),
    }
    attrs["Ninputs"] = len(ds._inputs)
    inputs = flat_init + captures + test_captures + list(ds._inputs)
    outputs = apply_op("ReduceDataset", [inputs], attrs)
    set_state(nest.pack_sequence_as(init_vars, list(outputs)))
