"""learntf.viz.scalars: TensorBoard's Scalars tab in the notebook, read from event files."""

import pytest

import learntf.compat.v1 as tf
import learntf.viz as viz

tf.disable_v2_behavior()  # TF1 programs on TensorFlow 2 start so: graphs and sessions

pytest.importorskip(
    "tensorboard",
    reason="the optional `tensorboard` package is not installed "
    "(pip install tensorboard, or pip install "
    "'learntf[summaries]')",
)


pytestmark = pytest.mark.usefixtures("fresh_graph")


@pytest.fixture
def logdir(tmp_path):
    """Two runs: one with steps 0..9, one written without global_step (all at step 0)."""
    loss = tf.placeholder(tf.float32, shape=(), name="loss_value")
    merged = tf.summary.merge(
        [tf.summary.scalar("loss", loss), tf.summary.scalar("accuracy", 1 - loss)]
    )
    with tf.Session() as sess:
        with tf.summary.FileWriter(str(tmp_path / "run-a"), sess.graph) as writer:
            for step in range(10):
                writer.add_summary(sess.run(merged, {loss: 1.0 / (step + 1)}), step)
        with tf.summary.FileWriter(str(tmp_path / "run-b")) as writer:
            for _ in range(3):
                writer.add_summary(sess.run(merged, {loss: 0.5}))
    return tmp_path


def test_read_scalars_gives_steps_and_values_per_run_and_tag(logdir):
    runs = viz.read_scalars(logdir)
    assert sorted(runs) == ["run-a", "run-b"]
    assert sorted(runs["run-a"]) == ["accuracy", "loss"]
    steps, values = runs["run-a"]["loss"]
    assert list(steps) == list(range(10))
    assert list(values) == pytest.approx([1.0 / (s + 1) for s in range(10)])
    assert list(runs["run-b"]["loss"][0]) == [0, 0, 0]


def test_scalars_draws_one_chart_per_tag_with_a_line_per_run(logdir):
    figure = viz.scalars(logdir)
    charts = [ax for ax in figure.axes if ax.get_visible()]
    assert [ax.get_title() for ax in charts] == ["accuracy", "loss"]
    loss_chart = charts[1]
    assert [line.get_label() for line in loss_chart.get_lines()] == ["run-a", "run-b"]
    assert list(loss_chart.get_lines()[0].get_xdata()) == list(range(10))
    assert loss_chart.get_xlabel() == "step"
    only_loss = viz.scalars(logdir / "run-a", tags="loss")
    assert [ax.get_title() for ax in only_loss.axes] == ["loss"]


def test_scalars_errors_say_what_to_do(tmp_path, logdir):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        viz.scalars(tmp_path / "missing")
    (tmp_path / "empty").mkdir()
    with pytest.raises(ValueError, match="No scalar summaries found(.|\n)*close\\(\\)"):
        viz.scalars(tmp_path / "empty")
    with pytest.raises(ValueError, match="No scalar tag 'MSE'(.|\n)*accuracy, loss"):
        viz.scalars(logdir, tags=["MSE"])
