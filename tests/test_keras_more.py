"""learntf's Keras beyond lessons 21 and 22: functional models, the new layers, optimizers, metrics,
callbacks and the `.keras` file.  Parity with TensorFlow 2.21 is checked by the corpus
(tests/programs/keras, recorded from TF); these tests check maths and learntf's own choices."""

import json
import zipfile

import numpy as np
import pytest

import learntf as tf
from learntf import keras


@pytest.fixture(autouse=True)
def keras_session(eager_mode):
    """Keras runs eagerly (earlier tests may have left TF 1's graph mode on), new names."""
    keras.backend.clear_session()


def test_functional_model_orders_layers_by_depth_and_replays_calls():
    keras.backend.clear_session()
    a = keras.Input(shape=(3,), name="a")
    b = keras.Input(shape=(2,), name="b")
    h = keras.layers.Dense(2, name="h")(a)
    out = keras.layers.Concatenate(name="cat")([h, b])
    model = keras.Model([a, b], out)
    assert type(model).__name__ == "Functional"
    assert [layer.name for layer in model.layers] == ["a", "h", "b", "cat"]
    xa, xb = np.ones((4, 3), "float32"), np.full((4, 2), 7.0, "float32")
    kernel, bias = model.get_layer("h").get_weights()
    expected = np.concatenate([xa @ kernel + bias, xb], axis=1)
    np.testing.assert_allclose(model([xa, xb]).numpy(), expected, rtol=1e-6)


def test_subclass_given_inputs_and_outputs_is_functional_and_keeps_its_methods():
    class Custom(keras.Model):
        def marker(self):
            return "mine"

    inputs = keras.Input(shape=(2,))
    model = Custom(inputs, keras.layers.Dense(1)(inputs))
    assert type(model).__name__ == "Custom" and model.marker() == "mine"
    assert model(np.ones((1, 2), "float32")).shape == (1, 1)


def test_batch_normalization_formula_and_moving_statistics():
    bn = keras.layers.BatchNormalization(momentum=0.5, epsilon=0.0)
    x = np.array([[1.0], [3.0]], "float32")
    y = bn(x, training=True).numpy()
    np.testing.assert_allclose(y, [[-1.0], [1.0]], rtol=1e-6)  # (x - 2) / sqrt(1)
    np.testing.assert_allclose(bn.moving_mean.numpy(), [1.0])  # 0 * 0.5 + 2 * 0.5
    np.testing.assert_allclose(bn.moving_variance.numpy(), [1.0])  # 1 * 0.5 + 1 * 0.5
    np.testing.assert_allclose(bn(x).numpy(), x - 1.0, rtol=1e-6)  # inference: moving stats


def test_dropout_keeps_the_expected_sum_and_passes_through_at_inference():
    layer = keras.layers.Dropout(0.5, seed=3)
    x = np.ones((4, 50), "float32")
    dropped = layer(x, training=True).numpy()
    assert set(np.unique(dropped)) <= {0.0, 2.0}
    assert 0 < (dropped == 0).mean() < 1
    np.testing.assert_array_equal(layer(x).numpy(), x)


def test_training_flag_reaches_sublayers_of_a_model():
    model = keras.Sequential([keras.Input(shape=(10,)), keras.layers.Dropout(0.9, seed=1)])
    x = np.ones((2, 10), "float32")
    assert (model(x, training=True).numpy() == 0).any()
    np.testing.assert_array_equal(model(x).numpy(), x)


def test_adagrad_matches_its_formula():
    var = tf.Variable([1.0, -2.0])
    opt = keras.optimizers.Adagrad(learning_rate=0.5, initial_accumulator_value=0.1)
    grad = np.array([0.3, -0.4], "float32")
    opt.apply_gradients([(tf.constant(grad), var)])
    expected = np.array([1.0, -2.0]) - 0.5 * grad / np.sqrt(0.1 + grad**2 + 1e-7)
    np.testing.assert_allclose(var.numpy(), expected, rtol=1e-6)


def test_auc_of_a_perfect_ranking_is_one_and_precision_counts():
    auc = keras.metrics.AUC()
    auc.update_state([0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9])
    assert float(auc.result()) == pytest.approx(1.0)
    precision = keras.metrics.Precision()
    precision.update_state([1, 0, 1], [0.9, 0.8, 0.2])
    assert float(precision.result()) == pytest.approx(0.5)


def test_regularizer_penalty_is_added_to_the_fit_loss():
    model = keras.Sequential(
        [
            keras.Input(shape=(1,)),
            keras.layers.Dense(1, use_bias=False, kernel_regularizer=keras.regularizers.l2(0.5)),
        ]
    )
    model.layers[0].set_weights([np.array([[2.0]], "float32")])
    model.compile(optimizer=keras.optimizers.SGD(0.0), loss="mse")
    x, y = np.ones((4, 1), "float32"), np.ones((4, 1), "float32")
    history = model.fit(x, y, epochs=1, batch_size=4, verbose=0)
    assert history.history["loss"][0] == pytest.approx(1.0 + 0.5 * 4.0)  # mse 1 + 0.5 * 2^2


def test_keras_file_is_a_zip_with_npz_weights_where_keras_3_has_hdf5(tmp_path):
    model = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(3, name="d")])
    path = str(tmp_path / "m.keras")
    model.save(path)
    with zipfile.ZipFile(path) as archive:
        names = sorted(archive.namelist())
        config = json.loads(archive.read("config.json"))
    assert names == ["config.json", "metadata.json", "model.weights.npz"]  # Keras 3: .h5
    assert config["class_name"] == "Sequential"
    assert [layer["class_name"] for layer in config["config"]["layers"]] == ["InputLayer", "Dense"]
    loaded = keras.models.load_model(path)
    for a, b in zip(model.get_weights(), loaded.get_weights()):
        np.testing.assert_array_equal(a, b)


def test_load_model_needs_registered_or_given_custom_classes(tmp_path):
    class Twice(keras.layers.Layer):
        def call(self, inputs):
            return inputs * 2.0

    model = keras.Sequential([keras.Input(shape=(2,)), Twice(name="twice")])
    path = str(tmp_path / "t.keras")
    model.save(path)
    with pytest.raises(TypeError, match="Could not locate class 'Twice'"):
        keras.models.load_model(path)
    loaded = keras.models.load_model(path, custom_objects={"Twice": Twice})
    np.testing.assert_array_equal(loaded(np.ones((1, 2), "float32")).numpy(), [[2.0, 2.0]])


def test_csv_logger_writes_sorted_columns(tmp_path):
    model = keras.Sequential([keras.Input(shape=(1,)), keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse", metrics=["mae"])
    path = tmp_path / "log.csv"
    model.fit(
        np.ones((2, 1)),
        np.ones((2, 1)),
        epochs=2,
        verbose=0,
        callbacks=[keras.callbacks.CSVLogger(str(path))],
    )
    lines = path.read_text().splitlines()
    assert lines[0] == "epoch,loss,mae,val_loss,val_mae"
    assert len(lines) == 3 and lines[1].endswith(",NA,NA")
