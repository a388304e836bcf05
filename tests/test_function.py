"""tf.function (seed 004 "tf.function函数转换" to "get_concrete_function"): tracing, caching
per signature, variables, input signatures, concrete functions, retracing, gradients."""

import logging
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
    for value in (tf.constant(-3.0), tf.constant([-3.0, -2.5]), tf.constant([[1.0, -1.0]])):
        np.testing.assert_array_equal(scaled_elu_tf(value).numpy(), scaled_elu(value).numpy())
    assert float(scaled_elu_tf(tf.constant(-3.0))) == pytest.approx(np.expm1(-3.0), rel=1e-6)
    assert scaled_elu_tf.python_function is scaled_elu


def test_tracing_happens_once_per_signature():
    traced = []

    @tf.function
    def f(x, power=2):
        traced.append(1)  # Python side effects happen while tracing only
        return x**power

    f(tf.constant(1.0))
    f(tf.constant(2.0))  # same dtype and shape: no new trace
    assert len(traced) == 1
    f(tf.constant([1.0, 2.0]))  # new shape
    f(tf.constant(1.0), power=3)  # new Python value
    f(tf.constant(1))  # new dtype
    assert len(traced) == 4 == f.experimental_get_tracing_count()


def test_calls_by_tensors_find_the_traces_of_bound_calls():
    # A call by positional tensors finds its trace without binding the signature; it must be
    # the trace a call with keywords or defaults made, and a new dtype, shape or Python value
    # must still trace.
    @tf.function
    def f(x, y, offset=1.0):
        return x * y + offset

    a, b = tf.constant([1.0, 2.0]), tf.constant([3.0, 4.0])
    assert f(a, y=b).numpy().tolist() == [4.0, 9.0]
    assert f(a, b).numpy().tolist() == [4.0, 9.0]  # the keyword call's trace
    assert f(b, a, 1.0).numpy().tolist() == [4.0, 9.0]  # the default's value: the same trace
    assert f.experimental_get_tracing_count() == 1
    f(tf.constant([1.0, 2.0, 3.0]), tf.constant([1.0, 2.0, 3.0]))  # new shape
    f(tf.constant([1, 2]), tf.constant([3, 4]), 1)  # new dtype and Python value
    assert f(a, b, 2.0).numpy().tolist() == [5.0, 10.0]  # new Python value
    assert f(a, b).numpy().tolist() == [4.0, 9.0]
    assert f.experimental_get_tracing_count() == 4

    two = tf.constant(2.0)

    @tf.function
    def g(x, scale=two):  # a tensor default is an input of the trace
        return x * scale

    assert g(tf.constant(3.0)).numpy() == 6.0 == g(tf.constant(3.0)).numpy()
    assert g.experimental_get_tracing_count() == 1


def test_python_loops_are_unrolled():
    @tf.function
    def converge_to_2(n_iters):
        total = tf.constant(0.0)
        increment = tf.constant(1.0)
        for _ in range(n_iters):
            total += increment
            increment /= 2.0
        return total

    assert float(converge_to_2(20)) == pytest.approx(1.9999981, rel=1e-7)
    assert np.float32(converge_to_2(20).numpy()) == np.float32(sum(0.5**i for i in range(20)))


def test_variables_outside_are_read_and_assigned_on_every_call():
    var = tf.Variable(0.0)

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
        v = tf.Variable(0.0)
        return v.assign_add(21)

    with pytest.raises(ValueError) as info:
        add_21_inside()
    message = str(info.value)
    assert (
        "ValueError: tf.function only supports singleton tf.Variables created on the first call"
        in message
    )
    assert "v = tf.Variable(0.0)" in message  # names the line


def test_input_signature_accepts_compatible_calls_only():
    @tf.function(input_signature=[tf.TensorSpec([None], tf.int32, name="x")])
    def cube(z):
        return tf.pow(z, 3)

    assert cube(tf.constant([1, 2, 3])).numpy().tolist() == [1, 8, 27]
    assert cube(tf.constant([4])).numpy().tolist() == [64]
    with pytest.raises(TypeError) as info:
        cube(tf.constant([1.0, 2.0, 3.0]))
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
        "  None"
    )
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
    # the constant sum is folded, exp pruned; the output passes through TF's return Identity
    assert [step.op.type for step in plan.steps] == ["Mul", "Identity"]


# TensorFlow 2.21's retracing warning, as it logs it (run in .venv-tf: the message of the record
# on the "tensorflow" logger, here for a function named f).
TF_RETRACING_WARNING = (
    "{} out of the last {} calls to {} triggered tf.function retracing. Tracing is expensive and "
    "the excessive number of tracings could be due to (1) creating @tf.function repeatedly in a "
    "loop, (2) passing tensors with different shapes, (3) passing Python objects instead of "
    "tensors. For (1), please define your @tf.function outside of the loop. For (2), "
    "@tf.function has reduce_retracing=True option that can avoid unnecessary retracing. For "
    "(3), please refer to https://www.tensorflow.org/guide/function#controlling_retracing and "
    "https://www.tensorflow.org/api_docs/python/tf/function for  more details."
)


def _tf_log(caplog):
    return [(r.name, r.levelname, r.getMessage()) for r in caplog.records if r.name == "tensorflow"]


def test_retracing_warns_on_tensorflows_logger(caplog):
    @tf.function
    def f(x):
        return x + 1

    assert tf.get_logger() is logging.getLogger("tensorflow")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # not a Python warning: a log record, as in TF
        with caplog.at_level(logging.WARNING, logger="tensorflow"):
            for value in range(8):
                f(float(value))  # a new Python float each call: a new trace each time
    assert f.experimental_get_tracing_count() == 8
    # TF 2.21 logs twice (5 of 5, then 6 of 6) and then no more for this function
    assert _tf_log(caplog) == [
        ("tensorflow", "WARNING", TF_RETRACING_WARNING.format(5, 5, f.python_function)),
        ("tensorflow", "WARNING", TF_RETRACING_WARNING.format(6, 6, f.python_function)),
    ]


def test_retracing_warning_counts_recent_calls_as_tensorflow_does(caplog):
    @tf.function
    def times_two(x):
        return x * 2

    with caplog.at_level(logging.WARNING, logger="tensorflow"):
        for value in [1.0, 2.0, 3.0]:
            times_two(tf.constant(value))
        times_two(tf.constant([1.0, 2.0]))
        times_two(tf.constant(1))
        assert _tf_log(caplog) == []
        for value in [1.0, 2.0, 3.0]:
            times_two(value)
    # what TF 2.21 logs for these calls: "5 out of the last 7", then "6 out of the last 8"
    assert [message for _, _, message in _tf_log(caplog)] == [
        TF_RETRACING_WARNING.format(5, 7, times_two.python_function),
        TF_RETRACING_WARNING.format(6, 8, times_two.python_function),
    ]
    caplog.clear()
    with caplog.at_level(
        logging.ERROR, logger="tensorflow"
    ):  # tf.get_logger().setLevel silences it
        times_two(4.0)
    assert _tf_log(caplog) == []


def test_tensor_dependent_python_if_without_autograph_is_a_clear_error():
    @tf.function(autograph=False)
    def f(x):
        if x > 0:
            return x
        return -x

    with pytest.raises(tf.errors.OperatorNotAllowedInGraphError, match="tf.cond"):
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
    np.testing.assert_allclose(
        tape.gradient(value, x).numpy(), [2 * (3.0 - 1.0) * 3.0, 2 * (6.0 - 1.0) * 3.0]
    )


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


def test_retracing_warning_needs_frequent_retraces(caplog):
    f = tf.function(lambda x: x + 1)
    with caplog.at_level(logging.WARNING, logger="tensorflow"):
        for value in range(4):
            f(float(value))
        for _ in range(50):
            f(1.0)  # cached: these calls do not trace
        f(10.0)
    assert f.experimental_get_tracing_count() == 5
    assert _tf_log(caplog) == []


def test_numpy_arguments_are_traced_like_tensors():
    # What TF 2.21 does: a NumPy scalar or array selects its trace by dtype and shape, like a
    # tensor (and shares the trace of a tensor of that dtype and shape); a Python float is a value.
    traced = []

    @tf.function
    def times_two(x):
        traced.append(x)
        return x * 2

    assert repr(times_two(np.float32(1.0))) == "<tf.Tensor: shape=(), dtype=float32, numpy=2.0>"
    times_two(np.float32(2.0))
    times_two(np.array(3.0, np.float32))
    times_two(tf.constant(4.0))
    assert times_two.experimental_get_tracing_count() == 1
    times_two(np.array([1.0, 2.0], np.float32))
    times_two(np.array([3.0, 2.0], np.float32))
    assert times_two.experimental_get_tracing_count() == 2
    times_two(np.float64(1.0))
    times_two(np.float64(2.0))
    times_two(np.int32(2))
    times_two(np.int32(3))
    assert times_two.experimental_get_tracing_count() == 4
    assert [str(t) for t in traced[-2:]] == [
        'Tensor("x:0", shape=(), dtype=float64)',
        'Tensor("x:0", shape=(), dtype=int32)',
    ]
    times_two(1.0)
    times_two(2.0)
    assert times_two.experimental_get_tracing_count() == 6


def test_python_results_are_returned_as_tensors():
    # TF 2.21: tf.function converts every output but None to a tensor
    @tf.function
    def double(x):
        return 2 * x

    assert str(double(1.0)) == "tf.Tensor(2.0, shape=(), dtype=float32)"
    assert str(double(2)) == "tf.Tensor(4, shape=(), dtype=int32)"

    @tf.function
    def nothing(x):
        return None

    assert nothing(1.0) is None


def test_concrete_function_signature_as_tensorflow_prints_it():
    @tf.function
    def f(z, scale=1.0):
        return z * scale

    # TF 2.21's text: inferred specs are unnamed, Python arguments are Literals of their value
    assert str(f.get_concrete_function(tf.constant(1.0), scale=2.0)) == (
        "ConcreteFunction Input Parameters:\n"
        "  z (POSITIONAL_OR_KEYWORD): TensorSpec(shape=(), dtype=tf.float32, name=None)\n"
        "  scale (POSITIONAL_OR_KEYWORD): Literal[2.0]\n"
        "Output Type:\n"
        "  TensorSpec(shape=(), dtype=tf.float32, name=None)\n"
        "Captures:\n"
        "  None"
    )
    var = tf.Variable(0.0)
    add_21 = tf.function(lambda: var.assign_add(21))
    concrete = add_21.get_concrete_function()
    # TF 2.21 keys a capture by the captured tensor's id, e.g.
    # "  140422774961744: TensorSpec(shape=(), dtype=tf.resource, name=None)"
    assert str(concrete).splitlines()[-1] == (
        "  %d: TensorSpec(shape=(), dtype=tf.resource, name=None)" % id(concrete.captured_inputs[0])
    )


def test_input_signature_error_has_tensorflows_words():
    @tf.function(input_signature=[tf.TensorSpec([None], tf.int32, name="x")])
    def cube(z):
        return tf.pow(z, 3)

    with pytest.raises(TypeError) as info:
        cube(tf.constant([1.0, 2.0, 3.0]))
    # the first line as TF 2.21 prints it
    assert str(info.value).splitlines()[0] == (
        "Binding inputs to tf.function failed due to `Can not cast TensorSpec(shape=(3,), "
        "dtype=tf.float32, name='x') to TensorSpec(shape=(None,), dtype=tf.int32, name='x')`. "
        "Received args: (<tf.Tensor: shape=(3,), dtype=float32, numpy=array([1., 2., 3.], "
        "dtype=float32)>,) and kwargs: {} for signature: (z: TensorSpec(shape=(None,), "
        "dtype=tf.int32, name='x'))."
    )


def test_cond_on_a_vector_condition_fails_as_tensorflows_if_op_does():
    """TF 2.21 (tf.function, and compat.v1 graphs at run time) raises InvalidArgumentError
    "The second input must be a scalar, but it has shape [3]": tf.cond picks one branch, it never
    selects element by element (that is tf.where). learntf raises the same class and words as
    soon as the shape is known, instead of silently selecting per element."""

    @tf.function
    def absolute(x):
        return tf.cond(x > 0, lambda: x, lambda: -x)

    with pytest.raises(
        tf.errors.InvalidArgumentError,
        match=r"The second input must be a scalar, but it has shape \[3\]",
    ):
        absolute(tf.constant([1.0, -2.0, 3.0]))
    assert absolute(tf.constant(-2.0)).numpy() == 2.0


def test_python_numbers_select_a_trace_by_value_alone_as_tensorflow_does():
    # TF's Literal trace type compares values: 3 == 3.0 == 3.0, and one NaN is every NaN
    f = tf.function(lambda x, y: x * y)
    f(tf.constant(2.0), 3.0)
    assert f(tf.constant(2.0), 3).numpy() == 6.0  # the trace of 3.0, reused
    assert f.experimental_get_tracing_count() == 1
    f(tf.constant(2.0), float("nan"))
    f(tf.constant(2.0), float("nan"))
    assert f.experimental_get_tracing_count() == 2
    g = tf.function(lambda x, y: x)
    g(tf.constant(2.0), "3")
    g(tf.constant(2.0), 3)  # "3" != 3: a new trace
    assert g.experimental_get_tracing_count() == 2
