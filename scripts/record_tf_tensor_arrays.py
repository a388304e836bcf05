"""Record, with real TensorFlow 2.21, what the TensorArray and TensorList programs of
tests/tensor_array_cases.py give, into tests/data/tf_tensor_arrays.json.

    .venv-tf/bin/python scripts/record_tf_tensor_arrays.py           # (re)write the recording
    .venv-tf/bin/python scripts/record_tf_tensor_arrays.py --check   # exit 1 if it would change

TensorFlow lives only in .venv-tf (scripts/ensure-tf-venv.sh makes it).  Every case runs with
tensor_array_cases.run_case (the code the learntf test uses too): values with their dtypes and
shapes, the ops of a tf.function's or a graph's ops (type and name), an error as its class and
first message line.  The output is deterministic: recording again gives no diff.
"""

import os
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "tests" / "data" / "tf_tensor_arrays.json"
NOTE = (
    "Recorded with real TensorFlow by scripts/record_tf_tensor_arrays.py from the programs of "
    "tests/tensor_array_cases.py; compared with learntf by tests/test_tensor_array.py. Do not "
    "edit by hand: change a case, then record again."
)

sys.path.insert(0, str(ROOT / "tests"))
import recording  # noqa: E402  (scripts/recording.py: write or --check)
import tensor_array_cases  # noqa: E402  (tests/tensor_array_cases.py, shared with the test)


def record_all():
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import tensorflow as tf
    from tensorflow.python.ops import list_ops

    tf.get_logger().setLevel("CRITICAL")  # (a wrong dtype is only logged: not our output)
    cases = {}
    for name, mode, source, args in tensor_array_cases.CASES:
        outcome = tensor_array_cases.run_case(tf, list_ops, mode, source, args)
        cases[name] = dict(outcome, mode=mode)
    return {"tensorflow_version": tf.__version__, "note": NOTE, "cases": cases}


def main(argv=None):
    return recording.main(
        __doc__,
        OUTPUT,
        record_all,
        recording.one_case_per_line,
        lambda data: "%d cases" % len(data["cases"]),
        argv,
    )


if __name__ == "__main__":
    sys.exit(main())
