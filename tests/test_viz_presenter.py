"""Presenter mode (issue 12): drawings and widgets readable from the back of a classroom.

`viz.presenter(True)` (what `python -m course demo N` puts in a demo copy's first cell), or the
environment variable LEARNTF_PRESENTER, switches draw(), GraphWidget and TrainingCurves to
larger text, thicker lines and fewer labels; an explicit presenter=True/False still wins.
"""

import io
import shutil
import subprocess
import sys

import pytest

import learntf.compat.v1 as tf
import learntf.viz as viz
from learntf.viz import presenting

tf.disable_v2_behavior()  # TF1 programs on TensorFlow 2 start so: graphs and sessions

needs_dot = pytest.mark.skipif(
    shutil.which("dot") is None, reason="Graphviz's `dot` program is not installed"
)


@pytest.fixture(autouse=True)
def no_presenter_choice(monkeypatch):
    """Each test starts with no choice made and no environment variable set."""
    monkeypatch.delenv(presenting.ENVIRONMENT_VARIABLE, raising=False)
    monkeypatch.setattr(presenting, "_chosen", None)


@pytest.fixture
def graph():
    graph = tf.Graph()
    with graph.as_default():
        x = tf.Variable(3.0, name="x")
        y = tf.placeholder(tf.float32, shape=(None, 2), name="y")
        with tf.name_scope("loss"):
            loss = tf.reduce_mean(tf.square(x * y), name="mse")
        tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    return graph


def test_off_by_default_and_on_after_viz_presenter_true(graph):
    plain = viz.draw(graph).source
    assert "fontsize=18" not in plain
    assert 'label="(?, 2) float32"' in plain
    viz.presenter(True)
    projected = viz.draw(graph).source
    assert "fontsize=18" in projected and "penwidth=2.5" in projected
    # fewer labels: arrows lose their shape/dtype text, nodes keep theirs
    assert "float32" not in projected and 'label="x\\nVariableV2\\ninit 3"' in projected
    viz.presenter(False)
    assert viz.draw(graph).source == plain


def test_the_environment_variable_turns_it_on_and_an_explicit_argument_wins(graph, monkeypatch):
    monkeypatch.setenv("LEARNTF_PRESENTER", "1")
    assert "fontsize=18" in viz.draw(graph).source
    assert "fontsize=18" not in viz.draw(graph, presenter=False).source
    viz.presenter(False)  # a choice in the notebook beats the environment
    assert "fontsize=18" not in viz.draw(graph).source
    viz.presenter(None)  # ...until it is forgotten
    assert "fontsize=18" in viz.draw(graph).source
    for off in ("0", "false", "no", "off", ""):
        monkeypatch.setenv("LEARNTF_PRESENTER", off)
        assert "fontsize=18" not in viz.draw(graph).source


def test_a_graph_ending_a_cell_is_drawn_in_presenter_mode_too(graph):
    viz.presenter(True)
    assert viz.graph_mimebundle(graph)["image/svg+xml"].count('font-size="18.00"') > 3


def test_highlighted_ops_are_drawn_thicker_still(graph):
    viz.presenter(True)
    lit = viz.draw(graph, highlight={"loss/mse", "loss/Square"}).source
    assert "penwidth=5" in lit


def test_the_graph_widget_follows_the_setting(graph):
    assert not viz.GraphWidget(graph).presenter
    viz.presenter(True)
    widget = viz.GraphWidget(graph).select("loss/mse")
    assert widget.presenter and "learntf-presenter" in widget._dom_classes
    assert "fontsize=18" in widget.dot_source
    assert 'style="font-size:150%"' in widget.details.value
    assert not viz.GraphWidget(graph, presenter=False).presenter


def png_size(png):
    from PIL import Image

    return Image.open(io.BytesIO(png)).size


def test_training_curves_follow_the_setting():
    plain = viz.TrainingCurves()
    plain.add(0, train=1.0)
    viz.presenter(True)
    big = viz.TrainingCurves()
    for step in range(50):
        big.add(step, train=1.0 / (step + 1), valid=1.5 / (step + 1))
    big.redraw()
    assert big.presenter and "learntf-presenter" in big._dom_classes
    assert png_size(big.png) == (800, 450) and png_size(plain.png) == (480, 280)
    assert big.image.width == "800"
    assert big._lines["train"].get_linewidth() >= 3
    assert len(big.axes.get_yticks()) <= 6  # fewer numbers to read
    big.log_scale = True
    big.log_scale = False  # back on a linear axis: still few ticks
    assert len(big.axes.get_yticks()) <= 6
    assert not viz.TrainingCurves(presenter=False).presenter


def test_a_kernel_started_with_the_environment_variable_is_in_presenter_mode():
    code = "import learntf.viz.presenting as p; print(p.presenter_mode())"
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"LEARNTF_PRESENTER": "yes", "PATH": ""},
    ).stdout
    assert out.strip() == "True"


@needs_dot
def test_presenter_svg_has_no_arrow_labels(graph):
    viz.presenter(True)
    svg = viz.graph_mimebundle(graph)["image/svg+xml"]
    assert "float32<" not in svg  # describe()'s text beside it still says the dtypes
    assert "float32" in viz.graph_mimebundle(graph)["text/plain"]
    assert "<title>x</title>" in svg and "<title>loss/mse</title>" in svg
