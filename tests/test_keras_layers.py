"""learntf.keras building blocks (issue 11): layers, activations, losses, metrics, optimizers.
Each test states what Keras (in TensorFlow 2.21) does and checks learntf against NumPy maths."""

import random
import warnings

import numpy as np
import pytest

import learntf as tf
from learntf import keras


@pytest.fixture(autouse=True)
def eager_mode():
    from learntf.framework import context

    saved = context.context.eager_enabled
    context.context.eager_enabled = True
    keras.backend.clear_session()
    yield
    context.context.eager_enabled = saved


def quiet(factory, *args, **kwargs):
    """Build a layer with input_shape= without Keras 3's UserWarning about it."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return factory(*args, **kwargs)


# -- layers ------------------------------------------------------------------------------------
def test_dense_output_is_x_times_kernel_plus_bias_through_the_activation():
    layer = keras.layers.Dense(3, activation="relu")
    x = np.random.default_rng(0).normal(size=(4, 5)).astype(np.float32)
    y = layer(x)
    kernel, bias = layer.get_weights()
    assert kernel.shape == (5, 3) and bias.shape == (3,)
    np.testing.assert_allclose(y.numpy(), np.maximum(x @ kernel + bias, 0), rtol=1e-6)


def test_dense_defaults_glorot_uniform_kernel_and_zero_bias():
    tf.random.set_seed(1)
    layer = keras.layers.Dense(200)
    layer(np.zeros((1, 300), np.float32))
    kernel, bias = layer.get_weights()
    limit = np.sqrt(6.0 / (300 + 200))
    assert np.abs(kernel).max() <= limit and np.abs(kernel).max() > 0.9 * limit
    assert abs(kernel.mean()) < 0.01 and not bias.any()


def test_layer_builds_once_on_first_call_with_the_input_shape():
    calls = []

    class Recording(keras.layers.Layer):
        def build(self, input_shape):
            calls.append(input_shape)
            self.w = self.add_weight(name="w", shape=(input_shape[-1],), initializer="ones")

        def call(self, x):
            return x * self.w

    layer = Recording()
    assert not layer.built and layer.weights == []
    layer(np.ones((2, 3), np.float32))
    layer(np.ones((5, 3), np.float32))
    assert calls == [(2, 3)] and layer.built
    assert [w.path for w in layer.weights] == ["recording/w"]


def test_layer_names_are_made_unique_as_keras_does_and_clear_session_restarts_them():
    names = [keras.layers.Dense(1).name, keras.layers.Dense(1).name, keras.layers.Dense(1).name]
    assert names == ["dense", "dense_1", "dense_2"]

    class CustomizedDenseLayer(keras.layers.Layer):
        pass

    assert CustomizedDenseLayer().name == "customized_dense_layer"
    assert keras.layers.Lambda(lambda x: x).name == "lambda"
    keras.backend.clear_session()
    assert keras.layers.Dense(1).name == "dense"


def test_weights_are_eager_variables_named_after_their_layer():
    layer = keras.layers.Dense(2)
    layer(np.ones((1, 3), np.float32))
    # Keras 3 (TF 2.21): a short name, and a path under the layer's name
    assert [w.name for w in layer.weights] == ["kernel", "bias"]
    assert [w.path for w in layer.weights] == ["dense/kernel", "dense/bias"]
    assert all(isinstance(w, tf.Variable) for w in layer.variables)
    assert layer.trainable_variables == layer.weights


def test_weights_print_as_keras_3_variables():
    layer = keras.layers.Dense(2)
    layer(np.ones((1, 3), np.float32))
    layer.kernel.assign(np.ones((3, 2), np.float32))
    # what Keras 3 in TF 2.21 prints for these weights
    assert repr(layer.kernel) == (
        "<Variable path=dense/kernel, shape=(3, 2), dtype=float32, "
        "value=[[1. 1.]\n [1. 1.]\n [1. 1.]]>"
    )
    assert str(layer.bias) == "<Variable path=dense/bias, shape=(2,), dtype=float32, value=[0. 0.]>"
    metric = keras.metrics.MeanSquaredError()
    metric([0.0], [1.0])
    assert repr(metric.variables) == (
        "[<Variable path=mean_squared_error/total, shape=(), dtype=float32, value=1.0>, "
        "<Variable path=mean_squared_error/count, shape=(), dtype=float32, value=1.0>]"
    )


def test_weight_paths_start_with_the_model_that_builds_them():
    # Keras 3 (TF 2.21): layers built by a model get the model's name in their weights' paths
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        built_at_once = keras.models.Sequential(
            [keras.layers.Dense(3, input_shape=(4,)), keras.layers.Dense(1)]
        )
    assert [w.path for w in built_at_once.weights] == [
        "sequential/dense/kernel",
        "sequential/dense/bias",
        "sequential/dense_1/kernel",
        "sequential/dense_1/bias",
    ]
    on_first_call = keras.models.Sequential([keras.layers.Dense(3), keras.layers.Dense(1)])
    on_first_call(np.zeros((2, 4), np.float32))
    assert [w.path for w in on_first_call.weights][:2] == [
        "sequential_1/dense_2/kernel",
        "sequential_1/dense_2/bias",
    ]

    class M(keras.Model):
        def __init__(self):
            super().__init__()
            self.d = keras.layers.Dense(2)

        def call(self, x):
            return self.d(x)

    subclassed = M()
    subclassed(np.zeros((2, 4), np.float32))
    assert [w.path for w in subclassed.weights] == ["m/dense_4/kernel", "m/dense_4/bias"]
    alone = keras.layers.Dense(2)
    alone(np.zeros((1, 3), np.float32))
    assert [w.path for w in alone.weights] == ["dense_5/kernel", "dense_5/bias"]


def test_set_random_seed_repeats_the_initial_weights():
    def build():
        keras.utils.set_random_seed(42)
        return keras.models.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(3)])

    first, second = build(), build()
    assert all(np.array_equal(a, b) for a, b in zip(first.get_weights(), second.get_weights()))
    keras.utils.set_random_seed(7)
    draws = (random.random(), np.random.random())
    keras.utils.set_random_seed(7)
    assert (random.random(), np.random.random()) == draws  # Python's and NumPy's generators too
    with pytest.raises(ValueError, match="Expected `seed` argument to be an integer"):
        keras.utils.set_random_seed(1.5)


def test_seed_custom_layer_with_a_sublayer_set_before_super_init():
    class CustomizedDenseLayer(keras.layers.Layer):
        def __init__(self, units, activation=None, **kwargs):
            self.units = units
            self.activation = keras.layers.Activation(activation)
            super().__init__(**kwargs)

        def build(self, input_shape):
            self.kernel = self.add_weight(
                name="kernel",
                shape=(input_shape[1], self.units),
                initializer="uniform",
                trainable=True,
            )
            self.bias = self.add_weight(
                name="bias", shape=(self.units,), initializer="zeros", trainable=True
            )
            super().build(input_shape)

        def call(self, x):
            return self.activation(x @ self.kernel + self.bias)

    layer = CustomizedDenseLayer(4, activation="relu")
    x = np.random.default_rng(1).normal(size=(3, 2)).astype(np.float32)
    y = layer(x).numpy()
    kernel, bias = layer.get_weights()
    assert np.abs(kernel).max() <= 0.05  # "uniform" is RandomUniform(-0.05, 0.05)
    np.testing.assert_allclose(y, np.maximum(x @ kernel + bias, 0), rtol=1e-6)


def test_non_trainable_weights_and_frozen_layers_are_left_out_of_trainable_variables():
    class WithCounter(keras.layers.Layer):
        def build(self, input_shape):
            self.w = self.add_weight(name="w", shape=(1,))
            self.seen = self.add_weight(name="seen", shape=(), initializer="zeros", trainable=False)

    layer = WithCounter()
    layer(np.ones((1, 1), np.float32))
    assert [w.path for w in layer.trainable_weights] == ["with_counter/w"]
    assert [w.path for w in layer.non_trainable_weights] == ["with_counter/seen"]
    layer.trainable = False
    assert layer.trainable_weights == [] and len(layer.weights) == 2


def test_lambda_softplus_layer_of_the_seed():
    softplus = keras.layers.Lambda(lambda x: tf.nn.softplus(x))
    np.testing.assert_allclose(
        softplus(tf.constant([0.0, 1.0])).numpy(), [0.6931472, 1.3132616], rtol=1e-6
    )


@pytest.mark.parametrize(
    "name, expected",
    [
        ("relu", lambda x: np.maximum(x, 0)),
        ("softplus", lambda x: np.log1p(np.exp(x))),
        ("sigmoid", lambda x: 1 / (1 + np.exp(-x))),
        ("tanh", np.tanh),
        ("softmax", lambda x: np.exp(x) / np.exp(x).sum(axis=-1, keepdims=True)),
        ("elu", lambda x: np.where(x > 0, x, np.expm1(x))),
        (
            "selu",
            lambda x: 1.0507009873554805 * np.where(x > 0, x, 1.6732632423543772 * np.expm1(x)),
        ),
        ("linear", lambda x: x),
    ],
)
def test_activations_by_name(name, expected):
    x = np.array([[-2.0, -0.5, 0.0, 0.7, 3.0]], np.float32)
    np.testing.assert_allclose(
        keras.layers.Activation(name)(x).numpy(), expected(x), rtol=1e-5, atol=1e-6
    )
    np.testing.assert_allclose(
        keras.activations.get(name)(tf.constant(x)).numpy(), expected(x), rtol=1e-5, atol=1e-6
    )


def test_unknown_activation_name_lists_the_known_ones():
    with pytest.raises(
        ValueError, match="Could not interpret activation function identifier: rleu(.|\n)*relu"
    ):
        keras.layers.Dense(3, activation="rleu")


def test_unknown_layer_argument_is_an_error():
    with pytest.raises(
        ValueError, match="Unrecognized keyword arguments passed to Dense: {'unit': 3}"
    ):
        keras.layers.Dense(3, unit=3)


def test_input_shape_warns_as_keras_3_does():
    with pytest.warns(UserWarning, match="prefer using an `Input\\(shape\\)` object"):
        keras.layers.Dense(3, input_shape=(4,))


def test_gradient_tape_differentiates_a_layer():
    layer = keras.layers.Dense(2)
    x = np.array([[1.0, 2.0, 3.0]], np.float32)
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(layer(x))
    d_kernel, d_bias = tape.gradient(loss, layer.trainable_variables)
    np.testing.assert_allclose(d_kernel.numpy(), x.T @ np.ones((1, 2)))
    np.testing.assert_allclose(d_bias.numpy(), [1.0, 1.0])


def test_a_layer_inside_tf_function_keeps_static_shapes_and_values():
    layer = keras.layers.Dense(4)
    x = tf.constant(np.ones((3, 2), np.float32))
    eager = layer(x).numpy()
    shapes = []

    @tf.function
    def traced(inputs):
        outputs = layer(inputs)
        shapes.append(outputs.shape.as_list())
        return outputs

    np.testing.assert_allclose(traced(x).numpy(), eager, rtol=1e-6)
    assert shapes == [[3, 4]]


def test_set_weights_checks_count_and_shapes():
    layer = keras.layers.Dense(2)
    layer(np.ones((1, 3), np.float32))
    layer.set_weights([np.ones((3, 2)), np.arange(2)])
    np.testing.assert_array_equal(layer(np.ones((1, 3), np.float32)).numpy(), [[3.0, 4.0]])
    with pytest.raises(ValueError, match="expecting 2 weights"):
        layer.set_weights([np.ones((3, 2))])
    with pytest.raises(ValueError, match="not compatible"):
        layer.set_weights([np.ones((2, 2)), np.zeros(2)])


def test_flatten():
    flat = keras.layers.Flatten()(np.arange(24, dtype=np.float32).reshape(2, 3, 4))
    assert flat.shape.as_list() == [2, 12]


def test_initializers_by_name():
    tf.random.set_seed(3)
    he = keras.initializers.get("he_normal")((1000, 50)).numpy()
    np.testing.assert_allclose(he.std(), np.sqrt(2 / 1000), rtol=0.1)
    assert np.abs(he).max() <= 2 * np.sqrt(2 / 1000) / 0.87962566 + 1e-6  # truncated
    assert not keras.initializers.get("zeros")((2, 2)).numpy().any()
    with pytest.raises(ValueError, match="Could not interpret initializer identifier"):
        keras.initializers.get("glorot")


# -- losses ------------------------------------------------------------------------------------
Y_TRUE = np.array([[1.0, 0.0], [0.5, 2.0], [3.0, -1.0]], np.float32)
Y_PRED = np.array([[0.5, 0.5], [0.0, 4.0], [3.0, 1.5]], np.float32)


def test_mse_and_mae_average_the_last_axis_only():
    np.testing.assert_allclose(
        keras.losses.mse(Y_TRUE, Y_PRED).numpy(), ((Y_PRED - Y_TRUE) ** 2).mean(axis=-1), rtol=1e-6
    )
    np.testing.assert_allclose(
        keras.losses.mae(Y_TRUE, Y_PRED).numpy(), np.abs(Y_PRED - Y_TRUE).mean(axis=-1), rtol=1e-6
    )
    assert keras.losses.MSE is keras.losses.mse
    assert keras.losses.mean_absolute_error is keras.losses.mae


def test_huber_is_quadratic_inside_delta_and_linear_outside():
    error = np.abs(Y_PRED - Y_TRUE)
    expected = np.where(error <= 1.0, 0.5 * error**2, error - 0.5).mean(axis=-1)
    np.testing.assert_allclose(keras.losses.huber(Y_TRUE, Y_PRED).numpy(), expected, rtol=1e-6)
    np.testing.assert_allclose(
        keras.losses.Huber()(Y_TRUE, Y_PRED).numpy(), expected.mean(), rtol=1e-6
    )


def test_loss_objects_average_over_the_batch():
    per_example = ((Y_PRED - Y_TRUE) ** 2).mean(axis=-1)
    assert keras.losses.MeanSquaredError()(Y_TRUE, Y_PRED).shape.as_list() == []
    np.testing.assert_allclose(
        keras.losses.MeanSquaredError()(Y_TRUE, Y_PRED).numpy(), per_example.mean(), rtol=1e-6
    )
    weights = np.array([1.0, 0.0, 2.0], np.float32)
    np.testing.assert_allclose(
        keras.losses.MeanSquaredError()(Y_TRUE, Y_PRED, sample_weight=weights).numpy(),
        (per_example * weights).mean(),
        rtol=1e-6,
    )


@pytest.mark.parametrize("label", [5, 3, -1])
@pytest.mark.parametrize("from_logits", [False, True])
def test_sparse_crossentropy_refuses_a_label_outside_the_classes_as_tf_does(label, from_logits):
    """TF 2.21 (Keras 3) raises from its SparseSoftmaxCrossEntropyWithLogits op; a one-hot of
    an out-of-range label would be all zeros, a silent loss of 0 (issue 23)."""
    p = np.array([[0.2, 0.3, 0.5]], np.float32)
    with pytest.raises(tf.errors.InvalidArgumentError) as caught:
        keras.losses.sparse_categorical_crossentropy(np.array([label]), p, from_logits=from_logits)
    message = str(caught.value)
    assert message.startswith(
        f"Received a label value of {label} which is outside the valid range of [0, 3)."
    )
    assert "(learntf: a label is a class index from 0 to 2" in message


def test_sparse_crossentropy_of_unnormalized_probabilities_normalizes_them():
    """Keras 3 clips and logs the probabilities, then takes the softmax cross-entropy: the
    probabilities are in effect divided by their sum."""
    p = np.array([[0.2, 0.2, 0.4]], np.float32)
    np.testing.assert_allclose(
        keras.losses.sparse_categorical_crossentropy(np.array([2]), p).numpy(),
        [-np.log(0.4 / 0.8)],
        rtol=1e-6,
    )


def test_crossentropies_match_their_formulas():
    p = np.array([[0.7, 0.2, 0.1], [0.1, 0.1, 0.8]], np.float32)
    labels = np.array([0, 2])
    one_hot = np.eye(3, dtype=np.float32)[labels]
    expected = -np.log(p[np.arange(2), labels])
    np.testing.assert_allclose(
        keras.losses.categorical_crossentropy(one_hot, p).numpy(), expected, rtol=1e-5
    )
    np.testing.assert_allclose(
        keras.losses.sparse_categorical_crossentropy(labels, p).numpy(), expected, rtol=1e-5
    )
    logits = np.log(p) + 3.0  # same softmax
    np.testing.assert_allclose(
        keras.losses.sparse_categorical_crossentropy(labels, logits, from_logits=True).numpy(),
        expected,
        rtol=1e-5,
    )
    y = np.array([[1.0], [0.0]], np.float32)
    q = np.array([[0.9], [0.3]], np.float32)
    np.testing.assert_allclose(
        keras.losses.binary_crossentropy(y, q).numpy(),
        -(y * np.log(q) + (1 - y) * np.log(1 - q)).mean(axis=-1),
        rtol=1e-5,
    )
    # probabilities are clipped to [1e-7, 1 - 1e-7]: a certain wrong answer is finite
    assert np.isfinite(keras.losses.binary_crossentropy([[1.0]], [[0.0]]).numpy()).all()


def test_keras_losses_has_no_mean_squared_error_function_in_tf_2_21():
    with pytest.raises(
        AttributeError, match="has no attribute 'mean_squared_error'(.|\n)*keras.losses.mse"
    ):
        _ = keras.losses.mean_squared_error
    assert keras.losses.get("mean_squared_error") is keras.losses.mse


# -- metrics -----------------------------------------------------------------------------------
def test_metric_mse_keeps_a_running_mean_as_in_the_seed():
    metric = keras.metrics.MeanSquaredError()
    assert float(metric([0.0], [1.0])) == 1.0
    assert float(metric([5.0], [2.0])) == 5.0  # (1 + 9) / 2
    np.testing.assert_allclose(float(metric([0.0], [1.0])), 11 / 3, rtol=1e-6)
    np.testing.assert_allclose(float(metric.result()), 11 / 3, rtol=1e-6)  # result adds nothing
    metric.reset_state()
    metric([1.0], [3.0])
    assert float(metric.result()) == 4.0
    assert str(metric.result()) == "tf.Tensor(4.0, shape=(), dtype=float32)"


def test_reset_states_is_gone_in_keras_3_and_the_error_names_reset_state():
    with pytest.raises(
        AttributeError,
        match="'MeanSquaredError' object has no attribute 'reset_states'(.|\n)*reset_state\\(\\)",
    ):
        keras.metrics.MeanSquaredError().reset_states()


def test_mean_metric_is_the_mean_of_every_value_fed():
    values = np.random.default_rng(2).normal(size=(4, 5)).astype(np.float32)
    mean = keras.metrics.Mean()
    for row in values:
        mean.update_state(row)
    np.testing.assert_allclose(float(mean.result()), values.mean(), rtol=1e-5)
    weighted = keras.metrics.Mean()
    weighted.update_state([1.0, 2.0, 3.0], sample_weight=[1.0, 0.0, 3.0])
    np.testing.assert_allclose(float(weighted.result()), (1 + 9) / 4)
    assert float(keras.metrics.Mean().result()) == 0.0  # nothing counted yet: 0, not NaN


def test_accuracy_metrics():
    accuracy = keras.metrics.Accuracy()
    accuracy.update_state([1, 2, 3, 4], [1, 2, 0, 4])
    assert float(accuracy.result()) == 0.75
    sparse = keras.metrics.SparseCategoricalAccuracy()
    sparse.update_state([[2], [1]], [[0.1, 0.6, 0.3], [0.05, 0.95, 0.0]])
    assert float(sparse.result()) == 0.5
    binary = keras.metrics.BinaryAccuracy()
    binary.update_state([[1], [1], [0], [0]], [[0.98], [0.4], [0.1], [0.6]])
    assert float(binary.result()) == 0.5
    categorical = keras.metrics.CategoricalAccuracy()
    categorical.update_state([[0, 0, 1], [0, 1, 0]], [[0.1, 0.9, 0.8], [0.05, 0.95, 0]])
    assert float(categorical.result()) == 0.5


def test_metric_variables_are_not_trainable():
    metric = keras.metrics.MeanSquaredError()
    assert [v.path for v in metric.variables] == [
        "mean_squared_error/total",
        "mean_squared_error/count",
    ]
    assert not any(v.trainable for v in metric.variables)


# -- optimizers ---------------------------------------------------------------------------------
def test_sgd_rejects_tf_2_0_lr_argument_and_names_learning_rate():
    with pytest.raises(ValueError) as caught:
        keras.optimizers.SGD(lr=0.1)
    first, rest = str(caught.value).split("\n", 1)
    assert first == "Argument(s) not recognized: {'lr': 0.1}"
    assert "SGD(learning_rate=0.1)" in rest
    with pytest.raises(AttributeError, match="learning_rate"):
        _ = keras.optimizers.SGD().lr


def test_seed_minimises_f_with_sgd_apply_gradients():
    x = tf.Variable(0.0)
    optimizer = keras.optimizers.SGD(learning_rate=0.1)
    for _ in range(100):
        with tf.GradientTape() as tape:
            z = 3.0 * x**2 + 2.0 * x - 1
        optimizer.apply_gradients([(tape.gradient(z, x), x)])
    np.testing.assert_allclose(x.numpy(), -1 / 3, rtol=1e-6)
    assert int(optimizer.iterations.numpy()) == 100


def _run_optimizer(optimizer, grads):
    variable = tf.Variable(np.array([1.0, -2.0], np.float32))
    for g in grads:
        optimizer.apply_gradients([(tf.constant(g), variable)])
    return variable.numpy()


GRADS = [
    np.array([0.5, -1.0], np.float32),
    np.array([0.3, 0.2], np.float32),
    np.array([-0.4, 0.1], np.float32),
]


def test_sgd_with_momentum_follows_keras_formula():
    w, m = np.array([1.0, -2.0]), np.zeros(2)
    for g in GRADS:
        m = 0.9 * m - 0.1 * g
        w = w + m
    np.testing.assert_allclose(
        _run_optimizer(keras.optimizers.SGD(0.1, momentum=0.9), GRADS), w, rtol=1e-6
    )
    w, m = np.array([1.0, -2.0]), np.zeros(2)
    for g in GRADS:
        m = 0.9 * m - 0.1 * g
        w = w + 0.9 * m - 0.1 * g
    np.testing.assert_allclose(
        _run_optimizer(keras.optimizers.SGD(0.1, momentum=0.9, nesterov=True), GRADS), w, rtol=1e-6
    )


def test_adam_follows_keras_formula():
    w, m, v = np.array([1.0, -2.0]), np.zeros(2), np.zeros(2)
    for t, g in enumerate(GRADS, start=1):
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g * g
        alpha = 0.01 * np.sqrt(1 - 0.999**t) / (1 - 0.9**t)
        w = w - alpha * m / (np.sqrt(v) + 1e-7)
    np.testing.assert_allclose(
        _run_optimizer(keras.optimizers.Adam(learning_rate=0.01), GRADS), w, rtol=1e-5
    )


def test_rmsprop_follows_keras_formula():
    w, v = np.array([1.0, -2.0]), np.zeros(2)
    for g in GRADS:
        v = 0.9 * v + 0.1 * g * g
        w = w - 0.01 * g / np.sqrt(v + 1e-7)
    np.testing.assert_allclose(
        _run_optimizer(keras.optimizers.RMSprop(learning_rate=0.01), GRADS), w, rtol=1e-5
    )


def test_apply_gradients_skips_missing_gradients_and_refuses_when_all_are_missing():
    a, b = tf.Variable(1.0), tf.Variable(2.0)
    optimizer = keras.optimizers.SGD(learning_rate=0.5)
    with pytest.warns(UserWarning, match="Gradients do not exist for variables"):
        optimizer.apply_gradients([(tf.constant(1.0), a), (None, b)])
    assert (a.numpy(), b.numpy()) == (0.5, 2.0)
    with pytest.raises(ValueError, match="No gradients provided for any variable"):
        optimizer.apply_gradients([(None, a)])


def test_optimizers_by_name_and_learning_rate_is_a_variable():
    assert isinstance(keras.optimizers.get("sgd"), keras.optimizers.SGD)
    assert isinstance(keras.optimizers.get("Adam"), keras.optimizers.Adam)
    optimizer = keras.optimizers.get("rmsprop")
    optimizer.learning_rate = 0.5
    assert float(optimizer.learning_rate.numpy()) == 0.5
    with pytest.raises(ValueError, match="Could not interpret optimizer identifier"):
        keras.optimizers.get("adamw2")
