"""Record, with real TensorFlow 2.21, the TF1 reference-variable cases of
tests/ref_variable_cases.py into tests/data/tf_ref_variables.json.

    .venv-tf/bin/python scripts/record_tf_ref_variables.py           # (re)write the recording
    .venv-tf/bin/python scripts/record_tf_ref_variables.py --check   # exit 1 if it would change

TensorFlow lives only in .venv-tf (scripts/ensure-tf-venv.sh makes it). The script calls
tf.compat.v1.disable_v2_behavior(), then runs every case in a fresh tf.Graph with
ref_variable_cases.run_case, the code the learntf test uses too, after turning TensorFlow's
protocol-buffer attr values (shapes) into Python. The output is deterministic (sorted keys, one
node or one shown value per line); tests/test_ref_variables.py checks that each case's program
is the one that was recorded.
"""

import os
import pathlib
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "tests" / "data" / "tf_ref_variables.json"
NOTE = (
    "Recorded with real TensorFlow by scripts/record_tf_ref_variables.py from the programs of "
    "tests/ref_variable_cases.py; compared with learntf by tests/test_ref_variables.py. "
    "Do not edit by hand: change a case, then record again."
)

sys.path.insert(0, str(ROOT / "tests"))
import recording  # noqa: E402  (scripts/recording.py: write or --check)
import ref_variable_cases  # noqa: E402  (shared with the learntf test)


def record_all():
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import tensorflow as tf
    import tensorflow.compat.v1 as tf1

    tf.get_logger().setLevel("ERROR")
    tf1.disable_v2_behavior()

    def convert(value):
        return tf.TensorShape(value) if type(value).__name__ == "TensorShapeProto" else value

    cases = {}
    for ref_case in ref_variable_cases.CASES:
        with tempfile.TemporaryDirectory() as tmp_dir:
            result = ref_variable_cases.run_case(ref_case, tf1, tmp_dir, convert)
        cases[ref_case.name] = dict(
            result,
            compare=ref_case.compare,
            source_sha256=ref_variable_cases.source_digest(ref_case),
        )
    return {"tensorflow_version": tf.__version__, "note": NOTE, "cases": cases}


def to_json_text(recording_data):
    """Sorted keys, one node or shown value per line (short diffs when a recording changes)."""
    return recording.cases_json_text(
        recording_data, ("compare", "source_sha256"), ("nodes", "shown")
    )


def main(argv=None):
    def summarize(recording):
        cases = recording["cases"].values()
        return "%d cases, %d nodes, %d shown values, TensorFlow %s" % (
            len(recording["cases"]),
            sum(len(c["nodes"]) for c in cases),
            sum(len(c["shown"]) for c in cases),
            recording["tensorflow_version"],
        )

    return recording.main(__doc__, OUTPUT, record_all, to_json_text, summarize, argv)


if __name__ == "__main__":
    sys.exit(main())
