"""get_variable and variable_scope: sharing, reuse rules, names, errors and initializers."""

import numpy as np
import pytest

import learntf.compat.v1 as tf

tf.disable_v2_behavior()  # TF1 programs on TensorFlow 2 start so: graphs and sessions


pytestmark = pytest.mark.usefixtures("fresh_graph")


def test_get_variable_name_ignores_the_name_scope():
    with tf.name_scope("outer"):
        with tf.variable_scope("relu"):
            threshold = tf.get_variable(
                "threshold", shape=(), initializer=tf.constant_initializer(0.0)
            )
            other = tf.Variable(1.0, name="plain")
    assert threshold.name == "relu/threshold:0"
    assert other.name == "outer/relu/plain:0"
    assert repr(threshold) == "<tf.Variable 'relu/threshold:0' shape=() dtype=float32_ref>"


def test_second_creation_is_refused_with_tf_words_and_the_notebook_hint():
    # TF 2.21 after disable_v2_behavior() (TF1 reference variables) names where the variable
    # was first created: "... in VarScope? Originally defined at:", an empty line, then up to
    # 5 frames, innermost first, as '  File "<path>", line N, in <function>' without the code.
    def make():
        with tf.variable_scope("relu"):
            return tf.get_variable("threshold", shape=())

    make()
    with pytest.raises(ValueError) as info:
        make()
    lines = str(info.value).splitlines()
    assert lines[0] == (
        "Variable relu/threshold already exists, disallowed. Did you mean to set "
        "reuse=True or reuse=tf.AUTO_REUSE in VarScope? Originally defined at:"
    )
    assert lines[1] == ""
    assert lines[2].startswith('  File "%s", line ' % __file__) and lines[2].endswith(", in make")
    assert lines[3].endswith(
        ", in test_second_creation_is_refused_with_tf_words_and_the_notebook_hint"
    )
    assert "cell" in lines[-1] and "tf.reset_default_graph()" in lines[-1]


def test_a_resource_variable_s_error_names_no_origin():
    # TF 2.21: with TF2 behavior, or use_resource=True, the variable is a resource variable and
    # the message ends at "in VarScope?".
    def second_creation(**kwargs):
        with tf.Graph().as_default():
            tf.get_variable("v", shape=(), **kwargs)
            with pytest.raises(ValueError) as info:
                tf.get_variable("v", shape=(), **kwargs)
        return str(info.value).splitlines()[0]

    expected = (
        "Variable v already exists, disallowed. Did you mean to set reuse=True or "
        "reuse=tf.AUTO_REUSE in VarScope?"
    )
    assert second_creation(use_resource=True) == expected
    from learntf.framework import context

    saved = context.context.resource_variables
    context.context.resource_variables = True  # as after enable_v2_behavior(), in a TF2 program
    try:
        assert second_creation() == expected
    finally:
        context.context.resource_variables = saved


def test_reuse_true_fetches_and_missing_or_plain_variables_are_refused():
    with tf.variable_scope("relu"):
        first = tf.get_variable("threshold", shape=())
        tf.Variable(0.0, name="plain")
    with tf.variable_scope("relu", reuse=True):
        assert tf.get_variable("threshold") is first
        with pytest.raises(
            ValueError,
            match="relu/missing does not exist, or was not created "
            r"with tf.get_variable\(\)",
        ):
            tf.get_variable("missing")
        with pytest.raises(ValueError, match="relu/plain does not exist"):
            tf.get_variable("plain")


def test_reuse_is_inherited_and_cannot_be_switched_off_inside():
    with tf.variable_scope("relu") as scope:
        tf.get_variable("threshold", shape=())
        scope.reuse_variables()
        assert tf.get_variable_scope().reuse is True
        with tf.variable_scope("inner"):
            assert tf.get_variable_scope().reuse is True
        with tf.variable_scope("inner2", reuse=False):
            assert tf.get_variable_scope().reuse is True
        assert tf.get_variable("threshold").name == "relu/threshold:0"
    assert tf.get_variable_scope().reuse is False


def test_auto_reuse_creates_once_then_shares():
    made = []
    for _ in range(3):
        with tf.variable_scope("layer", reuse=tf.AUTO_REUSE):
            made.append(tf.get_variable("w", [2, 2]))
    assert made[0] is made[1] is made[2]
    assert len(tf.global_variables()) == 1


def test_each_variable_scope_opens_a_new_name_scope():
    names = []
    for _ in range(3):
        with tf.variable_scope("relu", reuse=tf.AUTO_REUSE):
            tf.get_variable("threshold", shape=())
            names.append(tf.add(1.0, 2.0, name="z").op.name)
    assert names == ["relu/z", "relu_1/z", "relu_2/z"]


def test_scope_object_can_be_reentered():
    with tf.variable_scope("model") as scope:
        w = tf.get_variable("w", [1])
    with tf.variable_scope(scope, reuse=True):
        assert tf.get_variable("w") is w
    with tf.variable_scope(scope):
        with pytest.raises(ValueError, match="already exists"):
            tf.get_variable("w", [1])


def test_default_name_and_empty_scope_of_seed_method_1():
    def relu(X):
        with tf.variable_scope("relu"):
            threshold = tf.get_variable(
                "threshold", shape=(), initializer=tf.constant_initializer(0.0)
            )
            return tf.maximum(X, threshold, name="max")

    X = tf.placeholder(tf.float32, shape=(None, 3), name="X")
    with tf.variable_scope("", default_name="") as scope:
        first = relu(X)
        scope.reuse_variables()
        relus = [first] + [relu(X) for _ in range(4)]
    assert [v.op.name for v in tf.global_variables()] == ["relu/threshold"]
    assert [r.name for r in relus] == ["relu/max:0"] + ["relu_%d/max:0" % i for i in range(1, 5)]
    with tf.variable_scope(None, default_name="block"):
        a = tf.get_variable("a", [1])
    with tf.variable_scope(None, default_name="block"):
        b = tf.get_variable("a", [1])
    assert (a.name, b.name) == ("block/a:0", "block_1/a:0")


def test_sharing_checks_shape_and_dtype():
    with tf.variable_scope("s"):
        tf.get_variable("w", [2, 3])
    with tf.variable_scope("s", reuse=True):
        with pytest.raises(ValueError, match="specified shape .* and found shape"):
            tf.get_variable("w", [3, 3])
        with pytest.raises(ValueError, match="specified dtype float64 and found dtype float32"):
            tf.get_variable("w", [2, 3], dtype=tf.float64)


def test_new_variable_needs_a_shape():
    with pytest.raises(
        ValueError,
        match="^Variable w did not get an initializer, so its `shape` argument must be specified.$",
    ):
        tf.get_variable("w")


def test_collections_through_scopes():
    with tf.variable_scope("a"):
        w = tf.get_variable("w", [1])
        frozen = tf.get_variable("frozen", [1], trainable=False)
    assert tf.global_variables() == [w, frozen]
    assert tf.trainable_variables() == [w]
    assert tf.get_collection(tf.GraphKeys.GLOBAL_VARIABLES, scope="a/f") == [frozen]
    tf.reset_default_graph()
    with tf.variable_scope("a"):
        again = tf.get_variable("w", [1])  # a new graph forgets the old store
    assert again is not w


def test_initializers_give_the_values_they_promise():
    with tf.variable_scope("init"):
        c = tf.get_variable("c", [2, 2], initializer=tf.constant_initializer(3.0))
        z = tf.get_variable("z", [3], initializer=tf.zeros_initializer())
        o = tf.get_variable("o", [3], initializer=tf.ones_initializer())
        n = tf.get_variable("n", [2000], initializer=tf.random_normal_initializer(1.0, 2.0, seed=1))
        t = tf.get_variable(
            "t", [2000], initializer=tf.truncated_normal_initializer(stddev=0.02, seed=1)
        )
        u = tf.get_variable("u", [2000], initializer=tf.random_uniform_initializer(-1, 1, seed=1))
        g = tf.get_variable("g", [30, 50])  # default: Glorot uniform
        i = tf.get_variable("i", [2], dtype=tf.int32)  # default for ints: zeros
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        c_v, z_v, o_v, n_v, t_v, u_v, g_v, i_v = sess.run([c, z, o, n, t, u, g, i])
    np.testing.assert_array_equal(c_v, np.full((2, 2), 3.0))
    np.testing.assert_array_equal(z_v, [0, 0, 0])
    np.testing.assert_array_equal(o_v, [1, 1, 1])
    assert abs(n_v.mean() - 1.0) < 0.2 and abs(n_v.std() - 2.0) < 0.2
    assert np.abs(t_v).max() <= 0.04
    assert u_v.min() >= -1 and u_v.max() < 1
    limit = np.sqrt(6.0 / (30 + 50))
    assert np.abs(g_v).max() <= limit and np.abs(g_v).max() > 0.9 * limit
    np.testing.assert_array_equal(i_v, [0, 0])


def test_variable_scope_initializer_is_the_default_inside():
    with tf.variable_scope("s", initializer=tf.constant_initializer(7.0)):
        w = tf.get_variable("w", [2])
    with tf.Session() as sess:
        sess.run(w.initializer)
        np.testing.assert_array_equal(sess.run(w), [7.0, 7.0])
