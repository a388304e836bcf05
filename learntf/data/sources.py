"""Where a dataset's elements come from: tensors, a range, a Python generator, other datasets.

Mixed into `Dataset` (learntf/data/dataset.py); each source is a static method there, as in
TF.  Every source returns a Dataset whose `_make(env)` starts a pass over flat lists of arrays.
"""

import numpy as np

from learntf import dtypes
from learntf.data import structure
from learntf.eager.func_graph import TensorSpec
from learntf.framework.tensor_shape import TensorShape


class Sources:
    @staticmethod
    def from_tensors(tensors, name=None):
        """One element: `tensors` itself."""
        tensors = _as_tuple_if_list(tensors)
        components = [structure.to_component(c) for c in structure.flatten(tensors)]
        spec = structure.pack(tensors, [structure.spec_of(c) for c in components])

        def make(env):
            yield [structure.value_of(c, env) for c in components]

        return _dataset("_TensorDataset", spec, make, 1, structure.symbolic_inputs(components))

    @staticmethod
    def from_tensor_slices(tensors, name=None):
        """One element per index of the first dimension of every component."""
        tensors = _as_tuple_if_list(tensors)
        components = [structure.to_component(c) for c in structure.flatten(tensors)]
        rows = None  # the first dimension all components share (None: unknown yet)
        for c in components:
            if c.shape.rank == 0:
                raise ValueError("Unbatching a tensor is only supported for rank >= 1")
            n = c.shape[0] if c.shape.rank is not None else None
            if rows is not None and n is not None and n != rows:
                raise ValueError("Dimensions %d and %d are not compatible" % (rows, n))
            rows = n if rows is None else rows
        spec = structure.pack(tensors, [TensorSpec(c.shape[1:], c.dtype) for c in components])

        def make(env):
            arrays = [structure.value_of(c, env) for c in components]
            lengths = {len(a) for a in arrays}
            if len(lengths) != 1:
                raise ValueError(
                    "Dimensions %s are not compatible"
                    % " and ".join(str(n) for n in sorted(lengths))
                )
            for i in range(lengths.pop()):
                yield [a[i, ...] for a in arrays]  # (a 0-d array, not a NumPy scalar)

        cardinality = rows if rows is not None else -2
        return _dataset(
            "_TensorSliceDataset", spec, make, cardinality, structure.symbolic_inputs(components)
        )

    @staticmethod
    def range(*args, output_type=dtypes.int64, name=None):
        """range(stop), range(start, stop) or range(start, stop, step), as Python's."""
        if not 1 <= len(args) <= 3:
            raise ValueError(
                "Invalid `args`. The length of `args` should be between 1 and 3 "
                "but was %d." % len(args)
            )
        names = {1: ["stop"], 2: ["start", "stop"], 3: ["start", "stop", "step"]}[len(args)]
        bounds = [structure.to_component(a, dtypes.int64, n) for a, n in zip(args, names)]
        dtype = dtypes.as_dtype(output_type)
        np_type = structure.np_dtype(dtype)

        def make(env):
            values = [int(structure.value_of(b, env)) for b in bounds]
            for i in range(*values):
                yield [np.asarray(i, np_type)]

        symbolic = structure.symbolic_inputs(bounds)
        cardinality = -2 if symbolic else len(range(*[int(b._value) for b in bounds]))
        return _dataset("_RangeDataset", TensorSpec([], dtype), make, cardinality, symbolic)

    @staticmethod
    def from_generator(
        generator,
        output_types=None,
        output_shapes=None,
        args=None,
        output_signature=None,
        name=None,
    ):
        """Elements from a Python generator, called anew for every pass over the dataset."""
        if not callable(generator):
            raise TypeError("`generator` must be a Python callable.")
        if output_signature is not None:
            if output_types is not None or output_shapes is not None:
                raise TypeError(
                    "The `output_types` and `output_shapes` arguments must not be "
                    "specified if `output_signature` is specified."
                )
            spec = output_signature
        else:
            if output_types is None:
                raise TypeError(
                    "To specify the output signature you need to provide either the "
                    "`output_signature` argument or the `output_types` argument."
                )
            shapes = iter(structure.flatten_up_to(output_types, output_shapes))
            spec = structure.nest.map_structure_for_data(
                lambda t: TensorSpec(next(shapes), t), output_types
            )
        specs = structure.flatten(spec)
        arguments = tuple(args) if args is not None else ()

        def make(env):
            values = [
                np.asarray(structure.value_of(structure.to_component(a), env)) for a in arguments
            ]
            for value in generator(*values):
                try:
                    arrays = structure.normalize(value, specs)
                except (TypeError, ValueError):  # (TF's words, from its iterator)
                    raise _yielded_wrong_type(value, specs) from None
                yield _checked(arrays, specs)

        return _dataset("_FlatMapDataset", spec, make, -2)

    @staticmethod
    def zip(*args, datasets=None, name=None):
        """Elements side by side: the nest of datasets gives the nest of each element."""
        if not args and datasets is None:
            raise TypeError("Must pass at least one dataset to `zip`.")
        if args and datasets is not None:
            raise TypeError("Both `*args` and `datasets` cannot be set.")
        datasets = (args[0] if len(args) == 1 else args) if datasets is None else datasets
        _check_zip_inputs(datasets)
        flat = structure.flatten(datasets)
        spec = structure.pack(datasets, [d.element_spec for d in flat])
        counts = [d._cardinality for d in flat]
        finite = [c for c in counts if c >= 0]
        if finite:
            cardinality = min(finite)
        else:
            cardinality = -2 if -2 in counts else -1

        def make(env):
            for parts in zip(*[d._make(env) for d in flat]):
                yield [a for part in parts for a in part]

        inputs = [t for d in flat for t in d._inputs]
        return _dataset("_ZipDataset", spec, make, cardinality, inputs)


def _check_zip_inputs(datasets):
    """TF's check of zip's inputs: a (nested) tuple or dict of Datasets; a list is an element
    of tf.data's nests, not a structure, so it is refused with TF's advice."""
    from learntf.data.dataset import Dataset

    if isinstance(datasets, Dataset):
        return
    if isinstance(datasets, tuple) or isinstance(datasets, dict):
        for item in datasets.values() if isinstance(datasets, dict) else datasets:
            _check_zip_inputs(item)
        return
    words = "Invalid input to `zip`. Inputs are expected to be (nested) structures of "
    if isinstance(datasets, list):
        words += (
            "`tf.data.Dataset` objects. Python `list` is not supported and you should use "
            "`tuple` instead."
        )
    else:
        words += "`tf.data.Dataset` objects but encountered object of type %s." % type(datasets)
    raise TypeError(words + "\n(learntf: zip datasets, e.g. Dataset.zip((a, b)).)")


def _as_tuple_if_list(value):
    return value


def _yielded_wrong_type(value, specs):
    from learntf import errors

    expected = ", ".join(s.dtype.name for s in specs)
    return errors.InvalidArgumentError(
        None,
        None,
        "TypeError: `generator` yielded an element that could not be converted to the expected "
        "type. The expected type was %s, but the yielded element was %s.\n(learntf: make the "
        "generator yield what output_signature declares.)" % (expected, value),
    )


def _checked(arrays, specs):
    """A generator's value must have the declared dtype and a compatible shape."""
    for array, spec in zip(arrays, specs):
        if not spec.shape.is_compatible_with(TensorShape(array.shape)):
            from learntf import errors

            raise errors.InvalidArgumentError(
                None,
                None,
                "TypeError: `generator` yielded an element of shape %s where an element of "
                "shape %s was expected." % (TensorShape(array.shape), spec.shape),
            )
    return arrays


def _dataset(kind, spec, make, cardinality, inputs=()):
    from learntf.data.dataset import Dataset

    return Dataset(kind, spec, make, cardinality, inputs)
