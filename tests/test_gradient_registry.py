"""Every op in the registry says how it differentiates (issue 17): it has a gradient function,
is marked not differentiable (TF's NotDifferentiable: backprop stops there), or is marked as
one TensorFlow registers no gradient for (differentiating through it raises LookupError)."""

import pytest

import learntf.compat.v1 as tf
from learntf._lazy import load_all_ops
from learntf.framework.op_registry import OP_DEFS

load_all_ops()


@pytest.mark.parametrize("name", sorted(OP_DEFS))
def test_every_op_declares_its_gradient(name):
    assert OP_DEFS[name].gradient is not None, (
        "op %s has no gradient: register one (op_registry.register_gradient), or mark it "
        "not_differentiable or no_gradient_in_tensorflow as TensorFlow does" % name
    )


def test_an_op_without_a_gradient_in_tensorflow_raises_lookup_error_as_tf(fresh_graph):
    tf.disable_v2_behavior()
    x = tf.placeholder(tf.float32, [3], name="x")
    difference = tf.setdiff1d(x * 2.0, tf.constant([2.0]))
    with pytest.raises(
        LookupError,
        match=r"^No gradient defined for operation'ListDiff' "
        r"\(op type: ListDiff\)\. In general",
    ):
        tf.gradients(difference.out, x)


def test_backprop_stops_at_a_reference_variable_assignment_as_tf(fresh_graph):
    # TF's state_grad.py: Assign, AssignAdd and AssignSub are not differentiable.
    tf.disable_v2_behavior()
    x = tf.placeholder(tf.float32, [], name="x")
    v = tf.Variable(1.0)
    assert type(v).__name__ == "RefVariable"
    for update in (tf.assign, tf.assign_add, tf.assign_sub):
        assert tf.gradients(update(v, x * 2.0), x) == [None]
