"""Every bad input gets TensorFlow's error class, TF's words first, then learntf's hint."""

import re

import numpy as np
import pytest

import learntf.compat.v1 as tf
from learntf import errors

tf.disable_v2_behavior()  # TF1 programs on TensorFlow 2 start so: graphs and sessions

pytestmark = pytest.mark.usefixtures("fresh_graph")


def test_uninitialized_variable_names_every_missing_variable_and_the_initializer():
    x = tf.Variable(3, name="x")
    y = tf.Variable(4, name="y")
    f = x * x * y + y + 2
    with tf.Session() as sess:
        with pytest.raises(errors.FailedPreconditionError) as info:
            sess.run(f)
    message = str(info.value)
    assert "Attempting to use uninitialized value x" in message.splitlines()
    assert "x, y" in message
    assert "global_variables_initializer()" in message
    assert isinstance(info.value, errors.OpError)


def test_uninitialized_variable_error_is_worded_as_tf_session_run_words_it():
    x = tf.Variable(3, name="x")
    y = tf.Variable(4, name="y")
    f = x * x * y + y + 2
    sess = tf.Session()
    sess.run(x.initializer)
    with pytest.raises(errors.FailedPreconditionError) as info:
        sess.run(f)
    sess.close()
    # What TF 2.21 prints for this program (tf.compat.v1 with disable_v2_behavior), error.message:
    #   Graph execution error:
    #
    #   Detected at node 'y/read' defined at (most recent call last):
    #       File "program.py", line 4, in <module>
    #   Node: 'y/read'
    #   Attempting to use uninitialized value y
    #   \t [[{{node y/read}}]]
    # (TF's node is y/read, the read of its TF1 ref variable; learntf's read op has another name,
    # and learntf records no frames where the node was defined.)
    lines = info.value.message.splitlines()
    assert lines[:2] == ["Graph execution error:", ""]
    node = info.value.op.name
    assert lines[2] == "Detected at node %r defined at (most recent call last):" % node
    assert lines[3:6] == [
        "Node: %r" % node,
        "Attempting to use uninitialized value y",
        "\t [[{{node %s}}]]" % node,
    ]
    assert lines[6].startswith("learntf: this run needs 1 variable")  # learntf's hint comes after
    assert str(info.value) == info.value.message


def test_uninitialized_message_lists_only_variables_still_missing():
    x = tf.Variable(3, name="x")
    y = tf.Variable(4, name="y")
    with tf.Session() as sess:
        sess.run(x.initializer)
        with pytest.raises(errors.FailedPreconditionError, match="value y") as info:
            sess.run(x + y)
    assert "needs 1 variable that has no value in this session yet: y." in str(info.value)


def test_missing_feed_gives_tf_message_and_the_path_to_the_placeholder():
    X = tf.placeholder(tf.float32, shape=(None, 3), name="X")
    B = tf.reduce_sum(X * 2, name="total")
    with tf.Session() as sess:
        with pytest.raises(errors.InvalidArgumentError) as info:
            sess.run(B)
    lines = str(info.value).splitlines()
    assert lines[0] == (
        "You must feed a value for placeholder tensor 'X' with dtype float and shape [?,3]"
    )
    assert "total (Sum) <- mul (Mul) <- X (Placeholder)" in str(info.value)
    assert "feed_dict" in str(info.value)


def test_feeding_the_wrong_shape_suggests_reshape():
    y = tf.placeholder(tf.float32, shape=(None, 1), name="y")
    with tf.Session() as sess:
        with pytest.raises(ValueError) as info:
            sess.run(y * 2, feed_dict={y: np.zeros(100)})
    message = str(info.value)
    assert message.startswith(
        "Cannot feed value of shape (100,) for Tensor y:0, which has shape (?, 1)"  # TF 1's words
    )
    assert "reshape(-1, 1)" in message


def test_feeding_an_incompatible_dtype_is_a_clear_error():
    x = tf.placeholder(tf.float32, shape=(2,), name="x")
    with tf.Session() as sess:
        with pytest.raises(ValueError, match="Cannot feed .* to Tensor x:0 of dtype float32"):
            sess.run(x, feed_dict={x: ["a", "b"]})
    n = tf.placeholder(tf.int32, shape=(), name="n")
    with tf.Session() as sess:
        with pytest.raises(TypeError, match="larger type"):
            sess.run(n, feed_dict={n: 2**40})


def test_incompatible_shapes_at_construction_name_op_and_shapes():
    a = tf.ones([2, 3], name="a")
    b = tf.ones([4, 1], name="b")
    with pytest.raises(ValueError) as info:
        tf.matmul(a, b)
    message = str(info.value)
    assert "Dimensions must be equal, but are 3 and 4" in message
    assert "{{node MatMul}}" in message
    assert "[2,3], [4,1]" in message
    with pytest.raises(ValueError, match=r"but are 3 and 4 for '\{\{node add\}\}"):
        tf.ones([2, 3]) + tf.ones([2, 4])


def test_float32_plus_int32_is_a_type_error_as_in_tf():
    with pytest.raises(TypeError) as info:
        tf.constant(1.0) + tf.constant(1)
    assert (
        "Input 'y' of 'AddV2' Op has type int32 that does not match type float32 of argument 'x'."
    ) in str(info.value)
    assert "tf.cast" in str(info.value)


def test_python_float_into_int_tensor_is_a_type_error():
    x = tf.constant(3)
    with pytest.raises(TypeError, match="Expected int32"):
        x * 0.5


def test_fetching_none_is_a_type_error():
    tf.constant(
        1
    )  # a session over an empty graph refuses every run first (see test_execution_mode.py)
    with tf.Session() as sess:
        # TF 2.21's words (TF 1 said "Fetch argument None has invalid type")
        with pytest.raises(TypeError, match="^Argument `fetch` = None has invalid type"):
            sess.run(None)
        with pytest.raises(TypeError, match="^Argument `fetch` = None has invalid type"):
            sess.run([tf.constant(1), None])


def test_eval_without_default_session():
    c = tf.constant(1)
    with pytest.raises(ValueError, match="No default session is registered"):
        c.eval()
    with pytest.raises(ValueError, match="No default session is registered"):
        tf.global_variables_initializer().run()


def test_closed_session():
    c = tf.constant(1)
    sess = tf.Session()
    sess.close()
    with pytest.raises(RuntimeError, match="Attempted to use a closed Session."):
        sess.run(c)


def test_fetch_from_another_graph():
    other = tf.Graph()
    with other.as_default():
        c = tf.constant(1.0)
    tf.constant(2.0)
    with tf.Session() as sess:
        with pytest.raises(ValueError, match="is not an element of this graph"):
            sess.run(c)


def test_feed_key_from_another_graph():
    other = tf.Graph()
    with other.as_default():
        p = tf.placeholder(tf.float32)
    c = tf.constant(2.0)
    with tf.Session() as sess:
        with pytest.raises(TypeError, match="is not an element of this graph"):
            sess.run(c, feed_dict={p: 1.0})


def test_mixing_tensors_of_two_graphs():
    a = tf.constant(1.0)
    other = tf.Graph()
    with other.as_default():
        b = tf.constant(2.0)
        with pytest.raises(ValueError, match="must be from the same graph"):
            a + b


def test_unknown_fetch_name():
    tf.constant(1)
    with tf.Session() as sess:
        with pytest.raises(ValueError, match="cannot be interpreted as a Tensor"):
            sess.run("nothing:0")


def test_runtime_kernel_failure_is_an_invalid_argument_error_naming_the_op():
    x = tf.placeholder(tf.float32, shape=(None, None), name="x")
    inv = tf.matrix_inverse(x, name="inv")
    with tf.Session() as sess:
        with pytest.raises(errors.InvalidArgumentError) as info:
            sess.run(inv, feed_dict={x: [[1.0, 2.0], [2.0, 4.0]]})
    assert "not invertible" in str(info.value)
    assert "{{node inv}}" in str(info.value)
    with tf.Session() as sess:
        with pytest.raises(errors.InvalidArgumentError, match="Matrix size-incompatible"):
            sess.run(tf.matmul(x, x), feed_dict={x: np.ones((2, 3))})


def test_tensor_as_python_bool_or_array_is_refused():
    c = tf.constant(1.0)
    with pytest.raises(TypeError, match="Python `bool` is not allowed"):
        bool(c)
    with pytest.raises(NotImplementedError, match="Cannot convert a symbolic tf.Tensor"):
        np.asarray(c)
    with pytest.raises(TypeError, match="Iterating over a symbolic `tf.Tensor` is not allowed"):
        iter(c)


def test_exp_of_an_integer_tensor_is_a_type_error():
    with pytest.raises(TypeError, match="DataType int32 not in list of allowed values"):
        tf.exp(tf.constant(1))


def test_reset_default_graph_inside_a_nested_graph_is_refused():
    with tf.Graph().as_default():
        with pytest.raises(AssertionError, match="Do not use tf.reset_default_graph"):
            tf.reset_default_graph()


def test_assigning_a_wrong_shape_fails_at_construction():
    v = tf.Variable([1.0, 2.0], name="v")
    # TF 2.21 after disable_v2_behavior() (a TF1 reference variable's Assign op)
    with pytest.raises(
        ValueError,
        match=re.escape(
            "Dimension 0 in both shapes must be equal, but are 2 and 3. Shapes are [2] and [3]. "
            "for '{{node Assign}} = Assign[T=DT_FLOAT, use_locking=true, validate_shape=true]"
            "(v, Assign/value)' with input shapes: [2], [3]."
        ),
    ):
        tf.assign(v, [1.0, 2.0, 3.0])


def test_item_assignment_on_a_variable_explains_assign():
    v = tf.Variable([1.0, 2.0], name="v")
    with pytest.raises(TypeError, match="does not support item assignment"):
        v[0] = 3.0


def test_cumsum_over_an_axis_x_does_not_have_names_the_range_then_one_hint_line():
    # TF 2.21, the same program: TF's shape function accepts any axis (the output has x's
    # shape), so the kernel fails when the graph runs, with these words.
    x = tf.placeholder(tf.float32, shape=(2, 3), name="x")
    total = tf.cumsum(x, axis=2, name="total")
    with tf.Session() as sess:
        with pytest.raises(errors.InvalidArgumentError) as info:
            sess.run(total, feed_dict={x: np.ones((2, 3))})
    lines = info.value.message.splitlines()
    words = lines.index("ScanOp: Expected scan axis in the range [-2, 2), but got 2")
    assert lines[words + 1] == "\t [[{{node total}}]]"  # where TF puts the node, then the hint
    hints = [line for line in lines if line.startswith("(learntf:")]
    assert hints == lines[words + 2 :] and len(hints) == 1
    assert "axis must be one of -2..1" in hints[0]


@pytest.mark.usefixtures("eager_mode")
def test_eager_cumprod_with_a_bad_axis_gives_tf_words_then_one_hint_line():
    with pytest.raises(errors.InvalidArgumentError) as info:
        tf.cumprod(tf.constant([[1.0, 2.0, 3.0]]), axis=-3)
    first, hint = str(info.value).splitlines()
    # TF 2.21 reports the axis after adding the rank (-3 + 2), then the op.
    assert first == "ScanOp: Expected scan axis in the range [-2, 2), but got -1 [Op:Cumprod]"
    assert hint.startswith("(learntf: x has 2 axes")
