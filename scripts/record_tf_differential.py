"""Record what TensorFlow 2.21 does with a fixed batch of the differential tester's random
programs (tests/differential/generator.py, seed 0, 300 programs) in
tests/data/tf_differential.json, for tests/test_differential.py (no TensorFlow at test time).

    .venv-tf/bin/python scripts/record_tf_differential.py           # (re)write the recording
    .venv-tf/bin/python scripts/record_tf_differential.py --check   # exit 1 if it would change

TensorFlow lives only in .venv-tf (scripts/ensure-tf-venv.sh makes it). The programs run one
after the other in this process with TF 2's behaviour (a graph-mode program builds its own
tf.Graph and runs it in a v1 Session), as tests/differential/runner.py runs them. Each case
keeps its program's text, its category and mode, and TF's outcome: the normalized values it
computed (runner.normalize) or its error's class. Make difftest runs bigger batches live.
"""

import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "tests" / "data" / "tf_differential.json"
SEED, COUNT = 0, 300
NOTE = (
    "Recorded with real TensorFlow by scripts/record_tf_differential.py: the outcomes of "
    "tests/differential/generator.py's programs (seed %d, %d programs); compared with learntf "
    "by tests/test_differential.py. Do not edit by hand: change the generator, then record "
    "again." % (SEED, COUNT)
)

sys.path.insert(0, str(ROOT / "tests" / "differential"))
import generator  # noqa: E402  (tests/differential/generator.py)
import recording  # noqa: E402  (scripts/recording.py: write or --check)
import runner  # noqa: E402  (tests/differential/runner.py: runs and normalizes)


def record_all():
    import tensorflow as tf

    programs = generator.generate(SEED, COUNT)
    results = runner.run_programs(programs, "tensorflow")
    cases = {}
    for program in programs:
        outcome = results[program["id"]]
        outcome = {"ok": outcome["ok"]} if "ok" in outcome else {"error": outcome["error"]}
        cases[program["id"]] = dict(
            outcome, category=program["category"], mode=program["mode"], source=program["text"]
        )
    return {"tensorflow_version": tf.__version__, "note": NOTE, "cases": cases}


def summarize(recorded):
    errors = sum("error" in case for case in recorded["cases"].values())
    return "%d programs (seed %d), %d of them raise on TensorFlow" % (
        len(recorded["cases"]),
        SEED,
        errors,
    )


if __name__ == "__main__":
    sys.exit(recording.main(__doc__, OUTPUT, record_all, recording.one_case_per_line, summarize))
