"""The transformations of a Dataset, each a method returning a new Dataset (nothing runs yet).

Mixed into `Dataset` (learntf/data/dataset.py).  Each one says what its elements are, its
`element_spec` and its `cardinality` as TF computes them (-1 infinite, -2 unknown), and makes
its pass from a fresh pass of its input(s).
"""

import itertools
import os

import numpy as np

from learntf import dtypes, errors
from learntf.data import shuffle as shuffle_module
from learntf.data import structure
from learntf.data.functions import DatasetFunction, ElementFunction
from learntf.eager.func_graph import TensorSpec
from learntf.framework.tensor_shape import TensorShape

INFINITE, UNKNOWN = -1, -2


def _count(n):
    return int(n.numpy() if hasattr(n, "numpy") else n)


def _tf2_behaviour():
    from learntf.framework import context

    return context.context.eager_enabled


class _Count:
    """An int64 argument (a count, a batch size): known now, or a graph tensor (a placeholder,
    an element of an outer flat_map) read when the pass starts."""

    def __init__(self, value):
        self.component = structure.to_component(value, dtypes.int64)
        self.symbolic = structure.is_symbolic(self.component)
        self.inputs = [self.component] if self.symbolic else []
        self.static = None if self.symbolic else int(self.component._value)

    def __call__(self, env):
        return int(structure.value_of(self.component, env))


def _batch_size(batch_size):
    """A batch size: TF's BatchDataset refuses one below 1 when it is made (or, fed, when a
    pass starts), rather than looping or dividing by zero."""
    size = _Count(batch_size)
    _check_batch_size(size.static)
    return size


def _check_batch_size(n):
    if n is not None and n <= 0:
        raise errors.InvalidArgumentError(
            None,
            None,
            "Batch size must be greater than zero.\n(learntf: pass batch(n) a count of "
            "elements of at least 1; got %d.)" % n,
        )


class Transformations:
    # -- element-wise --------------------------------------------------------------------------
    def map(self, map_func, num_parallel_calls=None, deterministic=None, name=None):
        function = ElementFunction(map_func, self.element_spec, "Dataset_map")

        def make(env):
            for flat in self._make(env):
                yield function(flat, env)

        kind = "_MapDataset" if num_parallel_calls is None else "_ParallelMapDataset"
        # (TF 1's Dataset.map does not keep the count: tf.compat.v1's MapDataset is made with
        # preserve_cardinality=False)
        cardinality = self._cardinality if _tf2_behaviour() else UNKNOWN
        return self._derive(kind, function.output_spec, make, cardinality, function.inputs)

    def filter(self, predicate, name=None):
        function = ElementFunction(predicate, self.element_spec, "Dataset_filter")
        spec = function.output_spec
        if not (isinstance(spec, TensorSpec) and spec.dtype.name == "bool" and spec.shape == []):
            raise ValueError(
                "Invalid `predicate`. `predicate` must return a `tf.bool` scalar tensor, "
                "but its return type is %r." % (spec,)
            )

        def make(env):
            for flat in self._make(env):
                if function(flat, env)[0]:
                    yield flat

        return self._derive("_FilterDataset", self.element_spec, make, UNKNOWN, function.inputs)

    def enumerate(self, start=0, name=None):
        from learntf.data.dataset import Dataset

        return Dataset.zip((Dataset.range(start, np.iinfo(np.int64).max), self))

    def apply(self, transformation_func):
        return transformation_func(self)

    # -- order and count -----------------------------------------------------------------------
    def shuffle(self, buffer_size, seed=None, reshuffle_each_iteration=True, name=None):
        from learntf.ops.random_ops import get_seed

        seed, seed2 = get_seed(seed)
        seed, seed2 = seed or 0, seed2 or 0
        seeds = shuffle_module.SeedGenerator(seed, seed2, reshuffle_each_iteration)
        size = _count(buffer_size)
        if size <= 0 and size != -2:  # -2: tf.data.UNKNOWN_CARDINALITY, the whole dataset
            raise errors.InvalidArgumentError(
                None,
                None,
                "buffer_size must be greater than zero or UNKNOWN_CARDINALITY\n(learntf: "
                "shuffle(n) draws from a buffer of n elements; got %d.)" % size,
            )

        def make(env):
            fresh = env.get(structure.FRESH_SEEDS)
            generator = (
                seeds
                if fresh is None
                else fresh.setdefault(
                    id(seeds), shuffle_module.SeedGenerator(seed, seed2, reshuffle_each_iteration)
                )
            )
            return shuffle_module.shuffled(iter(self._make(env)), size, generator.next_seeds())

        return self._derive("_ShuffleDataset", self.element_spec, make, self._cardinality)

    def repeat(self, count=None, name=None):
        count_arg = _Count(-1 if count is None else count)
        count = -2 if count_arg.symbolic else count_arg.static

        def make(env):
            count = count_arg(env)
            for epoch in itertools.count():
                if 0 <= count <= epoch:
                    return
                produced = False
                for flat in self._make(env):
                    produced = True
                    yield flat
                if not produced:  # (an empty input: TF stops instead of looping forever)
                    return

        n = self._cardinality
        if count == 0 or n == 0:
            cardinality = 0
        elif n < 0:
            cardinality = n
        else:
            cardinality = INFINITE if count == -1 else (UNKNOWN if count < 0 else n * count)
        return self._derive(
            "_RepeatDataset", self.element_spec, make, cardinality, count_arg.inputs
        )

    def take(self, count, name=None):
        count_arg = _Count(count)
        count = count_arg.static

        def make(env):
            count = count_arg(env)
            return itertools.islice(self._make(env), None if count < 0 else count)

        n = self._cardinality
        if count is None:
            cardinality = UNKNOWN
        elif count < 0:
            cardinality = n
        elif n == INFINITE:
            cardinality = count
        else:
            cardinality = UNKNOWN if n == UNKNOWN else min(n, count)
        return self._derive("_TakeDataset", self.element_spec, make, cardinality, count_arg.inputs)

    def skip(self, count, name=None):
        count_arg = _Count(count)

        def make(env):
            count = count_arg(env)
            if count < 0:
                return iter(())
            return itertools.islice(self._make(env), count, None)

        n, count = self._cardinality, count_arg.static
        if count is None:
            cardinality = UNKNOWN
        else:
            cardinality = n if n < 0 else (0 if count < 0 else max(n - count, 0))
        return self._derive("_SkipDataset", self.element_spec, make, cardinality, count_arg.inputs)

    def prefetch(self, buffer_size, name=None):
        """Prefetching overlaps work in TF; in a single-threaded engine it changes nothing."""
        return self._derive("_PrefetchDataset", self.element_spec, self._make, self._cardinality)

    def cache(self, filename="", name=None):
        """The first complete pass is kept (in memory, or in the files `filename`.index and
        .data-00000-of-00001, a tensor bundle as TF's cache writes) and replayed after."""
        store = {}

        def make(env):
            if "elements" not in store and filename and os.path.exists(filename + ".index"):
                store["elements"] = _read_cache(filename, len(structure.flatten(self.element_spec)))
            if "elements" in store:
                yield from store["elements"]
                return
            elements = []
            for flat in self._make(env):
                elements.append(flat)
                yield flat
            store["elements"] = elements
            if filename:
                _write_cache(filename, elements)

        return self._derive("CacheDataset", self.element_spec, make, self._cardinality)

    def concatenate(self, dataset, name=None):
        mine, theirs = structure.flatten(self.element_spec), structure.flatten(dataset.element_spec)
        if len(mine) != len(theirs) or any(a.dtype != b.dtype for a, b in zip(mine, theirs)):
            raise TypeError(
                "Incompatible dataset elements:\n  %r vs.   %r"
                % (self.element_spec, dataset.element_spec)
            )
        spec = structure.pack(
            self.element_spec, [structure.relaxed(a, b) for a, b in zip(mine, theirs)]
        )

        def make(env):
            yield from self._make(env)
            yield from dataset._make(env)

        a, b = self._cardinality, dataset._cardinality
        if INFINITE in (a, b):
            cardinality = INFINITE
        else:
            cardinality = UNKNOWN if UNKNOWN in (a, b) else a + b
        return self._derive("_ConcatenateDataset", spec, make, cardinality, dataset._inputs)

    # -- batching ------------------------------------------------------------------------------
    def batch(
        self,
        batch_size,
        drop_remainder=False,
        num_parallel_calls=None,
        deterministic=None,
        name=None,
    ):
        size = _batch_size(batch_size)
        specs = structure.flatten(self.element_spec)

        def make(env):
            _check_batch_size(size(env))
            for group in _groups(self._make(env), size(env), drop_remainder):
                yield [_stack([e[i] for e in group], i, s.dtype) for i, s in enumerate(specs)]

        return self._batched("_BatchDataset", size, drop_remainder, specs, make)

    def padded_batch(
        self, batch_size, padded_shapes=None, padding_values=None, drop_remainder=False, name=None
    ):
        size = _batch_size(batch_size)
        specs = structure.flatten(self.element_spec)
        if padded_shapes is None:
            shapes = [s.shape for s in specs]
        else:
            shapes = [
                _padded_shape(p) for p in structure.flatten_up_to(self.element_spec, padded_shapes)
            ]
        pads = structure.flatten_up_to(self.element_spec, padding_values)

        def make(env):
            _check_batch_size(size(env))
            for group in _groups(self._make(env), size(env), drop_remainder):
                yield [
                    _pad([e[i] for e in group], shapes[i], pads[i], s.dtype)
                    for i, s in enumerate(specs)
                ]

        padded = [TensorSpec(shape, s.dtype) for shape, s in zip(shapes, specs)]
        return self._batched("_PaddedBatchDataset", size, drop_remainder, padded, make)

    def _batched(self, kind, size, drop_remainder, element_specs, make):
        spec = structure.pack(
            self.element_spec,
            [
                structure.batched_spec(s, size.static if drop_remainder else None)
                for s in element_specs
            ],
        )
        n, rows = self._cardinality, size.static
        if rows is None:
            cardinality = UNKNOWN
        elif n < 0:
            cardinality = n
        else:
            cardinality = n // rows if drop_remainder else -(-n // rows)
        return self._derive(kind, spec, make, cardinality, size.inputs)

    def unbatch(self, name=None):
        specs = structure.flatten(self.element_spec)
        if any(s.shape.rank == 0 for s in specs):
            raise ValueError("Cannot unbatch an input with scalar components.")
        spec = structure.pack(self.element_spec, [structure.unbatched_spec(s) for s in specs])

        def make(env):
            for flat in self._make(env):
                for i in range(len(flat[0])):
                    yield [a[i, ...] for a in flat]

        return self._derive("_UnbatchDataset", spec, make, UNKNOWN)

    # -- datasets of datasets ------------------------------------------------------------------
    def flat_map(self, map_func, name=None):
        function = DatasetFunction(map_func, self.element_spec, "Dataset_flat_map")

        def make(env):
            for flat in self._make(env):
                yield from function(flat, env)

        spec = function.dataset.element_spec
        return self._derive("_FlatMapDataset", spec, make, UNKNOWN, function.inputs)

    def interleave(
        self,
        map_func,
        cycle_length=None,
        block_length=None,
        num_parallel_calls=None,
        deterministic=None,
        name=None,
    ):
        """TF's cycle: `cycle_length` inner datasets open at once, `block_length` elements from
        each in turn; an exhausted one is replaced by the next input element's dataset."""
        function = DatasetFunction(map_func, self.element_spec, "Dataset_interleave")
        cycle = os.cpu_count() if cycle_length in (None, -1) else _count(cycle_length)
        block = 1 if block_length in (None, -1) else _count(block_length)

        def make(env):
            inputs = iter(self._make(env))
            slots, open_count, index, taken, input_done = [None] * cycle, 0, 0, 0, False
            while not input_done or open_count:
                if slots[index] is not None:
                    flat = next(slots[index], None)
                    if flat is not None:
                        yield flat
                        taken += 1
                        if taken == block:
                            index, taken = (index + 1) % cycle, 0
                        continue
                    slots[index], open_count = None, open_count - 1
                    index, taken = (index + 1) % cycle, 0
                elif not input_done:
                    element = next(inputs, None)
                    if element is None:
                        input_done = True
                    else:
                        slots[index], open_count = iter(function(element, env)), open_count + 1
                else:
                    index, taken = (index + 1) % cycle, 0

        kind = "_InterleaveDataset" if num_parallel_calls is None else "_ParallelInterleaveDataset"
        spec = function.dataset.element_spec
        return self._derive(kind, spec, make, UNKNOWN, function.inputs)

    # -- to one value --------------------------------------------------------------------------
    def reduce(self, initial_state, reduce_func, name=None):
        """`reduce_func(state, element)` over every element: one ReduceDataset op, as TF's."""
        from learntf.data.reduce import reduce_dataset

        return reduce_dataset(self, initial_state, reduce_func)


def _groups(elements, size, drop_remainder):
    group = []
    for flat in elements:
        group.append(flat)
        if len(group) == size:
            yield group
            group = []
    if group and not drop_remainder:
        yield group


def _stack(arrays, component, dtype):
    first = arrays[0].shape
    for a in arrays[1:]:
        if a.shape != first:  # (TF's batch kernel copies each element into the first's shape)
            raise errors.InvalidArgumentError(
                None,
                None,
                "Cannot add tensor to the batch: number of elements does not match. "
                "Shapes are: [tensor]: %s, [batch]: %s" % (_dims(a.shape), _dims(first)),
            )
    return structure.stack(arrays, dtype)


def _dims(shape):
    return "[%s]" % ",".join(str(d) for d in shape)


def _padded_shape(value):
    if isinstance(value, TensorShape):
        return value
    dims = value.numpy().tolist() if hasattr(value, "numpy") else value
    return TensorShape([None if d is None or d == -1 else int(d) for d in dims])


def _pad(arrays, shape, pad_value, dtype):
    """Each array padded at the end of every axis to the batch's largest (or the given) size."""
    rank = arrays[0].ndim
    sizes = [max(a.shape[d] for a in arrays) for d in range(rank)]
    if shape.rank is not None:
        wanted = shape.as_list()
        if any(d is not None and s > d for s, d in zip(sizes, wanted)):
            raise errors.DataLossError(
                None,
                None,
                "Attempted to pad to a smaller size than the input element.\n(learntf: an "
                "element of shape %s does not fit padded_shapes %s; give a larger or None "
                "size.)" % (list(max(arrays, key=lambda a: a.size).shape), wanted),
            )
        sizes = [s if d is None else d for s, d in zip(sizes, wanted)]
    fill = (
        structure.to_numpy_value(pad_value, dtype)[0]
        if pad_value is not None
        else (b"" if dtype.name == "string" else 0)
    )
    out = np.full([len(arrays)] + sizes, fill, dtype=structure.np_dtype(dtype))
    for i, a in enumerate(arrays):
        out[(i,) + tuple(slice(0, n) for n in a.shape)] = a
    return out


def _write_cache(prefix, elements):
    """A finished pass, written atomically as a tensor bundle: one key per component."""
    from learntf.train import checkpoint_format

    named = [("count", np.int64(len(elements)))]
    for i, flat in enumerate(elements):
        named += [("%d/%d" % (i, j), np.asarray(value)) for j, value in enumerate(flat)]
    checkpoint_format.write_checkpoint(prefix, named)


def _read_cache(prefix, width):
    """The elements a finished pass left in `prefix` (each checked against its checksum)."""
    from learntf.train import checkpoint_format

    reader = checkpoint_format.CheckpointReader(prefix)
    count = reader.get_tensor("count")
    if np.shape(count) != () or not 0 <= int(count) < 2**40:
        raise errors.DataLossError(None, None, "The cache %s is damaged (its count)." % prefix)
    return [[reader.get_tensor("%d/%d" % (i, j)) for j in range(width)] for i in range(int(count))]
