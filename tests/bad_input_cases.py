"""Bad inputs to the public API (issue 23): small programs that misuse TensorFlow, each of which
learntf must answer as TensorFlow 2.21 does: the same error class with TF's words first, or,
where TF accepts the input, the same value. Never a private name, a NumPy traceback or a hang.

scripts/record_tf_bad_inputs.py runs every row on real TensorFlow into
tests/data/tf_bad_inputs.json; tests/test_bad_inputs.py runs the same text on learntf with the
same code (`run_case`) and compares.

A row is a program that sees `tf` (TF2's namespace, or learntf's), `v1` (tf.compat.v1), `np`,
`keras` (tf.keras) and `tmp` (a fresh empty directory); its value is its last expression, as in
a notebook cell. Rows of the areas "graph" and "session" run inside a fresh `tf.Graph()` (TF 1
style, without disable_v2_behavior). Rows of the area "cli" run `python -m course` (learntf's
command line; TensorFlow has none), so their expectations come from the CLI's documented
behaviour (`SPEC`), not from TensorFlow.

A row's `fragment`, when given, is the part of TF's message learntf's must contain (used where
TF's first line names something engine-specific, such as a layer's numbered name or a file path,
or where Keras 3 puts its words below a first line that only says where the error arose);
otherwise learntf's first line must start with TF's.
"""

import ast
import contextlib
import io
import linecache
import re
import shutil
import signal
import tempfile
from dataclasses import dataclass

import numpy as np

# The areas of the table, in the order the issue lists them.
AREAS = (
    "graph",  # building graphs (TF 1 style, in a fresh Graph)
    "session",  # running them in a Session
    "eager",  # ops run eagerly
    "tape",  # GradientTape
    "function",  # tf.function
    "keras",
    "data",  # tf.data
    "summary",  # tf.summary
    "checkpoint",  # checkpoints and saving
    "strings",  # strings, ragged and sparse tensors
    "cli",  # python -m course
)

TIMEOUT_SECONDS = 20  # a row that takes longer hangs


@dataclass(frozen=True)
class Case:
    name: str
    area: str
    code: str
    fragment: str = None  # the words learntf must contain (default: TF's whole first line)


CASES = []


def rows(area, *items):
    """Add rows of one area: (name, code) or (name, code, fragment)."""
    for item in items:
        CASES.append(Case(item[0], area, item[1].strip(), *item[2:]))


rows(
    "graph",
    ("add_static_shapes", "v1.placeholder(tf.float32, [2]) + v1.placeholder(tf.float32, [3])"),
    ("matmul_static_shapes", "tf.matmul(v1.placeholder(tf.float32, [2, 3]), tf.ones([2, 3]))"),
    ("reshape_static_size", "tf.reshape(v1.placeholder(tf.float32, [2, 3]), [4])"),
    ("concat_rank_mismatch", "tf.concat([tf.ones([2, 3]), tf.ones([2])], 0)"),
    ("concat_dim_mismatch", "tf.concat([tf.ones([2, 3]), tf.ones([3, 2])], 0)"),
    ("set_shape_incompatible", "x = v1.placeholder(tf.float32, [2])\nx.set_shape([3])"),
    (
        "tensor_from_another_graph",
        "with tf.Graph().as_default():\n    a = tf.constant(1.0)\nb = tf.constant(2.0)\na + b",
        # (the rest of TF's line prints the two Graph objects, with their addresses)
        'Tensor("Const:0", shape=(), dtype=float32) must be from the same graph as '
        'Tensor("Const:0", shape=(), dtype=float32) (graphs are ',
    ),
    (
        "get_variable_twice",
        "v1.get_variable('v', [2])\nv1.get_variable('v', [2])",
        "Variable v already exists, disallowed.",
    ),
    ("get_variable_without_shape", "v1.get_variable('w')"),
    ("get_tensor_by_name_missing", "v1.get_default_graph().get_tensor_by_name('nope:0')"),
    (
        "get_tensor_by_name_of_an_operation",
        "tf.constant(1.0, name='c')\nv1.get_default_graph().get_tensor_by_name('c')",
    ),
    ("get_operation_by_name_missing", "v1.get_default_graph().get_operation_by_name('nope')"),
    (
        "finalized_graph",
        "v1.get_default_graph().finalize()\ntf.constant(1.0)",
    ),
    ("eval_without_session", "tf.constant(1.0).eval()"),
    ("control_dependencies_on_a_float", "with tf.control_dependencies([1.0]):\n    tf.ones([1])"),
    (
        "cond_on_a_float",
        "tf.cond(tf.constant(1.0), lambda: 1.0, lambda: 2.0)",
    ),
    (
        "while_loop_changes_shape",
        "tf.while_loop(lambda x: tf.reduce_sum(x) < 10.0, lambda x: tf.concat([x, x], 0),"
        " [tf.ones([1])])",
    ),
    (
        "while_loop_body_returns_two_values",
        "tf.while_loop(lambda x: x < 10, lambda x: (x + 1, x), [tf.constant(0)])",
    ),
    ("placeholder_of_a_bad_shape", "v1.placeholder(tf.float32, [2, -2])"),
    ("variable_assign_wrong_shape", "v = tf.Variable([1.0, 2.0])\nv.assign([1.0, 2.0, 3.0])"),
    ("gradients_of_unconnected", "x = tf.constant(1.0)\ny = tf.constant(2.0)\nv1.gradients(y, x)"),
    ("gradients_of_a_string", "x = tf.constant(1.0)\nv1.gradients(tf.strings.as_string(x), x)"),
    (
        "reduce_sum_static_axis_out_of_range",
        "tf.reduce_sum(v1.placeholder(tf.float32, [2, 3]), axis=2)",
    ),
    (
        "gather_static_index_out_of_range",
        "tf.gather(v1.placeholder(tf.float32, [3]), tf.constant([5]))",
    ),
)

rows(
    "session",
    (
        "placeholder_not_fed",
        "x = v1.placeholder(tf.float32, [2])\nwith v1.Session() as s:\n    s.run(x * 2)",
    ),
    (
        "feed_wrong_shape",
        "x = v1.placeholder(tf.float32, [2])\nwith v1.Session() as s:\n"
        "    s.run(x * 2, {x: [1.0, 2.0, 3.0]})",
    ),
    (
        "feed_wrong_rank",
        "x = v1.placeholder(tf.float32, [None])\nwith v1.Session() as s:\n"
        "    s.run(x * 2, {x: [[1.0]]})",
    ),
    (
        "feed_a_string_to_a_float",
        "x = v1.placeholder(tf.float32, [1])\nwith v1.Session() as s:\n    s.run(x, {x: ['a']})",
    ),
    (
        "feed_a_float_to_an_int",
        "x = v1.placeholder(tf.int32, [1])\nwith v1.Session() as s:\n    s.run(x, {x: [1.5]})",
    ),
    (
        "feed_key_missing_name",
        "x = v1.placeholder(tf.float32, [1])\nwith v1.Session() as s:\n"
        "    s.run(x, {'nope:0': [1.0]})",
    ),
    (
        "feed_key_an_int",
        "x = v1.placeholder(tf.float32, [1])\nwith v1.Session() as s:\n    s.run(x, {3: [1.0]})",
    ),
    ("fetch_none", "with v1.Session() as s:\n    s.run(None)"),
    ("fetch_a_float", "with v1.Session() as s:\n    s.run(1.5)"),
    ("fetch_a_missing_name", "tf.constant(1.0)\nwith v1.Session() as s:\n    s.run('nope:0')"),
    (
        "fetch_from_another_graph",
        "with tf.Graph().as_default():\n    a = tf.constant(1.0)\n"
        "with v1.Session() as s:\n    s.run(a)",
    ),
    (
        "run_a_closed_session",
        "c = tf.constant(1.0)\ns = v1.Session()\ns.close()\ns.run(c)",
    ),
    (
        "uninitialized_variable",
        "v = v1.get_variable('v', [2])\nwith v1.Session() as s:\n    s.run(v)",
    ),
    (
        "uninitialized_resource_variable",
        "v = tf.Variable([1.0], name='r')\nwith v1.Session() as s:\n    s.run(v + 1)",
    ),
    (
        "add_runtime_shapes",
        "x = v1.placeholder(tf.float32, [None])\ny = v1.placeholder(tf.float32, [None])\n"
        "with v1.Session() as s:\n    s.run(x + y, {x: [1.0, 2.0], y: [1.0, 2.0, 3.0]})",
    ),
    (
        "matmul_runtime_shapes",
        "x = v1.placeholder(tf.float32, [None, None])\nwith v1.Session() as s:\n"
        "    s.run(tf.matmul(x, x), {x: np.ones([2, 3])})",
    ),
    (
        "reshape_runtime_size",
        "x = v1.placeholder(tf.float32, [None])\nwith v1.Session() as s:\n"
        "    s.run(tf.reshape(x, [4]), {x: np.ones([6])})",
    ),
    (
        "gather_runtime_out_of_range",
        "i = v1.placeholder(tf.int32, [None])\nwith v1.Session() as s:\n"
        "    s.run(tf.gather(tf.constant([1.0, 2.0, 3.0]), i), {i: [5]})",
    ),
    (
        "integer_division_by_zero_at_run",
        "x = v1.placeholder(tf.int32, [])\nwith v1.Session() as s:\n"
        "    s.run(tf.math.floordiv(7, x), {x: 0})",
    ),
    (
        "assert_equal_at_run",
        "x = v1.placeholder(tf.int32, [])\nwith v1.Session() as s:\n"
        "    s.run(v1.assert_equal(x, 2), {x: 1})",
        "assertion failed:",
    ),
    (
        "check_numerics_at_run",
        "x = v1.placeholder(tf.float32, [1])\nwith v1.Session() as s:\n"
        "    s.run(tf.debugging.check_numerics(x, 'bad x'), {x: [np.nan]})",
        "bad x : Tensor had NaN values",
    ),
    (
        "feed_a_constant_is_allowed",
        "c = tf.constant(1.0)\nwith v1.Session() as s:\n    r = s.run(c * 2, {c: 5.0})\nr",
    ),
    (
        "run_an_operation_gives_none",
        "op = tf.no_op()\nwith v1.Session() as s:\n    r = s.run(op)\nr is None",
    ),
    ("session_of_a_non_graph", "v1.Session(graph='g')"),
    (
        "slice_runtime_out_of_range",
        "x = v1.placeholder(tf.float32, [None])\nwith v1.Session() as s:\n"
        "    s.run(tf.slice(x, [1], [5]), {x: np.ones([3])})",
    ),
    (
        "placeholder_with_default_wrong_feed",
        "x = v1.placeholder_with_default([1.0, 2.0], [2])\nwith v1.Session() as s:\n"
        "    s.run(x, {x: [1.0]})",
    ),
    (
        "variable_from_another_session_graph",
        "v = tf.Variable(1.0)\nwith tf.Graph().as_default():\n    with v1.Session() as s:\n"
        "        s.run(v)",
    ),
    (
        "saver_restore_missing",
        "v = tf.Variable(1.0)\nsaver = v1.train.Saver([v])\nwith v1.Session() as s:\n"
        "    saver.restore(s, tmp + '/missing')",
        "The passed save_path is not a valid checkpoint:",
    ),
)

rows(
    "eager",
    ("random_normal_float_shape", "tf.random.normal([2.5])"),
    ("one_hot_negative_depth", "tf.one_hot([0, 1], -1)"),
    ("zeros_negative_dim", "tf.zeros([-1])"),
    ("ones_huge", "tf.ones([2**32, 2**32])"),
    ("constant_int32_overflow", "tf.constant(2**31, dtype=tf.int32)"),
    (
        "reduce_mean_of_strings",
        "tf.reduce_mean(tf.constant(['a', 'b']))",
        "Value for attr 'T' of string is not in the list of allowed values:",
    ),
    ("matmul_shapes", "tf.matmul(tf.ones([2, 3]), tf.ones([2, 3]))"),
    ("matmul_rank_1", "tf.matmul(tf.ones([3]), tf.ones([3]))"),
    ("add_broadcast_shapes", "tf.ones([2]) + tf.ones([3])"),
    ("add_dtypes", "tf.add(tf.constant(1), tf.constant(1.0))"),
    ("add_a_string", "tf.constant(1) + 'a'"),
    ("reshape_size", "tf.reshape(tf.range(6), [4, -1])"),
    ("reshape_two_unknowns", "tf.reshape(tf.range(6), [-1, -1])"),
    ("concat_shapes", "tf.concat([tf.ones([2, 3]), tf.ones([3, 2])], 0)"),
    ("concat_axis_out_of_range", "tf.concat([tf.ones([2]), tf.ones([2])], 3)"),
    ("gather_out_of_range", "tf.gather([1, 2, 3], 5)"),
    ("gather_negative_index", "tf.gather([1, 2, 3], -1)"),
    ("gather_axis_out_of_range", "tf.gather([1, 2, 3], 0, axis=2)"),
    ("index_out_of_range", "tf.constant([1, 2, 3])[5]"),
    ("slice_step_zero", "tf.constant([1, 2, 3])[::0]"),
    ("index_with_a_float", "tf.constant([1, 2, 3])[1.5]"),
    ("too_many_indices", "tf.constant([1, 2, 3])[0, 0]"),
    ("cast_string_to_float", "tf.cast(tf.constant('a'), tf.float32)"),
    ("constant_mixed_types", "tf.constant([1, 'a'])"),
    ("constant_not_rectangular", "tf.constant([[1, 2], [3]])"),
    ("constant_float_as_int", "tf.constant(1.5, dtype=tf.int32)"),
    ("constant_negative_uint8", "tf.constant(-1, dtype=tf.uint8)"),
    ("constant_int64_overflow", "tf.constant(2**63, dtype=tf.int64)"),
    ("constant_of_an_object", "tf.constant(object())"),
    ("convert_none", "tf.convert_to_tensor(None)"),
    ("add_none", "tf.constant(1.0) + None"),
    ("constant_none_as_float", "tf.constant(None, tf.float32)"),
    ("constant_list_with_none", "tf.constant([1.0, None])"),
    ("constant_bad_dtype_name", "tf.constant(1.0, dtype='floot')"),
    ("as_dtype_unknown", "tf.dtypes.as_dtype('foo')"),
    ("range_delta_zero", "tf.range(1, 5, 0)"),
    ("range_wrong_direction_is_empty", "tf.range(5, 1)"),
    ("transpose_repeated_axis", "tf.transpose(tf.ones([2, 3]), [0, 0])"),
    ("transpose_wrong_length", "tf.transpose(tf.ones([2, 3]), [0, 1, 2])"),
    ("reduce_sum_axis_out_of_range", "tf.reduce_sum(tf.ones([2, 3]), axis=2)"),
    ("reduce_sum_float_axis", "tf.reduce_sum(tf.ones([2]), axis=0.5)"),
    ("squeeze_non_one_dim", "tf.squeeze(tf.ones([2, 3]), axis=0)"),
    ("expand_dims_out_of_range", "tf.expand_dims(tf.ones([2]), 3)"),
    ("tile_wrong_length", "tf.tile(tf.ones([2]), [2, 2])"),
    ("tile_negative", "tf.tile(tf.ones([2]), [-1])"),
    ("split_uneven", "tf.split(tf.ones([6]), 4)"),
    ("split_sizes_wrong_sum", "tf.split(tf.ones([6]), [2, 2])"),
    ("stack_shapes", "tf.stack([tf.ones([2]), tf.ones([3])])"),
    ("unstack_wrong_num", "tf.unstack(tf.ones([2, 3]), num=3)"),
    ("fill_negative_dim", "tf.fill([2, -1], 1.0)"),
    ("eye_negative", "tf.eye(-1)"),
    ("inv_non_square", "tf.linalg.inv(tf.ones([2, 3]))"),
    ("softmax_axis_out_of_range", "tf.nn.softmax(tf.ones([2, 3]), axis=5)"),
    ("argmax_axis_out_of_range", "tf.argmax(tf.ones([2, 3]), axis=2)"),
    ("integer_division_by_zero", "tf.math.floordiv(tf.constant(7), 0)"),
    ("integer_mod_by_zero", "tf.math.floormod(tf.constant(7), 0)"),
    ("float_division_by_zero_is_inf", "tf.constant(1.0) / 0.0"),
    ("sqrt_of_negative_is_nan", "tf.sqrt(-1.0)"),
    ("cast_wraps_uint8", "tf.cast(tf.constant(300), tf.uint8)"),
    ("conv2d_channels", "tf.nn.conv2d(tf.ones([1, 4, 4, 1]), tf.ones([2, 2, 2, 1]), 1, 'VALID')"),
    ("conv2d_padding", "tf.nn.conv2d(tf.ones([1, 4, 4, 1]), tf.ones([2, 2, 1, 1]), 1, 'FOO')"),
    ("conv2d_rank", "tf.nn.conv2d(tf.ones([4, 4]), tf.ones([2, 2, 1, 1]), 1, 'VALID')"),
    ("max_pool_padding", "tf.nn.max_pool2d(tf.ones([1, 4, 4, 1]), 2, 1, 'same')"),
    ("pad_wrong_paddings", "tf.pad(tf.ones([2]), [[1, 1], [1, 1]])"),
    ("pad_negative", "tf.pad(tf.ones([2]), [[-1, 1]])"),
    ("pad_mode", "tf.pad(tf.ones([2]), [[1, 1]], mode='WRAP')"),
    ("broadcast_to_incompatible", "tf.broadcast_to(tf.ones([3]), [2, 2])"),
    ("where_shapes", "tf.where([True, False], tf.ones([2]), tf.ones([3]))"),
    ("boolean_mask_shape", "tf.boolean_mask(tf.ones([3]), [True, False])"),
    ("variable_assign_shape", "tf.Variable(1.0).assign([1.0, 2.0])"),
    ("variable_assign_string", "tf.Variable(1.0).assign('a')"),
    ("variable_assign_add_dtype", "tf.Variable(1).assign_add(1.5)"),
    ("variable_of_none", "tf.Variable(None)"),
    ("variable_bad_shape", "tf.Variable([1.0, 2.0], shape=[3])"),
    ("placeholder_in_eager", "v1.placeholder(tf.float32)"),
    ("len_of_scalar", "len(tf.constant(1.0))"),
    ("bool_of_vector", "bool(tf.constant([1, 2]))"),
    ("float_of_vector", "float(tf.constant([1.0, 2.0]))"),
    ("iterate_a_scalar", "list(tf.constant(1.0))"),
    ("shape_index_out_of_range", "tf.ones([2]).shape[3]"),
    ("tensor_shape_negative", "tf.TensorShape([2, -3])"),
    ("zeros_none_dim", "tf.zeros([2, None])"),
    ("random_uniform_bad_range", "tf.random.uniform([2], minval=5, maxval=1, dtype=tf.int32)"),
    ("random_uniform_string", "tf.random.uniform([2], dtype=tf.string)"),
    ("segment_sum_unsorted", "tf.math.segment_sum([1, 2], [1, 0])"),
    ("unsorted_segment_sum_out_of_range", "tf.math.unsorted_segment_sum([1, 2], [0, 5], 2)"),
    ("scatter_nd_out_of_range", "tf.scatter_nd([[5]], [1], [3])"),
    ("tensor_scatter_out_of_range", "tf.tensor_scatter_nd_update([1, 2, 3], [[5]], [9])"),
    (
        "gather_nd_out_of_range",
        "tf.gather_nd([[1, 2]], [[0, 5]])",
        "indices[0] = [0, 5] does not index into param shape [1,2]",
    ),
    ("slice_out_of_range", "tf.slice(tf.ones([3]), [1], [5])"),
    ("top_k_too_large", "tf.math.top_k([1, 2], k=3)"),
    ("sort_bad_direction", "tf.sort(tf.ones([2]), direction='UP')"),
    ("clip_by_value_shapes", "tf.clip_by_value(tf.ones([2]), 1.0, [0.0, 0.0, 0.0])"),
    ("cumsum_axis_out_of_range", "tf.cumsum(tf.ones([2]), axis=3)"),
    ("norm_bad_ord", "tf.norm(tf.ones([2]), ord='bad')"),
    ("assert_equal", "tf.debugging.assert_equal(1, 2)", "Condition x == y did not hold"),
    ("assert_positive", "tf.debugging.assert_positive([-1.0])"),
    ("check_numerics", "tf.debugging.check_numerics(tf.constant([np.nan]), 'bad x')"),
    ("ensure_shape", "tf.ensure_shape(tf.ones([2]), [3])"),
    ("add_n_empty", "tf.math.add_n([])"),
    ("add_n_shapes", "tf.math.add_n([tf.ones([2]), tf.ones([3])])"),
    ("einsum_shapes", "tf.einsum('ij,jk->ik', tf.ones([2, 3]), tf.ones([2, 3]))"),
    (
        "sparse_softmax_label_out_of_range",
        "tf.nn.sparse_softmax_cross_entropy_with_logits(labels=[3], logits=[[1.0, 2.0, 3.0]])",
    ),
    (
        "softmax_cross_entropy_shapes",
        "tf.nn.softmax_cross_entropy_with_logits(labels=tf.ones([2, 3]), logits=tf.ones([2, 4]))",
    ),
    ("embedding_lookup_out_of_range", "tf.nn.embedding_lookup(tf.ones([3, 2]), [5])"),
    ("dropout_rate_above_one", "tf.nn.dropout(tf.ones([2]), rate=1.5)"),
    ("bias_add_shapes", "tf.nn.bias_add(tf.ones([2, 3]), tf.ones([4]))"),
    (
        "numpy_of_a_graph_tensor",
        "with tf.Graph().as_default():\n    tf.constant(1.0).numpy()",
        "object has no attribute 'numpy'",
    ),
)

rows(
    "tape",
    (
        "gradient_twice_non_persistent",
        "x = tf.constant(3.0)\nwith tf.GradientTape() as t:\n    t.watch(x)\n    y = x * x\n"
        "t.gradient(y, x)\nt.gradient(y, x)",
    ),
    (
        "gradient_inside_its_own_block",
        "x = tf.constant(3.0)\nwith tf.GradientTape() as t:\n    t.watch(x)\n    y = x * x\n"
        "    g = t.gradient(y, x)\ng",
    ),
    (
        "jacobian_twice_non_persistent",
        "x = tf.constant([1.0, 2.0])\nwith tf.GradientTape() as t:\n    t.watch(x)\n"
        "    y = x * x\nt.jacobian(y, x)\nt.jacobian(y, x)",
    ),
    (
        "integer_source_gives_none",
        "x = tf.constant(3)\nwith tf.GradientTape() as t:\n    t.watch(x)\n    y = x * x\n"
        "t.gradient(y, x) is None",
    ),
    (
        "watch_a_python_float",
        "with tf.GradientTape() as t:\n    t.watch(1.0)",
    ),
    (
        "unconnected_gradients_bad_value",
        "x = tf.constant(3.0)\nwith tf.GradientTape() as t:\n    t.watch(x)\n    y = x * x\n"
        "t.gradient(y, x, unconnected_gradients='bad')",
    ),
    (
        "unconnected_gives_none",
        "x = tf.constant(3.0)\nz = tf.constant(1.0)\nwith tf.GradientTape() as t:\n"
        "    t.watch(x)\n    y = z * 2\nt.gradient(y, x) is None",
    ),
    (
        "unconnected_zero",
        "x = tf.constant(3.0)\nz = tf.constant(1.0)\nwith tf.GradientTape() as t:\n"
        "    t.watch(x)\n    y = z * 2\nt.gradient(y, x, unconnected_gradients='zero')",
    ),
    (
        "output_gradients_wrong_shape",
        "x = tf.constant([1.0, 2.0])\nwith tf.GradientTape() as t:\n    t.watch(x)\n"
        "    y = x * x\nt.gradient(y, x, output_gradients=tf.ones([3]))",
    ),
    (
        "gradient_of_a_string_target",
        "x = tf.constant(3.0)\nwith tf.GradientTape() as t:\n    t.watch(x)\n"
        "    y = tf.strings.as_string(x)\nt.gradient(y, x)",
    ),
    (
        "stop_recording_outside",
        "t = tf.GradientTape()\nwith t.stop_recording():\n    pass",
    ),
    (
        "persistent_twice_is_fine",
        "x = tf.constant(3.0)\nwith tf.GradientTape(persistent=True) as t:\n    t.watch(x)\n"
        "    y = x * x\n[t.gradient(y, x), t.gradient(y, x)]",
    ),
    (
        "nested_with_same_tape",
        "t = tf.GradientTape()\nwith t:\n    with t:\n        pass",
    ),
    (
        "variable_gradient_after_assign",
        "v = tf.Variable(2.0)\nwith tf.GradientTape() as t:\n    v.assign(3.0)\n    y = v * v\n"
        "t.gradient(y, v)",
    ),
    (
        "batch_jacobian_rank_1",
        "x = tf.constant([1.0, 2.0])\nwith tf.GradientTape() as t:\n    t.watch(x)\n"
        "    y = x * x\nt.batch_jacobian(y, x)",
    ),
)

rows(
    "function",
    (
        "signature_shape_mismatch",
        "f = tf.function(lambda x: x, input_signature=[tf.TensorSpec([2], tf.float32)])\n"
        "f(tf.ones([3]))",
        "Binding inputs to tf.function failed",
    ),
    (
        "signature_dtype_mismatch",
        "f = tf.function(lambda x: x, input_signature=[tf.TensorSpec([2], tf.float32)])\n"
        "f(tf.constant([1, 2]))",
        "Binding inputs to tf.function failed",
    ),
    (
        "too_many_arguments",
        "f = tf.function(lambda x: x)\nf(1.0, 2.0)",
        "too many positional arguments",
    ),
    (
        "unknown_keyword",
        "f = tf.function(lambda x: x)\nf(1.0, y=2.0)",
        "got an unexpected keyword argument 'y'",
    ),
    (
        "missing_argument",
        "f = tf.function(lambda x: x)\nf()",
        "missing a required argument: 'x'",
    ),
    (
        "signature_not_a_list",
        "f = tf.function(lambda x: x, input_signature=tf.TensorSpec([2]))\nf(tf.ones([2]))",
        "input_signature must be either a tuple or a list, got",
    ),
    (
        "variable_created_every_call",
        "@tf.function\ndef f():\n    v = tf.Variable(1.0)\n    return v + 1\nf()",
        "tf.function only supports singleton tf.Variables created on the first call.",
    ),
    (
        "numpy_inside",
        "@tf.function\ndef f(x):\n    return x.numpy()\nf(tf.constant(1.0))",
        "object has no attribute 'numpy'",
    ),
    (
        "python_bool_without_autograph",
        "@tf.function(autograph=False)\ndef f(x):\n    if x > 0:\n        return x\n"
        "    return -x\nf(tf.constant(1.0))",
    ),
    (
        "iterate_without_autograph",
        "@tf.function(autograph=False)\ndef f(x):\n    return [y for y in x]\nf(tf.ones([2]))",
    ),
    (
        "shape_error_while_tracing",
        "f = tf.function(lambda x: tf.reshape(x, [4]))\nf(tf.ones([6]))",
    ),
    (
        "runtime_error_inside",
        "f = tf.function(lambda x, i: tf.gather(x, i))\nf(tf.ones([3]), tf.constant([5]))",
    ),
    (
        "concrete_function_wrong_shape",
        "f = tf.function(lambda x: x * 2)\n"
        "c = f.get_concrete_function(tf.TensorSpec([2], tf.float32))\nc(tf.ones([3]))",
    ),
    (
        "concrete_function_wrong_dtype",
        "f = tf.function(lambda x: x * 2)\n"
        "c = f.get_concrete_function(tf.TensorSpec([2], tf.float32))\nc(tf.constant([1, 2]))",
        "as input #0(zero-based) was expected to be a float tensor but is a int32 tensor",
    ),
    (
        "string_plus_number_inside",
        "f = tf.function(lambda: tf.constant(1) + tf.constant('a'))\nf()",
    ),
    (
        "python_error_inside",
        "@tf.function\ndef f(x):\n    raise ValueError('my own message')\nf(1.0)",
        "my own message",
    ),
    (
        "tensor_spec_bad_dtype",
        "tf.TensorSpec([2], 'floot')",
    ),
    (
        "returns_python_values",
        "f = tf.function(lambda: {'a': 1, 'b': [2.0]})\nf()",
    ),
    (
        "retrace_with_new_shape_is_fine",
        "f = tf.function(lambda x: x * 2)\n[f(tf.ones([2])), f(tf.ones([3]))]",
    ),
)

rows(
    "keras",
    (
        "sparse_categorical_label_too_big",
        "keras.losses.sparse_categorical_crossentropy(tf.constant([5]),"
        " tf.constant([[0.2, 0.3, 0.5]]))",
    ),
    (
        "sparse_categorical_label_negative",
        "keras.losses.sparse_categorical_crossentropy(tf.constant([-1]),"
        " tf.constant([[0.2, 0.3, 0.5]]))",
    ),
    (
        "dense_input_mismatch",
        "layer = keras.layers.Dense(2)\nlayer(tf.ones([1, 3]))\nlayer(tf.ones([1, 4]))",
        "is incompatible with the layer: expected axis -1 of input shape to have value 3,"
        " but received input with shape (1, 4)",
    ),
    ("dense_negative_units", "keras.layers.Dense(-1)"),
    ("dense_zero_units", "keras.layers.Dense(0)"),
    ("dense_string_units", "keras.layers.Dense('a')"),
    ("dense_unknown_activation", "keras.layers.Dense(2, activation='nope')"),
    ("activations_get_unknown", "keras.activations.get('nope')"),
    ("losses_get_unknown", "keras.losses.get('nope')"),
    ("optimizers_get_unknown", "keras.optimizers.get('nope')"),
    (
        "compile_unknown_optimizer",
        "m = keras.Sequential([keras.Input([2]), keras.layers.Dense(1)])\n"
        "m.compile(optimizer='nope', loss='mse')",
    ),
    (
        "compile_unknown_loss",
        "m = keras.Sequential([keras.Input([2]), keras.layers.Dense(1)])\n"
        "m.compile(optimizer='sgd', loss='nope')\n"
        "m.fit(np.ones([2, 2]), np.ones([2, 1]), verbose=0)",
    ),
    (
        "fit_without_compile",
        "m = keras.Sequential([keras.Input([2]), keras.layers.Dense(1)])\n"
        "m.fit(np.ones([2, 2]), np.ones([2, 1]), verbose=0)",
    ),
    (
        "fit_cardinality_mismatch",
        "m = keras.Sequential([keras.Input([2]), keras.layers.Dense(1)])\n"
        "m.compile(optimizer='sgd', loss='mse')\n"
        "m.fit(np.ones([3, 2]), np.ones([2, 1]), verbose=0)",
        "Data cardinality is ambiguous",
    ),
    (
        "fit_wrong_feature_count",
        "m = keras.Sequential([keras.Input([2]), keras.layers.Dense(1)])\n"
        "m.compile(optimizer='sgd', loss='mse')\n"
        "m.fit(np.ones([2, 3]), np.ones([2, 1]), verbose=0)",
        "expected axis -1 of input shape to have value 2",
    ),
    (
        "fit_infinite_dataset",
        "m = keras.Sequential([keras.Input([2]), keras.layers.Dense(1)])\n"
        "m.compile(optimizer='sgd', loss='mse')\n"
        "d = tf.data.Dataset.from_tensors((tf.ones([1, 2]), tf.ones([1, 1]))).repeat()\n"
        "m.fit(d, epochs=1, verbose=0)",
    ),
    (
        "fit_validation_split_on_dataset",
        "m = keras.Sequential([keras.Input([2]), keras.layers.Dense(1)])\n"
        "m.compile(optimizer='sgd', loss='mse')\n"
        "d = tf.data.Dataset.from_tensors((tf.ones([1, 2]), tf.ones([1, 1])))\n"
        "m.fit(d, validation_split=0.5, verbose=0)",
        "Argument `validation_split` is only supported for tensors or NumPy arrays.",
    ),
    (
        "summary_before_build",
        "m = keras.Sequential([keras.layers.Dense(1)])\nm.summary()",
    ),
    (
        "reshape_layer_size",
        "keras.layers.Reshape((4,))(tf.ones([1, 6]))",
        "The total size of the tensor must be unchanged. Received: input_shape=(6,),"
        " target_shape=(4,)",
    ),
    (
        "conv2d_layer_rank",
        "keras.layers.Conv2D(2, 3)(tf.ones([1, 4]))",
        "is incompatible with the layer: expected min_ndim=4, found ndim=2. Full shape received:"
        " (1, 4)",
    ),
    ("dropout_layer_rate_above_one", "keras.layers.Dropout(1.5)"),
    (
        "set_weights_wrong_shape",
        "layer = keras.layers.Dense(2)\nlayer(tf.ones([1, 3]))\n"
        "layer.set_weights([np.ones([4, 2]), np.ones([2])])",
        "weight shape (3, 2) is not compatible with provided weight shape (4, 2).",
    ),
    (
        "set_weights_wrong_count",
        "layer = keras.layers.Dense(2)\nlayer(tf.ones([1, 3]))\n"
        "layer.set_weights([np.ones([3, 2])])",
        "with a weight list of length 1, but the layer was expecting 2 weights.",
    ),
    (
        "get_layer_missing",
        "m = keras.Sequential([keras.Input([2]), keras.layers.Dense(1)])\nm.get_layer('nope')",
        "No such layer: nope.",
    ),
    (
        "get_layer_bad_index",
        "m = keras.Sequential([keras.Input([2]), keras.layers.Dense(1)])\nm.get_layer(index=10)",
    ),
    (
        "categorical_crossentropy_shapes",
        "keras.losses.CategoricalCrossentropy()(tf.ones([2, 3]), tf.ones([2, 4]))",
    ),
    ("mse_shapes", "keras.losses.MeanSquaredError()(tf.ones([2, 3]), tf.ones([2, 4]))"),
    (
        "embedding_index_out_of_range",
        "keras.layers.Embedding(3, 2)(tf.constant([5]))",
        "indices[0] = 5 is not in [0, 3)",
    ),
    (
        "evaluate_without_compile",
        "m = keras.Sequential([keras.Input([2]), keras.layers.Dense(1)])\n"
        "m.evaluate(np.ones([2, 2]), np.ones([2, 1]), verbose=0)",
    ),
    (
        "predict_wrong_feature_count",
        "m = keras.Sequential([keras.Input([2]), keras.layers.Dense(1)])\n"
        "m.predict(np.ones([2, 3]), verbose=0)",
        "expected axis -1 of input shape to have value 2",
    ),
    (
        "sgd_negative_learning_rate",
        "keras.optimizers.SGD(learning_rate=-1.0)",
    ),
    (
        "sequential_of_a_non_layer",
        "keras.Sequential([1])",
    ),
)

rows(
    "data",
    ("batch_zero", "list(tf.data.Dataset.range(5).batch(0))"),
    ("batch_negative", "list(tf.data.Dataset.range(5).batch(-1))"),
    (
        "from_tensor_slices_lengths",
        "tf.data.Dataset.from_tensor_slices((tf.ones([3]), tf.ones([4])))",
    ),
    ("from_tensor_slices_scalar", "tf.data.Dataset.from_tensor_slices(tf.constant(1.0))"),
    ("zip_a_non_dataset", "tf.data.Dataset.zip((tf.data.Dataset.range(3), [1, 2, 3]))"),
    (
        "zip_shorter_stops",
        "[(int(a), int(b)) for a, b in tf.data.Dataset.zip((tf.data.Dataset.range(3),"
        " tf.data.Dataset.range(5)))]",
    ),
    ("take_a_string", "tf.data.Dataset.range(3).take('a')"),
    ("take_negative_takes_all", "[int(x) for x in tf.data.Dataset.range(3).take(-1)]"),
    ("skip_negative_skips_all", "[int(x) for x in tf.data.Dataset.range(3).skip(-1)]"),
    ("shuffle_zero_buffer", "list(tf.data.Dataset.range(3).shuffle(0))"),
    ("map_wrong_arity", "tf.data.Dataset.range(3).map(lambda x, y: x)"),
    (
        "map_returns_none",
        "tf.data.Dataset.range(3).map(lambda x: None)",
        "of 0 must be at least minimum 1",  # (TF names output_types or output_shapes)
    ),
    (
        "batch_different_shapes",
        "list(tf.data.Dataset.range(3).map(lambda x: tf.fill([x], x)).batch(2))",
        # (TF copies the elements in parallel: which shape it calls the batch's varies)
        "Cannot add tensor to the batch: number of elements does not match.",
    ),
    (
        "concatenate_different_types",
        "tf.data.Dataset.range(3).concatenate(tf.data.Dataset.from_tensors('a'))",
    ),
    ("unbatch_scalars", "tf.data.Dataset.range(3).unbatch()"),
    ("filter_not_bool", "tf.data.Dataset.range(3).filter(lambda x: x)"),
    ("get_single_element_of_many", "tf.data.Dataset.range(3).get_single_element()"),
    ("get_single_element_of_none", "tf.data.Dataset.range(0).get_single_element()"),
    ("next_of_an_empty_iterator", "next(iter(tf.data.Dataset.range(0)))"),
    ("infinite_cardinality", "int(tf.data.Dataset.range(3).repeat().cardinality())"),
    ("range_of_a_float", "tf.data.Dataset.range(2.5)"),
    ("repeat_a_string", "tf.data.Dataset.range(3).repeat('x')"),
    (
        "padded_batch_shape_too_small",
        "list(tf.data.Dataset.range(3).map(lambda x: tf.fill([x], x))"
        ".padded_batch(3, padded_shapes=[1]))",
    ),
    (
        "from_generator_wrong_type",
        "list(tf.data.Dataset.from_generator(lambda: iter(['a']),"
        " output_signature=tf.TensorSpec([], tf.int32)))",
    ),
    ("map_runtime_error", "list(tf.data.Dataset.range(3).map(lambda x: tf.reshape(x, [2])))"),
)

rows(
    "summary",
    ("scalar_without_writer", "bool(tf.summary.scalar('x', 1.0, step=0))"),
    (
        "scalar_without_step",
        "w = tf.summary.create_file_writer(tmp)\nwith w.as_default():\n"
        "    tf.summary.scalar('x', 1.0)",
    ),
    (
        "scalar_of_a_vector",
        "w = tf.summary.create_file_writer(tmp)\nwith w.as_default():\n"
        "    tf.summary.scalar('x', [1.0, 2.0], step=0)",
    ),
    (
        "scalar_of_a_string",
        "w = tf.summary.create_file_writer(tmp)\nwith w.as_default():\n"
        "    tf.summary.scalar('x', 'a', step=0)",
    ),
    (
        "scalar_step_a_string",
        "w = tf.summary.create_file_writer(tmp)\nwith w.as_default():\n"
        "    tf.summary.scalar('x', 1.0, step='a')",
    ),
    (
        "scalar_step_a_float",
        "w = tf.summary.create_file_writer(tmp)\nwith w.as_default():\n"
        "    tf.summary.scalar('x', 1.0, step=1.5)",
    ),
    (
        "image_wrong_rank",
        "w = tf.summary.create_file_writer(tmp)\nwith w.as_default():\n"
        "    tf.summary.image('x', tf.ones([2, 2]), step=0)",
    ),
    (
        "histogram_of_strings",
        "w = tf.summary.create_file_writer(tmp)\nwith w.as_default():\n"
        "    tf.summary.histogram('x', ['a'], step=0)",
    ),
    (
        "text_of_numbers_is_fine",
        "w = tf.summary.create_file_writer(tmp)\nwith w.as_default():\n"
        "    r = tf.summary.text('x', tf.constant(1.0), step=0)\nbool(r)",
    ),
    ("writer_of_a_number", "tf.summary.create_file_writer(1)"),
    (
        "name_with_spaces_is_cleaned",
        "w = tf.summary.create_file_writer(tmp)\nwith w.as_default():\n"
        "    r = tf.summary.scalar('a b', 1.0, step=0)\nbool(r)",
    ),
    (
        "set_step_a_string",
        "tf.summary.experimental.set_step('a')\ntry:\n"
        "    w = tf.summary.create_file_writer(tmp)\n    with w.as_default():\n"
        "        tf.summary.scalar('x', 1.0)\nfinally:\n    tf.summary.experimental.set_step(None)",
    ),
)

rows(
    "checkpoint",
    (
        "checkpoint_restore_missing",
        "tf.train.Checkpoint(v=tf.Variable(1.0)).restore(tmp + '/missing')",
        "Failed to find any matching files for",
    ),
    (
        "checkpoint_read_missing",
        "tf.train.Checkpoint(v=tf.Variable(1.0)).read(tmp + '/missing')",
        "Failed to find any matching files for",
    ),
    ("checkpoint_of_a_float", "tf.train.Checkpoint(v=1.0)"),
    ("checkpoint_positional", "tf.train.Checkpoint(tf.Variable(1.0))"),
    ("latest_checkpoint_missing_dir", "tf.train.latest_checkpoint(tmp + '/nope') is None"),
    (
        "load_checkpoint_missing",
        "tf.train.load_checkpoint(tmp + '/missing')",
        "Unsuccessful TensorSliceReader constructor: Failed to find any matching files for",
    ),
    (
        "list_variables_missing",
        "tf.train.list_variables(tmp + '/missing')",
        "Unsuccessful TensorSliceReader constructor: Failed to find any matching files for",
    ),
    ("saver_without_variables", "v1.train.Saver()"),
    (
        "saved_model_load_missing",
        "tf.saved_model.load(tmp + '/missing')",
        "SavedModel file does not exist at:",
    ),
    ("read_file_missing", "tf.io.read_file(tmp + '/missing')", "missing; No such file"),
    (
        "gfile_read_missing",
        "tf.io.gfile.GFile(tmp + '/missing').read()",
        "missing; No such file or directory",
    ),
    (
        "keras_load_model_missing",
        "keras.models.load_model(tmp + '/missing.keras')",
        "File not found: filepath=",
    ),
    (
        "keras_save_bad_extension",
        "m = keras.Sequential([keras.Input([2]), keras.layers.Dense(1)])\n"
        "m.save(tmp + '/model.h6')",
        "Invalid filepath extension for saving.",
    ),
    (
        "checkpoint_manager_of_a_non_checkpoint",
        "tf.train.CheckpointManager(tf.Variable(1.0), tmp, max_to_keep=1)",
    ),
    (
        "checkpoint_save_then_restore_shape_mismatch",
        "p = tf.train.Checkpoint(v=tf.Variable([1.0, 2.0])).save(tmp + '/c')\n"
        "tf.train.Checkpoint(v=tf.Variable([1.0, 2.0, 3.0])).restore(p)",
    ),
    (
        "save_counter_before_save",
        "int(tf.train.Checkpoint().save_counter)",
    ),
    ("saved_model_save_a_non_trackable", "tf.saved_model.save(1.0, tmp + '/m')"),
)

rows(
    "strings",
    ("strings_upper_of_a_number", "tf.strings.upper(tf.constant(1.0))"),
    ("strings_join_with_a_number", "tf.strings.join(['a', tf.constant(1)])"),
    ("strings_to_number_bad", "tf.strings.to_number('abc')"),
    ("strings_substr_out_of_range", "tf.strings.substr('abc', 5, 1)"),
    ("strings_format_count", "tf.strings.format('{} {}', [tf.constant(1)])"),
    ("strings_reduce_join_of_numbers", "tf.strings.reduce_join(tf.constant([1, 2]))"),
    ("strings_as_string_of_strings", "tf.strings.as_string(tf.constant('a'))"),
    ("strings_split_of_a_number", "tf.strings.split(tf.constant(5))"),
    ("strings_length_bad_unit", "tf.strings.length('abc', unit='BYTES')"),
    ("strings_unicode_decode_bad_encoding", "tf.strings.unicode_decode('abc', 'LATIN-9')"),
    ("string_plus_string_is_join", "tf.constant('a') + tf.constant('b')"),
    ("ragged_constant_mixed", "tf.ragged.constant([[1], [2, 'a']])"),
    ("ragged_constant_depths", "tf.ragged.constant([[1], [[2]]])"),
    (
        "ragged_row_splits_last",
        "tf.RaggedTensor.from_row_splits([1, 2, 3], [0, 2])",
    ),
    (
        "ragged_row_splits_decreasing",
        "tf.RaggedTensor.from_row_splits([1, 2, 3], [0, 3, 1, 3])",
    ),
    ("ragged_row_splits_first", "tf.RaggedTensor.from_row_splits([1, 2, 3], [1, 3])"),
    ("ragged_row_splits_empty", "tf.RaggedTensor.from_row_splits([1, 2, 3], [])"),
    ("ragged_row_lengths_negative", "tf.RaggedTensor.from_row_lengths([1, 2, 3], [4, -1])"),
    ("ragged_row_lengths_sum", "tf.RaggedTensor.from_row_lengths([1, 2, 3], [1, 1])"),
    ("ragged_value_rowids_unsorted", "tf.RaggedTensor.from_value_rowids([1, 2, 3], [1, 0, 1])"),
    (
        "ragged_add_different_rows",
        "tf.ragged.constant([[1, 2], [3]]) + tf.ragged.constant([[1], [2, 3]])",
    ),
    ("ragged_to_tensor_is_fine", "tf.ragged.constant([[1, 2], [3]]).to_tensor()"),
    (
        "sparse_index_out_of_bounds",
        "tf.sparse.to_dense(tf.SparseTensor(indices=[[5]], values=[1], dense_shape=[3]))",
    ),
    (
        "sparse_indices_out_of_order",
        "tf.sparse.to_dense(tf.SparseTensor(indices=[[2], [0]], values=[1, 2], dense_shape=[3]))",
    ),
    (
        "sparse_indices_repeated",
        "tf.sparse.to_dense(tf.SparseTensor(indices=[[0], [0]], values=[1, 2], dense_shape=[3]))",
    ),
    (
        "sparse_values_count",
        "tf.SparseTensor(indices=[[0], [1]], values=[1], dense_shape=[3])",
    ),
    (
        "sparse_indices_rank_1",
        "tf.SparseTensor(indices=[0, 1], values=[1, 2], dense_shape=[3])",
    ),
    (
        "sparse_reorder_fixes_order",
        "tf.sparse.to_dense(tf.sparse.reorder(tf.SparseTensor(indices=[[2], [0]],"
        " values=[1, 2], dense_shape=[3])))",
    ),
    (
        "sparse_add_shapes",
        "tf.sparse.add(tf.SparseTensor([[0]], [1.0], [3]), tf.SparseTensor([[0]], [1.0], [4]))",
    ),
    (
        "sparse_dense_matmul_shapes",
        "tf.sparse.sparse_dense_matmul(tf.SparseTensor([[0, 0]], [1.0], [2, 3]), tf.ones([2, 2]))",
    ),
)

# The command line's rows: `python -m course ARGS` must exit with `exit` and print `stderr` (a
# fragment). TensorFlow has no command line: these follow course/cli.py's documented behaviour
# (README's "Other commands", `python -m course --help`): a unit that does not exist, or
# arguments argparse refuses, exit with status 2 and a one-line reason, never a traceback.
SPEC = {
    "grade_unit_99": (["grade", "99"], 2, "There is no unit 99"),
    "open_unit_99": (["open", "99"], 2, "There is no unit 99"),
    "reset_unit_99": (["reset", "99"], 2, "There is no unit 99"),
    "demo_unit_99": (["demo", "99", "--copy-only"], 2, "There is no unit 99"),
    "open_a_word": (["open", "two"], 2, "'two' is not a unit number"),
    "open_negative": (["open", "-1"], 2, "There is no unit -1"),
    "missing_command_argument": (["open"], 2, "the following arguments are required: unit"),
    "unknown_command": (["frobnicate"], 2, "invalid choice: 'frobnicate'"),
    "unknown_engine": (["open", "0", "--engine", "pytorch"], 2, "invalid choice: 'pytorch'"),
    "grade_extra_argument": (["grade", "1", "extra"], 2, "unrecognized arguments: extra"),
    "list_extra_argument": (["list", "--verbose"], 2, "unrecognized arguments: --verbose"),
}
rows("cli", *[(name, "course " + " ".join(args)) for name, (args, _, _) in SPEC.items()])


# --- running a row ---------------------------------------------------------------------------


class RowTimedOut(Exception):
    """A row ran longer than TIMEOUT_SECONDS (it hangs)."""


@contextlib.contextmanager
def time_limit(seconds):
    """Raise RowTimedOut in this (main) thread after `seconds`."""

    def expire(signum, frame):
        raise RowTimedOut("the row ran longer than %d s" % seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_case(case, tf):
    """{"error": class name, "message": first line, "text": the whole message, "module": the
    class's module}, or {"value": the program's value as plain JSON}, of one row on one
    engine."""
    if case.area == "cli":
        return run_cli(case)
    tmp = tempfile.mkdtemp(prefix="bad_input_")
    namespace = {"tf": tf, "v1": tf.compat.v1, "np": np, "keras": tf.keras, "tmp": tmp}
    filename = "<row %s>" % case.name
    # The row's source, for tf.function's AutoGraph (inspect reads it through linecache).
    lines = [line + "\n" for line in case.code.splitlines()]
    linecache.cache[filename] = (len(case.code), None, lines, filename)
    tree = ast.parse(case.code)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    try:
        with time_limit(TIMEOUT_SECONDS), _graph_for(case, tf):
            exec(compile(tree, filename, "exec"), namespace)  # the rows above
            value = None
            if last is not None:
                expression = ast.Expression(last.value)
                value = eval(compile(expression, filename, "eval"), namespace)  # the rows above
        return {"value": plain(value)}
    except Exception as error:  # the error is the recorded outcome
        return {
            "error": type(error).__name__,
            "message": first_line(error),
            "text": str(error),
            "module": type(error).__module__,
        }
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _graph_for(case, tf):
    if case.area in ("graph", "session"):
        return tf.Graph().as_default()
    return contextlib.nullcontext()


def run_cli(case):
    """`python -m course ARGS` in this process (course.cli.main): its exit status and stderr."""
    from course.cli import main

    args, _, _ = SPEC[case.name]
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(io.StringIO()):
        try:
            status = main(args)
        except SystemExit as exit:  # argparse's refusals
            status = exit.code
    return {"exit": status, "stderr": stderr.getvalue()}


def first_line(error):
    """An error's first line without TF's decorations: `{{function_node ...}}`, ` [Op:...]`,
    the `for '{{node ...}}'` part, and for a Session's 'Graph execution error:' the line above
    `[[{{node ...}}]]`; a KeyError's quotes; memory addresses as 0x...."""
    text = str(error.args[0]) if isinstance(error, KeyError) and error.args else str(error)
    lines = [line for line in text.strip().splitlines() if line.strip()] or [""]
    marked = [i for i, line in enumerate(lines) if line.strip().startswith("[[{{node ")]
    line = lines[marked[0] - 1] if marked and marked[0] > 0 else lines[0]
    if line.startswith("Graph execution error:") and len(lines) > 1:
        line = next((x for x in lines[1:] if not x.startswith("Detected at node")), line)
    line = re.sub(r"^\{\{function_node [^}]*\}\}\s*", "", line)
    line = line.split(" [Op:")[0]
    line = line.split(" for '{{node ")[0]
    return re.sub(r"0x[0-9a-fA-F]+", "0x...", line.strip())  # (memory addresses vary)


def plain(value):
    """A program's value as JSON: tensors and arrays as {"dtype", "shape", "value"}, Python
    scalars and None as themselves, lists and dicts item by item, anything else by its type."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, bytes):
        return value.decode()
    if isinstance(value, float):
        return value if np.isfinite(value) else repr(value)
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in sorted(value.items())}
    if hasattr(value, "graph") and hasattr(value, "dtype") and hasattr(value, "op"):
        # a graph's tensor (TF's SymbolicTensor): its dtype and static shape
        return {"graph tensor": value.dtype.name, "shape": str(value.shape)}
    if hasattr(value, "numpy") and hasattr(value, "dtype"):
        value = value.numpy()
        if isinstance(value, bytes):  # a string scalar
            return value.decode()
    if isinstance(value, (np.ndarray, np.generic)):
        array = np.asarray(value)
        if array.dtype.kind in "SO":
            items = [x.decode() if isinstance(x, bytes) else x for x in array.ravel().tolist()]
            return {"dtype": "string", "shape": list(array.shape), "value": items}
        return {"dtype": array.dtype.name, "shape": list(array.shape), "value": _nested(array)}
    return {"type": type(value).__name__}


def _nested(array):
    values = array.tolist()

    def clean(item):
        if isinstance(item, list):
            return [clean(x) for x in item]
        if isinstance(item, float) and not np.isfinite(item):
            return repr(item)
        return item

    return clean(values)


def area_counts():
    """{area: number of rows}."""
    return {area: sum(case.area == area for case in CASES) for area in AREAS}


# Rows never run on TensorFlow, with the outcome learntf must give and why.
NOT_ON_TF = {
    "fit_infinite_dataset": (
        {"error": "ValueError", "message": "When passing an infinitely repeating dataset"},
        "TF 2.21's Keras 3 trains forever on an infinite dataset without steps_per_epoch "
        "(Keras 2 raised ValueError: 'When passing an infinitely repeating dataset, please "
        "specify a `steps_per_epoch` value'); learntf keeps Keras 2's error rather than hang "
        "(issue 23)",
    ),
}
