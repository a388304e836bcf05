"""learntf.keras models and training (issue 11): Sequential and subclassed models, summary,
compile/fit/evaluate/predict, History, EarlyStopping, callbacks, save_weights/load_weights."""

import io
import os
import re
import warnings
from contextlib import redirect_stdout

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


@pytest.fixture
def regression():
    rng = np.random.RandomState(7)
    x = rng.normal(size=(300, 8)).astype(np.float32)
    w = rng.uniform(-1.0, 1.0, size=(8, 1))
    y = (x @ w + 2.0 + 0.1 * rng.normal(size=(300, 1))).astype(np.float32)
    return x, y


def mlp(hidden=30, features=8):
    return keras.models.Sequential(
        [
            keras.Input(shape=(features,)),
            keras.layers.Dense(hidden, activation="relu"),
            keras.layers.Dense(1),
        ]
    )


def summary_of(model):
    lines = []
    model.summary(print_fn=lambda text, *args, **kwargs: lines.append(text))
    return "\n".join(lines)


# -- building and summary ------------------------------------------------------------------------
def test_input_shape_builds_the_model_at_once_and_summary_shows_the_keras_table():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        model = keras.models.Sequential(
            [keras.layers.Dense(30, activation="relu", input_shape=(8,)), keras.layers.Dense(1)]
        )
    assert model.built and [len(layer.weights) for layer in model.layers] == [2, 2]
    text = summary_of(model)
    assert text.splitlines()[0] == 'Model: "sequential"'
    assert re.search(r"│ dense \(Dense\) +│ \(None, 30\) +│ +270 │", text)
    assert re.search(r"│ dense_1 \(Dense\) +│ \(None, 1\) +│ +31 │", text)
    assert " Total params: 301 (1.18 KB)" in text  # 301 float32 = 1204 bytes
    assert " Trainable params: 301 (1.18 KB)" in text
    assert " Non-trainable params: 0 (0.00 B)" in text
    assert text.splitlines()[1].startswith("┏") and text.splitlines()[-4].startswith("└")


def test_summary_table_has_keras_3_column_widths(monkeypatch):
    # What Keras 3 in TF 2.21 hands print_fn for this model in an 80-column terminal (colours
    # removed): rich fits the columns of 34, 26 and 16 characters into 76.
    monkeypatch.setenv("COLUMNS", "80")

    class CustomizedDenseLayer(keras.layers.Layer):
        def build(self, input_shape):
            self.kernel = self.add_weight(name="kernel", shape=(input_shape[1], 30))
            self.bias = self.add_weight(name="bias", shape=(30,), initializer="zeros")

        def call(self, x):
            return x @ self.kernel + self.bias

    model = keras.models.Sequential(
        [
            keras.Input(shape=(8,)),
            CustomizedDenseLayer(),
            keras.layers.Dense(1),
            keras.layers.Lambda(lambda x: tf.nn.softplus(x)),
        ]
    )
    texts = []
    model.summary(print_fn=lambda text, *args, **kwargs: texts.append(text))
    assert texts == [
        'Model: "sequential"\n'
        "┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓\n"
        "┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃\n"
        "┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩\n"
        "│ customized_dense_layer          │ (None, 30)             │           270 │\n"
        "│ (CustomizedDenseLayer)          │                        │               │\n"
        "├─────────────────────────────────┼────────────────────────┼───────────────┤\n"
        "│ dense (Dense)                   │ (None, 1)              │            31 │\n"
        "├─────────────────────────────────┼────────────────────────┼───────────────┤\n"
        "│ lambda (Lambda)                 │ (None, 1)              │             0 │\n"
        "└─────────────────────────────────┴────────────────────────┴───────────────┘\n"
        " Total params: 301 (1.18 KB)\n"
        " Trainable params: 301 (1.18 KB)\n"
        " Non-trainable params: 0 (0.00 B)\n"
    ]


def test_summary_wraps_long_names_and_uses_thousands_separators():
    class CustomizedDenseLayer(keras.layers.Dense):
        pass

    model = keras.Sequential(
        [keras.Input(shape=(784,)), CustomizedDenseLayer(256), CustomizedDenseLayer(10)]
    )
    text = summary_of(model)
    assert "200,960" in text  # 784 * 256 + 256
    assert re.search(r"customized_dense_layer_1(?![\w.])", text)
    assert all(len(line) <= 88 for line in text.splitlines())


def test_unbuilt_model_summary_shows_question_marks_and_builds_on_first_call():
    model = keras.Sequential([keras.layers.Dense(4), keras.layers.Dense(1)])
    assert not model.built
    text = summary_of(model)
    assert "│ ?" in text and "0 (unbuilt)" in text
    out = model(np.ones((3, 5), np.float32))
    assert out.shape.as_list() == [3, 1] and model.built
    text = summary_of(model)
    assert re.search(r"│ dense \(Dense\) +│ \(None, 4\) +│ +24 │", text)  # 5 * 4 + 4


def test_sequential_output_equals_the_layers_applied_in_turn():
    model = mlp()
    x = np.random.default_rng(0).normal(size=(5, 8)).astype(np.float32)
    w1, b1, w2, b2 = model.get_weights()
    np.testing.assert_allclose(
        model(x).numpy(), np.maximum(x @ w1 + b1, 0) @ w2 + b2, rtol=1e-5, atol=1e-6
    )
    np.testing.assert_allclose(model.predict(x, verbose=0), model(x).numpy(), rtol=1e-6)


def test_sequential_refuses_what_is_not_a_layer_and_duplicate_names():
    with pytest.raises(ValueError, match="Only instances of `keras.Layer` can be added"):
        keras.Sequential([lambda x: x])
    layer = keras.layers.Dense(1)
    with pytest.raises(ValueError, match="should have unique names"):
        keras.Sequential([layer, layer])


def test_subclassed_model_tracks_its_layers_and_trains():
    class TwoLayers(keras.Model):
        def __init__(self):
            super().__init__()
            self.hidden = keras.layers.Dense(16, activation="relu")
            self.out = keras.layers.Dense(1)

        def call(self, inputs):
            return self.out(self.hidden(inputs))

    model = TwoLayers()
    assert model.name == "two_layers"
    x = np.random.default_rng(0).normal(size=(64, 3)).astype(np.float32)
    y = x.sum(axis=1, keepdims=True)
    model.compile(optimizer=keras.optimizers.Adam(0.01), loss="mse")
    history = model.fit(x, y, epochs=30, verbose=0)
    assert [layer.name for layer in model.layers] == ["dense", "dense_1"]
    assert len(model.trainable_variables) == 4
    assert history.history["loss"][-1] < 0.2 * history.history["loss"][0]


# -- compile and fit -----------------------------------------------------------------------------
def test_seed_custom_loss_history_keys_and_length(regression):
    x, y = regression

    def customized_mse(y_true, y_pred):
        return tf.reduce_mean(tf.square(y_pred - y_true))

    model = mlp()
    model.compile(loss=customized_mse, optimizer="sgd", metrics=["mean_squared_error"])
    callbacks = [keras.callbacks.EarlyStopping(patience=5, min_delta=1e-3)]
    history = model.fit(
        x[:200],
        y[:200],
        validation_data=(x[200:], y[200:]),
        epochs=3,
        callbacks=callbacks,
        verbose=0,
    )
    assert sorted(history.history) == [
        "loss",
        "mean_squared_error",
        "val_loss",
        "val_mean_squared_error",
    ]
    assert len(history.history["loss"]) == 3 and history.epoch == [0, 1, 2]
    # a mean squared error loss and the mse metric see the same batches
    np.testing.assert_allclose(
        history.history["loss"], history.history["mean_squared_error"], rtol=1e-5
    )
    assert model.history is history


def test_fit_learns_a_linear_function(regression):
    x, y = regression
    model = mlp()
    model.compile(loss="mse", optimizer=keras.optimizers.Adam(learning_rate=0.01), metrics=["mae"])
    history = model.fit(x, y, epochs=40, batch_size=32, verbose=0)
    assert history.history["loss"][-1] < 0.05 < history.history["loss"][0]
    loss, mae = model.evaluate(x, y, verbose=0)
    assert loss < 0.05 and mae < 0.2


def test_one_epoch_of_fit_is_mini_batch_sgd_as_written_in_numpy(regression):
    x, y = regression
    model = keras.Sequential([keras.Input(shape=(8,)), keras.layers.Dense(1)])
    model.compile(loss="mse", optimizer=keras.optimizers.SGD(learning_rate=0.05))
    w, b = [v.astype(np.float64) for v in model.get_weights()]
    model.fit(x, y, batch_size=64, epochs=1, shuffle=False, verbose=0)
    for start in range(0, len(x), 64):  # the last batch has 300 - 256 = 44 rows
        xb, yb = x[start : start + 64], y[start : start + 64]
        error = xb @ w + b - yb
        w = w - 0.05 * 2 * xb.T @ error / len(xb)
        b = b - 0.05 * 2 * error.mean(axis=0)
    got_w, got_b = model.get_weights()
    np.testing.assert_allclose(got_w, w, rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(got_b, b, rtol=1e-4, atol=1e-5)


def test_compiled_and_eager_train_steps_compute_the_same(regression):
    x, y = regression
    results = []
    for run_eagerly in (False, True):
        keras.utils.set_random_seed(5)  # Keras 3's initial weights follow Python's `random`
        keras.backend.clear_session()
        model = mlp()
        model.compile(
            loss="mse",
            optimizer=keras.optimizers.SGD(0.01, momentum=0.9),
            metrics=["mae"],
            run_eagerly=run_eagerly,
        )
        history = model.fit(x, y, epochs=2, batch_size=50, verbose=0)
        results.append((model.get_weights(), history.history))
    for compiled, eager in zip(results[0][0], results[1][0]):
        np.testing.assert_allclose(compiled, eager, rtol=1e-4, atol=1e-6)
    for key in ("loss", "mae"):
        np.testing.assert_allclose(results[0][1][key], results[1][1][key], rtol=1e-4)


def test_epoch_loss_is_the_mean_over_examples_of_the_batch_losses(regression):
    x, y = regression
    model = keras.Sequential([keras.Input(shape=(8,)), keras.layers.Dense(1)])
    model.compile(loss="mse", optimizer=keras.optimizers.SGD(learning_rate=0.0))
    history = model.fit(x, y, batch_size=128, epochs=1, verbose=0)  # batches 128, 128, 44
    w, b = model.get_weights()
    np.testing.assert_allclose(history.history["loss"][0], ((x @ w + b - y) ** 2).mean(), rtol=1e-5)


def test_validation_split_holds_out_the_last_fraction(regression):
    x, y = regression
    model = mlp()
    model.compile(loss="mse", optimizer="sgd")
    history = model.fit(x, y, validation_split=0.2, epochs=1, verbose=0)
    np.testing.assert_allclose(
        history.history["val_loss"][0], model.evaluate(x[240:], y[240:], verbose=0), rtol=1e-5
    )


def test_seeded_fits_repeat_exactly(regression):
    x, y = regression
    runs = []
    for _ in range(2):
        keras.backend.clear_session()
        keras.utils.set_random_seed(42)  # tf.random.set_seed alone: other weights in Keras 3
        model = mlp()
        model.compile(loss="mse", optimizer="sgd")
        runs.append(model.fit(x, y, epochs=2, verbose=0).history["loss"])
    assert runs[0] == runs[1]


def test_the_train_step_is_traced_once_for_all_batch_sizes(regression):
    x, y = regression
    model = mlp()
    model.compile(loss="mse", optimizer="sgd")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a retracing warning would fail the test
        for n in (300, 250, 130, 77, 31, 300):
            model.fit(x[:n], y[:n], batch_size=32, epochs=1, verbose=0)


def test_a_learning_rate_changed_after_tracing_is_used():
    x = np.ones((4, 1), np.float32)
    model = keras.Sequential([keras.Input(shape=(1,)), keras.layers.Dense(1, use_bias=False)])
    model.compile(loss="mse", optimizer=keras.optimizers.SGD(learning_rate=0.0))
    model.set_weights([np.zeros((1, 1))])
    model.fit(x, x, epochs=1, verbose=0)
    assert model.get_weights()[0][0, 0] == 0.0
    model.optimizer.learning_rate = 0.25
    model.fit(x, x, batch_size=4, epochs=1, verbose=0)  # d(mse)/dw = -2 at w = 0
    np.testing.assert_allclose(model.get_weights()[0][0, 0], 0.5)


def test_classification_with_accuracy():
    tf.random.set_seed(0)
    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 2)).astype(np.float32)
    y = np.digitize(x[:, 0] + x[:, 1], [-0.5, 0.5])  # three bands: classes 0, 1, 2
    model = keras.Sequential(
        [
            keras.Input(shape=(2,)),
            keras.layers.Dense(32, activation="relu"),
            keras.layers.Dense(3, activation="softmax"),
        ]
    )
    model.compile(
        loss="sparse_categorical_crossentropy",
        optimizer=keras.optimizers.Adam(0.02),
        metrics=["accuracy"],
    )
    history = model.fit(x, y, epochs=40, verbose=0)
    assert history.history["accuracy"][-1] > 0.9
    predicted = model.predict(x, verbose=0).argmax(axis=1)
    np.testing.assert_allclose(
        model.evaluate(x, y, verbose=0)[1], (predicted == y).mean(), atol=1e-6
    )


def test_fit_accepts_a_tf_data_dataset(regression):
    x, y = regression
    dataset = tf.data.Dataset.from_tensor_slices((x, y)).batch(50)
    model = mlp()
    model.compile(loss="mse", optimizer="adam")
    history = model.fit(dataset, epochs=2, verbose=0, validation_data=dataset)
    assert len(history.history["val_loss"]) == 2


def test_fit_before_compile_and_compile_without_loss_are_errors(regression):
    x, y = regression
    model = mlp()
    with pytest.raises(ValueError, match="You must call `compile\\(\\)` before using the model"):
        model.fit(x, y, verbose=0)
    model.compile(optimizer="sgd")
    with pytest.raises(
        ValueError, match="No loss to compute. Provide a `loss` argument in `compile\\(\\)`"
    ):
        model.fit(x, y, verbose=0)


def test_frozen_layers_keep_their_weights(regression):
    x, y = regression
    model = mlp()
    model.layers[0].trainable = False
    before = model.layers[0].get_weights()
    model.compile(loss="mse", optimizer="sgd")
    model.fit(x, y, epochs=1, verbose=0)
    for old, new in zip(before, model.layers[0].get_weights()):
        np.testing.assert_array_equal(old, new)
    assert "Non-trainable params: 270" in summary_of(model)


# -- printing ------------------------------------------------------------------------------------
def fit_output(verbose, regression):
    x, y = regression
    model = mlp()
    model.compile(loss="mse", optimizer="sgd", metrics=["mae"])
    out = io.StringIO()
    with redirect_stdout(out):
        model.fit(x, y, epochs=2, batch_size=100, validation_split=0.2, verbose=verbose)
    return out.getvalue()


def test_verbose_1_prints_an_epoch_header_and_a_progress_bar_per_epoch(regression):
    text = fit_output(1, regression)
    lines = [line.split("\r")[-1] for line in text.split("\n") if line]
    assert lines[0] == "Epoch 1/2" and lines[2] == "Epoch 2/2"
    assert re.fullmatch(
        r"3/3 ━{20} \d+s \d+[mu]?s/step - loss: \d+\.\d{4} - mae: \d+\.\d{4} "
        r"- val_loss: \d+\.\d{4} - val_mae: \d+\.\d{4}",
        lines[1].rstrip(),
    )


def test_verbose_2_prints_one_line_per_epoch_and_verbose_0_nothing(regression):
    lines = fit_output(2, regression).splitlines()
    assert len(lines) == 4 and "\r" not in "".join(lines)
    assert re.fullmatch(r"3/3 - \d+s - \d+[mu]?s/step - loss: .* - val_mae: \d+\.\d{4}", lines[1])
    assert fit_output(0, regression) == ""


# -- callbacks -----------------------------------------------------------------------------------
def test_callback_hooks_run_in_order_with_logs(regression):
    x, y = regression
    calls = []

    class Recorder(keras.callbacks.Callback):
        def on_train_begin(self, logs=None):
            calls.append(("train_begin", self.params["epochs"], self.params["steps"]))

        def on_epoch_begin(self, epoch, logs=None):
            calls.append(("epoch_begin", epoch))

        def on_train_batch_end(self, batch, logs=None):
            assert all(type(value) is float for value in logs.values())
            calls.append(("batch_end", batch, sorted(logs)))

        def on_epoch_end(self, epoch, logs=None):
            calls.append(("epoch_end", epoch, sorted(logs), self.model is model))

        def on_train_end(self, logs=None):
            calls.append(("train_end",))

    model = mlp()
    model.compile(loss="mse", optimizer="sgd")
    model.fit(
        x, y, epochs=2, batch_size=150, validation_split=1 / 3, callbacks=[Recorder()], verbose=0
    )
    assert calls == [
        ("train_begin", 2, 2),
        ("epoch_begin", 0),
        ("batch_end", 0, ["loss"]),
        ("batch_end", 1, ["loss"]),
        ("epoch_end", 0, ["loss", "val_loss"], True),
        ("epoch_begin", 1),
        ("batch_end", 0, ["loss"]),
        ("batch_end", 1, ["loss"]),
        ("epoch_end", 1, ["loss", "val_loss"], True),
        ("train_end",),
    ]


def test_lambda_callback_and_stop_training_from_a_callback(regression):
    x, y = regression
    epochs = []
    model = mlp()
    model.compile(loss="mse", optimizer="sgd")

    def stop_after_two(epoch, logs):
        epochs.append(epoch)
        model.stop_training = epoch == 1

    history = model.fit(
        x,
        y,
        epochs=10,
        verbose=0,
        callbacks=[keras.callbacks.LambdaCallback(on_epoch_end=stop_after_two)],
    )
    assert epochs == [0, 1] and len(history.history["loss"]) == 2


def test_any_object_with_hooks_can_be_a_callback(regression):
    x, y = regression

    class EpochCurve:  # not a keras.callbacks.Callback: only the hooks it needs
        def __init__(self):
            self.points = []

        def on_epoch_end(self, epoch, logs=None):
            self.points.append((epoch, logs["loss"]))

    curve = EpochCurve()
    model = mlp()
    model.compile(loss="mse", optimizer="sgd")
    history = model.fit(x, y, epochs=3, verbose=0, callbacks=[curve])
    assert curve.points == list(enumerate(history.history["loss"]))


class FakeModel:
    """What EarlyStopping uses of a model: stop_training and the weights."""

    def __init__(self):
        self.stop_training = False
        self.weights = 0
        self.metrics = []

    def get_weights(self):
        return self.weights

    def set_weights(self, weights):
        self.weights = weights


def run_early_stopping(values, **kwargs):
    callback = keras.callbacks.EarlyStopping(monitor="val_loss", **kwargs)
    model = FakeModel()
    callback.set_model(model)
    callback.on_train_begin()
    epochs = 0
    for epoch, value in enumerate(values):
        model.weights = epoch  # "the weights after epoch `epoch`"
        callback.on_epoch_end(epoch, {"val_loss": value})
        epochs += 1
        if model.stop_training:
            break
    callback.on_train_end()
    return epochs, callback, model


def test_early_stopping_waits_patience_epochs_without_improvement():
    # best at epoch 1 (0.5); epochs 2, 3, 4 do not improve; patience 3 stops after epoch 4
    epochs, callback, _ = run_early_stopping([1.0, 0.5, 0.6, 0.55, 0.7, 0.1], patience=3)
    assert epochs == 5 and callback.stopped_epoch == 4 and callback.best == 0.5


def test_early_stopping_min_delta_counts_small_gains_as_no_improvement():
    epochs, callback, _ = run_early_stopping([1.0, 0.9995, 0.999, 0.5], patience=2, min_delta=1e-2)
    assert epochs == 3 and callback.stopped_epoch == 2
    epochs, _, _ = run_early_stopping([1.0, 0.98, 0.96, 0.94], patience=2, min_delta=1e-2)
    assert epochs == 4  # every step gains 0.02 > min_delta: no stop


def test_early_stopping_restores_the_best_weights():
    _, callback, model = run_early_stopping(
        [1.0, 0.3, 0.4, 0.5], patience=2, restore_best_weights=True
    )
    assert callback.best_epoch == 1 and model.weights == 1
    _, _, model = run_early_stopping([1.0, 0.3, 0.4, 0.5], patience=2)
    assert model.weights == 3


def test_early_stopping_in_fit_stops_when_the_loss_cannot_improve(regression):
    x, y = regression
    model = mlp()
    model.compile(loss="mse", optimizer=keras.optimizers.SGD(learning_rate=0.0))
    out = io.StringIO()
    with redirect_stdout(out):
        history = model.fit(
            x,
            y,
            epochs=20,
            verbose=0,
            shuffle=False,
            callbacks=[keras.callbacks.EarlyStopping(monitor="loss", patience=3, verbose=1)],
        )
    # epoch 0 sets the best; 1, 2, 3 wait (unshuffled, every epoch's loss is exactly the same)
    assert len(history.history["loss"]) == 4
    assert out.getvalue() == "Epoch 4: early stopping\n"


def test_early_stopping_needs_a_direction_for_unknown_metrics():
    callback = keras.callbacks.EarlyStopping(monitor="val_score")
    callback.set_model(FakeModel())
    with pytest.raises(ValueError, match="Pass `mode='max'`"):
        callback.on_epoch_end(0, {"val_score": 1.0})


# -- saving --------------------------------------------------------------------------------------
def test_save_weights_and_load_weights_into_a_new_model(tmp_path, regression):
    x, _ = regression
    model = mlp()
    prefix = str(tmp_path / "weights" / "model.ckpt")
    os.makedirs(tmp_path / "weights")
    model.save_weights(prefix)
    assert sorted(os.listdir(tmp_path / "weights")) == [
        "checkpoint",
        "model.ckpt.data-00000-of-00001",
        "model.ckpt.index",
    ]
    assert [name for name, _ in tf.train.list_variables(prefix)] == [  # Checkpoint(root=model)
        "_CHECKPOINTABLE_OBJECT_GRAPH",
        "_functional/_operations/1/_kernel/.ATTRIBUTES/VARIABLE_VALUE",
        "_functional/_operations/1/bias/.ATTRIBUTES/VARIABLE_VALUE",
        "_functional/_operations/2/_kernel/.ATTRIBUTES/VARIABLE_VALUE",
        "_functional/_operations/2/bias/.ATTRIBUTES/VARIABLE_VALUE",
    ]
    assert tf.train.latest_checkpoint(str(tmp_path / "weights")).endswith("model.ckpt")
    other = mlp()  # layers named dense_2, dense_3: weights are matched by position
    assert not np.allclose(other(x).numpy(), model(x).numpy())
    other.load_weights(prefix)
    np.testing.assert_array_equal(other(x).numpy(), model(x).numpy())


def test_load_weights_refuses_another_architecture_and_an_unbuilt_model(tmp_path):
    prefix = str(tmp_path / "w")
    mlp(hidden=30).save_weights(prefix)
    with pytest.raises(ValueError, match=r"incompatible tensor with shape \(8, 30\) .* \(8, 20\)"):
        mlp(hidden=20).load_weights(prefix)
    deeper = keras.Sequential(
        [
            keras.Input(shape=(8,)),
            keras.layers.Dense(30),
            keras.layers.Dense(1),
            keras.layers.Dense(1),
        ]
    )
    with pytest.raises(AssertionError, match="2 Python objects that were not bound"):
        deeper.load_weights(prefix)  # the third layer's kernel and bias
    with pytest.raises(ValueError, match="has not been built yet"):
        keras.Sequential([keras.layers.Dense(1)]).load_weights(prefix)


def test_model_save_says_what_keras_3_wants_and_what_learntf_can_write(tmp_path):
    model = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(1)])
    with pytest.raises(ValueError, match="Invalid filepath extension for saving"):
        model.save(str(tmp_path / "model"))
    with pytest.raises(NotImplementedError, match="(?s)HDF5.*tf.saved_model.save"):
        model.save(str(tmp_path / "model.h5"))
    model.save(str(tmp_path / "model.keras"))  # learntf's .keras zip: see test_keras_saving.py
    assert tf.keras.models.load_model(str(tmp_path / "model.keras")).layers[0].units == 1


@pytest.mark.parametrize("method", ["fit", "evaluate", "predict"])
def test_an_infinite_dataset_is_refused_instead_of_training_forever(method):
    """Issue 23: fit on dataset.repeat() never returned. TF 2.21's Keras 3 runs forever too;
    learntf, which takes no steps_per_epoch, raises tf_keras's ValueError instead."""
    data = tf.data.Dataset.from_tensors(
        (np.ones((1, 2), np.float32), np.ones((1, 1), np.float32))
    ).repeat()
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    model.compile("sgd", "mse")
    with pytest.raises(ValueError, match="infinitely repeating dataset(.|\n)*repeat\\(3\\)"):
        getattr(model, method)(data, verbose=0)
