"""TensorList ops (learntf/ops/list_ops.py): values, errors and gradients.

Values follow from what each op means (a list is a tuple of tensors); gradients are checked
against central finite differences, eagerly, in tf.function and with tf.gradients in a graph.
TensorFlow's own values and words for these ops are recorded in tests/data/tf_tensor_arrays.json
and compared by tests/test_tensor_array.py.
"""

import numpy as np
import pytest

import learntf as tf
from learntf import errors
from learntf.ops import list_ops


def _stack(handle, dtype=tf.float32, **kwargs):
    return list_ops.tensor_list_stack(handle, dtype, **kwargs).numpy()


def test_push_back_and_pop_back_leave_their_input_alone(eager_mode):
    empty = list_ops.empty_tensor_list([2], tf.float32)
    one = list_ops.tensor_list_push_back(empty, [1.0, 2.0])
    two = list_ops.tensor_list_push_back(one, [3.0, 4.0])
    rest, last = list_ops.tensor_list_pop_back(two, tf.float32)
    np.testing.assert_array_equal(last.numpy(), [3.0, 4.0])
    assert list_ops.tensor_list_length(rest).numpy() == 1
    assert list_ops.tensor_list_length(two).numpy() == 2  # two still has both
    assert list_ops.tensor_list_length(empty).numpy() == 0
    np.testing.assert_array_equal(_stack(two), [[1.0, 2.0], [3.0, 4.0]])
    assert rest.dtype is tf.variant and rest.shape == []


def test_reserve_reads_unwritten_elements_as_zeros(eager_mode):
    reserved = list_ops.tensor_list_reserve([2], 3, tf.float32)
    written = list_ops.tensor_list_set_item(reserved, 1, [5.0, 6.0])
    np.testing.assert_array_equal(_stack(written), [[0, 0], [5, 6], [0, 0]])
    np.testing.assert_array_equal(
        list_ops.tensor_list_get_item(written, 2, tf.float32).numpy(), [0, 0]
    )
    resized = list_ops.tensor_list_set_item(
        written, 4, [7.0, 8.0], resize_if_index_out_of_bounds=True
    )
    assert _stack(resized).shape == (5, 2)


def test_from_tensor_gather_scatter_and_element_shape(eager_mode):
    rows = list_ops.tensor_list_from_tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], [2])
    np.testing.assert_array_equal(
        list_ops.tensor_list_gather(rows, [2, 0], tf.float32).numpy(), [[5, 6], [1, 2]]
    )
    grown = list_ops.tensor_list_scatter([[9.0, 9.0], [7.0, 7.0]], [1, 4], input_handle=rows)
    np.testing.assert_array_equal(_stack(grown), [[1, 2], [9, 9], [5, 6], [0, 0], [7, 7]])
    np.testing.assert_array_equal(list_ops.tensor_list_element_shape(rows, tf.int32).numpy(), [2])
    unknown = list_ops.tensor_list_reserve(None, 2, tf.float32)
    assert list_ops.tensor_list_element_shape(unknown, tf.int32).numpy() == -1
    partial = list_ops.empty_tensor_list([None, 2], tf.float32)
    np.testing.assert_array_equal(
        list_ops.tensor_list_element_shape(partial, tf.int64).numpy(), [-1, 2]
    )


def test_lists_add_element_by_element_and_have_zeros_like(eager_mode):
    rows = list_ops.tensor_list_from_tensor([[1.0, 2.0], [3.0, 4.0]], [2])
    reserved = list_ops.tensor_list_reserve([2], 2, tf.float32)
    np.testing.assert_array_equal(_stack(tf.add_n([rows, rows])), [[2, 4], [6, 8]])
    np.testing.assert_array_equal(_stack(tf.add_n([reserved, rows])), [[1, 2], [3, 4]])
    zeros = tf.zeros_like(rows)
    assert zeros.dtype is tf.variant
    np.testing.assert_array_equal(_stack(zeros), [[0, 0], [0, 0]])


@pytest.mark.parametrize(
    "program, words",
    [
        (
            lambda e: list_ops.tensor_list_pop_back(e, tf.float32),
            "Trying to pop from an empty list.",
        ),
        (
            lambda e: list_ops.tensor_list_push_back(e, [1, 2]),
            "Invalid data types; op elements int32 but list elements float",
        ),
        (
            lambda e: list_ops.tensor_list_push_back(e, [1.0, 2.0, 3.0]),
            "Tried to append a tensor with incompatible shape to a list. Op element shape: "
            "[3] list shape: [2]",
        ),
        (
            lambda e: list_ops.tensor_list_get_item(e, 0, tf.float32),
            "Trying to access element 0 in a list with 0 elements.",
        ),
        (
            lambda e: list_ops.tensor_list_set_item(e, 0, [1.0, 2.0]),
            "Trying to modify element 0 in a list with 0 elements.",
        ),
        (
            lambda e: list_ops.tensor_list_stack(e, tf.float32, num_elements=2),
            "Operation expected a list with 2 elements but got a list with 0 elements.",
        ),
    ],
)
def test_errors_are_tensorflows(eager_mode, program, words):
    empty = list_ops.empty_tensor_list([2], tf.float32)
    with pytest.raises(errors.InvalidArgumentError) as info:
        program(empty)
    assert str(info.value).startswith(words)


def _finite_difference_check(f, values, delta=1e-6):
    """The tape's gradient of sum(f(*values)) against central differences, in float64."""
    tensors = [tf.constant(v) for v in values]
    with tf.GradientTape() as tape:
        tape.watch(tensors)
        total = tf.reduce_sum(f(*tensors))
    grads = tape.gradient(total, tensors)
    for i, value in enumerate(values):
        numeric = np.zeros_like(value)
        for index in np.ndindex(value.shape):
            shifted = [np.array(v, copy=True) for v in values]
            shifted[i][index] += delta
            up = tf.reduce_sum(f(*[tf.constant(v) for v in shifted])).numpy()
            shifted[i][index] -= 2 * delta
            down = tf.reduce_sum(f(*[tf.constant(v) for v in shifted])).numpy()
            numeric[index] = (up - down) / (2 * delta)
        np.testing.assert_allclose(grads[i].numpy(), numeric, rtol=1e-6, atol=1e-8)


def _push_pop(x, y):
    lst = list_ops.empty_tensor_list([2], tf.float64)
    lst = list_ops.tensor_list_push_back(lst, x * y)
    lst = list_ops.tensor_list_push_back(lst, tf.sin(y))
    rest, last = list_ops.tensor_list_pop_back(lst, tf.float64)
    return last * x + list_ops.tensor_list_stack(rest, tf.float64) ** 2


def _get_set_gather_scatter(x, y):
    lst = list_ops.tensor_list_from_tensor(tf.stack([x, y, x * y]), [2])
    item = list_ops.tensor_list_get_item(lst, 2, tf.float64)
    lst = list_ops.tensor_list_set_item(lst, 0, tf.exp(item))
    lst = list_ops.tensor_list_scatter(tf.stack([y * 3.0]), [1], input_handle=lst)
    gathered = list_ops.tensor_list_gather(lst, [0, 1], tf.float64)
    return gathered * x + list_ops.tensor_list_stack(lst, tf.float64)[2:] ** 3


def _reserved(x, y):
    lst = list_ops.tensor_list_reserve([2], 3, tf.float64)
    lst = list_ops.tensor_list_set_item(lst, 2, x * y)
    lst = list_ops.tensor_list_set_item(lst, 4, y, resize_if_index_out_of_bounds=True)
    return list_ops.tensor_list_stack(lst, tf.float64) ** 2


@pytest.mark.parametrize("f", [_push_pop, _get_set_gather_scatter, _reserved])
def test_tape_gradients_match_finite_differences(eager_mode, f):
    values = [np.array([0.3, -1.2]), np.array([0.7, 0.4])]
    _finite_difference_check(f, values)
    _finite_difference_check(tf.function(f), values)


def test_gradients_in_a_graph_and_second_order(eager_mode):
    graph = tf.Graph()
    with graph.as_default():
        x = tf.constant([0.5, -1.5], tf.float64)
        lst = list_ops.tensor_list_from_tensor(tf.stack([x, x * x]), [2])
        item = list_ops.tensor_list_get_item(lst, 1, tf.float64, element_shape=[2])
        assert item.shape == [2]
        total = tf.reduce_sum(item * x)  # sum(x**3)
        (first,) = tf.gradients(total, x)
        (second,) = tf.gradients(tf.reduce_sum(first), x)
        types = {op.type for op in graph.get_operations()}
        with tf.compat.v1.Session() as session:
            got_first, got_second = session.run([first, second])
    np.testing.assert_allclose(got_first, 3 * np.array([0.5, -1.5]) ** 2)
    np.testing.assert_allclose(got_second, 6 * np.array([0.5, -1.5]))
    assert {"TensorListReserve", "TensorListSetItem", "TensorListStack"} <= types


def test_graph_shapes_come_from_the_lists_handle_data(eager_mode):
    graph = tf.Graph()
    with graph.as_default():
        lst = list_ops.empty_tensor_list([3], tf.float32)
        lst = list_ops.tensor_list_push_back(lst, tf.zeros([3]))
        rest, last = list_ops.tensor_list_pop_back(lst, tf.float32)
        assert last.shape == [3]
        assert list_ops.tensor_list_stack(rest, tf.float32).shape.as_list() == [None, 3]
