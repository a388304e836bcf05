"""A user's function in a pipeline (`map`, `filter`, `flat_map`...), traced once as TF does.

TF traces the function into a graph over placeholders shaped by the dataset's element_spec,
then runs that graph on every element; so a map works the same in eager and graph mode, and
calling `.numpy()` inside it fails as in TF.  A plain tuple element is passed as separate
arguments (`lambda x, y: ...`), a dict or namedtuple as one.  Tensors the function uses from
outside become captures: an eager tensor's value is read when it runs, a graph tensor (a TF 1
placeholder) is looked up in the pipeline's `env`, so it is one of the dataset's `_inputs`.
As in TF, AutoGraph converts the function first.
"""

from learntf import errors, nest
from learntf.data import structure
from learntf.eager.func_graph import TensorSpec
from learntf.framework.constant_op import convert_to_tensor
from learntf.framework.context import executing_eagerly


def _autograph(func):
    """As TF: a pipeline's function is converted by AutoGraph (a Python `if` on a tensor
    becomes a tf.cond); one it cannot convert runs as written, with TF's warning."""
    from learntf.autograph import tf_convert

    return tf_convert(func, autograph=True)


def _call(func, element):
    return func(*element) if type(element) is tuple else func(element)


class ElementFunction:
    """`func` traced over one element; `__call__(flat, env)` gives the flat output arrays."""

    def __init__(self, func, input_spec, name):
        from learntf.ops import control_flow_util

        func = _autograph(func)

        def body(*flat):
            returned = _call(func, structure.pack(input_spec, list(flat)))
            if isinstance(returned, list):  # (TF: a returned list is a tuple, not one tensor)
                returned = tuple(returned)
            if returned is None and name == "Dataset_map":  # (TF: a dataset of no components)
                raise errors.InvalidArgumentError(
                    None,
                    None,
                    "Length for attr 'output_types' of 0 must be at least minimum 1\n(learntf: "
                    "the function given to map returned None; return the new element.)",
                )
            return nest.map_structure_for_data(convert_to_tensor, returned)

        self.function = control_flow_util.trace_function(
            name,
            body,
            structure.flatten(input_spec),
            arg_names=_arg_names(input_spec),
            top_level=executing_eagerly(),
        )
        self.output_spec = nest.map_structure_for_data(
            lambda t: TensorSpec(t.shape, t.dtype), self.function.structured_outputs
        )
        self.captures = list(self.function.captured_inputs)
        self.inputs = structure.symbolic_inputs(self.captures)

    def __call__(self, flat, env):
        captured = [structure.value_of(c, env) for c in self.captures]
        return list(self.function.run_values(list(flat) + captured))


class DatasetFunction:
    """A function returning a Dataset (`flat_map`, `interleave`): traced once, the dataset it
    builds over the placeholders is kept, and each element's pass feeds it their values."""

    def __init__(self, func, input_spec, name):
        from learntf.data.dataset import Dataset
        from learntf.ops import control_flow_util

        built = []
        func = _autograph(func)

        def body(*flat):
            dataset = _call(func, structure.pack(input_spec, list(flat)))
            if not isinstance(dataset, Dataset):
                raise TypeError(
                    "The `map_func` argument must return a `Dataset` object. Got %r."
                    % type(dataset).__name__
                )
            built.append(dataset)
            return list(dataset._inputs)  # the graph tensors it reads

        self.function = control_flow_util.trace_function(
            name,
            body,
            structure.flatten(input_spec),
            arg_names=_arg_names(input_spec),
            top_level=executing_eagerly(),
        )
        self.dataset = built[0]
        self.captures = list(self.function.captured_inputs)
        self.inputs = structure.symbolic_inputs(self.captures)

    def __call__(self, flat, env):
        captured = [structure.value_of(c, env) for c in self.captures]
        values = self.function.run_values(list(flat) + captured)
        inner_env = dict(zip(self.dataset._inputs, values))
        inner_env[structure.FRESH_SEEDS] = {}  # (a new inner dataset: new shuffle seeds)
        return self.dataset._make(inner_env)


def _arg_names(input_spec):
    """TF's names of a traced function's placeholders: args_0, args_1, ..."""
    return ["args_%d" % i for i in range(len(structure.flatten(input_spec)))]
