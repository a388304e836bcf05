"""Calling one traced function from another: TensorFlow's `StatefulPartitionedCall` op.

When a tf.function calls another (or a concrete function) while being traced, the caller's
graph gets one call op whose attr `f` is the called function, as in TensorFlow; its inputs are
the call's arguments followed by the tensors the called function captured (variable handles).
Running the op runs the called function's own execution plan, and its gradient is a call of
the called function's backward function.  A SavedModel stores such a call as a node naming the
called FunctionDef (saved_model/function_def.py).
"""

from learntf.framework.op_registry import register_gradient, register_op


def _call_infer(*args, f=None, **attrs):
    """The called function's outputs' dtypes and shapes (Tin, Tout and TF's config attrs
    describe the call; the function itself says it all)."""
    if f is None:  # (a GraphDef's call node whose function was not given)
        raise ValueError(
            "NodeDef missing attr 'f' from Op<name=StatefulPartitionedCall>\n(learntf: a call "
            "op needs the function it calls; import the graph with its function library, as "
            "tf.saved_model.load does.)"
        )
    return [(t.dtype, t.shape) for t in f.outputs]


def _call_kernel(*args, f, **attrs):
    return list(f.run_values(list(args)))


for _op_type in ("StatefulPartitionedCall", "PartitionedCall"):
    register_op(
        _op_type,
        ["args*"],
        _call_infer,
        _call_kernel,
        num_outputs=None,
        stateful=_op_type == "StatefulPartitionedCall",
        type_attr=None,
    )

    @register_gradient(_op_type)
    def _call_gradient(op, *output_grads):
        """The called function's backward function, called with the inputs and the output
        gradients (a zero gradient where an output got none)."""
        from learntf.ops.array_ops import zeros_like

        function = op.get_attr("f")
        grads = [g if g is not None else zeros_like(t) for g, t in zip(output_grads, op.outputs)]
        return function._gradient(op, *grads)
