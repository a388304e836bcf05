"""Record what TensorFlow 2.21 prints for the tf.cond programs of tests/cond_cases.py.

    .venv-tf/bin/python scripts/record_tf_conds.py           # (re)write tests/data/tf_conds.json
    .venv-tf/bin/python scripts/record_tf_conds.py --check   # exit 1 if it would change

TensorFlow lives only in .venv-tf (scripts/ensure-tf-venv.sh makes it). The "eager", "graph" and
"function" programs run first, with TensorFlow 2's behaviour; then disable_v2_behavior() and the
"v1" programs. Each runs through cond_cases.run, the code tests/test_cond.py runs on learntf.
"""

import os
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "tests" / "data" / "tf_conds.json"
NOTE = (
    "Recorded with real TensorFlow by scripts/record_tf_conds.py from the programs of "
    "tests/cond_cases.py; compared with learntf by tests/test_cond.py. Do not edit by hand."
)

sys.path.insert(0, str(ROOT / "tests"))
import cond_cases  # noqa: E402  (tests/cond_cases.py, shared with the learntf test)
import recording  # noqa: E402  (scripts/recording.py: write or --check)


def record_all():
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import tensorflow as tf
    import tensorflow.compat.v1 as tf1

    tf.get_logger().setLevel("ERROR")
    cases = {}
    for case in cond_cases.CASES:
        if case.mode != "v1":
            cases[case.name] = {"mode": case.mode, **cond_cases.run(case, tf, tf1)}
    tf1.disable_v2_behavior()
    for case in cond_cases.CASES:
        if case.mode == "v1":
            cases[case.name] = {"mode": case.mode, **cond_cases.run(case, tf, tf1)}
    return {"tensorflow_version": tf.__version__, "note": NOTE, "cases": cases}


def main(argv=None):
    def to_json_text(recorded):
        return recording.cases_json_text(recorded, ["mode", "error"], ["shown"])

    def summarize(recorded):
        return "%d programs, TensorFlow %s" % (
            len(recorded["cases"]),
            recorded["tensorflow_version"],
        )

    return recording.main(__doc__, OUTPUT, record_all, to_json_text, summarize, argv)


if __name__ == "__main__":
    sys.exit(main())
