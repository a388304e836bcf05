"""Checks for exercises/12_modularity.ipynb (lesson 12: a wiring bug found by drawing, a
function that builds a ReLU unit, name scopes and the names repeated scopes get).

The checks read the learner's graph: which variables each unit's output depends on, which ops
sum them, which scope each op and variable sits in. A prediction is compared with a run of the
same program, which the check builds itself in a graph of its own."""

from course.checks import expect, fail, question
from course.checks._graphs import ops_needed, variable_ops
from course.checks.engine import tf1 as tf


def _variable_names(tensor):
    return sorted(op.name for op in variable_ops(tensor))


@question(1)
def q1(output):
    expect(
        isinstance(output, tf.Tensor),
        f"output should be a tensor; it is a {type(output).__name__}.",
    )
    names = _variable_names(output)
    wanted = [f"{kind}{i}" for i in (1, 2, 3) for kind in ("weights", "bias")]
    missing = [name for name in wanted if name not in names]
    if missing:
        fail(
            f"output does not depend on {' and '.join(missing)}: draw output (viz.draw(output) in "
            "learntf, TensorBoard's Graphs tab in TensorFlow), and follow the arrows back from "
            "each ReLU to its z and from each z to its variables."
        )
    maxima = [op for op in ops_needed(output) if op.type == "Maximum"]
    if len(maxima) != 3:
        fail(
            f"output is computed with {len(maxima)} tf.maximum ops: each of the three units is "
            "a ReLU, max(z, 0), and output adds the three."
        )
    per_unit = [
        sorted(op.name for op in variable_ops(unit.outputs[0]))
        for unit in sorted(maxima, key=lambda op: op.name)
    ]
    for unit, used in zip(sorted(op.name for op in maxima), per_unit):
        suffixes = {name[-1] for name in used}
        expect(
            len(used) == 2 and len(suffixes) == 1,
            f"the ReLU {unit} uses {', '.join(used)}: each unit uses one weights variable and the "
            "bias with the same number.",
        )
    expect(
        len({tuple(used) for used in per_unit}) == 3,
        "two of the ReLUs read the same z: each unit needs its own.",
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
            "tf.add_n(units)."
        )
    units = [t.op for t in output.op.inputs]
    expect(len(units) == 3, f"output adds {len(units)} tensors; build three units.")
    expect(
        all(op.type == "Maximum" for op in units),
        "each tensor added should be a unit's tf.maximum.",
    )
    for index, unit in enumerate(units):
        scope = f"unit_{index}"
        expect(
            unit.name.startswith(scope + "/"),
            f"the unit {unit.name} is not in the name scope {scope}: call the function with "
            f"name='{scope}' and open tf.name_scope(name) in it.",
        )
        used = sorted(op.name for op in variable_ops(unit.outputs[0]))
        expect(
            len(used) == 2,
            f"the unit {unit.name} uses {len(used)} variables; each unit makes its own weights "
            "and bias.",
        )
        outside = [name for name in used if not name.startswith(scope + "/")]
        if outside:
            fail(
                f"the variables {', '.join(outside)} of the unit {unit.name} are not in its "
                "name scope: open tf.name_scope(name) in the function, so that every op and "
                "variable a call creates gets the prefix, instead of writing the prefix into "
                "op names."
            )


def _run_the_program():
    """Question 3's program, in a graph of its own: the names the two calls really get."""
    graph = tf.Graph()
    with graph.as_default():
        x = tf.constant(1.0, name="x")
        with tf.name_scope("dense"):
            tf.identity(x, name="h")
        tf.identity(x, name="dense_1")

        def layer(x):
            with tf.name_scope("dense"):
                return tf.identity(x, name="h")

        return [layer(x).name for _ in range(2)]


REASON_WORDS = ("taken", "in use", "used", "unique", "already", "exist", "clash", "same name")


@question(3)
def q3(predicted, explanation):
    expect(
        isinstance(predicted, (list, tuple)) and len(predicted) == 2,
        "predicted should be a list of the two names, e.g. ['a/h:0', 'b/h:0'].",
    )
    expect(
        all(isinstance(name, str) for name in predicted),
        "write each predicted name as a string, with its ':0'.",
    )
    actual = _run_the_program()
    predicted = [name.strip() for name in predicted]
    if predicted != actual:
        first, second = predicted
        if first == second:
            fail(
                "a name scope is never opened twice under one name: every tf.name_scope('dense') "
                "call makes its name unique, as an op name is made unique, so the two calls "
                "cannot share a prefix."
            )
        if first.startswith("dense/") or first.startswith("dense_1/"):
            fail(
                "ops and scopes draw from one set of names: list every name taken before the "
                "first layer(x) call, by a scope or by an op, then count up from dense."
            )
        fail(
            f"you predicted {predicted}; run the program and compare. A repeated scope name gets "
            "the next free suffix: _1, _2, ... skipping every name already taken."
        )
    expect(
        isinstance(explanation, str) and len(explanation.split()) >= 4,
        "explain in a short sentence why the first call's scope is not called dense.",
    )
    expect(
        any(word in explanation.lower() for word in REASON_WORDS),
        "the explanation should say why dense, dense_1 were skipped (what had happened to "
        "those names).",
    )


def _unique_names(requested):
    """Question 4: the op names learntf's own Graph.unique_name gives `requested`, in order."""
    import learntf.compat.v1 as learntf_v1

    graph = learntf_v1.Graph()
    with graph.as_default():
        x = learntf_v1.constant(1.0, name="x")
        return [learntf_v1.identity(x, name=name).op.name for name in requested]


@question(4, optional=True)
def q4(predicted):
    expect(
        isinstance(predicted, (list, tuple))
        and len(predicted) == 4
        and all(isinstance(name, str) for name in predicted),
        "predicted should be a list of four op names, strings like 'out'.",
    )
    predicted = [name.strip().removesuffix(":0") for name in predicted]
    actual = _unique_names(["out_1", "out", "OUT", "out"])
    if predicted == actual:
        return
    third = predicted[2]
    if third == "OUT":
        fail(
            "look at the first lines of unique_name: the table _names_in_use is keyed by "
            "name_key, the name in lower case. Is the key of OUT free after the op out?"
        )
    if third.lower() == "out_1":
        fail(
            "out_1 is already in use (the first op took it): the while loop only stops at a "
            "key that is not in _names_in_use."
        )
    if third.lower() == actual[2].lower() and third != actual[2]:
        fail(
            "only the key is in lower case: the name returned is built from `name` as it was "
            "asked for, so it keeps its capitals."
        )
    fail(
        f"you predicted {predicted}; run the program and compare. Keep the table "
        "_names_in_use on paper: which count does each call read for its key, and which keys "
        "does the while loop mark?"
    )
