"""viz.GraphWidget (issue 7): the graph drawing to explore, tested through its state.

The program is the seeds' linear regression trained by gradient descent (Hands-On ML ch. 9):
predictions from placeholders X and y, the mse in `tf.name_scope("loss")`, then
`GradientDescentOptimizer(0.01).minimize(mse)`.  A training step does not compute `loss/mse`
itself (the gradient of a mean needs only its input), nor `init`: pruning the widget shows.
Its graph is TensorFlow's: 51 ops, 36 of them TF's gradient graph under `gradients/` (checked
on TF 2.21), drawn as 48 nodes (a variable's read, Assign and initial value fold into it).
"""

import re
import shutil
import subprocess
import sys
from html import unescape

import numpy as np
import pytest
import traitlets

import learntf.compat.v1 as tf
import learntf.viz as viz

tf.disable_v2_behavior()  # TF1 programs on TensorFlow 2 start so: graphs and sessions

# Draws the regression's 48 nodes whole (past COLLAPSE_ABOVE a widget starts collapsed).
WHOLE = 100

needs_dot = pytest.mark.skipif(
    shutil.which("dot") is None, reason="Graphviz's `dot` program is not installed"
)


class Regression:
    """The program, its session (initialized) and a batch to feed."""

    def __init__(self):
        self.graph = tf.Graph()
        with self.graph.as_default():
            self.X = tf.placeholder(tf.float32, shape=(None, 3), name="X")
            self.y = tf.placeholder(tf.float32, shape=(None, 1), name="y")
            self.theta = tf.Variable(np.zeros((3, 1), np.float32), name="theta")
            y_pred = tf.matmul(self.X, self.theta, name="predictions")
            with tf.name_scope("loss"):
                self.error = y_pred - self.y
                self.mse = tf.reduce_mean(tf.square(self.error), name="mse")
            self.training_op = tf.train.GradientDescentOptimizer(0.01).minimize(self.mse)
            self.init = tf.global_variables_initializer()
        self.sess = tf.Session(graph=self.graph)
        self.sess.run(self.init)
        self.feed = {
            self.X: np.array([[1, 2, 3], [4, 5, 6]], np.float32),
            self.y: np.array([[1], [2]], np.float32),
        }

    def plan_ops(self, fetches):
        """The op names of the plan the session itself compiles when it runs `fetches`."""
        self.sess.run(fetches, self.feed)
        target = fetches if isinstance(fetches, tf.Operation) else None
        for plan in self.sess._plans.values():
            if plan.target_ops == ([target] if target else []) and (
                target or plan.fetch_tensors == [fetches]
            ):
                return {op.name for op in plan.ops}
        raise AssertionError("no plan found")


@pytest.fixture
def program():
    return Regression()


def node_ids(dot_source):
    ids = set()
    for line in dot_source.splitlines():
        match = re.match(r'^\s*("[^"]+"|\w+) \[', line)
        if match and "->" not in line and match.group(1) not in ("graph", "node", "edge"):
            ids.add(match.group(1).strip('"'))
    return ids


def node_attrs(dot_source, name):
    quoted = '"%s"' % name if re.search(r"\W", name) else name
    for line in dot_source.splitlines():
        if line.strip().startswith(quoted + " ["):
            return line
    raise AssertionError("no node %s" % name)


# -- highlighting what runs ----------------------------------------------------------------


def test_highlight_run_lights_exactly_the_ops_of_the_sessions_plan(program):
    widget = viz.GraphWidget(program.graph, session=program.sess, collapse_above=WHOLE)
    widget.highlight_run(program.training_op, program.feed)
    assert widget.highlighted == program.plan_ops(program.training_op)
    # pruning: a training step needs neither the mse value itself nor the initializer
    assert "loss/mse" not in widget.highlighted and "init" not in widget.highlighted
    assert "gradients/predictions_grad/MatMul_1" in widget.highlighted
    # TF's gating: the update reads control_dependency_1, so the tuple's other output is not run
    assert "gradients/predictions_grad/tuple/control_dependency_1" in widget.highlighted
    assert "gradients/predictions_grad/tuple/control_dependency" not in widget.highlighted
    # fed placeholders are not computed: they are marked apart
    assert widget.fed == {"X", "y"} and not widget.fed & widget.highlighted
    assert "learntf-faded" in node_attrs(widget.dot_source, "loss/mse")
    assert "learntf-highlighted" in node_attrs(widget.dot_source, "X")
    assert "learntf-highlighted" in node_attrs(widget.dot_source, "theta")
    assert "sess.run(GradientDescent)" in widget.caption.value


def test_highlight_run_does_not_run(program):
    widget = viz.GraphWidget(program.graph, session=program.sess)
    widget.highlight_run(program.training_op, program.feed)
    np.testing.assert_array_equal(program.sess.run(program.theta), np.zeros((3, 1)))


def test_traced_ops_are_all_highlighted(program):
    options = tf.RunOptions(trace_level=tf.RunOptions.FULL_TRACE)
    metadata = tf.RunMetadata()
    program.sess.run(program.mse, program.feed, options=options, run_metadata=metadata)
    widget = viz.GraphWidget(program.graph).highlight_run(program.mse, program.feed)
    assert set(metadata.executed_ops) <= widget.highlighted
    assert not any(
        name.startswith(("gradients/", "GradientDescent")) for name in widget.highlighted
    )


def test_highlight_run_without_a_needed_feed_raises_tensorflows_error(program):
    widget = viz.GraphWidget(program.graph, session=program.sess)
    with pytest.raises(
        tf.errors.InvalidArgumentError, match="must feed a value for placeholder tensor 'X'"
    ):
        widget.highlight_run(program.mse)


def test_highlight_gradients_lights_what_tf_gradients_added(program):
    with program.graph.as_default():
        second = tf.gradients(program.mse, [program.error])
    widget = viz.GraphWidget(program.graph)
    ops = [op.name for op in program.graph.get_operations()]
    widget.highlight_gradients()
    assert widget.highlighted == {
        name for name in ops if name.startswith(("gradients/", "gradients_1/"))
    }
    widget.highlight_gradients(second)
    assert widget.highlighted == {name for name in ops if name.startswith("gradients_1/")}
    assert widget.highlight_reason == "added by tf.gradients under gradients_1/"
    widget.clear_highlight()
    assert widget.highlighted == set() and "learntf-faded" not in widget.dot_source


def test_gradient_and_optimizer_ops_are_styled_apart(program):
    source = viz.GraphWidget(program.graph, collapse_above=WHOLE).dot_source
    assert "learntf-kind-gradient" in node_attrs(source, "gradients/predictions_grad/MatMul")
    assert "learntf-kind-optimizer" in node_attrs(
        source, "GradientDescent/update_theta/ApplyGradientDescent"
    )
    assert "learntf-kind-variable" in node_attrs(source, "theta")
    assert "learntf-kind-placeholder" in node_attrs(source, "X")
    assert "learntf-kind-gradient" in node_attrs(
        source, "gradients/predictions_grad/tuple/control_dependency_1"
    )
    # a constant tf.gradients added keeps a constant's shape, in the gradient colour
    assert re.search(
        r"learntf-kind-gradient.*shape=box\b", node_attrs(source, "gradients/grad_ys_0/Const")
    )
    gradient_fill = re.search(
        r'fillcolor="([^"]+)"', node_attrs(source, "gradients/predictions_grad/MatMul")
    ).group(1)
    op_fill = re.search(r'fillcolor="([^"]+)"', node_attrs(source, "predictions")).group(1)
    assert gradient_fill != op_fill


# -- collapsing name scopes ------------------------------------------------------------------


def test_a_collapsed_scope_is_one_box_and_hides_its_nodes(program):
    widget = viz.GraphWidget(program.graph)
    # 48 nodes: too many to show whole, so the outer name scopes start collapsed
    assert widget.collapsed == {"loss", "gradients", "GradientDescent/update_theta"}
    widget.expand()
    assert widget.collapsed == set()
    widget.collapse("gradients")
    ids = node_ids(widget.dot_source)
    assert not any(name.startswith("gradients/") for name in ids)
    assert "gradients" in ids and "box3d" in node_attrs(widget.dot_source, "gradients")
    assert "gradients/\\n(36 nodes)" in widget.dot_source
    assert set(widget.visible_nodes) == ids
    # arrows into and out of the scope meet its box
    assert re.search(r'"loss/Square" -> gradients', widget.dot_source)
    assert re.search(r'gradients -> "GradientDescent/update_theta/', widget.dot_source)
    widget.expand()
    assert "gradients/predictions_grad/MatMul" in node_ids(widget.dot_source)


def test_the_scope_picker_and_the_collapsed_trait_are_one_state(program):
    widget = viz.GraphWidget(program.graph)
    widget.scope_picker.value = ("loss",)
    assert widget.collapsed == {"loss"}
    widget.collapsed = {"loss", "gradients/loss"}
    assert widget.scope_picker.value == ("loss", "gradients/loss")  # the scopes' order
    assert "gradients/loss" in node_ids(widget.dot_source)


def test_picking_a_node_inside_a_collapsed_scope_opens_it(program):
    widget = viz.GraphWidget(program.graph)
    widget.collapsed = {"gradients", "loss"}
    widget.select("gradients/loss/mse_grad/Tile")
    assert widget.collapsed == {"loss"}
    assert "gradients/loss/mse_grad/Tile" in node_ids(widget.dot_source)


def test_big_graphs_start_with_their_outer_scopes_collapsed():
    graph = tf.Graph()
    with graph.as_default():
        X = tf.placeholder(tf.float32, shape=(None, 4), name="X")
        layer = X
        for i in range(4):
            with tf.name_scope("layer%d" % i):
                w = tf.Variable(np.ones((4, 4), np.float32), name="w")
                layer = tf.nn.relu(tf.matmul(layer, w) + 1.0)
        loss = tf.reduce_mean(layer, name="loss")
        tf.gradients(loss, [X])
    widget = viz.GraphWidget(graph)
    assert len(widget.view.nodes) > viz.graph_widget.COLLAPSE_ABOVE
    assert widget.collapsed == {"layer0", "layer1", "layer2", "layer3", "gradients"}
    assert viz.GraphWidget(graph, collapse_above=1000).collapsed == set()


def test_unknown_names_are_refused_with_the_names_that_exist(program):
    widget = viz.GraphWidget(program.graph)
    with pytest.raises(traitlets.TraitError, match="No name scope 'los'.*loss"):
        widget.collapsed = {"los"}
    with pytest.raises(traitlets.TraitError, match="No node named 'mse'"):
        widget.selected = "mse"
    with pytest.raises(ValueError, match="Cannot collapse 'los'"):
        viz.draw(program.graph, collapsed={"los"})


# -- picking a node ------------------------------------------------------------------------


def test_picking_a_node_shows_its_type_shape_inputs_and_consumers(program):
    widget = viz.GraphWidget(program.graph, collapse_above=WHOLE)
    widget.picker.value = "predictions"  # what the dropdown does
    assert widget.selected == "predictions"
    details = widget.details.value
    assert 'class="learntf-node-details" data-node="predictions"' in details
    for field, text in [
        ("type", "MatMul"),
        ("output", "(?, 1) float32"),  # (TF 1 writes an unknown dimension as ?)
        ("inputs", "X, theta"),
        ("attrs", "grad_a=False, grad_b=False, transpose_a=False, transpose_b=False"),
        ("consumers", "loss/sub, gradients/loss/sub_grad/Shape"),
    ]:
        assert re.search(
            r'data-field="%s">.*?<pre[^>]*>%s</pre>' % (field, re.escape(text)), details
        ), field
    assert "not computed yet" in details
    assert "peripheries=2" in node_attrs(widget.dot_source, "predictions")
    assert "learntf-selected" in node_attrs(widget.dot_source, "predictions")


def test_after_run_a_picked_node_shows_its_value_in_that_run(program):
    widget = viz.GraphWidget(program.graph, session=program.sess)
    mse = widget.run(program.mse, program.feed)
    assert mse == pytest.approx(2.5)  # theta = 0: mean of 1 and 4
    assert widget.highlighted == program.plan_ops(program.mse)
    widget.select(program.error)  # a tensor picks its op
    assert widget.selected == "loss/sub"
    assert "[[-1.]\n [-2.]]" in widget.details.value.replace("&#x27;", "'")
    widget.select("loss/mse")
    assert '<pre style="margin:0">2.5</pre>' in widget.details.value
    widget.select("X")  # a fed value is shown too
    assert "[[1. 2. 3.]" in widget.details.value


def test_run_returns_what_sess_run_returns_and_trains(program):
    widget = viz.GraphWidget(program.graph, session=program.sess)
    assert widget.run(program.training_op, program.feed) is None
    assert widget.run([program.mse, program.training_op], program.feed)[1] is None
    widget.select("theta")
    assert "now [[" in widget.details.value
    assert not np.allclose(program.sess.run(program.theta), 0)


def test_a_variable_shows_its_value_in_the_widgets_session(program):
    widget = viz.GraphWidget(program.graph, session=program.sess).select("theta")
    assert "now [[0.]\n [0.]\n [0.]]" in widget.details.value
    fresh = viz.GraphWidget(program.graph, session=tf.Session(graph=program.graph))
    assert "no value in this session yet" in fresh.select("theta").details.value
    assert "lives in a session" in viz.GraphWidget(program.graph).select("theta").details.value


def test_run_needs_a_session(program):
    with pytest.raises(ValueError, match="has no session"):
        viz.GraphWidget(program.graph).run(program.mse, program.feed)


# -- static sibling ------------------------------------------------------------------------


@needs_dot
def test_the_display_bundle_holds_the_widget_the_svg_and_a_deterministic_text(program):
    widget = viz.GraphWidget(program.graph, session=program.sess, collapse_above=WHOLE)
    widget.highlight_run(program.training_op, program.feed)
    widget.collapse("gradients")
    bundle = widget._repr_mimebundle_()
    assert {"application/vnd.jupyter.widget-view+json", "image/svg+xml", "text/plain"} <= set(
        bundle
    )
    text = bundle["text/plain"]
    assert text.startswith(str(viz.describe(program.graph)))  # tests/test_lessons.py's rule
    assert "Collapsed: gradients/ (36 nodes)" in text
    assert (
        "Highlighted: 43 ops run by sess.run(GradientDescent) feeding X:0, y:0: theta, "
        "theta/read, predictions" in text
    )
    assert not re.search(r"0x[0-9a-f]{6,}", text)
    again = Regression()
    twin = viz.GraphWidget(again.graph, collapse_above=WHOLE).highlight_run(
        again.training_op, again.feed
    )
    assert twin.collapse("gradients").summary() == text
    static = widget.static()._repr_mimebundle_()
    assert set(static) == {"image/svg+xml", "text/plain"}


@needs_dot
def test_svg_nodes_keep_the_op_name_as_title_and_carry_css_classes(program):
    widget = viz.GraphWidget(program.graph, collapse_above=WHOLE).highlight_gradients()
    widget.select("loss/mse")
    # Graphviz writes '-' in attributes as '&#45;'; a browser's DOM reads it back as '-'.
    html = unescape(widget.picture.value)
    assert html.startswith('<div class="learntf-graph"') and "<?xml" not in html
    assert "<title>loss/mse</title>" in html
    assert re.search(
        r'class="node learntf-node learntf-kind-gradient learntf-highlighted"'
        r">\s*<title>gradients/predictions_grad/MatMul</title>",
        html,
    )
    assert re.search(r'class="node [^"]*learntf-selected"', html)
    assert "learntf-graph-widget" in widget._dom_classes
    assert "learntf-node-picker" in widget.picker._dom_classes


def test_presenter_mode_draws_larger_text(program):
    assert "fontsize=18" in viz.GraphWidget(program.graph, presenter=True).dot_source
    assert "fontsize=18" not in viz.GraphWidget(program.graph).dot_source


def test_draw_without_the_new_options_is_unchanged(program):
    # collapsed=(): this training graph is wider than 1,000 px, so by default draw() would fold
    # its scopes into box3d boxes to fit (tests/test_viz_fit_width.py)
    source = viz.draw(program.graph, collapsed=()).source
    assert "class=" not in source and "penwidth" not in source and "box3d" not in source


def test_a_widget_on_a_tensor_shows_what_it_needs(program):
    widget = viz.GraphWidget(program.mse)
    assert "GradientDescent" not in widget.visible_nodes
    assert widget.summary().startswith("Subgraph for loss/mse:0")


def test_import_learntf_viz_does_not_import_ipywidgets():
    code = (
        "import sys, learntf.viz; print('ipywidgets' in sys.modules); "
        "learntf.viz.GraphWidget; print('ipywidgets' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["False", "True"]


def test_ops_added_after_the_widget_are_drawn_when_highlighted(program):
    widget = viz.GraphWidget(program.graph, session=program.sess)
    with program.graph.as_default():
        rmse = tf.sqrt(program.mse, name="rmse")
    widget.highlight_run(rmse, program.feed)
    assert "rmse" in widget.visible_nodes and "rmse" in widget.highlighted
    assert widget.select("theta/read").selected == "theta"  # folded: its variable
