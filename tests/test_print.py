"""tf.print and tf.compat.v1.Print write what TensorFlow 2.21 writes (tests/data/tf_print.json,
recorded by scripts/record_tf_print.py from the programs of tests/print_cases.py), and build
TensorFlow's ops: StringFormat and PrintV2 (or Print), run on every call of a tf.function."""

import contextlib
import io
import json
import pathlib
import sys

import numpy as np
import print_cases
import pytest
from test_graph_parity import learntf_behaviour

RECORDING = json.loads(
    (pathlib.Path(__file__).parent / "data" / "tf_print.json").read_text(encoding="utf-8")
)


def run_on_learntf(case):
    """The case on learntf: what it bound, and what it wrote to sys.stdout and sys.stderr (the
    streams are replaced, as Jupyter replaces them: learntf must look them up when it prints)."""
    import learntf
    import learntf.compat.v1 as tf1

    stdout, stderr = io.StringIO(), io.StringIO()
    with learntf_behaviour(case.mode), contextlib.redirect_stdout(stdout):
        with contextlib.redirect_stderr(stderr):
            if case.mode == "v1":
                with tf1.Graph().as_default():
                    record = print_cases.run_case(case, tf1, np, sys)
            else:
                record = print_cases.run_case(case, learntf, np, sys)
    record["stdout"] = stdout.getvalue()
    record["stderr"] = print_cases.clean_stderr(stderr.getvalue())
    return record


@pytest.mark.parametrize("case", print_cases.CASES, ids=lambda case: case.name)
def test_learntf_prints_what_tensorflow_prints(case):
    expected = RECORDING["cases"][case.name]
    assert expected["source"] == case.source, "the case changed: record it again"
    got = run_on_learntf(case)
    for key in ("stderr", "stdout", "error", "result", "ops"):
        assert got[key] == expected[key], key


def test_recording_is_from_tensorflow_2_21():
    assert RECORDING["tensorflow_version"].startswith("2.21")
    assert sorted(RECORDING["cases"]) == sorted(case.name for case in print_cases.CASES)


def test_print_op_is_stateful_and_runs_once_per_call_in_order(capsys, v2_behavior):
    import learntf as tf

    @tf.function
    def f(x):
        tf.print("a", x)
        tf.print("b", x * 2)
        return x + 1

    f(tf.constant(1))
    f(tf.constant(5))
    assert capsys.readouterr().err == "a 1\nb 2\na 5\nb 10\n"
    graph = f.get_concrete_function(tf.constant(1)).graph
    prints = [op for op in graph.get_operations() if op.type == "PrintV2"]
    assert all(op.op_def.stateful for op in prints)
    assert prints[0] in prints[1].control_inputs  # program order


def test_v1_print_passes_the_gradient_to_its_input(v2_behavior):
    import learntf as tf

    x = tf.constant([1.0, 2.0])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.compat.v1.Print(x, [x], "x") * 3.0
    assert tape.gradient(y, x).numpy().tolist() == [3.0, 3.0]


def test_the_stream_is_the_one_of_the_moment(v2_behavior):
    import learntf as tf

    @tf.function
    def f():
        tf.print("hello", output_stream=sys.stdout)
        return tf.constant(0)

    for _ in range(2):  # each call writes to the sys.stdout of its time (as Jupyter cells)
        replaced = io.StringIO()
        with contextlib.redirect_stdout(replaced):
            f()
        assert replaced.getvalue() == "hello\n"


def test_a_saved_function_still_prints(tmp_path, capsys, v2_behavior):
    import learntf as tf

    class Printer(tf.Module):
        @tf.function(input_signature=[tf.TensorSpec([2], tf.float32)])
        def show(self, x):
            tf.print("x =", x)
            return x * 2.0

    tf.saved_model.save(Printer(), str(tmp_path))
    loaded = tf.saved_model.load(str(tmp_path))
    capsys.readouterr()
    assert loaded.show(tf.constant([1.0, 2.0])).numpy().tolist() == [2.0, 4.0]
    assert capsys.readouterr().err == "x = [1 2]\n"
