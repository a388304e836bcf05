"""learntf.viz: drawings and text descriptions of graphs (lessons 01 and 02).

The programs are the seeds' own (Hands-On ML ch. 9): `f = x*x*y + y + 2`, and the linear
regression whose error and mse live in `tf.name_scope("loss")`.
"""

import re
import shutil
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import learntf.compat.v1 as tf
import learntf.viz as viz

tf.disable_v2_behavior()  # TF1 programs on TensorFlow 2 start so: graphs and sessions

# -- the seeds' programs, each in a graph of its own ---------------------------------------------


def build_f():
    """Seed 000, "graphs and sessions": x*x*y + y + 2, then the initializer."""
    graph = tf.Graph()
    with graph.as_default():
        x = tf.Variable(3, name="x")
        y = tf.Variable(4, name="y")
        f = x * x * y + y + 2
        init = tf.global_variables_initializer()
    return graph, x, f, init


def build_regression():
    """Seed 000, "name scopes": predictions from placeholders, error and mse in scope loss."""
    graph = tf.Graph()
    with graph.as_default():
        X = tf.placeholder(tf.float32, shape=(None, 3), name="X")
        y = tf.placeholder(tf.float32, shape=(None, 1), name="y")
        theta = tf.Variable(np.zeros((3, 1), np.float32), name="theta")
        y_pred = tf.matmul(X, theta, name="predictions")
        with tf.name_scope("loss"):
            error = y_pred - y
            mse = tf.reduce_mean(tf.square(error), name="mse")
        unrelated = tf.constant(7.0, name="unrelated")
        init = tf.global_variables_initializer()
    return graph, mse, unrelated, init


# -- reading DOT source --------------------------------------------------------------------------

NODE_LINE = re.compile(r'^\s*("[^"]+"|\w+) \[(.*)\]$')
EDGE_LINE = re.compile(r'^\s*("[^"]+"|\w+) -> ("[^"]+"|\w+)(?: \[(.*)\])?$')


def nodes_of(dot):
    """{node id: its attribute text} from a Digraph's source."""
    found = {}
    for line in dot.source.splitlines():
        match = NODE_LINE.match(line)
        if match and "->" not in line and match.group(1) not in ("graph", "node", "edge"):
            found[match.group(1).strip('"')] = match.group(2)
    return found


def edges_of(dot):
    """[(source, target, attribute text)] from a Digraph's source."""
    found = []
    for line in dot.source.splitlines():
        match = EDGE_LINE.match(line)
        if match:
            found.append(
                (match.group(1).strip('"'), match.group(2).strip('"'), match.group(3) or "")
            )
    return found


def attr(attrs, name):
    match = re.search(r'\b%s=("[^"]*"|\S+)' % name, attrs)
    return match.group(1).strip('"') if match else None


def cluster_body(dot, scope):
    """The text between `subgraph cluster_<scope> {` and its closing brace."""
    lines = dot.source.splitlines()
    start = next(
        i
        for i, line in enumerate(lines)
        if re.match(r'\s*subgraph "?cluster_%s"? \{' % re.escape(scope), line)
    )
    depth, body = 0, []
    for line in lines[start:]:
        depth += line.count("{") - line.count("}")
        body.append(line)
        if depth == 0:
            return "\n".join(body)
    raise AssertionError("unclosed cluster " + scope)


# -- draw() --------------------------------------------------------------------------------------


def test_a_variable_is_one_node_and_its_reads_are_arrows():
    graph, _, _, _ = build_f()
    dot = viz.draw(graph)
    nodes = nodes_of(dot)
    # x*x*y + y + 2: two variables, three arithmetic ops, the constant 2, and init.
    assert sorted(nodes) == sorted(["x", "y", "mul", "mul_1", "add", "add_1", "add_1/y", "init"])
    assert not any("/read" in name or "/Assign" in name for name in nodes)
    # x*x reads x twice: two arrows from x to mul.
    assert [(s, t) for s, t, _ in edges_of(dot)].count(("x", "mul")) == 2


def test_node_labels_show_name_type_and_small_constant_values():
    graph, _, _, _ = build_f()
    nodes = nodes_of(viz.draw(graph))
    assert attr(nodes["mul"], "label") == r"mul\nMul"
    assert attr(nodes["add_1/y"], "label") == r"add_1/y\nConst = 2"
    assert attr(nodes["x"], "label") == r"x\nVariableV2\ninit 3"  # TF1's reference variable
    assert attr(nodes["init"], "label") == r"init\nNoOp"


def test_kinds_are_styled_apart():
    graph, _, _, _ = build_regression()
    nodes = nodes_of(viz.draw(graph))
    look = {name: (attr(a, "shape"), attr(a, "fillcolor")) for name, a in nodes.items()}
    kinds = {
        "theta": "variable",
        "X": "placeholder",
        "unrelated": "constant",
        "loss/mse": "op",
        "init": "group",
    }
    looks = {kind: look[name] for name, kind in kinds.items()}
    assert len(set(looks.values())) == len(kinds), looks
    assert look["y"] == looks["placeholder"]
    assert look["loss/sub"] == looks["op"]


def test_name_scope_becomes_a_labelled_cluster():
    graph, _, _, _ = build_regression()
    dot = viz.draw(graph)
    body = cluster_body(dot, "loss")
    assert "label=loss" in body
    for name in ("loss/sub", "loss/Square", "loss/mse"):
        assert '"%s" [' % name in body
    assert '"predictions" [' not in body and "predictions [" not in body
    # Inside the box a node is labelled by its name within the scope.
    assert attr(nodes_of(dot)["loss/mse"], "label") == r"mse\nMean"


def test_drawing_a_tensor_shows_only_what_it_depends_on():
    graph, mse, unrelated, init = build_regression()
    nodes = nodes_of(viz.draw(mse))
    assert {"X", "y", "theta", "predictions", "loss/mse"} <= set(nodes)
    assert "unrelated" not in nodes
    assert "init" not in nodes
    assert sorted(nodes_of(viz.draw(unrelated))) == ["unrelated"]


def test_drawing_a_list_and_a_variable():
    graph, x, f, init = build_f()
    assert sorted(nodes_of(viz.draw(x))) == ["x"]
    assert set(nodes_of(viz.draw([f, init]))) == set(nodes_of(viz.draw(graph)))


def test_asking_for_a_helper_op_draws_it_unfolded():
    graph, x, f, init = build_f()
    nodes = nodes_of(viz.draw(x.initializer))
    assert x.initializer.name in nodes
    assert "x" in nodes
    assert "y" not in nodes and "mul" not in nodes
    assert any(attr(a, "label").endswith("Const = 3") for a in nodes.values())


def test_asking_for_a_read_unfolds_that_read_only():
    graph = tf.Graph()
    with graph.as_default():
        w = tf.Variable(2.0, name="w")
        doubled = w * 2.0
        with tf.control_dependencies([doubled.op]):
            read = w.read_value()  # a new read (`read`), after doubled, which reads w too
    nodes = nodes_of(viz.draw(read))
    assert doubled.op.name in nodes
    assert read.op.name in nodes
    assert sorted(n for n in nodes if "read" in n) == [read.op.name]  # w/read is folded


def test_control_edges_are_dashed_and_data_edges_are_not():
    graph, x, f, init = build_f()
    edges = edges_of(viz.draw(graph))
    control = [(s, t) for s, t, a in edges if attr(a, "style") == "dashed"]
    # init runs x/Assign and y/Assign; they are folded into x and y.
    assert sorted(control) == [("x", "init"), ("y", "init")]
    assert all(attr(a, "style") != "dashed" for s, t, a in edges if t != "init")


def test_explicit_control_dependency_is_dashed():
    graph = tf.Graph()
    with graph.as_default():
        a = tf.constant(1, name="a")
        b = tf.constant(2, name="b")
        three = tf.constant(3, name="three")
        with tf.control_dependencies([a.op]):
            c = tf.add(b, three, name="c")
    edges = edges_of(viz.draw(c))
    assert [(s, t) for s, t, e in edges if attr(e, "style") == "dashed"] == [("a", "c")]


def test_edges_are_labelled_with_shape_and_dtype():
    graph, mse, _, _ = build_regression()
    labels = {(s, t): attr(a, "label") for s, t, a in edges_of(viz.draw(mse))}
    assert labels[("X", "predictions")] == "(?, 3) float32"  # TF 1 writes an unknown dimension as ?
    assert labels[("theta", "predictions")] == "(3, 1) float32"
    assert labels[("loss/Square", "loss/mse")] == "(?, 1) float32"


def test_same_program_gives_identical_dot_source():
    first, second = viz.draw(build_regression()[0]), viz.draw(build_regression()[0])
    assert first.source == second.source
    assert viz.draw(build_f()[2]).source == viz.draw(build_f()[2]).source
    assert not re.search(r"0x[0-9a-f]{6,}", first.source)


def test_title_and_empty_graph():
    import graphviz

    graph, _, f, _ = build_f()
    assert isinstance(viz.draw(f), graphviz.Digraph)
    assert 'label="f = x*x*y + y + 2"' in viz.draw(f, title="f = x*x*y + y + 2").source
    assert "empty graph" in viz.draw(tf.Graph()).source


def test_tensors_from_two_graphs_cannot_be_drawn_together():
    _, _, f, _ = build_f()
    _, mse, _, _ = build_regression()
    with pytest.raises(ValueError, match="different graphs"):
        viz.draw([f, mse])


def test_something_else_is_a_type_error():
    with pytest.raises(TypeError, match="Graph, Tensor, Operation or Variable"):
        viz.draw(42)


# -- describe() ----------------------------------------------------------------------------------


def test_describe_lists_the_nodes_of_the_drawing():
    graph, _, f, _ = build_f()
    assert viz.describe(f) == "\n".join(
        [
            "Subgraph for add_1:0: 7 nodes "
            "(2 more ops folded into their variables: reads, Assign, Initializer...)",
            "node     kind      type        output            inputs",
            "x        variable  VariableV2  () int32, init 3  -",
            "y        variable  VariableV2  () int32, init 4  -",
            "mul      op        Mul         () int32          x, x",
            "mul_1    op        Mul         () int32          mul, y",
            "add      op        AddV2       () int32          mul_1, y",
            "add_1/y  constant  Const       () int32 = 2      -",
            "add_1    op        AddV2       () int32          add, add_1/y",
        ]
    )


def test_describe_groups_by_scope_and_marks_control_inputs():
    graph, _, _, _ = build_regression()
    text = viz.describe(graph)
    lines = text.splitlines()
    scope_at = lines.index("loss/")
    assert re.match(r"  mse +op +Mean +\(\) float32 +loss/Square\b", lines[-1])
    assert lines[scope_at + 1].startswith("  sub ")
    assert re.search(r"^init +group +NoOp +- +\^theta$", text, re.M)
    assert re.search(r"^X +placeholder +Placeholder +\(\?, 3\) float32 +-$", text, re.M)
    assert repr(text) == str(text)  # a notebook cell shows the table, not a quoted string


# -- notebooks -----------------------------------------------------------------------------------


@pytest.mark.skipif(
    shutil.which("dot") is None,
    reason="Graphviz's `dot` program is not installed (scripts/ensure-graphviz.sh)",
)
def test_svg_renders_with_dot():
    graph, _, _, _ = build_regression()
    svg = viz.render_svg(graph)
    assert svg.lstrip().startswith("<?xml") or "<svg" in svg
    assert "<svg" in svg and "mse" in svg and "cluster_loss" in svg


@pytest.mark.skipif(
    shutil.which("dot") is None,
    reason="Graphviz's `dot` program is not installed (scripts/ensure-graphviz.sh)",
)
def test_mimebundle_has_svg_and_text():
    graph, _, _, _ = build_f()
    bundle = viz.graph_mimebundle(graph)
    assert sorted(bundle) == ["image/svg+xml", "text/plain"]
    assert bundle["text/plain"] == str(viz.describe(graph))
    assert "<svg" in bundle["image/svg+xml"]


@pytest.mark.skipif(
    shutil.which("dot") is None,
    reason="Graphviz's `dot` program is not installed (scripts/ensure-graphviz.sh)",
)
def test_a_drawing_in_a_notebook_shows_svg_and_its_description():
    graph, _, f, _ = build_f()
    bundle = viz.draw(f)._repr_mimebundle_()
    assert sorted(bundle) == ["image/svg+xml", "text/plain"]
    # not graphviz's `<graphviz.graphs.Digraph at 0x7f...>`, which nbval could never match
    assert bundle["text/plain"] == str(viz.describe(f))


def test_mimebundle_without_dot_falls_back_to_text(monkeypatch):
    monkeypatch.setenv("PATH", "")  # Graphviz runs `dot` through PATH
    graph, _, f, _ = build_f()
    for bundle, text in (
        (viz.graph_mimebundle(graph), viz.describe(graph)),
        (viz.draw(f)._repr_mimebundle_(), viz.describe(f)),
    ):
        assert list(bundle) == ["text/plain"]
        assert bundle["text/plain"].startswith(str(text))
        assert "install graphviz" in bundle["text/plain"]


@pytest.mark.skipif(
    shutil.which("dot") is None,
    reason="Graphviz's `dot` program is not installed (scripts/ensure-graphviz.sh)",
)
def test_a_graph_displays_itself_through_graph_mimebundle():
    graph, _, _, _ = build_f()
    assert graph._repr_mimebundle_() == viz.graph_mimebundle(graph)


def test_import_learntf_does_not_import_viz_or_graphviz():
    code = (
        "import sys, learntf, learntf.compat.v1; "
        "print('learntf.viz' in sys.modules, 'graphviz' in sys.modules); "
        "import learntf.viz; print('graphviz' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["False", "False", "False"]


# -- any program ---------------------------------------------------------------------------------

# A program is a list of steps; each step applies +, - or * to two earlier values (picked by
# index modulo how many exist), starting from a placeholder, a variable and a constant.
programs = st.lists(
    st.tuples(st.sampled_from("+-*"), st.integers(0, 99), st.integers(0, 99)),
    min_size=1,
    max_size=8,
)


def build_program(steps):
    graph = tf.Graph()
    with graph.as_default():
        values = [
            tf.placeholder(tf.float32, shape=(None, 2), name="a"),
            tf.Variable(np.ones(2, np.float32), name="v"),
            tf.constant(3.0, name="c"),
        ]
        for symbol, i, j in steps:
            left, right = values[i % len(values)], values[j % len(values)]
            values.append({"+": left + right, "-": left - right, "*": left * right}[symbol])
    return graph, values[-1]


@settings(max_examples=30, deadline=None)
@given(programs)
def test_any_program_draws_consistently(steps):
    graph, result = build_program(steps)
    whole, part = viz.draw(graph), viz.draw(result)
    whole_nodes, part_nodes = nodes_of(whole), nodes_of(part)
    assert result.op.name in part_nodes
    assert set(part_nodes) <= set(whole_nodes)
    for dot, nodes in ((whole, whole_nodes), (part, part_nodes)):
        assert all(s in nodes and t in nodes for s, t, _ in edges_of(dot))
    # Every arrow into the result's node is one of its inputs (reads of v count as v).
    assert len([t for _, t, _ in edges_of(part) if t == result.op.name]) == 2
    assert viz.draw(build_program(steps)[1]).source == part.source
    assert viz.describe(result).startswith(
        "Subgraph for %s: %d node" % (result.name, len(part_nodes))
    )
