"""Record, with real TensorFlow 2.21, the TF 2 summary cases of tests/summary_v2_cases.py into
tests/data/tf_summaries.json.

    .venv-tf/bin/python scripts/record_tf_summaries.py           # (re)write the recording
    .venv-tf/bin/python scripts/record_tf_summaries.py --check   # exit 1 if it would change

TensorFlow lives only in .venv-tf (scripts/ensure-tf-venv.sh makes it). Each case runs eagerly
(TF 2 behaviour) with a fresh log directory, through summary_v2_cases.run_case, the code the
learntf test uses too: the events TensorFlow wrote are read back with TensorBoard's reader and
kept field by field, without wall times (tests/test_summary_v2.py compares them).
"""

import os
import pathlib
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "tests" / "data" / "tf_summaries.json"
NOTE = (
    "Recorded with real TensorFlow by scripts/record_tf_summaries.py from the programs of "
    "tests/summary_v2_cases.py; compared with learntf by tests/test_summary_v2.py. "
    "Do not edit by hand: change a case, then record again."
)

sys.path.insert(0, str(ROOT / "tests"))
import recording  # noqa: E402  (scripts/recording.py: write or --check)
import summary_v2_cases  # noqa: E402  (shared with the learntf test)


def record_all():
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import tensorflow as tf

    tf.get_logger().setLevel("ERROR")
    cases = {}
    for summary_case in summary_v2_cases.CASES:
        with tempfile.TemporaryDirectory() as logdir:
            result = summary_v2_cases.run_case(summary_case, tf, logdir)
        cases[summary_case.name] = dict(
            result, source_sha256=summary_v2_cases.source_digest(summary_case)
        )
    return {"tensorflow_version": tf.__version__, "note": NOTE, "cases": cases}


def to_json_text(recording_data):
    """Sorted keys, one event or shown value per line (short diffs when a recording changes)."""
    return recording.cases_json_text(
        recording_data, ("files", "source_sha256"), ("events", "shown")
    )


def main(argv=None):
    def summarize(recording):
        cases = recording["cases"].values()
        return "%d cases, %d events, %d shown values, TensorFlow %s" % (
            len(recording["cases"]),
            sum(len(c["events"]) for c in cases),
            sum(len(c["shown"]) for c in cases),
            recording["tensorflow_version"],
        )

    return recording.main(__doc__, OUTPUT, record_all, to_json_text, summarize, argv)


if __name__ == "__main__":
    sys.exit(main())
