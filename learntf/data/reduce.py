"""`Dataset.reduce(initial_state, reduce_func)`: one ReduceDataset op, as in TF.

The same op runs a `for x in dataset:` loop inside tf.function (learntf/autograph/
dataset_loop.py): its attr `f` is `reduce_func` traced over (state, element); its kernel
iterates the dataset and runs `f` on each element.  It works in eager and in graph mode.
"""

from learntf.data import structure
from learntf.eager.func_graph import TensorSpec
from learntf.framework.apply import apply_op
from learntf.framework.constant_op import convert_to_tensor


def reduce_dataset(dataset, initial_state, reduce_func):
    from learntf.autograph import dataset_loop  # noqa: F401  (registers ReduceDataset)
    from learntf.ops import control_flow_util

    flat_init = [convert_to_tensor(v) for v in structure.flatten(initial_state)]
    n_state = len(flat_init)
    element_specs = structure.flatten(dataset.element_spec)

    def body(*args):
        state = structure.pack(initial_state, list(args[:n_state]))
        element = structure.pack(dataset.element_spec, list(args[n_state:]))
        new_state = reduce_func(state, element)
        return [convert_to_tensor(v) for v in structure.flatten(new_state)]

    state_specs = [TensorSpec(t.shape, t.dtype) for t in flat_init]
    f = control_flow_util.trace_function("reduce_func", body, state_specs + element_specs)
    captures = list(f.captured_inputs)
    attrs = {
        "f": f,
        "predicate": None,
        "input_dataset": dataset,
        "Tstate": [t.dtype for t in flat_init],
        "Nbody_captures": len(captures),
        "Ninputs": len(dataset._inputs),  # (the graph tensors the pipeline reads, fed last)
    }
    outputs = apply_op("ReduceDataset", [flat_init + captures + list(dataset._inputs)], attrs)
    return structure.pack(initial_state, list(outputs))
