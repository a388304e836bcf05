"""The dispatch table (framework/dispatch.py): composite types register their versions of
public op functions, and the op library itself never imports ragged/ or sparse/."""

import ast
import pathlib

import numpy as np
import pytest

import learntf as tf
from learntf.framework import dispatch
from learntf.ops import array_ops, math_ops, string_ops

OPS_DIR = pathlib.Path(__file__).resolve().parent.parent / "learntf" / "ops"


class Box:
    """A made-up composite type."""

    def __init__(self, content):
        self.content = content


@dispatch.add_dispatch_support
def double(x, name=None):
    """A made-up public op."""
    return x * 2


@dispatch.dispatch_for(double, Box)
def _double_box(x, name=None):
    if isinstance(x, list):
        return [_double_box(item, name) for item in x]
    return Box(double(x.content, name=name))


def test_a_registered_type_runs_its_implementation():
    assert double(Box(3)).content == 6
    assert double(x=Box(4)).content == 8  # the first argument given by keyword
    assert [box.content for box in double([Box(1), Box(2)])] == [2, 4]  # an item of a list


def test_other_values_run_the_op_itself():
    assert double(5) == 10
    assert double([7]) == [7, 7]  # a list without a registered type in it
    assert double.__name__ == "double" and "made-up public op" in double.__doc__
    assert dispatch.is_composite(Box(1)) and not dispatch.is_composite(5)


def test_only_dispatching_functions_accept_registrations():
    def plain(x):
        return x

    with pytest.raises(TypeError, match="does not support dispatch"):
        dispatch.dispatch_for(plain, Box)


@pytest.mark.usefixtures("eager_mode")
def test_ragged_registers_its_versions_of_public_ops():
    import learntf.ragged  # noqa: F401  (registers at import)

    for api in [math_ops.square, math_ops.cast, math_ops.reduce_sum, array_ops.concat]:
        assert tf.RaggedTensor in dispatch.TABLE[api], api.__name__
    assert tf.RaggedTensor in dispatch.TABLE[string_ops.length]
    rt = tf.ragged.constant([[1.0, -2.0], [3.0]])
    np.testing.assert_array_equal(tf.abs(rt).flat_values.numpy(), [1.0, 2.0, 3.0])
    np.testing.assert_array_equal(tf.reduce_sum(rt, axis=1).numpy(), [-1.0, 3.0])


def _imported_modules(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module
            yield from (node.module + "." + alias.name for alias in node.names)


def test_the_op_library_imports_neither_ragged_nor_sparse():
    files = sorted(OPS_DIR.glob("*.py"))
    assert len(files) > 10
    for path in files:
        modules = set(_imported_modules(ast.parse(path.read_text(), str(path))))
        composite = {m for m in modules if m.startswith(("learntf.ragged", "learntf.sparse"))}
        assert not composite, "%s imports %s" % (path.name, sorted(composite))
