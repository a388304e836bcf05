"""Record the FunctionDefs TensorFlow 2.21 writes for tests/function_def_cases.py.

    .venv-tf/bin/python scripts/record_tf_function_defs.py [--check]

Each case's function is traced by real TensorFlow and its `function_def` written in protobuf
text form into tests/data/tf_function_defs.json, its name with TensorFlow's counter taken off
(`__inference_f_17` -> `__inference_f`).  tests/test_saved_model_function_def.py compares
learntf's FunctionDefs of the same programs with these.
"""

import json
import os
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "scripts"))
import function_def_cases  # noqa: E402  (shared with the learntf test)
import recording  # noqa: E402


def record_all():
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import tensorflow as tf

    recorded = {}
    for case in function_def_cases.CASES:
        fdef = case(tf).function_def
        fdef.signature.name = re.sub(r"_\d+$", "", fdef.signature.name)
        recorded[case.__name__] = str(fdef)
    return {"tensorflow": tf.__version__, "function_defs": recorded}


def to_json_text(recording_data):
    return json.dumps(recording_data, indent=1, sort_keys=True) + "\n"


def summarize(recording_data):
    return "%d FunctionDefs from TensorFlow %s" % (
        len(recording_data["function_defs"]),
        recording_data["tensorflow"],
    )


if __name__ == "__main__":
    sys.exit(
        recording.main(
            __doc__,
            ROOT / "tests" / "data" / "tf_function_defs.json",
            record_all,
            to_json_text,
            summarize,
        )
    )
