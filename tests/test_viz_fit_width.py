"""learntf.viz: a big graph's drawing collapses name scopes to fit 1,000 px wide (issue 21, item 7).

Lesson 12 ("modularity") builds five ReLU units, a dozen ops each under `relu` ... `relu_4`;
drawn op by op that is over 4,000 px wide.  By default `draw()` (and a cell ending in a graph)
folds name scopes into boxes, deepest first, until the picture fits; `collapsed=()` or
`max_width=None` draws every op.  The text beside the picture (`describe()`) lists every op
either way, so the stored text of the lessons does not change.
"""

import re
import shutil

import pytest

import learntf.compat.v1 as tf
import learntf.viz as viz
from learntf.viz.drawing import MAX_WIDTH

tf.disable_v2_behavior()

needs_dot = pytest.mark.skipif(
    shutil.which("dot") is None, reason="Graphviz's dot program is not installed"
)


def five_relus():
    """Lesson 12's graph: five ReLU units in name scopes relu ... relu_4, summed by output."""
    graph = tf.Graph()
    with graph.as_default():
        X = tf.placeholder(tf.float32, shape=(None, 3), name="X")

        def relu(X):
            with tf.name_scope("relu"):
                w = tf.Variable(tf.random_normal((3, 1)), name="weights")
                b = tf.Variable(0.0, name="bias")
                z = tf.add(tf.matmul(X, w), b, name="z")
                return tf.maximum(z, 0.0, name="relu")

        output = tf.add_n([relu(X) for _ in range(5)], name="output")
    return graph, output


def nested_towers():
    """Three towers, each with two inner layers: scopes tower_i and tower_i/layer_j."""
    graph = tf.Graph()
    with graph.as_default():
        X = tf.placeholder(tf.float32, shape=(None, 4), name="X")
        outs = []
        for i in range(3):
            with tf.name_scope("tower_%d" % i):
                h = X
                for j in range(2):
                    with tf.name_scope("layer_%d" % j):
                        w = tf.Variable(tf.random_normal((4, 4)), name="weights")
                        b = tf.Variable(tf.zeros((4,)), name="bias")
                        h = tf.nn.relu(tf.matmul(h, w) + b, name="act")
                outs.append(h)
        total = tf.add_n(outs, name="total")
    return graph, total


def small():
    graph = tf.Graph()
    with graph.as_default():
        x = tf.Variable(3, name="x")
        with tf.name_scope("loss"):
            f = tf.square(x, name="square")
    return graph, f


def svg_width_px(svg):
    """The width of a Graphviz SVG in CSS pixels (its width attribute is in points)."""
    points = float(re.search(r'<svg width="([\d.]+)pt"', svg).group(1))
    return points / 0.75


def width_px(drawing):
    return svg_width_px(drawing.pipe(format="svg", encoding="utf-8"))


@needs_dot
def test_five_relus_fit_1000_px_by_default():
    graph, _ = five_relus()
    drawing = viz.draw(graph)
    assert drawing.collapsed == ["relu", "relu_1", "relu_2", "relu_3", "relu_4"]
    assert width_px(drawing) <= MAX_WIDTH == 1000
    # each unit is one box that says how many nodes it holds
    assert 'relu_3 [label="relu_3/\\n(12 nodes)"' in drawing.source
    # the picture says what was done, and how to see every op
    assert "5 name scopes collapsed to fit 1,000 px" in drawing.source
    assert "collapsed=()" in drawing.source


@needs_dot
def test_a_cell_ending_in_the_graph_shows_the_fitted_drawing():
    graph, _ = five_relus()
    bundle = graph._repr_mimebundle_()
    assert svg_width_px(bundle["image/svg+xml"]) <= 1000


@needs_dot
def test_the_learner_can_expand_every_scope():
    graph, _ = five_relus()
    for drawing in (viz.draw(graph, collapsed=()), viz.draw(graph, max_width=None)):
        assert drawing.collapsed == []
        assert width_px(drawing) > 1000  # the full picture really is too wide
        assert "collapsed to fit" not in drawing.source
        assert "cluster_relu_4" in drawing.source
    # or expand one unit, keeping the others folded
    one_open = viz.draw(graph, collapsed=["relu", "relu_1", "relu_2", "relu_3"])
    assert one_open.collapsed == ["relu", "relu_1", "relu_2", "relu_3"]
    assert "cluster_relu_4" in one_open.source
    # a wider limit keeps every op
    assert viz.draw(graph, max_width=5000).collapsed == []


@needs_dot
def test_the_text_beside_the_picture_still_lists_every_op():
    graph, _ = five_relus()
    fitted, full = viz.draw(graph), viz.draw(graph, collapsed=())
    assert fitted.description == full.description == viz.describe(graph)
    assert "relu_4/" in fitted.description
    assert "  MatMul " in fitted.description
    assert graph._repr_mimebundle_()["text/plain"] == str(viz.describe(graph))


@needs_dot
def test_deepest_scopes_collapse_first():
    graph, total = nested_towers()
    full = viz.draw(graph, collapsed=())
    assert width_px(full) > 1000
    drawing = viz.draw(graph)
    assert width_px(drawing) <= 1000
    # The inner layers are folded; the towers stay open boxes (only as much as needed).
    assert drawing.collapsed == ["tower_%d/layer_%d" % (i, j) for i in range(3) for j in range(2)]
    assert "cluster_tower_0" in drawing.source
    # with a tighter limit the towers fold too: only the outermost boxes are listed
    tight = viz.draw(graph, max_width=300)
    assert tight.collapsed == ["tower_0", "tower_1", "tower_2"]
    assert "cluster_tower_0" not in tight.source


@needs_dot
def test_a_small_drawing_is_unchanged():
    graph, f = small()
    for obj in (graph, f):
        drawing = viz.draw(obj)
        assert drawing.collapsed == []
        assert drawing.source == viz.draw(obj, collapsed=()).source
        assert "cluster_loss" in drawing.source


@needs_dot
def test_presenter_mode_fits_too():
    graph, _ = five_relus()
    drawing = viz.draw(graph, presenter=True)
    assert drawing.collapsed  # larger text: at least as much folded
    assert width_px(drawing) <= 1000


def test_explicit_collapse_never_measures(monkeypatch):
    """With collapsed= given (as GraphWidget does), draw() does what it is told, without
    running Graphviz to measure the picture."""
    import learntf.viz.drawing as drawing_module

    def fail(_):
        raise AssertionError("measured")

    monkeypatch.setattr(drawing_module, "_width_in_pixels", fail)
    graph, _ = five_relus()
    assert viz.draw(graph, collapsed=()).collapsed == []
    assert viz.draw(graph, collapsed=["relu"]).collapsed == ["relu"]
    assert viz.draw(graph, max_width=None).collapsed == []


def test_without_dot_nothing_is_collapsed(monkeypatch):
    import learntf.viz.drawing as drawing_module

    monkeypatch.setattr(drawing_module, "_width_in_pixels", lambda drawing: None)
    graph, _ = five_relus()
    assert viz.draw(graph).collapsed == []


def test_an_unknown_scope_is_still_an_error():
    graph, _ = five_relus()
    with pytest.raises(ValueError, match="no such name scope"):
        viz.draw(graph, collapsed=["relu_9"])
