"""Record, with real TensorFlow 2.21, what the programs of tests/function_detail_cases.py give
(tf.function's printed signatures, function_spec, reduce_retracing, NumPy scalars, the
retracing warning, a call in a TF 1 graph), into tests/data/tf_function_details.json.

    .venv-tf/bin/python scripts/record_tf_function_details.py           # (re)write the recording
    .venv-tf/bin/python scripts/record_tf_function_details.py --check   # exit 1 if it would change

The eager cases run first; then TF 1 behaviour is switched on (disable_v2_behavior) and the
"v1" cases run, each in a fresh graph.
"""

import json
import os
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "tests" / "data" / "tf_function_details.json"
NOTE = (
    "Recorded with real TensorFlow by scripts/record_tf_function_details.py from the programs "
    "of tests/function_detail_cases.py; compared with learntf by tests/test_function_details.py. "
    "Do not edit by hand: change a case, then record again."
)

sys.path.insert(0, str(ROOT / "tests"))
import function_detail_cases  # noqa: E402  (tests/function_detail_cases.py, shared with the learntf test)
import recording  # noqa: E402  (scripts/recording.py: write or --check)


def record_all():
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import tensorflow as tf

    tf.get_logger().setLevel("ERROR")
    cases = {}
    for case in function_detail_cases.CASES:
        if case.mode == "eager":
            cases[case.name] = dict(function_detail_cases.run_case(case, tf), source=case.source)
    tf.compat.v1.disable_v2_behavior()
    for case in function_detail_cases.CASES:
        if case.mode == "v1":
            with tf.Graph().as_default():
                record = function_detail_cases.run_case(case, tf.compat.v1)
            cases[case.name] = dict(record, source=case.source)
    return {"tensorflow_version": tf.__version__, "note": NOTE, "cases": cases}


def dump(recording):
    """One case per line, keys sorted: a stable, reviewable file."""
    lines = [
        '{"tensorflow_version": %s,' % json.dumps(recording["tensorflow_version"]),
        ' "note": %s,' % json.dumps(recording["note"]),
        ' "cases": {',
    ]
    items = sorted(recording["cases"].items())
    for i, (name, case) in enumerate(items):
        lines.append(
            "  %s: %s%s"
            % (
                json.dumps(name),
                json.dumps(case, sort_keys=True),
                "," if i < len(items) - 1 else "",
            )
        )
    lines.append(" }}")
    return "\n".join(lines) + "\n"


def main(argv=None):
    return recording.main(
        __doc__, OUTPUT, record_all, dump, lambda r: "%d cases" % len(r["cases"]), argv
    )


if __name__ == "__main__":
    sys.exit(main())
