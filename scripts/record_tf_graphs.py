"""Record the graphs TensorFlow 2.21 builds for tests/graph_cases.py in tests/data/tf_graphs.json.

    .venv-tf/bin/python scripts/record_tf_graphs.py           # (re)write the recording
    .venv-tf/bin/python scripts/record_tf_graphs.py --check   # exit 1 if it would change

TensorFlow lives only in .venv-tf (scripts/ensure-tf-venv.sh makes it). Each case's program runs
as its mode says (tests/graph_cases.py): the "graph" and "function" cases first, with
TensorFlow 2's behaviour; then disable_v2_behavior() and the "v1" cases, each in a fresh
tf.Graph. Every node is written down by graph_cases.node_records, the code the learntf test uses
too, after TensorFlow's protocol buffers (shapes, tensors) are turned into Python and NumPy
values. The output is deterministic (sorted keys, one node per line), so recording again with the
same TensorFlow gives no diff; tests/test_graph_parity.py checks that each case's program is
the one that was recorded.
"""

import json
import os
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "tests" / "data" / "tf_graphs.json"
NOTE = (
    "Recorded with real TensorFlow by scripts/record_tf_graphs.py from the programs of "
    "tests/graph_cases.py; compared with learntf by tests/test_graph_parity.py. "
    "Do not edit by hand: change a case, then record again."
)

sys.path.insert(0, str(ROOT / "tests"))
import graph_cases  # noqa: E402  (tests/graph_cases.py, shared with the learntf test)
import recording  # noqa: E402  (scripts/recording.py: write or --check)


def record_all():
    """{case name: {"mode", "source_sha256", "nodes"}} for every case, and TF's version."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import tensorflow as tf
    import tensorflow.compat.v1 as tf1

    tf.get_logger().setLevel("ERROR")

    def convert(value):
        """TensorFlow's attr values that are protocol buffers, as Python/NumPy values."""
        kind = type(value).__name__
        if kind == "TensorShapeProto":
            return tf.TensorShape(value)
        if kind == "TensorProto":
            return tf.make_ndarray(value)
        return value

    def record(graph_case):
        graph = graph_cases.build_graph(graph_case, tf1, tf)
        return {
            "mode": graph_case.mode,
            "source_sha256": graph_cases.source_digest(graph_case),
            "nodes": graph_cases.node_records(graph, convert),
        }

    cases = {}
    # TF2's behaviour can't come back after disable_v2_behavior(): the v1 cases go last.
    for graph_case in graph_cases.CASES:
        if graph_case.mode != "v1":
            tf.random.set_seed(None)  # no case sees the global seed of another
            cases[graph_case.name] = record(graph_case)
    tf1.disable_v2_behavior()
    for graph_case in graph_cases.CASES:
        if graph_case.mode == "v1":
            cases[graph_case.name] = record(graph_case)
    return {
        "tensorflow_version": tf.__version__,
        "note": NOTE,
        "key_attrs": list(graph_cases.KEY_ATTRS),
        "cases": cases,
    }


def to_json_text(recording):
    """The recording as JSON text: sorted keys, one line per node (short diffs when it changes)."""
    lines = ["{"]
    for key in sorted(k for k in recording if k != "cases"):
        lines.append(" %s: %s," % (json.dumps(key), json.dumps(recording[key], sort_keys=True)))
    lines.append(' "cases": {')
    names = sorted(recording["cases"])
    for case_index, name in enumerate(names):
        entry = recording["cases"][name]
        header = {key: value for key, value in entry.items() if key != "nodes"}
        lines.append("  %s: {" % json.dumps(name))
        for key in sorted(header):
            lines.append("   %s: %s," % (json.dumps(key), json.dumps(header[key])))
        lines.append('   "nodes": [')
        nodes = entry["nodes"]
        for node_index, node in enumerate(nodes):
            comma = "," if node_index < len(nodes) - 1 else ""
            lines.append("    " + json.dumps(node, sort_keys=True) + comma)
        lines.append("   ]")
        lines.append("  }" + ("," if case_index < len(names) - 1 else ""))
    lines.append(" }")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv=None):
    def summarize(recording):
        n_nodes = sum(len(entry["nodes"]) for entry in recording["cases"].values())
        return "%d cases, %d nodes, TensorFlow %s" % (
            len(recording["cases"]),
            n_nodes,
            recording["tensorflow_version"],
        )

    return recording.main(__doc__, OUTPUT, record_all, to_json_text, summarize, argv)


if __name__ == "__main__":
    sys.exit(main())
