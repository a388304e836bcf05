"""tf.while_loop against TensorFlow 2.21 (tests/data/tf_while_loops.json, recorded by
scripts/record_tf_while_loops.py from tests/while_loop_cases.py), and its gradients against
finite differences.

Each recorded case runs on learntf: the same values (to float32 rounding), the same error class
and first line of the message, and in graph and tf.function modes the same While ops (type,
number of inputs and outputs).  The "v1" cases compare values only: TF builds TF 1's control
flow there, learntf its While op (see learntf/ops/while_v2.py)."""

import contextlib
import json
import pathlib

import numpy as np
import pytest
import while_loop_cases

DATA = json.loads(
    (pathlib.Path(__file__).parent / "data" / "tf_while_loops.json").read_text(encoding="utf-8")
)
CASES = {case.name: case for case in while_loop_cases.CASES}


@contextlib.contextmanager
def learntf_behaviour(mode):
    """learntf in TF 2's behaviour, or TF 1's for a "v1" case, then back (as
    tests/test_graph_parity.py's)."""
    import learntf.compat.v1 as tf1
    from learntf.framework import context

    saved = dict(vars(context.context))
    defaults = vars(type(context.context)())
    vars(context.context).update(
        {key: value for key, value in defaults.items() if key != "graph_mode_depth"}
    )
    try:
        if mode == "v1":
            tf1.disable_v2_behavior()
        yield
    finally:
        vars(context.context).update(saved)


def run_on_learntf(case):
    import learntf
    import learntf.compat.v1 as tf1

    def concrete_graph(f, args):
        return f.get_concrete_function(*args).graph

    with learntf_behaviour(case.mode):
        return while_loop_cases.run_case(case, learntf, tf1, concrete_graph)


def assert_close(expected, actual, where="result"):
    if isinstance(expected, dict) and set(expected) == {"dtype", "value"}:
        assert isinstance(actual, dict) and actual.get("dtype") == expected["dtype"], (
            "%s: expected %r, got %r" % (where, expected, actual)
        )
        np.testing.assert_allclose(
            np.asarray(actual["value"], dtype=float),
            np.asarray(expected["value"], dtype=float),
            rtol=1e-4,
            atol=1e-5,
            err_msg=where,
        )
    elif isinstance(expected, dict):
        assert isinstance(actual, dict) and sorted(actual) == sorted(expected), where
        for key in expected:
            assert_close(expected[key], actual[key], "%s[%r]" % (where, key))
    elif isinstance(expected, list):
        assert isinstance(actual, list) and len(actual) == len(expected), (
            "%s: expected %r, got %r" % (where, expected, actual)
        )
        for index, (e, a) in enumerate(zip(expected, actual)):
            assert_close(e, a, "%s[%d]" % (where, index))
    else:
        assert actual == expected, where


@pytest.mark.parametrize("name", sorted(CASES))
def test_case_matches_tensorflow(name):
    case, recorded = CASES[name], DATA["cases"][name]
    assert recorded["source_sha256"] == while_loop_cases.source_digest(case), (
        "the case changed since it was recorded: run scripts/record_tf_while_loops.py"
    )
    mine = run_on_learntf(case)
    if "error" in recorded:
        assert mine.get("error") == recorded["error"], mine
        return
    assert "error" not in mine, mine["error"]
    assert_close(recorded["values"], mine["values"])
    if case.mode in ("graph", "function"):
        assert mine["while"] == recorded["while"]
