"""Every file parser refuses bad bytes with a documented error class, nothing else (issue 23).

Each test feeds one parser, through its public API, files made from valid ones (written by
learntf, and by TensorFlow 2.21 under tests/data/) and damaged by hypothesis: bit flips, bytes
replaced, truncation, insertion, chunks duplicated or deleted; and, past the checksums, files
re-sealed after their contents were damaged (valid CRCs around wrong fields) or generated field
by field (huge lengths, offsets and shapes, unknown dtypes, nesting thousands deep).  The
property: a correct result, or one of the parser's documented classes, raised by learntf's own
check (or by protobuf's parser, as in TF), never RecursionError, MemoryError, IndexError,
struct.error, UnicodeDecodeError, OverflowError, a NumPy ValueError, a KeyError or TypeError
from inside learntf, or a hang (each call has HANG_SECONDS).

The documented classes, by parser (TF 2.21's for the same damage; scripts/record_tf_bad_files.py
records TF's class and words for representative files, tests/test_fuzz_parsers.py checks them):

    checkpoint index + data file (tf.train.load_checkpoint, get_tensor; Saver.restore;
        tf.train.Checkpoint.read)      DataLossError; InvalidArgumentError (written by a newer
                                       version); UnimplementedError (other endianness, a dtype
                                       learntf lacks, slices); NotFoundError (no data file)
    GraphDef, binary (GraphDef.FromString, then tf.import_graph_def)
                                       protobuf's DecodeError (nesting deeper than protobuf's
                                       limit included, as in TF); importing: ValueError, as TF's
                                       importer raises (TF's words: "AttrValue had value with
                                       type 'string' when 'bool' expected"...), NotFoundError
                                       (an op type not registered)
    GraphDef, text (learntf's parse_text)  text_format.ParseError (also nesting deeper than
                                       100: TF's text_format ends in RecursionError there);
                                       importing as above
    MetaGraphDef, binary or text (tf.train.import_meta_graph)
                                       OSError ("Cannot parse file", TF's IOError); importing as
                                       above; KeyError / ValueError from the graph's name lookup
                                       ("The name 'x:0' refers to a Tensor which does not exist"),
                                       as TF's collections raise
    event files (tf.compat.v1.train.summary_iterator)
                                       DataLossError (framing, CRCs); protobuf's DecodeError (a
                                       record that is no Event: TF's iterator parses the same way)
    the `checkpoint` state file (tf.train.get_checkpoint_state)
                                       None (TF ignores an unreadable file), ValueError
                                       ("Invalid checkpoint state loaded from")
    object checkpoint (tf.train.Checkpoint.read / restore, TF 2)
                                       the checkpoint's classes; protobuf's DecodeError for an
                                       object graph that does not parse (TF parses it the same
                                       way); ValueError for a value that does not fit its
                                       variable ("Received incompatible tensor", as TF)
    SavedModel (tf.saved_model.load)   OSError ("Cannot parse file", as TF); DataLossError (an
                                       object graph or variable that contradicts itself or its
                                       checkpoint); the checkpoint's classes for variables/;
                                       ValueError / RuntimeError from the loader's checks (no
                                       MetaGraph with the tags; a function that cannot be
                                       rebuilt), as TF's loader raises them
"""

import builtins
import contextlib
import glob
import json
import os
import pathlib
import re
import shutil
import signal
import struct
import traceback

import bad_file_cases
import numpy as np
import pytest
from bad_file_cases import field, nested_attr_value
from google.protobuf import message as protobuf_message
from google.protobuf import text_format
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import learntf
import learntf.compat.v1 as tf
from learntf import errors
from learntf.serialization import graph_io
from learntf.serialization.tf_protos import parse_text, protos
from learntf.train import bundle_protos, crc32c, sstable

tf.disable_v2_behavior()  # TF1 programs on TensorFlow 2 start so (eager tests ask for eager_mode)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LEARNTF_DIR = os.path.dirname(os.path.abspath(learntf.__file__))
HANG_SECONDS = 10
# LEARNTF_FUZZ_SCALE=20 runs 20 times as many examples (a longer hunt than `make test`'s).
SCALE = int(os.environ.get("LEARNTF_FUZZ_SCALE", "1"))
FUZZ = settings(
    max_examples=250 * SCALE,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# (protobuf's text parser warns of a damaged escape sequence in a string, as under TF)
pytestmark = pytest.mark.filterwarnings("ignore:invalid escape sequence:DeprecationWarning")

IMPORT_CLASSES = (ValueError, errors.NotFoundError)
ALLOWED = {
    "checkpoint": (
        errors.DataLossError,
        errors.InvalidArgumentError,
        errors.UnimplementedError,
        errors.NotFoundError,
    ),
    "graph_def_binary": (protobuf_message.DecodeError,) + IMPORT_CLASSES,
    "graph_def_text": (text_format.ParseError,) + IMPORT_CLASSES,
    "meta_graph": (OSError, KeyError) + IMPORT_CLASSES,
    "events": (errors.DataLossError, protobuf_message.DecodeError),
    "checkpoint_state": (ValueError,),
    "object_checkpoint": (
        errors.DataLossError,
        errors.InvalidArgumentError,
        errors.UnimplementedError,
        errors.NotFoundError,
        protobuf_message.DecodeError,
        ValueError,
    ),
    "saved_model": (
        OSError,
        ValueError,
        RuntimeError,
        errors.DataLossError,
        errors.NotFoundError,
        errors.InvalidArgumentError,
        errors.UnimplementedError,
    ),
}
# Never one of these, whatever the parser (UnicodeDecodeError is a ValueError, and so is NumPy's).
FORBIDDEN = (
    RecursionError,
    MemoryError,
    IndexError,
    struct.error,
    UnicodeError,
    OverflowError,
    TypeError,
    AttributeError,
)


class Hang(Exception):
    pass


def _note(text):
    """Count an outcome in hypothesis's statistics (--hypothesis-show-statistics)."""
    try:
        event(text)
    except InvalidArgument:  # (outside a hypothesis test)
        pass


def outcome(parser, call, *args):
    """call(*args)'s result, or the documented error it raised; fails the test on any other
    error, on an error raised from outside learntf's own checks, or after HANG_SECONDS."""

    def alarm(*_):
        raise Hang("%s took more than %d s" % (parser, HANG_SECONDS))

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(HANG_SECONDS)
    try:
        result = call(*args)
        _note("%s: correct result" % parser)
        return result
    except Hang:
        raise
    except Exception as exc:
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        raised_by = frame.filename
        by_protobuf = isinstance(exc, (protobuf_message.DecodeError, text_format.ParseError))
        documented = isinstance(exc, ALLOWED[parser]) and not isinstance(exc, FORBIDDEN)
        if not documented or not (raised_by.startswith(LEARNTF_DIR) or by_protobuf):
            raise AssertionError(
                "%s raised %s from %s:%d: %s"
                % (parser, type(exc).__name__, raised_by, frame.lineno, str(exc)[:300])
            ) from exc
        if isinstance(exc, KeyError):  # (only the graph's name lookup, in TF's words)
            assert "The name" in str(exc), exc
        _note("%s: %s" % (parser, type(exc).__name__))
        return exc
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# -- damage -----------------------------------------------------------------------------------
EDITS = ("flip", "set", "truncate", "insert", "duplicate", "delete")
edit_lists = st.lists(
    st.tuples(
        st.sampled_from(EDITS),
        st.integers(0, 2**32),
        st.sampled_from([0, 1, 0x7F, 0x80, 0xFF, 0x0A, 0x7B, 0x7D, 0x22]) | st.integers(0, 255),
        st.integers(1, 64),
    ),
    min_size=1,
    max_size=4,
)


def damaged(raw, edits):
    """`raw` after `edits`: [(kind, position, byte, length)], positions taken modulo its size."""
    raw = bytearray(raw)
    for kind, position, byte, length in edits:
        if not raw:
            raw.append(byte)
            continue
        at = position % len(raw)
        if kind == "flip":
            raw[at] ^= 1 << (byte % 8)
        elif kind == "set":
            raw[at] = byte
        elif kind == "truncate":
            del raw[at:]
        elif kind == "insert":
            raw[at:at] = bytes([byte]) * length
        elif kind == "duplicate":
            raw[at:at] = raw[at : at + length]
        else:
            del raw[at : at + length]
    return bytes(raw)


# -- the valid files ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """The files learntf writes for a small model: checkpoint, GraphDef (binary and text),
    .meta (binary and text), event file; and the checkpoint TensorFlow wrote."""
    folder = str(tmp_path_factory.mktemp("valid"))
    graph = tf.Graph()
    with graph.as_default():
        x = tf.placeholder(tf.float32, [None, 2], name="x")
        w = tf.Variable(np.arange(6, dtype=np.float32).reshape(2, 3), name="w")
        tf.Variable(np.int64(7), name="step")
        tf.Variable(np.array([b"ab", b"cde"], dtype=object), name="names")
        y = tf.add(tf.matmul(x, w, transpose_b=False), 1.0, name="y")
        tf.summary.scalar("loss", tf.reduce_mean(y))
        saver = tf.train.Saver()
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            saver.save(sess, folder + "/model.ckpt")
            writer = tf.summary.FileWriter(folder + "/events", graph=graph)
            merged = tf.summary.merge_all()
            for step in range(3):
                writer.add_summary(sess.run(merged, {x: np.ones((1, 2))}), step)
            writer.close()
        tf.train.write_graph(graph, folder, "graph.pb", as_text=False)
        tf.train.write_graph(graph, folder, "graph.pbtxt", as_text=True)
        tf.train.export_meta_graph(folder + "/text.meta", as_text=True)

    def read(path):
        with open(path, "rb") as handle:
            return handle.read()

    tf_bundle = os.path.join(ROOT, "tests", "data", "tf_checkpoints", "bundle")
    found = ValidFiles(
        index=read(folder + "/model.ckpt.index"),
        data=read(folder + "/model.ckpt.data-00000-of-00001"),
        tf_index=read(tf_bundle + ".index"),
        tf_data=read(tf_bundle + ".data-00000-of-00001"),
        graph_pb=read(folder + "/graph.pb"),
        graph_pbtxt=read(folder + "/graph.pbtxt").decode("utf-8"),
        meta=read(folder + "/model.ckpt.meta"),
        meta_text=read(folder + "/text.meta"),
        events=read(glob.glob(folder + "/events/events.out.tfevents.*")[0]),
        state=read(folder + "/checkpoint").decode("utf-8"),
        work=str(tmp_path_factory.mktemp("work")),
    )
    for kind in ("", "tf_"):
        reader = tf.train.load_checkpoint(_write_checkpoint(found, found[kind + "index"], kind))
        found[kind + "values"] = {key: reader.get_tensor(key) for key in reader.keys()}
    return found


class ValidFiles(dict):
    """The valid files by kind (shown briefly in hypothesis's reports)."""

    def __repr__(self):
        return "<the valid files>"


def _write_checkpoint(files, index, kind="", data=None):
    prefix = os.path.join(files["work"], "c")
    with open(prefix + ".index", "wb") as handle:
        handle.write(index)
    with open(prefix + ".data-00000-of-00001", "wb") as handle:
        handle.write(files[kind + "data"] if data is None else data)
    return prefix


# -- checkpoints --------------------------------------------------------------------------------
def read_checkpoint(prefix):
    reader = tf.train.load_checkpoint(prefix)
    reader.get_variable_to_shape_map()
    reader.get_variable_to_dtype_map()
    reader.debug_string()
    return {key: reader.get_tensor(key) for key in reader.keys()}


def same_values(found, expected):
    """What a damaged checkpoint may read as: only values it really holds (checksums)."""
    for key, value in found.items():
        if key in expected:
            assert value.dtype == expected[key].dtype and value.shape == expected[key].shape
            assert value.tolist() == expected[key].tolist()


@FUZZ
@given(kind=st.sampled_from(["", "tf_"]), edits=edit_lists, in_data=st.booleans())
def test_a_damaged_checkpoint_file(files, kind, edits, in_data):
    index, data = files[kind + "index"], files[kind + "data"]
    if in_data:
        data = damaged(data, edits)
    else:
        index = damaged(index, edits)
    prefix = _write_checkpoint(files, index, kind, data)
    found = outcome("checkpoint", read_checkpoint, prefix)
    if not isinstance(found, Exception) and in_data:
        same_values(found, files[kind + "values"])


@FUZZ
@given(kind=st.sampled_from(["", "tf_"]), which=st.integers(0, 100), edits=edit_lists)
def test_a_checkpoint_index_resealed_after_damage(files, kind, which, edits):
    """Past the checksums: one entry's bytes damaged, the table's CRCs made right again."""
    items = sstable.read(files[kind + "index"])
    key, value = items[which % len(items)]
    items[which % len(items)] = (key, damaged(value, edits))
    prefix = _write_checkpoint(files, sstable.build(items), kind)
    outcome("checkpoint", read_checkpoint, prefix)


huge = st.sampled_from([2**31 - 1, 2**31, 2**32, 2**62, 2**63 - 1, 2**63, 2**64 - 1])
entry_fields = st.fixed_dictionaries(
    {
        "dtype_enum": st.sampled_from([0, 1, 2, 3, 7, 9, 10, 20, 21, 22, 30, 101, 999]) | huge,
        "shape": st.lists(st.integers(-3, 4) | huge, max_size=5),
        "offset": st.integers(-(2**63), 64) | huge,
        "size": st.integers(-4, 64) | huge,
        "crc": st.integers(0, 2**32 - 1),
        "shard_id": st.integers(-2, 2) | huge,
    }
)
header_fields = st.fixed_dictionaries(
    {"num_shards": st.integers(-1, 3) | huge, "producer": st.integers(-1, 3) | huge}
) | st.just({})


@FUZZ
@given(entry=entry_fields, header=header_fields, extra=st.binary(max_size=8))
def test_a_checkpoint_index_generated_field_by_field(files, entry, header, extra):
    """Huge or negative offsets and sizes, shapes whose product overflows, unknown dtypes."""
    items = [
        (b"", bundle_protos.encode_header(**header) + extra),
        (b"v", bundle_protos.encode_entry(**entry)),
    ]
    prefix = _write_checkpoint(files, sstable.build(items), data=bytes(range(64)))
    found = outcome("checkpoint", read_checkpoint, prefix)
    if not isinstance(found, Exception):  # (read only when its checksum matched)
        value = found["v"]
        raw = value.tobytes() if value.dtype != object else None
        if raw is not None:
            assert crc32c.mask(crc32c.value(raw)) == entry["crc"]


@settings(FUZZ, max_examples=60 * SCALE)
@given(edits=edit_lists)
def test_saver_restore_of_a_damaged_index(files, edits):
    prefix = _write_checkpoint(files, damaged(files["index"], edits))

    def restore():
        with tf.Graph().as_default():
            tf.Variable(np.zeros((2, 3), np.float32), name="w")
            tf.Variable(np.int64(0), name="step")
            tf.Variable(np.array([b"", b""], dtype=object), name="names")
            with tf.Session() as sess:
                tf.train.Saver().restore(sess, prefix)

    outcome("checkpoint", restore)


# -- GraphDefs ----------------------------------------------------------------------------------
def import_graph_def(graph_def):
    with tf.Graph().as_default() as graph:
        tf.import_graph_def(graph_def, name="")
        return graph


def import_binary(raw):
    return import_graph_def(graph_io.GraphDef.FromString(raw))


def import_text(text):
    return import_graph_def(parse_text(text, graph_io.GraphDef()))


@FUZZ
@given(edits=edit_lists)
def test_a_damaged_binary_graph_def(files, edits):
    outcome("graph_def_binary", import_binary, damaged(files["graph_pb"], edits))


@FUZZ
@given(edits=edit_lists)
def test_a_damaged_text_graph_def(files, edits):
    text = damaged(files["graph_pbtxt"].encode("utf-8"), edits).decode("utf-8", "replace")
    outcome("graph_def_text", import_text, text)


@settings(FUZZ, max_examples=40 * SCALE)
@given(depth=st.integers(1, 3000))
def test_a_graph_def_nested_deeply(files, depth):
    """Deeper than protobuf's limit: DecodeError (binary) and ParseError (text), as in TF;
    a .meta file holding such a graph, binary or text, is TF's OSError 'Cannot parse file'."""
    node = field(1, b"a") + field(2, b"NoOp")
    node += field(5, field(1, b"k") + field(2, nested_attr_value(depth)))
    raw = field(1, node)
    found = outcome("graph_def_binary", import_binary, raw)
    if depth > 40:
        assert isinstance(found, protobuf_message.DecodeError)
    text = 'node { name: "a" op: "NoOp" attr { key: "k" value { '
    text += 'func { name: "f" attr { key: "k" value { ' * depth + "} } } " * depth + "} } }"
    found = outcome("graph_def_text", import_text, text)
    if depth > 33:
        assert isinstance(found, text_format.ParseError)
    path = os.path.join(files["work"], "deep.meta")
    for meta in [field(2, raw), ("graph_def { %s }" % text).encode("utf-8")]:
        found = outcome("meta_graph", import_meta_graph, meta, path)
        if depth > 40:
            assert isinstance(found, OSError) and "Cannot parse file" in str(found)


NODE_OPS = ["Const", "Placeholder", "Identity", "AddV2", "MatMul", "Mean", "NoOp", "VariableV2"]
NODE_OPS += ["Assign", "Conv2D", "Reshape", "Cast", "Fill", "Nope"]
ATTR_NAMES = ["T", "dtype", "value", "shape", "transpose_a", "keep_dims", "Tidx", "strides"]
ATTR_NAMES += ["padding", "DstT", "SrcT", "container", "grad_a", "colour", "\x7f", ""]
dtype_numbers = st.sampled_from([0, 1, 2, 3, 7, 9, 10, 20, 21, 101]) | st.integers(0, 2**31 - 1)
tensor_protos = st.builds(
    lambda dtype, dims, values, content: protos().tensor_pb2.TensorProto(
        dtype=dtype,
        tensor_shape=protos().tensor_shape_pb2.TensorShapeProto(dim=[{"size": d} for d in dims]),
        float_val=values,
        tensor_content=content,
    ),
    dtype_numbers,
    st.lists(st.integers(-2, 3) | huge.map(lambda n: n % 2**63), max_size=4),
    st.lists(st.floats(width=32, allow_nan=False), max_size=3),
    st.binary(max_size=12),
)
attr_values = st.one_of(
    st.builds(lambda s: {"s": s}, st.binary(max_size=6)),
    st.builds(lambda i: {"i": i}, st.integers(-(2**63), 2**63 - 1)),
    st.builds(lambda b: {"b": b}, st.booleans()),
    st.builds(lambda f: {"f": f}, st.floats(width=32)),
    st.builds(lambda t: {"type": t}, dtype_numbers),
    st.builds(
        lambda dims, unknown: {
            "shape": {"dim": [{"size": d} for d in dims], "unknown_rank": unknown}
        },
        st.lists(st.integers(-2, 4) | huge.map(lambda n: n % 2**63), max_size=4),
        st.booleans(),
    ),
    st.builds(lambda t: {"tensor": t}, tensor_protos),
    st.builds(lambda i: {"list": {"i": i}}, st.lists(st.integers(-1, 3), max_size=4)),
    st.builds(lambda s: {"list": {"s": s}}, st.lists(st.binary(max_size=3), max_size=3)),
    st.builds(lambda n: {"func": {"name": n}}, st.sampled_from(["f", ""])),
    st.just({}),
)
inputs = st.sampled_from(["n0", "n1", "n1:1", "n0:-1", "n0:5", "^n0", "", ":", "n9", "n0:0:0"])
nodes = st.builds(
    lambda op, ins, attrs: {"op": op, "input": ins, "attr": attrs},
    st.sampled_from(NODE_OPS),
    st.lists(inputs, max_size=3),
    st.dictionaries(st.sampled_from(ATTR_NAMES), attr_values, max_size=4),
)


def build_graph_def(node_list, names):
    graph_def = graph_io.GraphDef()
    for node, name in zip(node_list, names):
        made = graph_def.node.add(name=name, op=node["op"], input=node["input"])
        for key, value in node["attr"].items():
            attr = made.attr[key]
            if "tensor" in value:
                attr.tensor.CopyFrom(value["tensor"])
            elif value:
                attr.MergeFrom(graph_io.AttrValue(**value))
    return graph_def


@settings(FUZZ, max_examples=400 * SCALE)
@given(
    node_list=st.lists(nodes, min_size=1, max_size=4),
    names=st.lists(st.sampled_from(["n0", "n1", "n2", "a b", "", "n0"]), min_size=4, max_size=4),
)
def test_a_graph_def_generated_node_by_node(node_list, names):
    """Any op, input and attr value: imported, or refused in TF's words naming the node."""
    graph_def = build_graph_def(node_list, names)
    found = outcome("graph_def_binary", import_graph_def, graph_def)
    if isinstance(found, ValueError) and "AttrValue" in str(found):
        assert "{{node " in str(found)
    found = outcome(
        "graph_def_text", import_text, text_format.MessageToString(graph_def, as_utf8=True)
    )


# -- meta graphs ----------------------------------------------------------------------------------
def import_meta_graph(raw, path):
    with open(path, "wb") as handle:
        handle.write(raw)
    with tf.Graph().as_default():
        tf.train.import_meta_graph(path)


@FUZZ
@given(as_text=st.booleans(), edits=edit_lists)
def test_a_damaged_meta_graph(files, as_text, edits):
    raw = damaged(files["meta_text" if as_text else "meta"], edits)
    outcome("meta_graph", import_meta_graph, raw, os.path.join(files["work"], "m.meta"))


@settings(FUZZ, max_examples=150 * SCALE)
@given(
    collection=st.sampled_from(["variables", "trainable_variables", "summaries", "train_op"]),
    items=st.lists(st.binary(max_size=12) | st.sampled_from([b"w:0", b"y", b"x:7", b"^y"])),
    kind=st.sampled_from(["node_list", "bytes_list"]),
)
def test_a_meta_graph_with_damaged_collections(files, collection, items, kind):
    meta = protos().meta_graph_pb2.MetaGraphDef.FromString(files["meta"])
    target = getattr(meta.collection_def[collection], kind)
    del target.value[:]
    if kind == "node_list":
        target.value.extend(item.decode("utf-8", "replace") for item in items)
    else:
        target.value.extend(items)
    raw = meta.SerializeToString()
    outcome("meta_graph", import_meta_graph, raw, os.path.join(files["work"], "m.meta"))


# -- event files ----------------------------------------------------------------------------------
def read_events(raw, path):
    with open(path, "wb") as handle:
        handle.write(raw)
    return [event.SerializeToString() for event in tf.train.summary_iterator(path)]


def record(payload):
    length = struct.pack("<Q", len(payload))
    crc = struct.pack("<I", crc32c.mask(crc32c.value(length)))
    return length + crc + payload + struct.pack("<I", crc32c.mask(crc32c.value(payload)))


@FUZZ
@given(edits=edit_lists)
def test_a_damaged_event_file(files, edits):
    path = os.path.join(files["work"], "events")
    originals = read_events(files["events"], path)
    found = outcome("events", read_events, damaged(files["events"], edits), path)
    if not isinstance(found, Exception):  # only events the file really holds (checksums)
        assert all(event in originals for event in found)


@FUZZ
@given(which=st.integers(0, 100), edits=edit_lists, length=huge | st.integers(0, 40))
def test_an_event_file_resealed_after_damage(files, which, edits, length):
    """Records whose CRCs are right around damaged bytes, and lengths beyond the file."""
    path = os.path.join(files["work"], "events")
    payloads = read_events(files["events"], path)
    at = which % len(payloads)
    payloads[at] = damaged(payloads[at], edits)
    raw = b"".join(record(p) for p in payloads)
    header = struct.pack("<Q", length)
    raw += header + struct.pack("<I", crc32c.mask(crc32c.value(header))) + b"\0" * 8
    outcome("events", read_events, raw, path)


# -- the checkpoint state file --------------------------------------------------------------------
@FUZZ
@given(edits=edit_lists)
def test_a_damaged_checkpoint_state_file(files, edits):
    folder = os.path.join(files["work"], "state")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "checkpoint"), "wb") as handle:
        handle.write(damaged(files["state"].encode("utf-8"), edits))
    outcome("checkpoint_state", tf.train.get_checkpoint_state, folder)


# -- TF's class and words for representative damaged files ----------------------------------------
RECORDED = json.loads(
    (pathlib.Path(ROOT) / "tests" / "data" / "tf_bad_files.json").read_text(encoding="utf-8")
)
# Where learntf's class or words differ from TF 2.21's on purpose.
KNOWN_DIFFERENCES = {
    "data_truncated": "TF's checkpoint reader turns this OUT_OF_RANGE into a bare IndexError; "
    "learntf raises DataLossError with TF's words",
    "entry_offset_negative": "TF fails in Python's seek (ValueError: Seeking to a negative "
    "position); learntf refuses the entry as DataLossError",
    "entry_dtype_unknown": "TF 2.21 aborts the process (a CHECK failure); learntf: DataLossError",
    "entry_shape_negative": "TF 2.21 aborts the process (a CHECK failure); learntf: DataLossError",
    "entry_shape_overflows": "TF 2.21 aborts the process (a CHECK failure); learntf: DataLossError",
    "entry_dtype_resource": "TF reads a resource handle's size (200 bytes an element) and fails "
    "on the size; learntf has no resource dtype in checkpoints: UnimplementedError",
    "header_big_endian": "TF 2.21 reads on as if little-endian and fails later on a checksum; "
    "learntf refuses the header (UnimplementedError, TF's words for endianness)",
    "header_newer_version": "TF's CheckpointReader maps INVALID_ARGUMENT to ValueError; learntf "
    "raises InvalidArgumentError as TF's Saver.restore does, and says 'for checkpoint'",
    "index_block_bit_flip": "TF's table reader does not verify block checksums, so it reads a "
    "wrong shard count; learntf checks them: DataLossError",
    "meta_graph_garbage": "TF's import_meta_graph lets the UnicodeDecodeError of its text "
    "fallback escape; learntf raises TF's 'Cannot parse file' as OSError",
}
TF_CLASSES = {"OpError": errors.OpError, "DecodeError": protobuf_message.DecodeError}


@pytest.mark.parametrize("case", sorted(bad_file_cases.CASES))
def test_a_damaged_file_is_refused_as_tensorflow_refuses_it(case, tmp_path):
    """TF's class (or a subclass: TF's checkpoint reader raises OpError itself where learntf
    says DataLossError), and TF's words up to the op's signature, which learntf leaves out."""
    recorded = RECORDED[case]
    parser = {"graph_text": "graph_def_text", "graph_binary": "graph_def_binary"}.get(
        bad_file_cases.CASES[case][0], bad_file_cases.CASES[case][0]
    )
    folder = str(tmp_path)
    eager = parser in ("saved_model", "object_checkpoint")
    mode = eager_mode() if eager else contextlib.nullcontext()
    with mode:
        found = outcome(
            "checkpoint" if parser == "checkpoint" else parser,
            bad_file_cases.read,
            case,
            tf,
            parse_text,
            folder,
        )
    if case in KNOWN_DIFFERENCES:
        assert isinstance(found, Exception), KNOWN_DIFFERENCES[case]
        return
    if "result" in recorded:
        assert found == recorded["result"]
        return
    name = recorded["error"]
    expected = TF_CLASSES.get(name) or getattr(errors, name, None) or getattr(builtins, name)
    assert isinstance(found, expected), (type(found), recorded)
    # (TF's eager errors start with the function they ran in: {{function_node ...}})
    words = re.sub(r"^\{\{function_node [^}]*\}\} ", "", recorded["message"])
    words = words.split("; signature=")[0].split(" [Op:")[0]
    message = str(found).replace(folder, "<dir>").replace("'tensorboard.", "'tensorflow.")
    assert message.startswith(words), (message, words)


# -- SavedModels ----------------------------------------------------------------------------------
SAVED_MODELS = os.path.join(ROOT, "tests", "data", "tf_saved_models")


@contextlib.contextmanager
def eager_mode():
    from learntf.framework import context

    names = ("eager_enabled", "resource_variables", "v2_tensorshape")
    saved = [getattr(context.context, name) for name in names]
    for name in names:
        setattr(context.context, name, True)
    try:
        yield
    finally:
        for name, value in zip(names, saved):
            setattr(context.context, name, value)


def load_saved_model(files, model, pb=None, index=None):
    """Load a copy of TF's SavedModel `model` with saved_model.pb / its variables' index
    replaced."""
    target = os.path.join(files["work"], "saved_model")
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(os.path.join(SAVED_MODELS, model), target)
    for name, raw in [("saved_model.pb", pb), ("variables/variables.index", index)]:
        if raw is not None:
            with open(os.path.join(target, name), "wb") as handle:
                handle.write(raw)
    with eager_mode():
        return learntf.saved_model.load(target)


def _saved_model_bytes(model, name):
    with open(os.path.join(SAVED_MODELS, model, name), "rb") as handle:
        return handle.read()


saved_models = st.sampled_from(["dense", "counter", "control_flow", "containers_and_traces"])


@settings(FUZZ, max_examples=100 * SCALE)
@given(model=saved_models, edits=edit_lists, in_index=st.booleans())
def test_a_damaged_saved_model(files, model, edits, in_index):
    name = "variables/variables.index" if in_index else "saved_model.pb"
    raw = damaged(_saved_model_bytes(model, name), edits)
    changes = {"index": raw} if in_index else {"pb": raw}
    outcome("saved_model", lambda: load_saved_model(files, model, **changes))


@settings(FUZZ, max_examples=100 * SCALE)
@given(
    model=saved_models,
    which=st.integers(0, 1000),
    dtype=st.sampled_from([0, 1, 3, 7, 10, 20, 21, 999]),
    dims=st.lists(st.integers(-3, 3) | huge.map(lambda n: n % 2**63), max_size=3),
    node_id=st.sampled_from([-1, 0, 1, 10**6]),
    function_input=st.sampled_from(["nope:0", "x:out:9", "", "^q", "a:b:c:d"]),
)
def test_a_saved_model_with_damaged_fields(
    files, model, which, dtype, dims, node_id, function_input
):
    """Variables of other dtypes and impossible shapes, children that are not nodes,
    function inputs that name nothing: each one at a time, re-serialized."""
    saved = protos().saved_model_pb2.SavedModel.FromString(
        _saved_model_bytes(model, "saved_model.pb")
    )
    meta = saved.meta_graphs[0]
    nodes = meta.object_graph_def.nodes
    node = nodes[which % len(nodes)]
    kind = which % 4
    if kind == 0 and node.WhichOneof("kind") == "variable":
        node.variable.dtype = dtype
    elif kind == 1 and node.WhichOneof("kind") == "variable":
        del node.variable.shape.dim[:]
        for size in dims:
            node.variable.shape.dim.add(size=size)
    elif kind == 2 and node.children:
        node.children[which % len(node.children)].node_id = node_id
    else:
        functions = [f for f in meta.graph_def.library.function if f.node_def]
        if functions:
            function = functions[which % len(functions)]
            node_def = function.node_def[which % len(function.node_def)]
            node_def.input.append(function_input)
    raw = saved.SerializeToString()
    outcome("saved_model", lambda: load_saved_model(files, model, pb=raw))


# -- TF 2 object checkpoints ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def object_checkpoint(tmp_path_factory):
    """{key: value} of an object checkpoint learntf wrote for two variables (eager mode)."""
    prefix = str(tmp_path_factory.mktemp("object") / "ckpt")
    with eager_mode():
        checkpoint = learntf.train.Checkpoint(
            w=learntf.Variable(np.arange(6, dtype=np.float32).reshape(2, 3)),
            names=learntf.Variable(np.array([b"ab", b"c"], dtype=object)),
        )
        written = checkpoint.write(prefix)
    reader = tf.train.load_checkpoint(written)
    return ValidFiles({key: reader.get_tensor(key) for key in reader.keys()})


def read_object_checkpoint(prefix):
    with eager_mode():
        w = learntf.Variable(np.zeros((2, 3), np.float32))
        names = learntf.Variable(np.array([b"", b""], dtype=object))
        learntf.train.Checkpoint(w=w, names=names).read(prefix)
        return w.numpy(), names.numpy()


@settings(FUZZ, max_examples=150 * SCALE)
@given(which=st.integers(0, 100), edits=edit_lists)
def test_an_object_checkpoint_with_a_damaged_value(files, object_checkpoint, which, edits):
    """Past the checksums: one value (the object graph, a key, a variable's bytes) damaged
    and saved again as a valid bundle, then restored by tf.train.Checkpoint.read."""
    from learntf.train import checkpoint_format

    items = dict(object_checkpoint)
    key = sorted(items)[which % len(items)]
    value = items[key]
    if value.dtype == object:
        flat = [damaged(bytes(item), edits) for item in value.reshape(-1)] or [b""]
        items[key] = np.array(flat, dtype=object).reshape(value.shape or (len(flat),))
    else:
        raw = damaged(value.tobytes(), edits)
        items[key] = np.frombuffer(raw[: len(raw) - len(raw) % value.itemsize], value.dtype)
    prefix = os.path.join(files["work"], "object")
    checkpoint_format.write_checkpoint(prefix, sorted(items.items()))
    outcome("object_checkpoint", read_object_checkpoint, prefix)
