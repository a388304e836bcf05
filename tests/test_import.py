"""`import learntf` stays light: heavy parts load on first use, and the op registry finds ops
of parts not imported yet (a graph file may name any op)."""

import subprocess
import sys

LAZY_PARTS = [
    "learntf.keras",
    "learntf.train",
    "learntf.summary",
    "learntf.ragged",
    "learntf.sparse",
    "learntf.viz",
    "learntf.serialization",
    "tensorboard",
    "google.protobuf",
    "matplotlib",
    "graphviz",
]


def run(code):
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()


def test_import_learntf_leaves_heavy_parts_for_later():
    loaded = run(
        "import sys, learntf, learntf.compat.v1\n"
        "print(' '.join(m for m in %r if m in sys.modules))" % LAZY_PARTS
    )
    assert loaded == []


def test_lazy_parts_load_on_first_use():
    out = run(
        "import learntf as tf\nprint(tf.keras.layers.Dense.__name__, "
        "tf.train.Saver.__name__, tf.RaggedTensor.__name__)"
    )
    assert out == ["Dense", "Saver", "RaggedTensor"]


def test_registry_finds_ops_defined_in_parts_not_imported_yet():
    out = run(
        "import sys, learntf\nfrom learntf.framework.op_registry import get_op_def\n"
        "print(get_op_def('ScalarSummary').name, 'learntf.summary' in sys.modules)"
    )
    assert out == ["ScalarSummary", "True"]
