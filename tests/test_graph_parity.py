"""Graph parity with TensorFlow 2.21 (issue 16): learntf builds the graphs TensorFlow builds.

Each program of tests/graph_cases.py (the lessons' graphs and small ones) runs on learntf in its
mode; its node list (names, op types, inputs in order, control inputs, key attrs) must equal the
one recorded from real TensorFlow 2.21 in tests/data/tf_graphs.json by
scripts/record_tf_graphs.py. A failure shows the first node that differs, side by side.

KNOWN_DIFFERENT is the honest to-do list: the cases that do not match yet, each with the learntf
gap that makes it differ. They are expected failures (strict), so a case that starts to match
fails until it is taken off the list.

Progress in one line, and the first difference of each case that differs:

    .venv/bin/python tests/test_graph_parity.py --report
"""

import argparse
import collections
import json
import pathlib
import sys

import graph_cases
import pytest
from behaviour import learntf_behaviour

RECORDING_PATH = pathlib.Path(__file__).resolve().parent / "data" / "tf_graphs.json"
RECORDING = json.loads(RECORDING_PATH.read_text(encoding="utf-8"))
CASES_BY_NAME = {graph_case.name: graph_case for graph_case in graph_cases.CASES}

# The learntf gaps that make graphs differ from TensorFlow's, each named once.
TYPE_ATTRS = (
    "type attrs not TF's: T missing, taken from the wrong input, or set where TF has "
    "none (SrcT of Cast)"
)
GRADIENT_GRAPH = (
    "gradients are not TF's graph (Fill, Shape, BroadcastGradientArgs, Sum, "
    "Reshape, with TF's names)"
)
SOFTMAX_GRADIENT_RAISES = (
    "tf.gradients through softmax raises KeyError: 'axis' (its gradient "
    "reads an attr Softmax no longer has)"
)
UNGATED_MINIMIZE = "minimize has no gradient tuple (Identity + control deps) as TF gates them"
COND_V1 = (
    "after disable_v2_behavior() TF builds TF1 control flow (Switch/Merge); learntf builds "
    "the If op of TF2's control flow there too"
)
FUNCTION_OUTPUTS = "function graphs lack TF's output Identity (and NoOp for side effects)"
CAPTURES = (
    "a captured handle is a Placeholder named 'capture' with the variable's shape, where "
    "TF names it after its first use, shape []"
)
NO_ASSERT_OPS = (
    "learntf has no Assert ops: from_row_splits(validate=True) checks the splits "
    "while building instead of adding TF's assert_* nodes (Assert, If guards, "
    "control_dependency)"
)
NO_INDEXED_SLICES = (
    "to_tensor's gradient for the values, an IndexedSlices in TF, is summed into a dense "
    "tensor (UnsortedSegmentSum) at the end"
)


def _gaps(*gaps):
    return "; ".join(gaps)


# Cases whose graphs differ from TensorFlow's today, with the gaps they hit (the to-do list).
KNOWN_DIFFERENT = {
    "cond_v1": _gaps(COND_V1),
    "ragged_from_row_splits": _gaps(NO_ASSERT_OPS),
    "ragged_to_tensor_gradient": _gaps(NO_INDEXED_SLICES),
}


# -- building a case on learntf --------------------------------------------------------------
def learntf_records(graph_case):
    """The case's node list, built on learntf."""
    import learntf
    import learntf.compat.v1 as tf1

    with learntf_behaviour(graph_case.mode):
        if graph_case.mode == "v1":
            return graph_cases.node_records(graph_cases.build_graph(graph_case, tf1, learntf))
        learntf.random.set_seed(None)  # as the recorder: no case sees another's global seed
        try:
            return graph_cases.node_records(graph_cases.build_graph(graph_case, tf1, learntf))
        finally:
            learntf.random.set_seed(None)  # nor does any later test see this case's


# -- comparing node lists --------------------------------------------------------------------
def structure(node):
    """A node without its attrs: name, op type and inputs."""
    return {key: value for key, value in node.items() if key != "attrs"}


def first_differing_index(tf_nodes, learntf_nodes, key=lambda node: node):
    """The index of the first node that differs (by `key`), or None if none does."""
    for index, (tf_node, learntf_node) in enumerate(zip(tf_nodes, learntf_nodes)):
        if key(tf_node) != key(learntf_node):
            return index
    if len(tf_nodes) != len(learntf_nodes):
        return min(len(tf_nodes), len(learntf_nodes))
    return None


def describe_difference(tf_nodes, learntf_nodes):
    """None when the lists are identical; else the counts and the first differing node,
    TensorFlow's beside learntf's (and the first whose name, type or inputs differ, when the
    first difference is in attrs only)."""
    index = first_differing_index(tf_nodes, learntf_nodes)
    if index is None:
        return None
    lines = [
        "TensorFlow 2.21 builds %d nodes, learntf %d; the first %d are identical."
        % (len(tf_nodes), len(learntf_nodes), index)
    ]
    lines += describe_node(index, tf_nodes, learntf_nodes)
    structural = first_differing_index(tf_nodes, learntf_nodes, key=structure)
    if structural is not None and structural != index:
        lines.append("The first node whose name, type or inputs differ:")
        lines += describe_node(structural, tf_nodes, learntf_nodes)
    lines += op_type_counts(tf_nodes, learntf_nodes)
    return "\n".join(lines)


def describe_node(index, tf_nodes, learntf_nodes):
    return ["Node %d:" % index] + side_by_side(
        tf_nodes[index] if index < len(tf_nodes) else None,
        learntf_nodes[index] if index < len(learntf_nodes) else None,
    )


def side_by_side(tf_node, learntf_node, width=46):
    """Rows 'field, TensorFlow's value, learntf's value', marked where they differ."""
    nodes = (tf_node, learntf_node)
    rows = [("", "TensorFlow 2.21", "learntf")]
    rows.append(("name",) + tuple(node["name"] if node else "(no node)" for node in nodes))
    rows.append(("op",) + tuple(node["op"] if node else "" for node in nodes))
    rows.append(
        ("inputs",) + tuple(", ".join(node["inputs"]) or "-" if node else "" for node in nodes)
    )
    attr_keys = sorted(set().union(*(node["attrs"] for node in nodes if node)))
    for key in attr_keys:
        rows.append(
            ("attr " + key,)
            + tuple(
                json.dumps(node["attrs"][key]) if node and key in node["attrs"] else "-"
                for node in nodes
            )
        )
    return [
        "  %-18s %-*s %s%s" % (label, width, left, right, "" if left == right else "   <--")
        for label, left, right in rows
    ]


def op_type_counts(tf_nodes, learntf_nodes):
    """The op types one engine builds more often than the other."""
    tf_types = collections.Counter(node["op"] for node in tf_nodes)
    learntf_types = collections.Counter(node["op"] for node in learntf_nodes)
    lines = []
    for label, more, fewer in (
        ("only TensorFlow's", tf_types, learntf_types),
        ("only learntf's", learntf_types, tf_types),
    ):
        extra = more - fewer
        if extra:
            lines.append(
                "Op types in %s graph: %s"
                % (label, ", ".join("%s x%d" % (op, count) for op, count in sorted(extra.items())))
            )
    return lines


def first_difference_line(tf_nodes, learntf_nodes):
    """The first difference in one line, for the report; when it is in attrs only, the first
    difference in name, type or inputs follows."""
    counts = "%d vs %d nodes" % (len(tf_nodes), len(learntf_nodes))
    index = first_differing_index(tf_nodes, learntf_nodes)
    parts = [counts, node_difference_text(index, tf_nodes, learntf_nodes)]
    structural = first_differing_index(tf_nodes, learntf_nodes, key=structure)
    if structural is not None and structural != index:
        parts.append("then " + node_difference_text(structural, tf_nodes, learntf_nodes))
    return "; ".join(parts)


def node_difference_text(index, tf_nodes, learntf_nodes):
    tf_node = tf_nodes[index] if index < len(tf_nodes) else None
    learntf_node = learntf_nodes[index] if index < len(learntf_nodes) else None
    if tf_node is None or learntf_node is None:
        extra = tf_node or learntf_node
        return "node %d only in %s: %s %s" % (
            index,
            "TF" if tf_node else "learntf",
            extra["op"],
            extra["name"],
        )
    if structure(tf_node) == structure(learntf_node):
        keys = sorted(
            key
            for key in set(tf_node["attrs"]) | set(learntf_node["attrs"])
            if tf_node["attrs"].get(key, "-") != learntf_node["attrs"].get(key, "-")
        )
        return "node %d %s %s: attrs TF %s, learntf %s" % (
            index,
            tf_node["op"],
            tf_node["name"],
            _attrs_text(tf_node, keys),
            _attrs_text(learntf_node, keys),
        )
    return "node %d: TF %s %s(%s), learntf %s %s(%s)" % (
        index,
        tf_node["op"],
        tf_node["name"],
        ", ".join(tf_node["inputs"]),
        learntf_node["op"],
        learntf_node["name"],
        ", ".join(learntf_node["inputs"]),
    )


def _attrs_text(node, keys):
    return " ".join("%s=%s" % (key, json.dumps(node["attrs"].get(key, "-"))) for key in keys)


# -- the tests -------------------------------------------------------------------------------
def _param(graph_case):
    marks = []
    if graph_case.name in KNOWN_DIFFERENT:
        marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_DIFFERENT[graph_case.name]))
    return pytest.param(graph_case, id=graph_case.name, marks=marks)


@pytest.mark.parametrize("graph_case", [_param(c) for c in graph_cases.CASES])
def test_learntf_builds_tensorflows_graph(graph_case):
    recorded = RECORDING["cases"][graph_case.name]["nodes"]
    difference = describe_difference(recorded, learntf_records(graph_case))
    if difference is not None:
        pytest.fail(
            "case %s (%s mode): %s" % (graph_case.name, graph_case.mode, difference), pytrace=False
        )


def test_recording_is_from_tensorflow_2_21():
    assert RECORDING["tensorflow_version"].startswith("2.21.")
    assert "record_tf_graphs.py" in RECORDING["note"]
    assert RECORDING["key_attrs"] == list(graph_cases.KEY_ATTRS)


def test_every_case_is_recorded_from_its_current_program():
    recorded = RECORDING["cases"]
    assert sorted(recorded) == sorted(CASES_BY_NAME), (
        "record again: .venv-tf/bin/python scripts/record_tf_graphs.py"
    )
    stale = [
        name
        for name, graph_case in CASES_BY_NAME.items()
        if recorded[name]["source_sha256"] != graph_cases.source_digest(graph_case)
        or recorded[name]["mode"] != graph_case.mode
    ]
    assert not stale, "programs changed since recording (%s): record again" % ", ".join(stale)


def test_enough_cases():
    lessons = [name for name in CASES_BY_NAME if name.startswith("lesson")]
    assert len(CASES_BY_NAME) - len(lessons) >= 40
    assert {name[len("lesson") : len("lesson") + 2] for name in lessons} >= {
        "01",
        "02",
        "03",
        "04",
        "05",
        "06",
        "07",
        "08",
        "09",
        "12",
    }


def test_a_difference_is_shown_at_its_first_node_side_by_side():
    tf_nodes = [
        {"name": "x", "op": "Placeholder", "inputs": [], "attrs": {"dtype": "float32"}},
        {"name": "Sum/reduction_indices", "op": "Const", "inputs": [], "attrs": {}},
        {
            "name": "Sum",
            "op": "Sum",
            "inputs": ["x", "Sum/reduction_indices"],
            "attrs": {"T": "float32", "keep_dims": False},
        },
    ]
    learntf_nodes = [
        tf_nodes[0],
        {"name": "Sum", "op": "Sum", "inputs": ["x"], "attrs": {"axis": 0}},
    ]
    assert describe_difference(tf_nodes, tf_nodes) is None
    text = describe_difference(tf_nodes, learntf_nodes)
    assert text.splitlines()[:2] == [
        "TensorFlow 2.21 builds 3 nodes, learntf 2; the first 1 are identical.",
        "Node 1:",
    ]
    assert "Sum/reduction_indices" in text and "<--" in text
    assert first_difference_line(tf_nodes, learntf_nodes) == (
        "3 vs 2 nodes; node 1: TF Const Sum/reduction_indices(), learntf Sum Sum(x)"
    )
    attrs_only = [dict(tf_nodes[0], attrs={})]
    assert first_difference_line(tf_nodes[:1], attrs_only) == (
        '1 vs 1 nodes; node 0 Placeholder x: attrs TF dtype="float32", learntf dtype="-"'
    )


def test_attr_values_are_written_as_plain_json():
    import numpy as np

    from learntf import dtypes
    from learntf.framework.tensor_shape import TensorShape

    assert graph_cases.plain(dtypes.float32) == "float32"
    assert graph_cases.plain(TensorShape([None, 3])) == [None, 3]
    assert graph_cases.plain(TensorShape(None)) is None
    assert graph_cases.plain(np.array([[1, 2]], np.int64)) == {
        "dtype": "int64",
        "shape": [1, 2],
        "value": [[1, 2]],
    }
    assert graph_cases.plain(np.zeros((4, 5), np.float32)) == {"dtype": "float32", "shape": [4, 5]}
    assert graph_cases.plain(np.array([b"MSE"], object))["value"] == ["MSE"]
    assert graph_cases.plain(np.float32(0.1)) == float(np.float32(0.1))
    assert graph_cases.plain(b"SAME") == "SAME"


def test_known_differences_are_cases():
    assert set(KNOWN_DIFFERENT) <= set(CASES_BY_NAME)


# -- the progress report ---------------------------------------------------------------------
def report(out=sys.stdout):
    """Print 'graph parity: N/M cases identical' and, per differing case, its first difference.
    Returns the names of the cases that differ."""
    differing, same_structure = {}, 0
    for graph_case in graph_cases.CASES:
        recorded = RECORDING["cases"][graph_case.name]["nodes"]
        try:
            built = learntf_records(graph_case)
        except Exception as error:  # a case learntf can't build yet is a difference too
            message = str(error).splitlines()[0] if str(error) else ""
            differing[graph_case.name] = "learntf raised %s: %s" % (type(error).__name__, message)
            continue
        if built != recorded:
            differing[graph_case.name] = first_difference_line(recorded, built)
            same_structure += list(map(structure, built)) == list(map(structure, recorded))
    total = len(graph_cases.CASES)
    print(
        "graph parity: %d/%d cases identical (%d more differ only in attrs)"
        % (total - len(differing), total, same_structure),
        file=out,
    )
    for name, line in differing.items():
        status = "" if name in KNOWN_DIFFERENT else "  [not in KNOWN_DIFFERENT]"
        print("  %s: %s%s" % (name, line, status), file=out)
    fixed = sorted(set(KNOWN_DIFFERENT) - set(differing))
    if fixed:
        print("identical now, remove from KNOWN_DIFFERENT: %s" % ", ".join(fixed), file=out)
    return sorted(differing)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="graph parity with TensorFlow 2.21")
    parser.add_argument(
        "--report",
        action="store_true",
        help="print how many cases match, and each differing case's first difference",
    )
    if parser.parse_args().report:
        report()
    else:
        parser.print_help()
