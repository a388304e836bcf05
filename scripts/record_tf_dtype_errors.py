"""Record TensorFlow 2.21's dtype errors for tests/dtype_error_cases.py, and the dtypes TF's
OpDef of each learntf op accepts per input, in tests/data/tf_dtype_errors.json.

    PYTHONPATH=. .venv-tf/bin/python scripts/record_tf_dtype_errors.py           # (re)write
    PYTHONPATH=. .venv-tf/bin/python scripts/record_tf_dtype_errors.py --check  # 1: would change

TensorFlow lives only in .venv-tf (scripts/ensure-tf-venv.sh makes it).  learntf is imported
only for the names of its registered ops.  The output is deterministic (sorted keys).
"""

import json
import os
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "tests" / "data" / "tf_dtype_errors.json"
NOTE = (
    "Recorded with real TensorFlow by scripts/record_tf_dtype_errors.py from "
    "tests/dtype_error_cases.py and TF's OpDefs of learntf's ops; compared with learntf by "
    "tests/test_hints.py. Do not edit by hand: change a case, then record again."
)

sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))
import dtype_error_cases  # noqa: E402  (tests/dtype_error_cases.py, shared with the learntf test)
import recording  # noqa: E402  (scripts/recording.py: write or --check)


def learntf_op_types():
    from learntf._lazy import load_all_ops
    from learntf.framework.op_registry import OP_DEFS

    load_all_ops()
    return sorted(OP_DEFS)


def op_inputs(op_type):
    """{input name: {"attr": type attr or None, "allowed": [dtype names] or None for any}}."""
    from tensorflow.python.framework import dtypes, op_def_registry

    op_def = op_def_registry.get(op_type)
    if op_def is None:
        return None
    attrs = {attr.name: attr for attr in op_def.attr}
    inputs = {}
    for arg in op_def.input_arg:
        if arg.type_attr:
            listed = attrs[arg.type_attr].allowed_values.list.type
            inputs[arg.name] = {
                "attr": arg.type_attr,
                "allowed": [dtypes.as_dtype(t).name for t in listed] or None,
            }
        elif arg.type:
            inputs[arg.name] = {"attr": None, "allowed": [dtypes.as_dtype(arg.type).name]}
        else:  # a list of inputs of several types
            inputs[arg.name] = {"attr": arg.type_list_attr, "allowed": None}
    return inputs


def record_all():
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import tensorflow as tf

    tf.get_logger().setLevel("ERROR")
    errors = {
        expression: {
            mode: dtype_error_cases.evaluate(expression, mode, tf)
            for mode in dtype_error_cases.MODES
        }
        for expression in dtype_error_cases.EXPRESSIONS
    }
    op_defs = {op_type: op_inputs(op_type) for op_type in learntf_op_types()}
    return {
        "tensorflow_version": tf.__version__,
        "note": NOTE,
        "errors": errors,
        "op_inputs": op_defs,
    }


def to_json_text(recording):
    lines = ["{"]
    for key in ("note", "tensorflow_version"):
        lines.append(" %s: %s," % (json.dumps(key), json.dumps(recording[key])))
    for index, key in enumerate(("errors", "op_inputs")):
        lines.append(" %s: {" % json.dumps(key))
        names = sorted(recording[key])
        for number, name in enumerate(names):
            comma = "," if number < len(names) - 1 else ""
            lines.append(
                "  %s: %s%s"
                % (json.dumps(name), json.dumps(recording[key][name], sort_keys=True), comma)
            )
        lines.append(" }" + ("," if index == 0 else ""))
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv=None):
    def summarize(recording):
        return "%d expressions x %d modes, %d op types, TensorFlow %s" % (
            len(recording["errors"]),
            len(dtype_error_cases.MODES),
            len(recording["op_inputs"]),
            recording["tensorflow_version"],
        )

    return recording.main(__doc__, OUTPUT, record_all, to_json_text, summarize, argv)


if __name__ == "__main__":
    sys.exit(main())
