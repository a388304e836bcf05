"""`tf.data.Dataset`: a sequence of elements, transformed lazily (lesson 15 iterates one).

    ds = tf.data.Dataset.from_tensor_slices((X, y))   one element per row: (X[i], y[i])
    ds = ds.shuffle(100, seed=1).batch(32).repeat(2)  nothing runs yet
    for xb, yb in ds: ...                              eager, or a loop inside tf.function
    it = tf.compat.v1.data.make_one_shot_iterator(ds)  TF 1: sess.run(it.get_next())

A pure-Python engine: a Dataset is a Python object that knows its `element_spec` (a nest of
TensorSpecs), its `cardinality` and how to start a fresh pass over its elements.  Real TF
builds a graph of dataset ops (RangeDataset, MapDataset, ...) and runs them in C++; learntf
builds none of those: a graph-mode iterator op holds the Dataset object itself
(learntf/data/iterators.py).  What a transformation *does* follows TF exactly (the order of
`shuffle` for a seed, `interleave`'s cycle, the shapes in `element_spec`).  A function given
to `map`, `filter` or `reduce` is traced into a graph once, as in TF, and that graph runs on
every element.

The module holds the class and its iteration; the sources are in sources.py, the
transformations in transformations.py (mixed into this class), iterators in iterators.py.
"""

from learntf import dtypes, errors
from learntf.data import structure
from learntf.data.sources import Sources
from learntf.data.transformations import Transformations
from learntf.framework.context import executing_eagerly
from learntf.framework.execute import EagerTensor

INFINITE = -1  # tf.data.INFINITE_CARDINALITY
UNKNOWN = -2  # tf.data.UNKNOWN_CARDINALITY
AUTOTUNE = -1  # tf.data.AUTOTUNE


class Dataset(Sources, Transformations):
    """A re-iterable, lazily transformed sequence of elements.

    `_make(env)` starts one pass: a Python iterator of elements, each a flat list of arrays;
    `env` holds the values of the graph tensors the pipeline reads (`_inputs`)."""

    def __init__(self, kind, element_spec, make, cardinality, inputs=()):
        self._kind = kind  # TF's class name, shown in the repr: "_MapDataset"
        self._element_spec = element_spec
        self._make = make
        self._cardinality = cardinality
        self._inputs = _unique(inputs)

    @property
    def element_spec(self):
        return self._element_spec

    def cardinality(self):
        """The number of elements, or INFINITE_CARDINALITY (-1) / UNKNOWN_CARDINALITY (-2)."""
        return (
            EagerTensor(self._cardinality, dtypes.int64)
            if executing_eagerly()
            else (_constant(self._cardinality))
        )

    def get_single_element(self, name=None):
        """The one element of a dataset of one element (TF's DatasetToSingleElement): an empty
        dataset or a longer one is refused, never cut short."""
        elements = iter(self)
        for element in elements:
            for _ in elements:
                raise errors.InvalidArgumentError(
                    None,
                    None,
                    "Dataset had more than one element.\n(learntf: get_single_element() "
                    "needs a dataset of exactly one element; take(1) first, or batch it.)",
                )
            return element
        raise errors.InvalidArgumentError(
            None,
            None,
            "Dataset was empty.\n(learntf: get_single_element() needs a dataset of exactly "
            "one element.)",
        )

    def __len__(self):
        if not executing_eagerly():
            raise TypeError(
                "`tf.data.Dataset` only supports `len` in eager mode. "
                "Use `tf.data.Dataset.cardinality()` instead."
            )
        if self._cardinality == INFINITE:
            raise TypeError("The dataset is infinite.")
        if self._cardinality == UNKNOWN:
            raise TypeError("The dataset length is unknown.")
        return self._cardinality

    def __bool__(self):
        return True  # (not len(): an infinite dataset is truthy too, as in TF)

    # -- iteration -----------------------------------------------------------------------------
    def __iter__(self):
        from learntf.data import iterators

        if executing_eagerly():
            return iterators.OwnedIterator(self)
        if _inside_function():
            return iterators.FunctionIterator(self)
        raise RuntimeError(
            "`tf.data.Dataset` only supports Python-style iteration in eager "
            "mode or within tf.function."
        )

    def _make_iterator(self):
        """One pass of elements as nests of eager tensors (keras, the autograph loop)."""
        spec = self._element_spec
        return (structure.to_element(spec, flat) for flat in self._make({}))

    def as_numpy_iterator(self):
        if not executing_eagerly():
            raise RuntimeError(
                "`tf.data.Dataset.as_numpy_iterator()` is only supported in eager mode."
            )
        return _NumpyIterator(self)

    def _derive(self, kind, element_spec, make, cardinality, inputs=()):
        """A dataset made from this one: it reads this one's graph inputs too."""
        return Dataset(kind, element_spec, make, cardinality, list(self._inputs) + list(inputs))

    def __repr__(self):
        return "<%s element_spec=%r>" % (self._kind, self._element_spec)

    # -- TF 1's Dataset (tf.compat.v1.data.Dataset) --------------------------------------------
    def make_one_shot_iterator(self):
        from learntf.data import iterators

        return iterators.make_one_shot_iterator(self)

    def make_initializable_iterator(self, shared_name=None):
        from learntf.data import iterators

        return iterators.make_initializable_iterator(self, shared_name)

    @property
    def output_types(self):
        return structure.pack(self._element_spec, [s.dtype for s in self._flat_specs()])

    @property
    def output_shapes(self):
        return structure.pack(self._element_spec, [s.shape for s in self._flat_specs()])

    @property
    def output_classes(self):
        from learntf.framework.graph import Tensor

        return structure.pack(self._element_spec, [Tensor for _ in self._flat_specs()])

    def _flat_specs(self):
        return structure.flatten(self._element_spec)


class _NumpyIterator:
    """`as_numpy_iterator()`: elements as NumPy values (scalars and bytes for 0-d tensors)."""

    def __init__(self, dataset):
        self._spec = dataset.element_spec
        self._flat = iter(dataset._make({}))

    def __iter__(self):
        return self

    def __next__(self):
        return structure.to_numpy(self._spec, next(self._flat))


def _inside_function():
    """Whether a tf.function is being traced (not a TF 1 graph, nor a cond branch in one)."""
    from learntf.eager.func_graph import FuncGraph
    from learntf.framework.graph import get_default_graph

    graph = get_default_graph()
    while isinstance(graph, FuncGraph) and graph.outer_graph is not None:
        graph = graph.outer_graph
    return isinstance(graph, FuncGraph)


def _unique(tensors):
    seen, result = set(), []
    for t in tensors:
        if id(t) not in seen:
            seen.add(id(t))
            result.append(t)
    return result


def _constant(value):
    from learntf.framework.constant_op import constant

    return constant(value, dtypes.int64)
