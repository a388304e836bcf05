"""viz.layout: the storage of a ragged tensor (values + row_splits) and of a sparse tensor
(indices / values / dense_shape), drawn from the tensor itself (lessons 16 and 17), for learntf's
tensors and for stand-ins of real TensorFlow's (whose classes live in `tensorflow...` modules)."""

import numpy as np
import pytest

import learntf as tf
import learntf.viz as viz

pytestmark = pytest.mark.usefixtures("eager_mode")


def test_ragged_layout_text_shows_values_splits_and_rows():
    drawing = viz.layout(tf.ragged.constant([[11, 22], [21, 22, 23], [], [41]]))
    assert str(drawing).splitlines() == [
        "RaggedTensor: 4 rows, 6 values (int32)",
        "values index:  0  1  2  3  4  5",
        "       value: 11 22 21 22 23 41",
        "         row:  0  0  1  1  1  3",
        "row_splits: [0, 2, 5, 5, 6]",
        "row 0 = values[0:2] = [11, 22]",
        "row 1 = values[2:5] = [21, 22, 23]",
        "row 2 = values[5:5] = []",
        "row 3 = values[5:6] = [41]",
    ]
    assert repr(drawing) == str(drawing)


def test_ragged_layout_html_colours_each_row():
    page = viz.layout(tf.ragged.constant([[1, 2], [3]]))._repr_html_()
    assert page.count("<table") == 3
    assert page.count('title="row 0"') == 2 and page.count('title="row 1"') == 1
    assert "row 0 = values[0:2]" in page and "row_splits" in page


def test_ragged_layout_of_strings_and_of_two_levels():
    words = viz.layout(tf.strings.split(["the cat", "a"]))
    assert "RaggedTensor: 2 rows, 3 values (string)" in str(words)
    assert "row 0 = values[0:2] = [b'the', b'cat']" in str(words)
    nested = str(viz.layout(tf.ragged.constant([[[1], [2, 3]], [[4]]])))
    assert "2 levels of row_splits" in nested
    assert "row_splits (level 1): [0, 2, 3]" in nested
    assert "row_splits (level 2): [0, 1, 3, 4]" in nested
    assert "level-2 row 1 = values[1:3] = [2, 3]" in nested


def test_sparse_layout_text_shows_parts_order_and_dense_grid():
    s = tf.SparseTensor(
        indices=[[0, 2], [0, 1], [2, 3]], values=[1.0, 2.0, 3.5], dense_shape=[3, 4]
    )
    assert str(viz.layout(s)).splitlines() == [
        "SparseTensor: dense_shape [3, 4], 3 stored values of 12 entries (float32)",
        " #  indices  values",
        " 0  [0, 2]   1",
        " 1  [0, 1]   2",
        " 2  [2, 3]   3.5",
        "indices in row-major order: no (tf.sparse.reorder sorts them)",
        "dense form (. = not stored, an implicit zero):",
        "    .   2   1   .",
        "    .   .   .   .",
        "    .   .   . 3.5",
    ]
    reordered = str(viz.layout(tf.sparse.reorder(s)))
    assert "indices in row-major order: yes" in reordered
    page = viz.layout(s)._repr_html_()
    assert page.count('title="stored value #') == 3 and "dense_shape" in page


def test_sparse_layout_shows_a_repeated_index_as_both_values():
    s = tf.SparseTensor(indices=[[0, 1], [0, 1]], values=[1, 2], dense_shape=[1, 2])
    assert str(viz.layout(s)).splitlines()[-1] == "    . 1+2"


def test_layout_refuses_other_values_and_graph_tensors():
    with pytest.raises(TypeError, match="RaggedTensor or a SparseTensor"):
        viz.layout(tf.constant([1, 2]))
    graph = tf.Graph()
    with graph.as_default():
        ragged = tf.ragged.constant([[1, 2], [3]])
    with pytest.raises(ValueError, match="graph tensor"):
        viz.layout(ragged)


class _EagerTensor:
    """A stand-in for TensorFlow's EagerTensor: `.numpy()` and a dtype with a name."""

    def __init__(self, array, dtype_name):
        self._array = np.asarray(array)
        self.dtype = type("DType", (), {"name": dtype_name})()

    def numpy(self):
        return self._array


def _tensorflow_class(name, parts):
    cls = type(name, (), {})
    cls.__module__ = "tensorflow.python.ops.ragged.ragged_tensor"
    obj = cls()
    for key, value in parts.items():
        setattr(obj, key, value)
    return obj


def test_layout_takes_tensorflow_ragged_and_sparse_tensors():
    values = _EagerTensor(np.array([11, 22, 21, 22, 23, 41], np.int32), "int32")
    splits = _EagerTensor(np.array([0, 2, 5, 5, 6], np.int64), "int64")
    tf_ragged = _tensorflow_class(
        "RaggedTensor",
        {
            "values": values,
            "flat_values": values,
            "row_splits": splits,
            "nested_row_splits": (splits,),
        },
    )
    ours = tf.ragged.constant([[11, 22], [21, 22, 23], [], [41]])
    assert str(viz.layout(tf_ragged)) == str(viz.layout(ours))

    tf_sparse = _tensorflow_class(
        "SparseTensor",
        {
            "indices": _EagerTensor(np.array([[0, 1], [1, 0], [2, 3]], np.int64), "int64"),
            "values": _EagerTensor(np.array([1.0, 2.0, 3.0], np.float32), "float32"),
            "dense_shape": _EagerTensor(np.array([3, 4], np.int64), "int64"),
        },
    )
    ours = tf.SparseTensor(
        indices=[[0, 1], [1, 0], [2, 3]], values=[1.0, 2.0, 3.0], dense_shape=[3, 4]
    )
    assert str(viz.layout(tf_sparse)) == str(viz.layout(ours))
    assert viz.layout(tf_sparse)._repr_html_() == viz.layout(ours)._repr_html_()
