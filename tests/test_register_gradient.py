"""tf.RegisterGradient and Graph.gradient_override_map, as in TF 2.21 (graph mode)."""

import numpy as np
import pytest

import learntf.compat.v1 as tf
from learntf.framework import op_registry


@pytest.fixture
def fresh_names():
    before = dict(op_registry.GRADIENTS_BY_NAME)
    yield
    op_registry.GRADIENTS_BY_NAME.clear()
    op_registry.GRADIENTS_BY_NAME.update(before)


def test_override_uses_the_registered_gradient_only_inside_the_block(fresh_names):
    @tf.RegisterGradient("TestDoubleSoftplusGrad")
    def _grad(op, grad):
        return 2.0 * grad * tf.sigmoid(op.inputs[0])

    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, [None])
        with g.gradient_override_map({"Softplus": "TestDoubleSoftplusGrad"}):
            y = tf.nn.softplus(x)
        z = tf.nn.softplus(x)
        assert y.op.get_attr("_gradient_op_type") == b"TestDoubleSoftplusGrad"
        assert g._gradient_override_map == {}
        (dy,) = tf.gradients(3.0 * y, x)
        (dz,) = tf.gradients(z, x)
        with tf.Session() as sess:
            got_y, got_z = sess.run([dy, dz], {x: [0.0, 1.0]})
    sigmoid = 1 / (1 + np.exp(-np.array([0.0, 1.0])))
    np.testing.assert_allclose(got_y, 6 * sigmoid, rtol=1e-6)
    np.testing.assert_allclose(got_z, sigmoid, rtol=1e-6)


def test_a_name_registered_twice_raises_key_error_as_in_tf(fresh_names):
    tf.RegisterGradient("TestTwiceGrad")(lambda op, grad: grad)
    with pytest.raises(KeyError, match="Registering two gradient with name 'TestTwiceGrad'"):
        tf.RegisterGradient("TestTwiceGrad")(lambda op, grad: grad)
    with pytest.raises(KeyError, match="Registering two gradient with name 'Tanh'"):
        tf.RegisterGradient("Tanh")(lambda op, grad: grad)
    with pytest.raises(TypeError, match="op_type must be a string"):
        tf.RegisterGradient(3)


def test_override_by_an_op_type_and_by_an_unknown_name():
    g = tf.Graph()
    with g.as_default():
        x = tf.constant([0.5])
        with g.gradient_override_map({"Softplus": "Tanh"}):  # Tanh's own gradient
            y = tf.nn.softplus(x)
        with g.gradient_override_map({"Softplus": "TestNoSuchGradient"}):
            w = tf.nn.softplus(x)
        (dy,) = tf.gradients(y, x)
        with tf.Session() as sess:
            y_val, dy_val = sess.run([y, dy])
        np.testing.assert_allclose(dy_val, 1 - y_val**2, rtol=1e-6)
        with pytest.raises(LookupError, match="No gradient defined for operation"):
            tf.gradients(w, x)


def test_a_gradient_of_the_wrong_shape_is_refused_with_tf_words(fresh_names):
    @tf.RegisterGradient("TestMulForgetsBroadcast")
    def _grad(op, grad):
        x, y = op.inputs
        return grad * y, grad * x  # y's gradient not summed back to y's shape

    g = tf.Graph()
    with g.as_default():
        a = tf.placeholder(tf.float64, [None, 3])
        b = tf.placeholder(tf.float64, [3])
        with g.gradient_override_map({"Mul": "TestMulForgetsBroadcast"}):
            product = a * b
        with pytest.raises(ValueError, match="Incompatible shapes between op input and calc"):
            tf.gradients(product, [a, b])


def test_the_override_is_in_the_node_def_and_survives_a_graph_def(fresh_names):
    tf.RegisterGradient("TestSurvivesImport")(lambda op, grad: 5.0 * grad)
    g = tf.Graph()
    with g.as_default():
        x = tf.constant([1.0, 2.0], name="x")
        with g.gradient_override_map({"Neg": "TestSurvivesImport"}):
            tf.negative(x, name="y")
    assert '"_gradient_op_type"' in str(g.get_operation_by_name("y").node_def)
    graph_def = g.as_graph_def()
    assert graph_def.node[1].attr["_gradient_op_type"].s == b"TestSurvivesImport"
    g2 = tf.Graph()
    with g2.as_default():
        tf.import_graph_def(graph_def, name="")
        x2, y2 = g2.get_tensor_by_name("x:0"), g2.get_tensor_by_name("y:0")
        (dx,) = tf.gradients(y2, x2)
        with tf.Session() as sess:
            np.testing.assert_allclose(sess.run(dx), [5.0, 5.0])
