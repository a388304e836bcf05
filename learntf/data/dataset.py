"""`tf.data.Dataset`: a sequence of elements, transformed lazily and iterated in eager mode.

    Dataset.from_tensor_slices((X, y))   one element per row: (X[i], y[i])
    .shuffle(buffer_size, seed)          TF's buffered shuffle (a window of buffer_size)
    .batch(n) / .repeat(count) / .map(f) / .take(n)

Elements come out as (tuples or dicts of) eager tensors, nested by tf.nest's rules for tf.data
(learntf/nest.py): tuples, namedtuples and dicts nest, a list is one tensor.  Each
transformation returns a new Dataset that remembers how to produce its elements; nothing runs
until you iterate.
"""

import numpy as np

from learntf import nest
from learntf.framework.context import executing_eagerly
from learntf.framework.execute import to_eager


class Dataset:
    """A re-iterable, lazily transformed sequence of elements."""

    def __init__(self, make_iterator, description):
        self._make_iterator = make_iterator
        self._description = description

    # -- sources ------------------------------------------------------------------------
    @staticmethod
    def from_tensor_slices(tensors):
        """One element per index of the first dimension of every component."""
        arrays = nest.map_structure_for_data(
            lambda t: np.asarray(t.numpy() if hasattr(t, "numpy") else t), tensors
        )
        lengths = {len(a) for a in nest.flatten_for_data(arrays)}
        if len(lengths) != 1:
            raise ValueError(
                "Dimensions %s in the components of from_tensor_slices must all "
                "match (every component needs the same number of rows)." % sorted(lengths)
            )
        (n,) = lengths

        def make():
            for i in range(n):
                yield nest.map_structure_for_data(lambda a, i=i: _tensor(a[i]), arrays)

        return Dataset(make, "from_tensor_slices")

    @staticmethod
    def from_tensors(tensors):
        arrays = nest.map_structure_for_data(np.asarray, tensors)
        return Dataset(lambda: iter([nest.map_structure_for_data(_tensor, arrays)]), "from_tensors")

    @staticmethod
    def range(*args):
        return Dataset(lambda: (_tensor(np.int64(i)) for i in range(*args)), "range")

    # -- transformations ----------------------------------------------------------------
    def map(self, map_func):
        def make():
            for element in self._make_iterator():
                # as TF: a plain tuple is unpacked into arguments, a namedtuple is not
                yield map_func(*element) if type(element) is tuple else map_func(element)

        return Dataset(make, "map")

    def batch(self, batch_size, drop_remainder=False):
        def make():
            batch = []
            for element in self._make_iterator():
                batch.append(element)
                if len(batch) == batch_size:
                    yield _stack(batch)
                    batch = []
            if batch and not drop_remainder:
                yield _stack(batch)

        return Dataset(make, "batch")

    def shuffle(self, buffer_size, seed=None, reshuffle_each_iteration=True):
        rng = np.random.default_rng(seed)
        fixed_state = rng.bit_generator.state

        def make():
            if not reshuffle_each_iteration:
                rng.bit_generator.state = fixed_state
            buffer = []
            for element in self._make_iterator():
                buffer.append(element)
                if len(buffer) == buffer_size:
                    yield buffer.pop(int(rng.integers(len(buffer))))
            while buffer:
                yield buffer.pop(int(rng.integers(len(buffer))))

        return Dataset(make, "shuffle")

    def repeat(self, count=None):
        def make():
            done = 0
            while count is None or count < 0 or done < count:
                yield from self._make_iterator()
                done += 1

        return Dataset(make, "repeat")

    def take(self, count):
        def make():
            for i, element in enumerate(self._make_iterator()):
                if count >= 0 and i >= count:
                    return
                yield element

        return Dataset(make, "take")

    def skip(self, count):
        def make():
            for i, element in enumerate(self._make_iterator()):
                if i >= count:
                    yield element

        return Dataset(make, "skip")

    def prefetch(self, buffer_size):
        return self

    # -- iteration ----------------------------------------------------------------------
    def __iter__(self):
        if not executing_eagerly():
            raise RuntimeError(
                "`tf.data.Dataset` only supports Python-style iteration in eager "
                "mode or within tf.function."
            )
        return self._make_iterator()

    def as_numpy_iterator(self):
        for element in self:
            yield nest.map_structure_for_data(lambda t: t.numpy(), element)

    def __repr__(self):
        return "<Dataset (%s)>" % self._description


def _tensor(value):
    return to_eager(value)


def _stack(elements):
    """One batch: each component of the elements stacked along a new first axis."""
    return nest.map_structure_for_data(
        lambda *parts: to_eager(np.stack([np.asarray(p) for p in parts])), *elements
    )
