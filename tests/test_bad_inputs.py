"""Bad inputs to the public API answered as TensorFlow 2.21 answers them (issue 23).

Each row of tests/bad_input_cases.py runs on learntf through `run_case`, the code that recorded
it on real TensorFlow (scripts/record_tf_bad_inputs.py into tests/data/tf_bad_inputs.json):

- where TF raises, learntf raises the same class (learntf.errors' classes by name, Python's own
  as themselves), and its first line starts with TF's first line, or contains the row's
  fragment of TF's message;
- where TF returns a value, learntf returns the same value;
- the message names no private function, no NumPy internals, and the class is not NumPy's;
- every row finishes within bad_input_cases.TIMEOUT_SECONDS (a hang fails the row).

The command-line rows follow the CLI's documented behaviour (bad_input_cases.SPEC), and the rows
of NOT_ON_TF their written outcome, as TensorFlow cannot run them. KNOWN_DEVIATIONS (expected to
fail, strictly) and KNOWN_WORDS (TF's class, other words; checked to still differ) say which
rows learntf does not answer as TF yet, and why.
"""

import builtins
import json
import pathlib
import re

import bad_input_cases
import pytest
from behaviour import learntf_behaviour

RECORDING = json.loads(
    (pathlib.Path(__file__).resolve().parent / "data" / "tf_bad_inputs.json").read_text(
        encoding="utf-8"
    )
)

# Rows learntf does not yet answer as TF does, and why (each must fail: xfail strict).
KNOWN_DEVIATIONS = {}

# Rows whose error class is TF's but whose words are not (yet): checked strictly, the class
# must match and the words must still differ (a row worded as TF is taken out of here).
KNOWN_WORDS = {
    # TF's words leak NumPy's repr, `np.str_('a')`, which learntf's messages never show.
    "feed_a_string_to_a_float": "TF's message names NumPy's np.str_",
}

# A private function of learntf's (`_name(`), NumPy's scalars' reprs (`np.int64(`), or a NumPy
# error text in a message mean learntf let its insides show.
PRIVATE_WORDS = re.compile(
    r"(?<![\w.])_[a-z]\w*\(|\bnp\.\w+\(|numpy\.|operands could not be broadcast|"
    r"could not broadcast input array|integer division or modulo|Traceback|"
    r"negative dimensions are not allowed|invalid literal for|"
    r"setting an array element with a sequence|cannot reshape array"
)

RUN_CASES = [case for case in bad_input_cases.CASES if case.area != "cli"]


def params(cases):
    """The rows as pytest parameters, a known deviation expected to fail (strictly)."""
    return [
        pytest.param(
            case,
            id="%s-%s" % (case.area, case.name),
            marks=[pytest.mark.xfail(strict=True, reason=KNOWN_DEVIATIONS[case.name])]
            if case.name in KNOWN_DEVIATIONS
            else [],
        )
        for case in cases
    ]


CLI_CASES = [case for case in bad_input_cases.CASES if case.area == "cli"]


def test_the_table_is_big_enough_and_recorded():
    assert len(bad_input_cases.CASES) >= 150
    assert len({case.name for case in bad_input_cases.CASES}) == len(bad_input_cases.CASES)
    assert RECORDING["tensorflow_version"].startswith("2.21")
    on_tf = [c.name for c in RUN_CASES if c.name not in bad_input_cases.NOT_ON_TF]
    assert sorted(RECORDING["cases"]) == sorted(on_tf)
    names = {case.name for case in bad_input_cases.CASES}
    assert set(KNOWN_DEVIATIONS) <= names and set(KNOWN_WORDS) <= names
    assert not set(KNOWN_DEVIATIONS) & set(KNOWN_WORDS)
    assert all(counts for counts in bad_input_cases.area_counts().values())


def expected_outcome(case):
    if case.name in bad_input_cases.NOT_ON_TF:
        outcome, _reason = bad_input_cases.NOT_ON_TF[case.name]
        return dict(outcome, fragment=outcome["message"])
    return RECORDING["cases"][case.name]


@pytest.mark.parametrize("case", params(RUN_CASES))
def test_learntf_answers_a_bad_input_as_tensorflow_does(case):
    import learntf

    with learntf_behaviour("graph"):  # TF2's defaults: eager, with graphs as_default() blocks
        got = bad_input_cases.run_case(case, learntf)
    assert got.get("error") != "RowTimedOut", "the row hangs"
    expected = expected_outcome(case)
    if "error" not in expected:
        assert "error" not in got, "TF gives %s; learntf raised %s: %s" % (
            expected["value"],
            got.get("error"),
            got.get("text"),
        )
        assert got["value"] == expected["value"]
        return
    assert "error" in got, "TF raised %s; learntf gave %s" % (expected, got["value"])
    assert not got["module"].startswith("numpy"), "a bare NumPy error: %s" % got
    assert not PRIVATE_WORDS.search(got["text"]), "learntf's insides show: %s" % got["text"]
    assert got["error"] == expected["error"], got
    if hasattr(builtins, expected["error"]):
        assert got["module"] == "builtins", got
    else:
        assert got["module"].startswith("learntf"), got
    if "fragment" in expected:
        same_words = expected["fragment"] in got["text"]
    else:
        same_words = got["message"].startswith(expected["message"])
    if case.name in KNOWN_WORDS:
        assert not same_words, "worded as TF now: take it out of KNOWN_WORDS"
    else:
        assert same_words, (expected, got)


@pytest.mark.parametrize("case", CLI_CASES, ids=lambda case: "cli-%s" % case.name)
def test_the_course_command_line_refuses_bad_arguments_as_documented(case):
    args, status, words = bad_input_cases.SPEC[case.name]
    got = bad_input_cases.run_cli(case)
    assert got["exit"] == status
    assert "Traceback" not in got["stderr"]
    assert words in got["stderr"].strip().splitlines()[-1]  # the reason, last
