"""Record what TensorFlow 2.21 computes for tests/op_value_cases.py in tests/data/tf_op_values.json.

    .venv-tf/bin/python scripts/record_tf_op_values.py           # (re)write the recording
    .venv-tf/bin/python scripts/record_tf_op_values.py --check   # exit 1 if it would change

TensorFlow lives only in .venv-tf (scripts/ensure-tf-venv.sh makes it). Each expression runs in
eager mode and in a graph run by a Session, through op_value_cases.evaluate, the code the learntf
test uses too; BroadcastGradientArgs runs eagerly on each pair of shapes. The output is
deterministic (sorted keys, one expression per line).
"""

import json
import os
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "tests" / "data" / "tf_op_values.json"
NOTE = (
    "Recorded with real TensorFlow by scripts/record_tf_op_values.py from the expressions of "
    "tests/op_value_cases.py; compared with learntf by tests/test_op_value_parity.py. "
    "Do not edit by hand: change a case, then record again."
)

sys.path.insert(0, str(ROOT / "tests"))
import op_value_cases  # noqa: E402  (tests/op_value_cases.py, shared with the learntf test)
import recording  # noqa: E402  (scripts/recording.py: write or --check)


def record_all():
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import tensorflow as tf
    import tensorflow.compat.v1 as tf1
    from tensorflow.python.ops import gen_array_ops

    tf.get_logger().setLevel("ERROR")
    values = {
        expression: {
            mode: op_value_cases.evaluate(expression, mode, tf1, tf)
            for mode in op_value_cases.MODES
        }
        for expression in op_value_cases.EXPRESSIONS
    }
    broadcasts = [
        op_value_cases.broadcast_gradient_args(s0, s1, tf, gen_array_ops.broadcast_gradient_args)
        for s0, s1 in op_value_cases.BROADCAST_SHAPES
    ]
    return {
        "tensorflow_version": tf.__version__,
        "note": NOTE,
        "values": values,
        "broadcast_gradient_args": broadcasts,
    }


def to_json_text(recording):
    lines = ["{"]
    for key in ("note", "tensorflow_version", "broadcast_gradient_args"):
        lines.append(" %s: %s," % (json.dumps(key), json.dumps(recording[key], sort_keys=True)))
    lines.append(' "values": {')
    expressions = sorted(recording["values"])
    for index, expression in enumerate(expressions):
        comma = "," if index < len(expressions) - 1 else ""
        lines.append(
            "  %s: %s%s"
            % (
                json.dumps(expression),
                json.dumps(recording["values"][expression], sort_keys=True),
                comma,
            )
        )
    lines.append(" }")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv=None):
    def summarize(recording):
        return "%d expressions x %d modes, %d shape pairs, TensorFlow %s" % (
            len(recording["values"]),
            len(op_value_cases.MODES),
            len(recording["broadcast_gradient_args"]),
            recording["tensorflow_version"],
        )

    return recording.main(__doc__, OUTPUT, record_all, to_json_text, summarize, argv)


if __name__ == "__main__":
    sys.exit(main())
