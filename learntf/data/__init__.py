"""`tf.data`: input pipelines (lesson 15 iterates one in eager mode).

dataset.py (the Dataset class), sources.py, transformations.py, shuffle.py, functions.py
(map functions traced as TF traces them), reduce.py, readers.py (TextLineDataset) and
iterators.py (eager iterators, and TF 1's iterator ops for `sess.run`)."""

import types

from learntf.data.dataset import AUTOTUNE, INFINITE, UNKNOWN, Dataset
from learntf.data.iterators import (
    Iterator,
    get_output_classes,
    get_output_shapes,
    get_output_types,
    make_initializable_iterator,
    make_one_shot_iterator,
)
from learntf.data.readers import TextLineDataset

INFINITE_CARDINALITY = INFINITE
UNKNOWN_CARDINALITY = UNKNOWN


def _cardinality(dataset):
    return dataset.cardinality()


experimental = types.SimpleNamespace(
    AUTOTUNE=AUTOTUNE,
    INFINITE_CARDINALITY=INFINITE,
    UNKNOWN_CARDINALITY=UNKNOWN,
    cardinality=_cardinality,
)

__all__ = [
    "AUTOTUNE",
    "Dataset",
    "INFINITE_CARDINALITY",
    "Iterator",
    "TextLineDataset",
    "UNKNOWN_CARDINALITY",
    "experimental",
    "get_output_classes",
    "get_output_shapes",
    "get_output_types",
    "make_initializable_iterator",
    "make_one_shot_iterator",
]
