"""Record, with real TensorFlow 2.21, what the programs of tests/gradient_cases.py compute
(tf.custom_gradient, tf.stop_gradient, GradientTape.batch_jacobian), into
tests/data/tf_gradients.json.

    .venv-tf/bin/python scripts/record_tf_gradients.py           # (re)write the recording
    .venv-tf/bin/python scripts/record_tf_gradients.py --check   # exit 1 if it would change

The eager cases run first; then TF 1 behaviour is switched on (disable_v2_behavior) and the
"v1" cases run, each in a fresh graph.
"""

import os
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "tests" / "data" / "tf_gradients.json"
NOTE = (
    "Recorded with real TensorFlow by scripts/record_tf_gradients.py from the programs of "
    "tests/gradient_cases.py; compared with learntf by tests/test_custom_gradient.py. Do not "
    "edit by hand: change a case, then record again."
)

sys.path.insert(0, str(ROOT / "tests"))
import gradient_cases  # noqa: E402  (tests/gradient_cases.py, shared with the learntf test)
import recording  # noqa: E402  (scripts/recording.py: write or --check)


def record_all():
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import tensorflow as tf

    tf.get_logger().setLevel("ERROR")
    cases = recording.record_eager_then_v1(gradient_cases, tf)
    return {"tensorflow_version": tf.__version__, "note": NOTE, "cases": cases}


def main(argv=None):
    return recording.main(
        __doc__,
        OUTPUT,
        record_all,
        recording.one_case_per_line,
        lambda r: "%d cases" % len(r["cases"]),
        argv,
    )


if __name__ == "__main__":
    sys.exit(main())
