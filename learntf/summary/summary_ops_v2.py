"""TF 2's `tf.summary.write`, the default step and `record_if`: how a summary gets written.

A TF 2 summary is written *by an op*: `tf.summary.write(tag, tensor, step)` adds a
`WriteSummary` op whose kernel appends one `Event` to the default writer's event file
(file_writer_v2.py).  In eager mode the op runs at once; inside a `tf.function` it is a
stateful op of the traced graph, so it writes each time the function runs (not once while
tracing), with the values of that call.  What is decided while tracing, as in TF: which writer
is the default, whether recording is on (a Python bool; a tensor condition is checked on each
run), and the step when it is a Python number (a `tf.Variable` step is read on each run).

Each summary is a tensor with `SummaryMetadata` naming the TensorBoard plugin that shows it
(summary_v2.py makes them).
"""

import threading
import time

import numpy as np

from learntf import dtypes
from learntf.eager.func_graph import current_func_graph
from learntf.framework import context
from learntf.framework.apply import apply_op
from learntf.framework.constant_op import constant, convert_to_tensor
from learntf.framework.graph import control_dependencies, get_default_graph, name_scope
from learntf.framework.op_registry import no_gradient_in_tensorflow, register_op
from learntf.framework.tensor_util import constant_value
from learntf.serialization.tf_protos import protos


# -- the ops ----------------------------------------------------------------------------------
def tensor_proto(value):
    """The `TensorProto` TF's WriteSummary stores: strings in string_val, numbers packed into
    tensor_content (even a scalar)."""
    from learntf.serialization.graph_io import tensor_proto as make

    return make(np.asarray(value), packed=True)


def _write_summary_kernel(writer, step, tensor, tag, summary_metadata):
    pb = protos()
    value = pb.summary_pb2.Summary.Value(tag=_text(tag), tensor=tensor_proto(tensor))
    if summary_metadata:
        value.metadata.ParseFromString(bytes(np.asarray(summary_metadata)[()]))
    event = pb.event_pb2.Event(wall_time=time.time(), step=int(step))
    event.summary.value.append(value)
    writer.write_event(event)


def _write_summary_if_kernel(should_record, *inputs):
    if should_record:
        _write_summary_kernel(*inputs)


def _text(value):
    value = np.asarray(value)[()]
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


_WRITE_INPUTS = ["writer", "step", "tensor", "tag", "summary_metadata"]
# Appends one Event holding `tensor` at `step` to the writer's event file.
register_op(
    "WriteSummary",
    _WRITE_INPUTS,
    lambda *inputs: [],
    _write_summary_kernel,
    num_outputs=0,
    stateful=True,
    type_input=2,
)
# learntf's stand-in for TF's `If` around WriteSummary when record_if's condition is a tensor in
# a tf.function: learntf's graphs have no conditional execution, so the kernel checks it.
register_op(
    "WriteSummaryIf",
    ["should_record"] + _WRITE_INPUTS,
    lambda *inputs: [],
    _write_summary_if_kernel,
    num_outputs=0,
    stateful=True,
    type_input=3,
)
for _op in ("WriteSummary", "WriteSummaryIf"):
    no_gradient_in_tensorflow(_op)


# -- the state: default writer, step, recording condition --------------------------------------
class _SummaryState(threading.local):
    def __init__(self):
        self.writer = None
        self.step = None
        self.is_recording = None


_state = _SummaryState()


def get_step():
    """`tf.summary.experimental.get_step()`: the default step, or None."""
    return _state.step


def set_step(step):
    """`tf.summary.experimental.set_step(step)`: the step of summaries written without one (a
    number, or a `tf.Variable` that a tf.function reads on each call)."""
    _state.step = step


class record_if:  # (TF's name: a context manager)
    """`with tf.summary.record_if(condition):` summaries are written only when `condition` (a
    bool, a boolean tensor, or a function returning one) holds."""

    def __init__(self, condition):
        self._condition = condition

    def __enter__(self):
        self._old, _state.is_recording = _state.is_recording, self._condition

    def __exit__(self, *exc_info):
        _state.is_recording = self._old
        return False


def should_record_summaries():
    """`tf.summary.should_record_summaries()`: a boolean tensor, False without a default writer."""
    if _state.writer is None:
        return constant(False)
    condition = _state.is_recording
    condition = condition() if callable(condition) else condition
    if condition is None:
        return constant(True)
    return convert_to_tensor(condition, dtypes.bool_)


def _choose_step(step):
    step = convert_to_tensor(step, dtypes.int64)
    if step.shape.num_elements() != 1:
        raise ValueError(
            "Argument `step` must be a scalar. Received step with shape %s." % step.shape
        )
    return step


def write(tag, tensor, step=None, metadata=None, name=None):
    """`tf.summary.write`: write `tensor` under `tag` at `step` to the default writer.

    Returns True (a boolean tensor) when it wrote, False without a default writer or when
    recording is off.  `tensor` may be a function, called only when the summary is written."""
    if step is not None:
        _choose_step(step)
    with name_scope(name, "write_summary") as scope:
        writer = _state.writer
        if writer is None:
            return constant(False)
        step = get_step() if step is None else step
        if metadata is None:
            serialized = b""
        elif hasattr(metadata, "SerializeToString"):
            serialized = metadata.SerializeToString()
        else:
            serialized = metadata
        should_record = should_record_summaries()
        known = constant_value(should_record)
        if known is not None and not known:
            return constant(False)
        if step is None:
            raise ValueError(
                "No step set. Please specify one either through the `step` argument or through "
                "tf.summary.experimental.set_step()\n(learntf: pass step=..., e.g. "
                "tf.summary.scalar('loss', loss, step=epoch), or call "
                "tf.summary.experimental.set_step(step) first.)"
            )
        _check_not_tf1_graph()
        value = tensor() if callable(tensor) else apply_op("Identity", [tensor], {}, "Identity")
        inputs = [writer._resource, _choose_step(step), value, tag, serialized]
        if known is not None:
            op = apply_op("WriteSummary", inputs, {}, scope)
            result = True
        else:  # a tensor condition inside a tf.function: checked on each run
            op = apply_op("WriteSummaryIf", [should_record] + inputs, {}, scope)
            result = should_record
        if context.executing_eagerly():
            return constant(True)
        with control_dependencies([op]):
            return constant(True) if result is True else apply_op("Identity", [result], {})


def _check_not_tf1_graph():
    if not context.executing_eagerly() and current_func_graph() is None:
        raise NotImplementedError(
            "learntf writes TF 2 summaries in eager mode and inside tf.function, not in a TF 1 "
            "graph run by a Session.\n(learntf: in a TF 1 graph, use tf.compat.v1.summary: "
            "summary ops, and a tf.compat.v1.summary.FileWriter to write their values.)"
        )


def current_graph_name_scope():
    """The name scope summaries are created in (an eager one too, as "a/b")."""
    if context.executing_eagerly():
        return context.context.eager_name_scope.rstrip("/")
    return get_default_graph().get_name_scope()
