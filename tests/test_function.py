"""tf.function (seed 004 "tf.function函数转换" to "get_concrete_function"): tracing, caching
per signature, variables, input signatures, concrete functions, retracing, gradients."""
import warnings

import numpy as np
import pytest

import learntf as tf


pytestmark = pytest.mark.usefixtures("eager_mode")


def scaled_elu(z, scale=1.0, alpha=1.0):
    is_positive = tf.greater_equal(z, 0.0)
    return scale * tf.where(is_positive, z, alpha * tf.nn.elu(z))


def test_traced_function_gives_the_eager_results_and_keeps_the_python_function():
    scaled_elu_tf = tf.function(scaled_elu)
    for value in (tf.constant(-3.), tf.constant([-3., -2.5]), tf.constant([[1.0, -1.0]])):
        np.testing.assert_array_equal(scaled_elu_tf(value).numpy(), scaled_elu(value).numpy())
    assert float(scaled_elu_tf(tf.constant(-3.))) == pytest.approx(np.expm1(-3.0), rel=1e-6)
    assert scaled_elu_tf.python_function is scaled_elu


def test_tracing_happens_once_per_signature():
    traced = []

    @tf.function
    def f(x, power=2):
        traced.append(1)  # Python side effects happen while tracing only
        return x ** power

    f(tf.constant(1.0))
    f(tf.constant(2.0))              # same dtype and shape: no new trace
    assert len(traced) == 1
    f(tf.constant([1.0, 2.0]))       # new shape
    f(tf.constant(1.0), power=3)     # new Python value
    f(tf.constant(1))                # new dtype
    assert len(traced) == 4 == f.experimental_get_tracing_count()


def test_python_loops_are_unrolled():
    @tf.function
    def converge_to_2(n_iters):
        total = tf.constant(0.)
        increment = tf.constant(1.)
        for _ in range(n_iters):
            total += increment
            increment /= 2.0
        return total
    assert float(converge_to_2(20)) == pytest.approx(1.9999981, rel=1e-7)
    assert np.float32(converge_to_2(20).numpy()) == np.float32(sum(0.5 ** i for i in range(20)))


def test_variables_outside_are_read_and_assigned_on_every_call():
    var = tf.Variable(0.)

    @tf.function
    def add_21():
        return var.assign_add(21)
    assert float(add_21()) == 21.0
    assert float(add_21()) == 42.0
    assert float(var) == 42.0

    @tf.function
    def set_then_read(v):
        var.assign(v)
        return var.read_value() * 2  # program order is kept for the same variable
    assert float(set_then_read(tf.constant(5.0))) == 10.0


def test_side_effects_run_even_when_not_returned():
    counter = tf.Variable(0)

    @tf.function
    def bump_and_return_one():
        counter.assign_add(1)
        return tf.constant(1)
    bump_and_return_one()
    bump_and_return_one()
    assert int(counter) == 2


def test_creating_a_variable_inside_is_allowed_once_only():
    class Model:
        def __init__(self):
            self.w = None

        @tf.function
        def __call__(self, x):
            if self.w is None:
                self.w = tf.Variable(2.0)
            return self.w * x
    model = Model()
    assert float(model(tf.constant(3.0))) == 6.0
    assert float(model(tf.constant(4.0))) == 8.0

    @tf.function
    def add_21_inside():
        v = tf.Variable(0.)
        return v.assign_add(21)
    with pytest.raises(ValueError) as info:
        add_21_inside()
    message = str(info.value)
    assert "ValueError: tf.function only supports singleton tf.Variables created on the first call" in message
    assert "v = tf.Variable(0.)" in message  # names the line


def test_input_signature_accepts_compatible_calls_only():
    @tf.function(input_signature=[tf.TensorSpec([None], tf.int32, name="x")])
    def cube(z):
        return tf.pow(z, 3)
    assert cube(tf.constant([1, 2, 3])).numpy().tolist() == [1, 8, 27]
    assert cube(tf.constant([4])).numpy().tolist() == [64]
    with pytest.raises(TypeError) as info:
        cube(tf.constant([1., 2., 3.]))
    assert "int32" in str(info.value) and "None" in str(info.value)
    with pytest.raises(TypeError):
        cube(tf.constant([[1, 2]]))  # wrong rank


def test_concrete_functions_are_shared_and_printable():
    @tf.function(input_signature=[tf.TensorSpec([None], tf.int32, name="x")])
    def cube(z):
        return tf.pow(z, 3)
    concrete = cube.get_concrete_function(tf.TensorSpec([None], tf.int32))
    assert concrete is cube.get_concrete_function(tf.TensorSpec([5], tf.int32))
    assert concrete is cube.get_concrete_function(tf.constant([1, 2, 3]))
    assert str(concrete) == (
        "ConcreteFunction Input Parameters:\n"
        "  z (POSITIONAL_OR_KEYWORD): TensorSpec(shape=(None,), dtype=tf.int32, name='x')\n"
        "Output Type:\n"
        "  TensorSpec(shape=(None,), dtype=tf.int32, name=None)\n"
        "Captures:\n"
        "  None")
    assert [op.type for op in concrete.graph.get_operations()].count("Pow") == 1
    assert concrete(tf.constant([2])).numpy().tolist() == [8]


def test_traced_graph_is_folded_and_pruned():
    @tf.function
    def f(x):
        unused = tf.exp(x)  # noqa: F841 - pure and unused: pruned
        return x * (tf.constant(2.0) + tf.constant(3.0))
    concrete = f.get_concrete_function(tf.constant(1.0))
    assert float(f(tf.constant(1.0))) == 5.0
    plan = concrete._get_plan()
    assert [step.op.type for step in plan.steps] == ["Mul"]


def test_retracing_warns():
    @tf.function
    def f(x):
        return x + 1
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for value in range(6):
            f(float(value))  # a new Python float each call: a new trace each time
    assert f.experimental_get_tracing_count() == 6
    assert any("triggered tf.function retracing" in str(w.message) for w in caught)


def test_tensor_dependent_python_if_is_a_clear_error():
    @tf.function
    def f(x):
        if x > 0:
            return x
        return -x
    with pytest.raises(TypeError, match="tf.cond"):
        f(tf.constant(1.0))

    @tf.function
    def g(x):
        return tf.cond(x > 0, lambda: x, lambda: -x)
    assert float(g(tf.constant(-2.0))) == 2.0


def test_gradient_tape_through_a_function_call():
    w = tf.Variable(3.0)

    @tf.function
    def loss(x):
        return tf.reduce_sum((w * x - 1.0) ** 2)
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape() as tape:
        value = loss(x)
    grad = tape.gradient(value, w)
    expected = sum(2 * (3.0 * xi - 1.0) * xi for xi in (1.0, 2.0))
    assert float(value) == pytest.approx((3 - 1) ** 2 + (6 - 1) ** 2)
    assert float(grad) == pytest.approx(expected)
    with tf.GradientTape() as tape:
        tape.watch(x)
        value = loss(x)
    np.testing.assert_allclose(tape.gradient(value, x).numpy(),
                               [2 * (3.0 - 1.0) * 3.0, 2 * (6.0 - 1.0) * 3.0])


def test_gradient_tape_and_tf_gradients_inside_a_traced_function():
    w = tf.Variable([[1.0], [2.0]])

    @tf.function
    def tape_step(x):
        with tf.GradientTape() as tape:
            y = tf.reduce_sum(x @ w)
        return tape.gradient(y, [w])

    @tf.function
    def graph_step():
        return tf.gradients(w * w, [w])
    (grad,) = tape_step(tf.constant([[1.0, 2.0]]))
    assert grad.numpy().tolist() == [[1.0], [2.0]]  # d(x @ w)/dw = x transposed
    assert graph_step()[0].numpy().tolist() == [[2.0], [4.0]]


def test_reading_a_captured_variable_keeps_its_shape():
    v = tf.Variable(tf.zeros([3, 2]))
    concrete = tf.function(lambda: v.value()).get_concrete_function()
    assert concrete.outputs[0].shape.as_list() == [3, 2]


def test_methods_with_an_input_signature_bind_self():
    class Doubler:
        @tf.function(input_signature=[tf.TensorSpec([None], tf.float32)])
        def __call__(self, x):
            return x * 2
    doubler = Doubler()
    assert doubler(tf.constant([1.0, 2.0])).numpy().tolist() == [2.0, 4.0]
    assert doubler(tf.constant([3.0])).numpy().tolist() == [6.0]
    assert Doubler.__call__._bound[doubler].experimental_get_tracing_count() == 1


def test_retracing_warning_needs_consecutive_retraces():
    f = tf.function(lambda x: x + 1)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for value in range(4):
            f(float(value))
        for _ in range(50):
            f(1.0)  # cached: these calls do not trace
        f(10.0)
    assert f.experimental_get_tracing_count() == 5
    assert not any("retracing" in str(w.message) for w in caught)
