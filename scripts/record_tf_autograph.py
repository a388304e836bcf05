"""Record what TensorFlow 2.21's AutoGraph does with tests/autograph_cases.py in
tests/data/tf_autograph.json.

    .venv-tf/bin/python scripts/record_tf_autograph.py           # (re)write the recording
    .venv-tf/bin/python scripts/record_tf_autograph.py --check   # exit 1 if it would change

TensorFlow lives only in .venv-tf (scripts/ensure-tf-venv.sh makes it). Each case runs through
autograph_cases.run_case, the code the learntf test uses too: the values its tf.function calls
return, or the error (class, TensorFlow's words, the user's statement it points at). The
converted source of autograph_cases.to_code_cases() is recorded as tf.autograph.to_code gives
it (each `nonlocal` list sorted: TF writes them in set order).
"""

import json
import os
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "tests" / "data" / "tf_autograph.json"
NOTE = (
    "Recorded with real TensorFlow by scripts/record_tf_autograph.py from the cases of "
    "tests/autograph_cases.py; compared with learntf by tests/test_autograph.py. "
    "Do not edit by hand: change a case, then record again."
)

sys.path.insert(0, str(ROOT / "tests"))
import autograph_cases  # noqa: E402  (tests/autograph_cases.py, shared with the learntf test)
import recording  # noqa: E402  (scripts/recording.py: write or --check)


def record_all():
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import tensorflow as tf

    tf.get_logger().setLevel("ERROR")
    cases = {
        name: autograph_cases.run_case(case, tf) for name, case in autograph_cases.CASES.items()
    }
    to_code = {
        f.__name__: autograph_cases.normalize_code(tf.autograph.to_code(f))
        for f in autograph_cases.to_code_cases()
    }
    return {"tensorflow_version": tf.__version__, "note": NOTE, "cases": cases, "to_code": to_code}


def to_json_text(recording):
    lines = ["{"]
    for key in ("note", "tensorflow_version"):
        lines.append(" %s: %s," % (json.dumps(key), json.dumps(recording[key])))
    for key in ("cases", "to_code"):
        lines.append(" %s: {" % json.dumps(key))
        names = sorted(recording[key])
        for index, name in enumerate(names):
            comma = "," if index < len(names) - 1 else ""
            value = json.dumps(recording[key][name], sort_keys=True)
            lines.append("  %s: %s%s" % (json.dumps(name), value, comma))
        lines.append(" }" + ("," if key == "cases" else ""))
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv=None):
    def summarize(recording):
        errors = sum("error" in c for c in recording["cases"].values())
        return "%d cases (%d errors), %d converted sources, TensorFlow %s" % (
            len(recording["cases"]),
            errors,
            len(recording["to_code"]),
            recording["tensorflow_version"],
        )

    return recording.main(__doc__, OUTPUT, record_all, to_json_text, summarize, argv)


if __name__ == "__main__":
    sys.exit(main())
