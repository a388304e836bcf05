"""Record what TensorFlow 2.21 does with the bad inputs of tests/bad_input_cases.py, in
tests/data/tf_bad_inputs.json.

    .venv-tf/bin/python scripts/record_tf_bad_inputs.py           # (re)write the recording
    .venv-tf/bin/python scripts/record_tf_bad_inputs.py --check   # exit 1 if it would change

TensorFlow lives only in .venv-tf (scripts/ensure-tf-venv.sh makes it). Each row runs through
bad_input_cases.run_case, the code tests/test_bad_inputs.py runs on learntf: TF's error class
and first line, or the value TF gives. The command-line rows (learntf's own CLI) and the rows of
NOT_ON_TF are not run here. A row's `fragment` must be part of TF's message.
"""

import os
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "tests" / "data" / "tf_bad_inputs.json"
NOTE = (
    "Recorded with real TensorFlow by scripts/record_tf_bad_inputs.py from the rows of "
    "tests/bad_input_cases.py; compared with learntf by tests/test_bad_inputs.py. "
    "Do not edit by hand: change a row, then record again."
)

sys.path.insert(0, str(ROOT / "tests"))
import bad_input_cases  # noqa: E402  (tests/bad_input_cases.py, shared with the learntf test)
import recording  # noqa: E402  (scripts/recording.py: write or --check)


def record_all():
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import tensorflow as tf

    tf.get_logger().setLevel("ERROR")
    cases, wrong_fragments = {}, []
    for case in bad_input_cases.CASES:
        if case.area == "cli" or case.name in bad_input_cases.NOT_ON_TF:
            continue
        outcome = bad_input_cases.run_case(case, tf)
        outcome.pop("module", None)
        text = outcome.pop("text", "")
        if case.fragment is not None:  # the words the row says are TF's are TF's
            if "error" not in outcome or case.fragment not in text:
                wrong_fragments.append((case.name, outcome))
            # (the fragment alone: the rest of the line names temporary files and the like)
            outcome = {"error": outcome.get("error"), "fragment": case.fragment}
        cases[case.name] = dict(outcome, area=case.area)
    assert not wrong_fragments, "fragments not in TF's message: %s" % wrong_fragments
    return {"tensorflow_version": tf.__version__, "note": NOTE, "cases": cases}


def main(argv=None):
    def summarize(recording):
        errors = sum("error" in case for case in recording["cases"].values())
        return "%d rows (%d errors, %d values), TensorFlow %s" % (
            len(recording["cases"]),
            errors,
            len(recording["cases"]) - errors,
            recording["tensorflow_version"],
        )

    return recording.main(__doc__, OUTPUT, record_all, recording.one_case_per_line, summarize, argv)


if __name__ == "__main__":
    sys.exit(main())
