"""Record, with real TensorFlow 2.21, what tf.nest gives for the cases of tests/nest_cases.py,
into tests/data/tf_nest.json.

    .venv-tf/bin/python scripts/record_tf_nest.py           # (re)write the recording
    .venv-tf/bin/python scripts/record_tf_nest.py --check   # exit 1 if it would change

TensorFlow lives only in .venv-tf (scripts/ensure-tf-venv.sh makes it).  Every case is an
expression, evaluated in eager mode; its result is written down by nest_cases.encode (the code
the learntf test uses too), an error as its class and message.  The output is deterministic, so
recording again with the same TensorFlow gives no diff.
"""

import os
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "tests" / "data" / "tf_nest.json"
NOTE = (
    "Recorded with real TensorFlow by scripts/record_tf_nest.py from the expressions of "
    "tests/nest_cases.py; compared with learntf by tests/test_nest.py. Do not edit by hand: "
    "change a case, then record again."
)

sys.path.insert(0, str(ROOT / "tests"))
import nest_cases  # noqa: E402  (tests/nest_cases.py, shared with the learntf test)
import recording  # noqa: E402  (scripts/recording.py: write or --check)


def record_all():
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import tensorflow as tf

    tf.get_logger().setLevel("ERROR")
    cases = {
        name: dict(nest_cases.run_case(expression, tf, tf.nest), expression=expression)
        for name, expression in nest_cases.CASES
    }
    return {"tensorflow_version": tf.__version__, "note": NOTE, "cases": cases}


def main(argv=None):
    return recording.main(
        __doc__,
        OUTPUT,
        record_all,
        recording.one_case_per_line,
        lambda recording: "%d cases" % len(nest_cases.CASES),
        argv,
    )


if __name__ == "__main__":
    sys.exit(main())
