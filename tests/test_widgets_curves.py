"""viz.TrainingCurves (issue 7): a live training plot, tested through its state.

What a lesson relies on: points land in plain lists, the picture is redrawn at most every
`refresh_every` seconds (and never eats more than ~5% of the loop), the log-scale checkbox and
the trait are one state, and a finished plot leaves a PNG plus a deterministic text behind.
"""

import time

import numpy as np
import pytest

import learntf.viz as viz
from learntf.viz import curves as curves_module

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class FakeClock:
    """Stands for the `time` module inside learntf.viz.curves; the test moves `now` on."""

    def __init__(self):
        self.now = 1000.0

    def monotonic(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    fake = FakeClock()
    monkeypatch.setattr(curves_module, "time", fake)
    return fake


# -- feeding -------------------------------------------------------------------------------


def test_points_land_in_plain_lists_per_series():
    curves = viz.TrainingCurves(("train", "valid"))
    for step in range(100):
        curves.add(step, train=1.0 / (step + 1))
        if step % 10 == 0:
            curves.add("valid", step, np.float32(2.0 / (step + 1)))
    assert list(curves.series) == ["train", "valid"]
    assert len(curves.series["train"]) == 100 and len(curves.series["valid"]) == 10
    assert curves.series["valid"].steps == list(range(0, 100, 10))
    assert curves.series["train"].values[:2] == [1.0, 0.5]
    assert all(type(v) is float for v in curves.series["valid"].values)


def test_a_new_name_starts_a_new_series_and_the_curves_are_a_callback():
    curves = viz.TrainingCurves()
    curves(0, MSE=3.0)
    curves(1, MSE=2.0, accuracy=0.5)
    assert list(curves.series) == ["MSE", "accuracy"]
    assert len(curves.series["MSE"]) == 2


def test_add_explains_its_two_forms():
    curves = viz.TrainingCurves()
    with pytest.raises(TypeError, match=r"curves.add\(epoch, train="):
        curves.add(1, 2)
    with pytest.raises(TypeError, match=r"add\(name, step, value\)"):
        curves.add("train", 1)


# -- throttling ----------------------------------------------------------------------------


def test_redraws_are_throttled_to_the_refresh_interval(clock):
    curves = viz.TrainingCurves(refresh_every=0.5)
    for step in range(1000):  # 10 seconds of a loop at 100 steps per second
        clock.now += 0.01
        curves.add(step, train=1.0 / (step + 1))
    # the first point is drawn at once, then one redraw per half second
    assert curves.redraws == 20
    assert len(curves.series["train"]) == 1000


def test_a_slow_redraw_waits_longer_so_drawing_stays_a_small_share(clock, monkeypatch):
    curves = viz.TrainingCurves(refresh_every=0.5)
    png = curves._png

    def slow_png():  # every redraw costs 0.2 s of the loop's time
        clock.now += 0.2
        return png()

    monkeypatch.setattr(curves, "_png", slow_png)
    start = clock.now
    for step in range(2000):
        clock.now += 0.01
        curves.add(step, train=float(step))
    elapsed = clock.now - start
    assert curves.redraws * 0.2 <= 0.05 * elapsed + 0.2  # at most 5% of the time, plus one
    assert curves.redraws >= 4  # ...and still live


def test_ten_thousand_adds_cost_little_and_redraw_rarely():
    curves = viz.TrainingCurves(("train", "valid"), refresh_every=0.5)
    curves.redraw()  # as display(curves) does: matplotlib is loaded before
    drawing = [0.0]
    redraw = curves.redraw

    def timed_redraw():
        start = time.perf_counter()
        redraw()
        drawing[0] += time.perf_counter() - start

    curves.redraw = timed_redraw
    start = time.perf_counter()
    for step in range(10_000):
        curves.add(step, train=1.0 / (step + 1))
        if step % 100 == 0:
            curves.add("valid", step, 1.1 / (step + 1))
    elapsed = time.perf_counter() - start
    assert curves.redraws - 1 <= elapsed / 0.5 + 2
    per_add = (elapsed - drawing[0]) / 10_100
    assert per_add < 50e-6, "%.1f us per add() besides drawing" % (per_add * 1e6)


# -- the picture -----------------------------------------------------------------------------


def test_log_scale_checkbox_and_trait_are_one_state_and_change_the_axis():
    curves = viz.TrainingCurves(log_scale=True)
    assert curves.log_checkbox.value is True
    curves.add(0, train=10.0)
    curves.add(1, train=0.1)
    assert curves.axes.get_yscale() == "log"
    before = curves.redraws
    curves.log_checkbox.value = False  # what clicking the checkbox does
    assert curves.log_scale is False
    assert curves.axes.get_yscale() == "linear"
    assert curves.redraws == before + 1  # redrawn at once, not at the next add()
    curves.log_scale = True
    assert curves.log_checkbox.value is True and curves.axes.get_yscale() == "log"


def test_the_picture_draws_every_point_of_every_series():
    curves = viz.TrainingCurves(("train", "valid"))
    for step in range(50):
        curves.add(step, train=float(step), valid=float(2 * step))
    curves.finish()
    lines = {line.get_label(): line for line in curves.axes.get_lines()}
    assert sorted(lines) == ["train", "valid"]
    assert list(lines["valid"].get_ydata()) == [2.0 * s for s in range(50)]
    assert bytes(curves.image.value).startswith(PNG_SIGNATURE)
    assert [t.get_text() for t in curves.axes.get_legend().get_texts()] == ["train", "valid"]


def test_finish_leaves_a_static_picture_and_a_deterministic_text():
    curves = viz.TrainingCurves(("train", "valid"))
    for step in range(1000):
        curves.add(step, train=1.0 / (step + 1))
        if step % 100 == 0:
            curves.add(step, valid=2.0 / (step + 1))
    static = curves.finish()
    bundle = static._repr_mimebundle_()
    assert set(bundle) == {"image/png", "text/plain"}
    assert bundle["text/plain"] == (
        "Training curves:\n"
        "  train: 1000 points, last 0.001 at step 999, min 0.001\n"
        "  valid: 10 points, last 0.00222 at step 900, min 0.00222"
    )
    assert static.png.startswith(PNG_SIGNATURE)
    assert static.png == curves.static().png  # same curve, same bytes


def test_finish_closes_the_live_view_so_each_curve_is_shown_once():
    # In JupyterLab the live widget's last frame stayed above finish()'s picture: the same
    # chart twice (issue 21). finish() closes the widget (and its image and checkbox), and
    # JupyterLab removes a closed widget's views: the static picture replaces the live one.
    curves = viz.TrainingCurves(("train",))
    live = curves._repr_mimebundle_()  # what display(curves) shows
    assert "application/vnd.jupyter.widget-view+json" in live and not curves.finished
    for step in range(5):
        curves.add(step, train=1.0 / (step + 1))
    static = curves.finish()
    assert curves.finished
    assert curves.comm is None and curves.image.comm is None and curves.log_checkbox.comm is None
    bundle = static._repr_mimebundle_()
    assert set(bundle) == {"image/png", "text/plain"}  # the one chart left: a plain picture
    assert (
        bundle["text/plain"] == "Training curves:\n  train: 5 points, last 0.2 at step 4, min 0.2"
    )
    # displayed again, finished curves show their final picture, never a dead widget view
    again = curves._repr_mimebundle_()
    assert set(again) == {"image/png", "text/plain"}
    assert again["text/plain"] == bundle["text/plain"]
    curves.add(5, train=0.1)  # later points still count, and a second finish() is harmless
    assert "6 points" in curves.finish()._repr_mimebundle_()["text/plain"]
    assert "6 points" in curves._repr_mimebundle_()["text/plain"]


def test_the_widgets_display_bundle_holds_the_view_a_png_and_the_text():
    curves = viz.TrainingCurves(("train",))
    empty = curves._repr_mimebundle_()
    assert "image/png" not in empty  # no picture of empty axes in the notebook
    assert empty["text/plain"] == "Training curves:\n  train: no points"
    curves.add(0, train=1.5)
    bundle = curves._repr_mimebundle_()
    assert {"application/vnd.jupyter.widget-view+json", "image/png", "text/plain"} <= set(bundle)
    assert bundle["text/plain"] == "Training curves:\n  train: 1 point, last 1.5 at step 0, min 1.5"
    assert "learntf-training-curves" in curves._dom_classes


# -- hooks ---------------------------------------------------------------------------------


def test_keras_callback_adds_each_epochs_logs():
    curves = viz.TrainingCurves()
    callback = curves.keras_callback()
    callback.set_model(object())
    callback.set_params({"epochs": 3})
    callback.on_train_begin()
    for epoch in range(3):
        callback.on_epoch_begin(epoch)
        callback.on_train_batch_end(0, {"loss": 9.0})
        callback.on_epoch_end(
            epoch,
            {"loss": 1.0 / (epoch + 1), "val_loss": 2.0, "lr": np.float32(0.01), "note": "text"},
        )
    callback.on_train_end()
    assert list(curves.series) == ["loss", "val_loss", "lr"]
    assert curves.series["loss"].steps == [0, 1, 2]
    only_loss = viz.TrainingCurves().keras_callback(keys=["loss"])
    only_loss.on_epoch_end(0, {"loss": 1.0, "val_loss": 2.0})
    assert list(only_loss.curves.series) == ["loss"]


def test_summaries_from_the_graph_become_series_named_by_their_tag(tmp_path):
    pytest.importorskip("tensorboard")
    import learntf.compat.v1 as tf

    tf.disable_v2_behavior()
    graph = tf.Graph()
    with graph.as_default():
        mse = tf.placeholder(tf.float32, name="error_value")
        mse_summary = tf.summary.scalar("MSE", mse)
        merged = tf.summary.merge([mse_summary, tf.summary.histogram("h", mse)])
        curves = viz.TrainingCurves()
        file_writer = curves.summary_writer(tf.summary.FileWriter(str(tmp_path), graph))
        with tf.Session() as sess:
            for step in range(5):
                file_writer.add_summary(sess.run(merged, {mse: 1.0 / (step + 1)}), step)
        file_writer.close()  # the file writer's own method
    assert list(curves.series) == ["MSE"]  # the histogram is skipped
    assert curves.series["MSE"].steps == [0, 1, 2, 3, 4]
    assert curves.series["MSE"].values == pytest.approx([1, 1 / 2, 1 / 3, 1 / 4, 1 / 5])
    steps, values = viz.read_scalars(tmp_path)["."]["MSE"]  # and the event file has them
    assert list(steps) == [0, 1, 2, 3, 4]


def test_a_plotting_only_summary_writer_says_what_it_lacks():
    curves = viz.TrainingCurves()
    writer = curves.summary_writer()
    with pytest.raises(AttributeError, match="only plots"):
        writer.flush()


def test_model_fit_draws_its_history(monkeypatch):
    keras = pytest.importorskip("learntf.keras")
    from learntf.framework import context

    monkeypatch.setattr(context.context, "eager_enabled", True)  # TF2, whatever ran before
    model = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    x = np.arange(48, dtype=np.float32).reshape(16, 3) / 48
    curves = viz.TrainingCurves()
    history = model.fit(
        x,
        x.sum(axis=1, keepdims=True),
        epochs=3,
        validation_split=0.25,
        verbose=0,
        callbacks=[curves.keras_callback()],
    )
    assert curves.series["loss"].values == pytest.approx(history.history["loss"])
    assert curves.series["val_loss"].values == pytest.approx(history.history["val_loss"])
    assert curves.series["loss"].steps == [0, 1, 2]
