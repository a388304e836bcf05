"""Checks for exercises/12_modularity.ipynb (lesson 08: modularity, name
scopes, sharing variables with get_variable and variable_scope).

Sharing is told from accidental duplication by counting the variables an output depends on."""

import numpy as np

from course.checks import choice, expect, fail, question
from course.checks._graphs import base_name, variable_ops
from course.checks.engine import tf1 as tf


def _variable_names(tensor):
    return sorted(op.name for op in variable_ops(tensor))


def _first_line(error):
    """An error's first line, without the "Originally defined at:" that TensorFlow's "already
    exists" message (for TF1 reference variables) puts before a list of code lines."""
    return str(error).splitlines()[0].replace(" Originally defined at:", "")


def _short(op_name):
    """'relu_3/threshold' -> 'threshold', 'threshold_2' -> 'threshold'."""
    return base_name(op_name.rsplit("/", 1)[-1])


@question(1)
def q1(output):
    expect(
        isinstance(output, tf.Tensor),
        f"output should be a tensor; it is a {type(output).__name__}.",
    )
    names = _variable_names(output)
    missing = [name for name in ("weights1", "bias1", "weights2", "bias2") if name not in names]
    if missing:
        fail(
            f"output does not depend on {' and '.join(missing)}: draw output (viz.draw(output) in "
            "learntf, TensorBoard's Graphs tab in TensorFlow), and follow the arrows back from "
            "each ReLU to its z."
        )
    maxima = [op for op in (t.op for t in output.op.inputs) if op.type == "Maximum"]
    expect(len(maxima) == 2, "output should add the two ReLUs, each a tf.maximum(z, 0.).")
    expect(
        {t.op.name for op in maxima for t in op.inputs} >= {"z1", "z2"},
        "each ReLU should take its own z: relu1 from z1, relu2 from z2.",
    )


@question(2)
def q2(output):
    expect(
        isinstance(output, tf.Tensor),
        f"output should be a tensor; it is a {type(output).__name__}.",
    )
    if output.op.type != "AddN":
        fail(
            f"output is a {output.op.type} op: sum the list of units with one AddN op, "
            "tf.add_n(relus)."
        )
    units = [t.op for t in output.op.inputs]
    expect(len(units) == 3, f"output adds {len(units)} tensors; build three units.")
    expect(
        all(op.type == "Maximum" for op in units),
        "each tensor added should be a unit's tf.maximum.",
    )
    scopes = [op.name.rsplit("/", 1)[0] if "/" in op.name else "" for op in units]
    if "" in scopes:
        fail(
            "the units' ops are not grouped: open a name scope called relu in the function, so "
            "that each call's ops get their own prefix."
        )
    expect(
        scopes == ["relu", "relu_1", "relu_2"],
        f"the units' scopes are {scopes}: name the scope relu.",
    )
    names = _variable_names(output)
    expect(
        len(names) == 6,
        f"the three units use {len(names)} variables; each unit makes its own weights and bias.",
    )


@question(3)
def q3(output):
    expect(
        isinstance(output, tf.Tensor) and output.op.type == "AddN",
        "output should be tf.add_n(relus, name='output').",
    )
    expect(len(output.op.inputs) == 5, f"output adds {len(output.op.inputs)} units; build five.")
    names = _variable_names(output)
    thresholds = [name for name in names if _short(name) == "threshold"]
    if len(thresholds) > 1:
        fail(
            f"output depends on {len(thresholds)} threshold variables ({', '.join(thresholds)}): "
            "each call made its own, so they only start equal. Shared means one variable that "
            "every unit uses."
        )
    expect(
        len(thresholds) == 1,
        "no variable named threshold: create the shared threshold as a variable called threshold.",
    )
    others = [name for name in names if _short(name) != "threshold"]
    if len(others) < 10:
        fail(
            f"besides the threshold, the units use only {len(others)} variables: each unit should "
            "still have its own weights and bias (10 in all); share the threshold only."
        )
    expect(
        len(others) == 10,
        f"besides the threshold, the units use {len(others)} variables; expected 10.",
    )
    threshold_op = thresholds[0]
    for unit in (t.op for t in output.op.inputs):
        used = [op.name for op in variable_ops(unit.outputs[0])]
        expect(threshold_op in used, f"the unit {unit.name} does not use {threshold_op}.")


@question(4)
def q4(answer):
    choice(
        answer,
        options=("a", "b", "c"),
        correct="c",
        hints={
            "a": "get_variable returns an existing variable only when the scope reuses "
            "(reuse=True, reuse_variables() or AUTO_REUSE); this scope does not.",
            "b": "making a name unique with _1 is what tf.Variable does. get_variable names are "
            "never made unique: what does it do when the name is taken and reuse is off?",
        },
    )


@question(5)
def q5(result1, result2, image1, image2):
    expect(
        all(isinstance(t, tf.Tensor) for t in (result1, result2)),
        "result1 and result2 should be tensors.",
    )
    expect(
        result1 is not result2,
        "result2 should be a second tower, built by calling the filter on image2.",
    )

    def depends_on(tensor, placeholder):
        return any(t is placeholder for t in _inputs(tensor))

    expect(
        depends_on(result1, image1) and depends_on(result2, image2),
        "result1 should be computed from image1, and result2 from image2.",
    )
    names = sorted(set(_variable_names(result1)) | set(_variable_names(result2)))
    if len(names) > 4:
        fail(
            f"the two towers use {len(names)} variables ({', '.join(names)}): the second call "
            "created its own instead of sharing the first call's 4. Reuse the same variable "
            "scopes."
        )
    expect(len(names) == 4, f"the towers use {len(names)} variables; the filter has 4.")
    data = np.random.RandomState(0).rand(1, 8, 8, 32).astype(np.float32)
    graph = result1.graph
    with graph.as_default():
        variables = tf.global_variables()
    with tf.Session(graph=graph) as sess:
        sess.run([v.initializer for v in variables])
        r1, r2 = sess.run([result1, result2], feed_dict={image1: data, image2: data})
    expect(np.array_equal(r1, r2), "fed the same image, the two towers give different results.")


def _inputs(tensor):
    """Every tensor `tensor` depends on, itself included."""
    seen, stack = [], [tensor]
    while stack:
        t = stack.pop()
        if any(t is s for s in seen):
            continue
        seen.append(t)
        stack.extend(t.op.inputs)
    return seen


@question(6)
def q6(build_cell):
    expect(callable(build_cell), "build_cell should be a function, called with no arguments.")
    tf.reset_default_graph()
    try:
        build_cell()
    except ValueError as error:
        fail(
            f"the first run fails: {_first_line(error)} On the first run there is nothing to reuse "
            "yet: the variable must be created then."
        )
    try:
        weights = build_cell()
    except ValueError as error:
        fail(
            f"the second run fails: {_first_line(error)} Make the second run of the cell either "
            "start from an empty graph or reuse the variable."
        )
    variables = tf.global_variables()
    expect(
        len(variables) == 1,
        f"after two runs the graph holds {len(variables)} variables "
        f"({', '.join(v.op.name for v in variables)}): the second run duplicated the "
        "first one's variable. Use get_variable.",
    )
    expect(
        variables[0].op.name == "layer1/weights",
        f"the variable is called {variables[0].op.name}; it should be layer1/weights.",
    )
    expect(weights is variables[0], "build_cell should return the variable.")
    expect(tuple(weights.shape.as_list()) == (3, 2), "the variable should have shape [3, 2].")
