"""TensorFlow's messages through the protobuf runtime (learntf/serialization/tf_protos.py): the
two learntf declares itself match TF's field numbers, text parsing is guarded against crafted
nesting, and nothing loads protobuf before a file is read or written."""

import subprocess
import sys

import pytest
from google.protobuf import text_format

from learntf.serialization.tf_protos import MAX_TEXT_DEPTH, parse_text, protos

# The bytes TF 2.21's own classes serialize the same messages to (tensorflow.core.protobuf.
# saved_model_pb2, tensorflow.python.training.checkpoint_state_pb2), printed once with TF.
TF_SAVED_MODEL_BYTES = b'\x08\x01\x12\t\n\x07"\x05serve'
TF_CHECKPOINT_STATE_BYTES = (
    b"\n\x01b\x12\x01a\x12\x01b\x1a\x08\x00\x00\x00\x00\x00\x00\xf8?!\x00\x00\x00\x00\x00\x00\xe0?"
)


def saved_model():
    message = protos().saved_model_pb2.SavedModel(saved_model_schema_version=1)
    message.meta_graphs.add().meta_info_def.tags.append("serve")
    return message


def checkpoint_state():
    return protos().checkpoint_state_pb2.CheckpointState(
        model_checkpoint_path="b",
        all_model_checkpoint_paths=["a", "b"],
        all_model_checkpoint_timestamps=[1.5],
        last_preserved_timestamp=0.5,
    )


@pytest.mark.parametrize(
    "make, tf_bytes",
    [(saved_model, TF_SAVED_MODEL_BYTES), (checkpoint_state, TF_CHECKPOINT_STATE_BYTES)],
)
def test_declared_messages_have_tfs_binary_and_a_text_form(make, tf_bytes):
    message = make()
    assert message.SerializeToString() == tf_bytes
    assert type(message).FromString(tf_bytes) == message
    assert parse_text(text_format.MessageToString(message), type(message)()) == message


def test_text_nested_deeper_than_the_limit_is_a_parse_error():
    graph_def = protos().graph_pb2.GraphDef
    fine = 'node { attr { key: "a" value { list { } } } }'
    assert len(parse_text(fine, graph_def()).node) == 1
    deep = "node { " + "attr { key: 'a' value { func { " * MAX_TEXT_DEPTH
    with pytest.raises(text_format.ParseError, match="nested deeper than 100"):
        parse_text(deep + "} } }" * MAX_TEXT_DEPTH + " }", graph_def())
    # braces inside strings and comments are not nesting
    quoted = 'node { name: "%s" } # %s\n' % ("{" * 500, "{" * 500)
    assert parse_text(quoted, graph_def()).node[0].name == "{" * 500


def test_saving_a_checkpoint_loads_protobuf_only_then(tmp_path):
    code = (
        "import sys\n"
        "import learntf.compat.v1 as tf\n"
        "tf.train.Saver, tf.train.latest_checkpoint('.')\n"
        "print('google.protobuf' in sys.modules)\n"
        "tf.disable_v2_behavior()\n"
        "v = tf.Variable(1.0)\n"
        "tf.train.Saver()\n"
        "print('google.protobuf' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path
    ).stdout.split()
    assert out == ["False", "True"]
