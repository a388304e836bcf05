"""learntf against a recording of TensorFlow 2.21 running a fixed batch of the differential
tester's random programs (tests/differential/generator.py, seed 0; recorded by
scripts/record_tf_differential.py into tests/data/tf_differential.json).

Each program runs on learntf, with `tensorflow` mapped to `learntf`, and must do what TF did:
the same error class, or the same values, dtypes, shapes and static shapes (runner.compare).
`make difftest` runs larger batches against a live TensorFlow.
"""

import json
import pathlib
import sys
import warnings

import pytest
from behaviour import learntf_behaviour

import learntf

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "differential"))
import generator  # noqa: E402
import runner  # noqa: E402

RECORDING = json.loads((HERE / "data" / "tf_differential.json").read_text(encoding="utf-8"))
CASES = RECORDING["cases"]
SEED = 0

# Programs on which learntf knowingly differs: {id: reason}.
KNOWN_DIFFERENCES = {}


def test_the_recording_holds_the_generators_programs():
    programs = generator.generate(SEED, len(CASES))
    assert {p["id"]: p["text"] for p in programs} == {
        name: case["source"] for name, case in CASES.items()
    }, "tests/differential/generator.py changed: record again (scripts/record_tf_differential.py)"


@pytest.mark.parametrize("name", sorted(CASES))
def test_learntf_does_what_tensorflow_did(name):
    if name in KNOWN_DIFFERENCES:
        pytest.xfail(KNOWN_DIFFERENCES[name])
    case = CASES[name]
    program = {"id": name, "category": case["category"], "mode": case["mode"]}
    # (the runner sets up a process of its own: put back what it changes for the next tests)
    saved, logger = sys.modules.get("tensorflow"), learntf.get_logger()
    level = logger.level
    try:
        with learntf_behaviour("eager"), warnings.catch_warnings():
            actual = runner.run_programs([dict(program, text=case["source"])], "learntf")[name]
    finally:
        logger.setLevel(level)
        if saved is None:
            sys.modules.pop("tensorflow", None)
        else:
            sys.modules["tensorflow"] = saved
    expected = {"ok": case["ok"]} if "ok" in case else {"error": case["error"]}
    found = runner.compare(program, expected, actual)
    assert found is None, "%s: %s\n%s" % (found[0], found[1], case["source"])
