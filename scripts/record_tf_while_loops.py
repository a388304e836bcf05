"""Record what TensorFlow 2.21 does with the loops of tests/while_loop_cases.py.

    .venv-tf/bin/python scripts/record_tf_while_loops.py           # (re)write the recording
    .venv-tf/bin/python scripts/record_tf_while_loops.py --check   # exit 1 if it would change

Each case runs as its mode says (tests/while_loop_cases.py): the eager, function and graph
cases with TensorFlow 2's behaviour, then disable_v2_behavior() and the v1 cases.  The values,
errors, graph op types and While ops go to tests/data/tf_while_loops.json, which
tests/test_while_loop.py compares with learntf.
"""

import json
import os
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "tests" / "data" / "tf_while_loops.json"
NOTE = (
    "Recorded with real TensorFlow by scripts/record_tf_while_loops.py from the programs of "
    "tests/while_loop_cases.py; compared with learntf by tests/test_while_loop.py. "
    "Do not edit by hand: change a case, then record again."
)

sys.path.insert(0, str(ROOT / "tests"))
import recording  # noqa: E402  (scripts/recording.py: write or --check)
import while_loop_cases  # noqa: E402  (tests/while_loop_cases.py, shared with the learntf test)


def record_all():
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import tensorflow as tf
    import tensorflow.compat.v1 as tf1

    tf.get_logger().setLevel("ERROR")

    def concrete_graph(f, args):
        return f.get_concrete_function(*args).graph

    cases = {}
    for case in while_loop_cases.CASES:  # TF 2's behaviour first: v1 can't be undone
        if case.mode != "v1":
            cases[case.name] = while_loop_cases.run_case(case, tf, tf1, concrete_graph)
    tf1.disable_v2_behavior()
    for case in while_loop_cases.CASES:
        if case.mode == "v1":
            cases[case.name] = while_loop_cases.run_case(case, tf, tf1, concrete_graph)
    return {"tensorflow_version": tf.__version__, "note": NOTE, "cases": cases}


def to_json_text(recording_data):
    lines = ["{"]
    for key in sorted(k for k in recording_data if k != "cases"):
        lines.append(" %s: %s," % (json.dumps(key), json.dumps(recording_data[key])))
    lines.append(' "cases": {')
    names = sorted(recording_data["cases"])
    for index, name in enumerate(names):
        comma = "," if index < len(names) - 1 else ""
        lines.append(
            "  %s: %s%s"
            % (json.dumps(name), json.dumps(recording_data["cases"][name], sort_keys=True), comma)
        )
    lines.append(" }")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv=None):
    def summarize(recording_data):
        cases = recording_data["cases"].values()
        errors = sum("error" in entry for entry in cases)
        return "%d cases (%d errors), TensorFlow %s" % (
            len(recording_data["cases"]),
            errors,
            recording_data["tensorflow_version"],
        )

    return recording.main(__doc__, OUTPUT, record_all, to_json_text, summarize, argv)


if __name__ == "__main__":
    sys.exit(main())
