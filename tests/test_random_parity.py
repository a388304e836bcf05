"""Random parity with TensorFlow 2.21 (issue 16): learntf draws TensorFlow's random numbers.

Each program of tests/random_cases.py (seeded random ops in graphs and sessions, eager calls,
tf.function, stateless ops, tf.random.Generator, dropout, TF1 and Keras 3 initializers) runs on
learntf in its mode; every number it draws must equal, bit for bit, the one recorded from real
TensorFlow 2.21 in tests/data/tf_random_values.json by scripts/record_tf_random.py.

KNOWN_DIFFERENT lists the cases that do not match yet, each with the reason; they are strict
expected failures, so a case that starts to match fails until it is taken off the list.

Progress in one line:

    .venv/bin/python tests/test_random_parity.py --report
"""

import argparse
import json
import pathlib
import sys

import numpy as np
import pytest
import random_cases
from behaviour import learntf_behaviour

RECORDING_PATH = pathlib.Path(__file__).resolve().parent / "data" / "tf_random_values.json"
RECORDING = json.loads(RECORDING_PATH.read_text(encoding="utf-8"))
CASES_BY_NAME = {random_case.name: random_case for random_case in random_cases.CASES}

KNOWN_DIFFERENT = {}


def learntf_result(random_case):
    """What the case's program draws on learntf, encoded as the recording is (in the case's
    mode: an eager variable's value can only be read eagerly)."""
    import learntf
    import learntf.compat.v1 as tf1

    with learntf_behaviour(random_case.mode):
        try:
            return random_cases.encode(random_cases.run_case(random_case, tf1, learntf))
        finally:
            if random_case.mode == "eager":
                learntf.random.set_seed(None)  # no later test sees this case's seed


def differences(expected, actual, path="result"):
    """Lines describing where `actual` differs from `expected` (empty if it does not)."""
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            return [
                "%s: TensorFlow gives a list of %d values, learntf %r"
                % (path, len(expected), type(actual).__name__)
            ]
        return [
            line
            for i, (e, a) in enumerate(zip(expected, actual))
            for line in differences(e, a, "%s[%d]" % (path, i))
        ]
    if isinstance(actual, list):
        return ["%s: TensorFlow gives one value, learntf a list" % path]
    if (expected.dtype, expected.shape) != (actual.dtype, actual.shape):
        return [
            "%s: TensorFlow gives %s %s, learntf %s %s"
            % (path, expected.dtype, expected.shape, actual.dtype, actual.shape)
        ]
    if expected.dtype.kind == "f":
        unsigned = "u%d" % expected.dtype.itemsize
        differ = expected.view(unsigned) != actual.view(unsigned)
    else:
        differ = expected != actual
    if not differ.any():
        return []
    where = tuple(int(i) for i in np.argwhere(differ)[0])
    return [
        "%s: %d of %d values differ; the first at %s: TensorFlow %r, learntf %r"
        % (
            path,
            int(differ.sum()),
            differ.size,
            where,
            expected[where].item(),
            actual[where].item(),
        )
    ]


def check(name):
    """None if learntf draws what TensorFlow drew for case `name`, else what differs."""
    random_case = CASES_BY_NAME[name]
    recorded = RECORDING["cases"][name]
    if recorded["source_sha256"] != random_cases.source_digest(random_case):
        return (
            "the program of case %r changed since it was recorded: run "
            ".venv-tf/bin/python scripts/record_tf_random.py" % name
        )
    expected = random_cases.decode(recorded["result"])
    actual = random_cases.decode(learntf_result(random_case))
    lines = differences(expected, actual)
    return "\n".join(lines) if lines else None


def test_the_recording_is_tensorflow_2_21_and_has_every_case():
    assert RECORDING["tensorflow_version"].startswith("2.21")
    assert sorted(RECORDING["cases"]) == sorted(CASES_BY_NAME)
    assert len(CASES_BY_NAME) >= 60
    modes = {case.mode for case in random_cases.CASES}
    assert modes == {"v1", "eager"}


def test_known_differences_name_real_cases():
    assert set(KNOWN_DIFFERENT) <= set(CASES_BY_NAME)


@pytest.mark.parametrize("name", sorted(CASES_BY_NAME))
def test_learntf_draws_tensorflows_numbers(name):
    if name in KNOWN_DIFFERENT:
        pytest.xfail(KNOWN_DIFFERENT[name]) if check(name) else pytest.fail(
            "case %r matches TensorFlow now: take it off KNOWN_DIFFERENT" % name
        )
    problem = check(name)
    assert problem is None, problem


def report():
    """One line of progress, then what differs in each case that differs."""
    failures = {}
    for name in sorted(CASES_BY_NAME):
        try:
            problem = check(name)
        except Exception as exc:  # a report lists every failure
            problem = "%s: %s" % (type(exc).__name__, exc)
        if problem:
            failures[name] = problem
    total = len(CASES_BY_NAME)
    print("random parity: %d/%d cases equal to the last bit" % (total - len(failures), total))
    for name, problem in failures.items():
        print("\n%s\n  %s" % (name, problem.replace("\n", "\n  ")))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--report", action="store_true", help="print progress and differences")
    if parser.parse_args().report:
        sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
        report()
