"""The cases of the TensorArray and TensorList parity test: small programs that learntf must run
as TensorFlow 2.21 does -- the same values, dtypes and shapes, the same ops in a tf.function's
graph, the same error class and first message line.

scripts/record_tf_tensor_arrays.py runs every case on real TensorFlow into
tests/data/tf_tensor_arrays.json; tests/test_tensor_array.py runs the same text on learntf with
the same code (`run_case`) and compares.

A case is (name, mode, source, args).  `source` defines `f`, seeing `tf`, `np` and `list_ops`
(TF's tensorflow.python.ops.list_ops, or learntf.ops.list_ops); `args` is a Python expression
for f's arguments (tensors are made with `tf.constant` in it).  Modes:

* "eager"     f(*args), eagerly;
* "function"  tf.function(f)(*args); the names and types of the ops in its graph are recorded;
* "graph"     f(*args) inside `tf.Graph().as_default()` (TF 2's control flow: TensorLists),
              run by a Session; static shapes and the graph's ops are recorded.
"""

import re

import numpy as np

CASES = [
    # -- eager: a Python list of tensors ---------------------------------------------------
    (
        "eager/write_read_stack",
        "eager",
        """
def f():
    ta = tf.TensorArray(tf.float32, size=0, dynamic_size=True, clear_after_read=False)
    ta = ta.write(0, 10)
    ta = ta.write(1, 20)
    ta = ta.write(2, 30)
    return ta.read(0), ta.read(1), ta.read(2), ta.stack(), ta.size()
""",
        "()",
    ),
    (
        "eager/stack_of_rows",
        "eager",
        """
def f():
    ta = tf.TensorArray(tf.int32, size=3)
    ta = ta.write(0, tf.constant([1, 2]))
    ta = ta.write(1, tf.constant([3, 4]))
    ta = ta.write(2, tf.constant([5, 6]))
    return ta.stack(), ta.element_shape, ta.dtype, ta.dynamic_size
""",
        "()",
    ),
    (
        "eager/unwritten_reads_as_zeros",
        "eager",
        """
def f():
    ta = tf.TensorArray(tf.float32, size=3, element_shape=[2])
    ta = ta.write(1, [1.0, 2.0])
    return ta.stack()
""",
        "()",
    ),
    (
        "eager/read_twice_cleared",
        "eager",
        """
def f():
    ta = tf.TensorArray(tf.float32, size=2)
    ta = ta.write(0, 1.0)
    ta.read(0)
    return ta.read(0)
""",
        "()",
    ),
    (
        "eager/read_past_size",
        "eager",
        """
def f():
    ta = tf.TensorArray(tf.float32, size=2)
    return ta.read(2)
""",
        "()",
    ),
    (
        "eager/read_negative",
        "eager",
        """
def f():
    ta = tf.TensorArray(tf.float32, size=2)
    return ta.read(-1)
""",
        "()",
    ),
    (
        "eager/write_past_size",
        "eager",
        """
def f():
    ta = tf.TensorArray(tf.float32, size=2)
    return ta.write(2, 1.0)
""",
        "()",
    ),
    (
        "eager/write_negative",
        "eager",
        """
def f():
    ta = tf.TensorArray(tf.float32, size=2)
    return ta.write(-1, 1.0)
""",
        "()",
    ),
    (
        "eager/write_wrong_dtype",
        "eager",
        """
def f():
    ta = tf.TensorArray(tf.float32, size=2)
    return ta.write(0, tf.constant(1))
""",
        "()",
    ),
    (
        "eager/write_wrong_shape",
        "eager",
        """
def f():
    ta = tf.TensorArray(tf.float32, size=2)
    ta = ta.write(0, [1.0, 2.0])
    return ta.write(1, [1.0, 2.0, 3.0])
""",
        "()",
    ),
    (
        "eager/no_size",
        "eager",
        """
def f():
    return tf.TensorArray(tf.float32)
""",
        "()",
    ),
    (
        "eager/unstack_too_many",
        "eager",
        """
def f():
    ta = tf.TensorArray(tf.float32, size=2)
    return ta.unstack([1.0, 2.0, 3.0])
""",
        "()",
    ),
    (
        "eager/unstack_gather_scatter",
        "eager",
        """
def f(x):
    ta = tf.TensorArray(tf.float32, size=3, clear_after_read=False)
    ta = ta.unstack(x)
    gathered = ta.gather([2, 0])
    ta = ta.scatter([1, 0], x[:2] * 10.0)
    return gathered, ta.stack(), ta.size()
""",
        "(tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]),)",
    ),
    (
        "eager/dynamic_size_grows",
        "eager",
        """
def f():
    ta = tf.TensorArray(tf.float32, size=1, dynamic_size=True)
    ta = ta.write(3, 7.0)
    return ta.size(), ta.stack()
""",
        "()",
    ),
    (
        "eager/concat_and_split",
        "eager",
        """
def f():
    ta = tf.TensorArray(tf.float32, size=2, infer_shape=False)
    ta = ta.write(0, [1.0, 2.0]).write(1, [3.0])
    joined = ta.concat()
    pieces = tf.TensorArray(tf.float32, size=2).split([1.0, 2.0, 3.0], [1, 2])
    return joined, pieces.read(1)
""",
        "()",
    ),
    (
        "eager/concat_of_scalars",
        "eager",
        """
def f():
    ta = tf.TensorArray(tf.float32, size=2)
    ta = ta.write(0, 1.0).write(1, 2.0)
    return ta.concat()
""",
        "()",
    ),
    (
        "eager/empty_stacks",
        "eager",
        """
def f():
    shaped = tf.TensorArray(tf.float32, size=0, element_shape=[2]).stack()
    unshaped = tf.TensorArray(tf.int32, size=0).stack()
    return shaped, unshaped
""",
        "()",
    ),
    (
        "eager/tape_gradients",
        "eager",
        """
def f(x):
    with tf.GradientTape() as tape:
        tape.watch(x)
        ta = tf.TensorArray(tf.float32, size=3)
        ta = ta.write(0, x * 2.0).write(1, x * x)
        ta = ta.write(2, tf.sin(ta.read(0)))
        total = tf.reduce_sum(ta.stack() * [[1.0], [2.0], [3.0]])
    return total, tape.gradient(total, x)
""",
        "(tf.constant([0.5, -1.0]),)",
    ),
    (
        "eager/identity_and_close",
        "eager",
        """
def f():
    ta = tf.TensorArray(tf.float32, size=2)
    same = ta.identity() is ta
    ta = ta.write(0, 1.0)
    before = ta.size()
    ta.close()
    return same, before, ta.size()
""",
        "()",
    ),
    (
        "eager/second_order",
        "eager",
        """
def f(x):
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            ta = tf.TensorArray(tf.float32, size=2)
            ta = ta.write(0, x * x * x).write(1, tf.sin(x))
            y = tf.reduce_sum(ta.stack())
        dy = inner.gradient(y, x)
    return dy, outer.gradient(dy, x)
""",
        "(tf.constant([0.5, 2.0]),)",
    ),
    # -- tf.function: a TensorList in a flow tensor ------------------------------------------
    (
        "function/fibonacci",
        "function",
        """
def f():
    ta = tf.TensorArray(tf.float32, size=0, dynamic_size=True)
    ta = ta.unstack([0.0, 1.0])
    for i in range(2, 7):
        ta = ta.write(i, ta.read(i - 1) + ta.read(i - 2))
    return ta.stack()
""",
        "()",
    ),
    (
        "function/write_read_stack_size",
        "function",
        """
def f(x):
    ta = tf.TensorArray(tf.float32, size=3)
    ta = ta.write(0, x).write(2, x * 2.0)
    return ta.read(2), ta.stack(), ta.size()
""",
        "(tf.constant([1.0, 2.0]),)",
    ),
    (
        "function/unwritten_reads_as_zeros",
        "function",
        """
def f():
    ta = tf.TensorArray(tf.float32, size=3, element_shape=[2])
    ta = ta.write(1, [1.0, 2.0])
    return ta.read(0), ta.stack()
""",
        "()",
    ),
    (
        "function/reads_twice",
        "function",
        """
def f():
    ta = tf.TensorArray(tf.float32, size=2)
    ta = ta.write(0, 5.0)
    return ta.read(0), ta.read(0)
""",
        "()",
    ),
    (
        "function/unstack_gather_scatter",
        "function",
        """
def f(x):
    ta = tf.TensorArray(tf.float32, size=3)
    ta = ta.unstack(x)
    gathered = ta.gather([2, 0])
    ta = ta.scatter([1, 0], x[:2] * 10.0)
    return gathered, ta.stack()
""",
        "(tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]),)",
    ),
    (
        "function/dynamic_size_grows",
        "function",
        """
def f():
    ta = tf.TensorArray(tf.float32, size=1, dynamic_size=True)
    ta = ta.write(3, 7.0)
    return ta.size(), ta.stack()
""",
        "()",
    ),
    (
        "function/read_past_size",
        "function",
        """
def f():
    ta = tf.TensorArray(tf.float32, size=2)
    return ta.read(2)
""",
        "()",
    ),
    (
        "function/write_past_size",
        "function",
        """
def f():
    ta = tf.TensorArray(tf.float32, size=2)
    return ta.write(2, 1.0).stack()
""",
        "()",
    ),
    (
        "function/write_wrong_shape",
        "function",
        """
def f():
    ta = tf.TensorArray(tf.float32, size=2)
    ta = ta.write(0, [1.0, 2.0])
    return ta.write(1, [1.0, 2.0, 3.0]).stack()
""",
        "()",
    ),
    (
        "function/stack_wrong_size",
        "function",
        """
def f():
    ta = tf.TensorArray(tf.float32, size=2, dynamic_size=False)
    ta = ta.unstack([1.0, 2.0, 3.0])
    return ta.stack()
""",
        "()",
    ),
    (
        "function/captures_an_eager_list",
        "function",
        """
rows = list_ops.tensor_list_from_tensor([[1.0, 2.0], [3.0, 4.0]], [2])

def f():
    return list_ops.tensor_list_stack(rows, tf.float32)
""",
        "()",
    ),
    (
        "function/write_wrong_dtype",
        "function",
        """
def f():
    ta = tf.TensorArray(tf.float32, size=2)
    return ta.write(0, tf.constant(1)).stack()
""",
        "()",
    ),
    (
        "graph/element_shape_is_learnt",
        "graph",
        """
def f(x):
    ta = tf.TensorArray(tf.float32, size=2)
    before = ta.element_shape
    ta = ta.write(0, x)
    return ta.read(1), before, ta.element_shape, ta.flow.dtype, ta.flow.shape
""",
        "(tf.constant([[1.0, 2.0, 3.0]]),)",
    ),
    (
        "function/tape_gradients",
        "function",
        """
def f(x):
    with tf.GradientTape() as tape:
        tape.watch(x)
        ta = tf.TensorArray(tf.float32, size=2)
        ta = ta.write(0, x * 2.0).write(1, x * x)
        s = tf.reduce_sum(ta.stack()) + tf.reduce_sum(ta.read(1))
    return tape.gradient(s, x)
""",
        "(tf.constant([1.0, 2.0]),)",
    ),
    (
        "function/tape_gradients_unstack_gather_scatter",
        "function",
        """
def f(x):
    with tf.GradientTape() as tape:
        tape.watch(x)
        ta = tf.TensorArray(tf.float32, size=3).unstack(tf.exp(x))
        picked = ta.gather([2, 1])
        ta = ta.scatter([0], picked[:1] * x[:1])
        s = tf.reduce_sum(ta.stack() ** 2) + tf.reduce_sum(picked)
    return tape.gradient(s, x)
""",
        "(tf.constant([[0.1, 0.2], [0.3, -0.4], [0.5, 0.6]]),)",
    ),
    (
        "function/second_order",
        "function",
        """
def f(x):
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            ta = tf.TensorArray(tf.float32, size=2)
            ta = ta.write(0, x * x * x).write(1, tf.sin(x))
            y = tf.reduce_sum(ta.stack())
        dy = inner.gradient(y, x)
    return dy, outer.gradient(dy, x)
""",
        "(tf.constant([0.5, 2.0]),)",
    ),
    (
        "function/concat_and_split",
        "function",
        """
def f():
    ta = tf.TensorArray(tf.float32, size=2, infer_shape=False)
    ta = ta.write(0, [1.0, 2.0]).write(1, [3.0])
    pieces = tf.TensorArray(tf.float32, size=2).split([1.0, 2.0, 3.0], [1, 2])
    return ta.concat(), pieces.read(1)
""",
        "()",
    ),
    (
        "function/concat_split_gradients",
        "function",
        """
def f(x):
    with tf.GradientTape() as tape:
        tape.watch(x)
        ta = tf.TensorArray(tf.float32, size=2, element_shape=[None])
        ta = ta.split(x * x, [1, 3])
        ta = ta.write(0, ta.read(0) * 5.0)
        total = tf.reduce_sum(ta.concat() * [1.0, 2.0, 3.0, 4.0])
    return tape.gradient(total, x)
""",
        "(tf.constant([1.0, 2.0, 3.0, 4.0]),)",
    ),
    (
        "function/gather_same_index_twice_gradient",
        "function",
        """
def f(x):
    with tf.GradientTape() as tape:
        tape.watch(x)
        ta = tf.TensorArray(tf.float32, size=2).unstack(x)
        total = tf.reduce_sum(ta.gather([1, 1]))
    return tape.gradient(total, x)
""",
        "(tf.constant([[1.0, 2.0], [3.0, 4.0]]),)",
    ),
    (
        "function/identity_and_close",
        "function",
        """
def f(x):
    ta = tf.TensorArray(tf.float32, size=2).write(0, x)
    again = ta.identity()
    again.close()
    return again.read(0)
""",
        "(tf.constant([1.0, 2.0]),)",
    ),
    (
        "function/infer_shape_false",
        "function",
        """
def f():
    ta = tf.TensorArray(tf.float32, size=2, infer_shape=False)
    ta = ta.write(0, [1.0, 2.0]).write(1, [3.0])
    return ta.read(0), ta.read(1)
""",
        "()",
    ),
    (
        "function/size_from_an_argument",
        "function",
        """
def f(n):
    ta = tf.TensorArray(tf.int32, size=n)
    ta = ta.write(0, 5)
    return ta.size(), ta.stack()
""",
        "(tf.constant(3),)",
    ),
    # -- graphs and tf.gradients ------------------------------------------------------------
    (
        "graph/tf_gradients",
        "graph",
        """
def f(x):
    ta = tf.TensorArray(tf.float32, size=3, element_shape=[2])
    ta = ta.unstack(x * x)
    item = ta.read(1)
    total = tf.reduce_sum(ta.stack()) + tf.reduce_sum(item * 3.0)
    return item, tf.gradients(total, x)
""",
        "(tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]),)",
    ),
    (
        "graph/second_order",
        "graph",
        """
def f(x):
    ta = tf.TensorArray(tf.float32, size=2)
    ta = ta.write(0, x * x * x).write(1, x)
    (first,) = tf.gradients(tf.reduce_sum(ta.read(0)), x)
    return first, tf.gradients(tf.reduce_sum(first), x)
""",
        "(tf.constant([0.5, 2.0]),)",
    ),
    (
        "graph/dynamic_shapes",
        "graph",
        """
def f(x):
    ta = tf.TensorArray(tf.float32, size=0, dynamic_size=True)
    ta = ta.write(0, x).write(1, x)
    return ta.read(0), ta.stack(), ta.size()
""",
        "(tf.constant([1.0, 2.0, 3.0]),)",
    ),
    (
        "graph/list_ops_shapes_and_errors",
        "graph",
        """
def f(x):
    lst = list_ops.tensor_list_push_back(list_ops.empty_tensor_list([3], tf.float32), x)
    rest, last = list_ops.tensor_list_pop_back(lst, tf.float32)
    stacked = list_ops.tensor_list_stack(lst, tf.float32)
    return last, stacked, list_ops.tensor_list_push_back(rest, [1.0, 2.0])
""",
        "(tf.constant([1.0, 2.0, 3.0]),)",
    ),
    (
        "graph/list_shapes_reach_a_cond_branch",
        "graph",
        """
def f(x):
    lst = list_ops.tensor_list_push_back(list_ops.empty_tensor_list([2], tf.float32), x)
    lst = tf.identity(lst)
    return tf.cond(
        x[0] > 0.0,
        lambda: list_ops.tensor_list_pop_back(lst, tf.float32)[1] * 2.0,
        lambda: list_ops.tensor_list_get_item(lst, 0, tf.float32),
    )
""",
        "(tf.constant([1.0, 2.0]),)",
    ),
    (
        "graph/concat_of_scalars",
        "graph",
        """
def f(x):
    return list_ops.tensor_list_concat(list_ops.tensor_list_from_tensor(x, []), tf.float32)
""",
        "(tf.constant([1.0, 2.0]),)",
    ),
    # -- TensorList ops, eagerly --------------------------------------------------------------
    (
        "lists/push_pop",
        "eager",
        """
def f():
    empty = list_ops.empty_tensor_list([2], tf.float32)
    two = list_ops.tensor_list_push_back(
        list_ops.tensor_list_push_back(empty, [1.0, 2.0]), [3.0, 4.0])
    rest, last = list_ops.tensor_list_pop_back(two, tf.float32)
    return (last, list_ops.tensor_list_length(rest), list_ops.tensor_list_length(two),
            list_ops.tensor_list_stack(two, tf.float32), rest.dtype, rest.shape)
""",
        "()",
    ),
    (
        "lists/reserve_set_get_resize",
        "eager",
        """
def f():
    reserved = list_ops.tensor_list_reserve([2], 3, tf.float32)
    written = list_ops.tensor_list_set_item(reserved, 1, [5.0, 6.0])
    grown = list_ops.tensor_list_set_item(written, 4, [7.0, 8.0],
                                          resize_if_index_out_of_bounds=True)
    return (list_ops.tensor_list_get_item(written, 2, tf.float32),
            list_ops.tensor_list_stack(grown, tf.float32))
""",
        "()",
    ),
    (
        "lists/from_tensor_gather_scatter",
        "eager",
        """
def f():
    rows = list_ops.tensor_list_from_tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], [2])
    scattered = list_ops.tensor_list_scatter([[9.0, 9.0]], [1], input_handle=rows)
    return (list_ops.tensor_list_gather(rows, [2, 0], tf.float32),
            list_ops.tensor_list_stack(scattered, tf.float32),
            list_ops.tensor_list_element_shape(rows, tf.int32),
            list_ops.tensor_list_element_shape(
                list_ops.empty_tensor_list([None, 2], tf.float32), tf.int64),
            list_ops.tensor_list_element_shape(
                list_ops.tensor_list_reserve(None, 2, tf.float32), tf.int32))
""",
        "()",
    ),
    (
        "lists/concat_and_split",
        "eager",
        """
def f():
    pieces = list_ops.tensor_list_split([1.0, 2.0, 3.0], [-1], tf.constant([1, 2], tf.int64))
    reserved = list_ops.tensor_list_reserve([None, 2], 3, tf.float32)
    one = list_ops.tensor_list_set_item(reserved, 0, [[1.0, 2.0]])
    return (list_ops.tensor_list_get_item(pieces, 1, tf.float32),
            list_ops.tensor_list_concat(pieces, tf.float32),
            list_ops.tensor_list_concat(one, tf.float32, element_shape=[None, 2]),
            list_ops.tensor_list_concat(list_ops.empty_tensor_list([None, 2], tf.float32),
                                        tf.float32))
""",
        "()",
    ),
    (
        "lists/printed",
        "eager",
        """
def f():
    lst = list_ops.empty_tensor_list([2], tf.float32)
    return repr(lst), str(lst)
""",
        "()",
    ),
    (
        "lists/no_numpy",
        "eager",
        """
def f():
    return list_ops.empty_tensor_list([2], tf.float32).numpy()
""",
        "()",
    ),
    (
        "lists/add_and_zeros_like",
        "eager",
        """
def f():
    rows = list_ops.tensor_list_from_tensor([[1.0, 2.0], [3.0, 4.0]], [2])
    reserved = list_ops.tensor_list_reserve([2], 2, tf.float32)
    return (list_ops.tensor_list_stack(tf.math.add_n([rows, rows]), tf.float32),
            list_ops.tensor_list_stack(tf.math.add_n([reserved, rows]), tf.float32),
            list_ops.tensor_list_stack(tf.zeros_like(rows), tf.float32))
""",
        "()",
    ),
]

# Errors of list ops, eagerly: (name, the body of f).
_LIST_ERRORS = [
    ("pop_empty", "list_ops.tensor_list_pop_back(empty, tf.float32)"),
    ("push_wrong_dtype", "list_ops.tensor_list_push_back(empty, [1, 2])"),
    ("push_wrong_shape", "list_ops.tensor_list_push_back(empty, [1.0, 2.0, 3.0])"),
    ("get_past_end", "list_ops.tensor_list_get_item(one, 5, tf.float32)"),
    ("get_wrong_dtype", "list_ops.tensor_list_get_item(one, 0, tf.int32)"),
    ("set_past_end", "list_ops.tensor_list_set_item(one, 3, [1.0, 2.0])"),
    ("set_wrong_shape", "list_ops.tensor_list_set_item(one, 0, [1.0, 2.0, 3.0])"),
    ("reserve_negative", "list_ops.tensor_list_reserve([2], -1, tf.float32)"),
    ("stack_wrong_count", "list_ops.tensor_list_stack(one, tf.float32, num_elements=2)"),
    (
        "stack_empty_unknown_shape",
        "list_ops.tensor_list_stack(list_ops.empty_tensor_list(None, tf.float32), tf.float32)",
    ),
    (
        "stack_unwritten_unknown_shape",
        "list_ops.tensor_list_stack(list_ops.tensor_list_reserve(None, 2, tf.float32), tf.float32)",
    ),
    (
        "get_unwritten_unknown_shape",
        "list_ops.tensor_list_get_item(list_ops.tensor_list_reserve(None, 2, tf.float32), 0, "
        "tf.float32)",
    ),
    ("stack_wrong_shape", "list_ops.tensor_list_stack(one, tf.float32, element_shape=[3])"),
    ("from_scalar", "list_ops.tensor_list_from_tensor(1.0, [])"),
    ("from_wrong_shape", "list_ops.tensor_list_from_tensor([[1.0, 2.0]], [3])"),
    ("gather_past_end", "list_ops.tensor_list_gather(one, [1], tf.float32)"),
    ("scatter_wrong_rows", "list_ops.tensor_list_scatter([[9.0, 9.0]], [0, 1], input_handle=one)"),
    ("scatter_wrong_dtype", "list_ops.tensor_list_scatter([[9, 9]], [0], input_handle=one)"),
    (
        "concat_of_scalars",
        "list_ops.tensor_list_concat(list_ops.tensor_list_from_tensor([1.0, 2.0], []), tf.float32)",
    ),
    (
        "concat_empty_unknown_shape",
        "list_ops.tensor_list_concat(list_ops.empty_tensor_list(None, tf.float32), tf.float32)",
    ),
    (
        "concat_unwritten_unknown_shape",
        "list_ops.tensor_list_concat(list_ops.tensor_list_reserve([None, 2], 2, tf.float32), "
        "tf.float32)",
    ),
    (
        "concat_mismatched_rows",
        "list_ops.tensor_list_concat(list_ops.tensor_list_push_back(list_ops.tensor_list_push_back("
        "list_ops.empty_tensor_list(None, tf.float32), [[1.0, 2.0]]), [[1.0, 2.0, 3.0]]), "
        "tf.float32)",
    ),
    (
        "split_unused_values",
        "list_ops.tensor_list_split([1.0, 2.0, 3.0], None, tf.constant([1, 1], tf.int64))",
    ),
    ("split_scalar", "list_ops.tensor_list_split(1.0, None, tf.constant([1], tf.int64))"),
    (
        "push_into_full_list",
        "list_ops.tensor_list_push_back(list_ops.tensor_list_push_back("
        "list_ops.empty_tensor_list([], tf.float32, max_num_elements=1), 1.0), 2.0)",
    ),
]
for _name, _body in _LIST_ERRORS:
    CASES.append(
        (
            "lists/error/" + _name,
            "eager",
            "\ndef f():\n    empty = list_ops.empty_tensor_list([2], tf.float32)\n"
            "    one = list_ops.tensor_list_push_back(empty, [1.0, 2.0])\n"
            "    return %s\n" % _body,
            "()",
        )
    )

CASES.append(
    (
        # (TF returns the array's flow: a variant tensor, which has no NumPy value)
        "function/a_returned_array_is_its_flow",
        "function",
        """
def f(x):
    return tf.TensorArray(tf.float32, size=2).write(0, x).write(1, 2 * x)
""",
        "(tf.constant(3.0),)",
    )
)


# -- running a case, the same code for TensorFlow and learntf ----------------------------------
def run_case(tf, list_ops, mode, source, args):
    """The recorded outcome of one case: {"result": ..., ["ops": ...]} or {"error", "message"}."""
    namespace = {"tf": tf, "np": np, "list_ops": list_ops}
    exec(source, namespace)  # our own cases' text
    f = namespace["f"]
    outcome = {}
    try:
        if mode == "eager":
            outcome["result"] = encode(f(*eval(args, namespace)))
        elif mode == "function":
            fn = tf.function(f)
            values = eval(args, namespace)
            graph = fn.get_concrete_function(*values).graph
            outcome["ops"] = ["%s %s" % (op.type, op.name) for op in graph.get_operations()]
            outcome["result"] = encode(fn(*values))
        else:
            outcome.update(_run_in_graph(tf, f, args, namespace))
    except Exception as error:  # the error is the recorded outcome
        return {"error": type(error).__name__, "message": message_line(error)}
    return outcome


def _run_in_graph(tf, f, args, namespace):
    graph = tf.Graph()
    with graph.as_default():
        result = f(*eval(args, namespace))
        leaves = tf.nest.flatten(result)
        tensors = [leaf for leaf in leaves if _is_graph_tensor(leaf)]
        static = [_shape(t.shape) for t in tensors]
        with tf.compat.v1.Session(graph=graph) as session:
            values = session.run(tensors)
        ops = ["%s %s" % (op.type, op.name) for op in graph.get_operations()]
    computed, shapes = iter(values), iter(static)
    encoded = []
    for leaf in leaves:
        if _is_graph_tensor(leaf):
            array = _array(np.asarray(next(computed)), leaf.dtype.name)
            encoded.append(dict(array, static_shape=next(shapes)))
        else:
            encoded.append(encode(leaf))
    return {"result": encoded, "ops": ops}


def _is_graph_tensor(value):
    return hasattr(value, "op") and hasattr(value, "dtype") and not hasattr(value, "initializer")


def encode(value):
    """A JSON-able description of a result, the same for TF's and learntf's values."""
    if isinstance(value, (list, tuple)):
        return [encode(item) for item in value]
    if type(value).__name__ == "TensorShape":
        return {"static_shape": _shape(value)}
    if type(value).__name__ == "DType":
        return {"dtype": value.name}
    if hasattr(value, "numpy") and hasattr(value, "dtype"):
        return _array(np.asarray(value.numpy()), value.dtype.name)
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return {"repr": type(value).__name__}


def _shape(shape):
    return None if shape.rank is None else shape.as_list()


def _array(array, dtype_name):
    return {"dtype": dtype_name, "shape": list(array.shape), "value": array.tolist()}


def message_line(error):
    """An error's own words: its first line without TF's `{{function_node ...}}` prefix and
    `[Op:...]` suffix; for an error raised inside a function's run (TF: "Graph execution
    error:"), the line above `[[{{node ...}}]]` that is not learntf's "(learntf: ...)" hint."""
    lines = [line for line in str(error).strip().splitlines()]
    marked = [i for i, line in enumerate(lines) if line.strip().startswith("[[{{node ")]
    if marked:
        above = [line for line in lines[: marked[0]] if line.strip()]
        above = [line for line in above if not line.strip().startswith("(learntf:")]
        text = above[-1] if above else ""
    else:
        text = lines[0] if lines else ""
    text = re.sub(r"^\{\{function_node [^}]*\}\}\s*", "", text)
    text = text.split(" [Op:")[0]
    return text.split(" for '{{node ")[0].strip()
