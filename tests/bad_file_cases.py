"""Damaged files that learntf must refuse as TensorFlow 2.21 does: same error class, TF's words
first (issue 23).

Each case builds its files from TF's own checkpoint (tests/data/tf_checkpoints/bundle) or from
bytes spelled out here, then reads them with one public API.  scripts/record_tf_bad_files.py
runs `read` on real TensorFlow into tests/data/tf_bad_files.json; tests/test_fuzz_parsers.py
runs the same code on learntf and compares.  `read(case, tf1, parse_text, folder)` takes the
engine's compat.v1 module and its text-format parser (protobuf's `text_format.Parse` for TF),
so both engines run one text.
"""

import importlib
import os
import struct
import tempfile

import numpy as np

from learntf.train import bundle_protos, crc32c, sstable

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TF_BUNDLE = os.path.join(ROOT, "tests", "data", "tf_checkpoints", "bundle")
DATA = ".data-00000-of-00001"


def _read(path):
    with open(path, "rb") as handle:
        return handle.read()


# -- checkpoints ----------------------------------------------------------------------------------
def _bundle(index=None, data=None):
    return {
        "ckpt.index": _read(TF_BUNDLE + ".index") if index is None else index,
        "ckpt" + DATA: _read(TF_BUNDLE + DATA) if data is None else data,
    }


def _flip(raw, at, bit=0):
    raw = bytearray(raw)
    raw[at] ^= 1 << bit
    return bytes(raw)


def _resealed(key, **changes):
    """TF's index with one entry's fields changed, its table's checksums made right again."""
    items = sstable.read(_read(TF_BUNDLE + ".index"))
    for i, (name, value) in enumerate(items):
        if name == key:
            entry = bundle_protos.decode_entry(value)
            fields = {
                "dtype_enum": entry["dtype"],
                "shape": entry["shape"],
                "offset": entry["offset"],
                "size": entry["size"],
                "crc": entry["crc32c"],
            }
            fields.update(changes)
            items[i] = (name, bundle_protos.encode_entry(**fields))
    return sstable.build(items)


def _header(**fields):
    items = sstable.read(_read(TF_BUNDLE + ".index"))
    items[0] = (b"", bundle_protos.encode_header(**fields))
    return sstable.build(items)


def _big_endian_header():
    items = sstable.read(_read(TF_BUNDLE + ".index"))
    items[0] = (b"", items[0][1] + b"\x10\x01")  # endianness: 1 (BIG)
    return sstable.build(items)


# -- GraphDefs ------------------------------------------------------------------------------------
CONST = (
    'node { name: "a" op: "Const" attr { key: "dtype" value { type: DT_FLOAT } } attr { key: '
    '"value" value { tensor { dtype: DT_FLOAT tensor_shape { dim { size: 2 } dim { size: 2 } } '
    "float_val: 1 } } } }\n"
)
PLACEHOLDER = (
    'node { name: "p" op: "Placeholder" attr { key: "dtype" value { type: DT_FLOAT } } '
    'attr { key: "shape" value { shape { unknown_rank: true } } } }\n'
)


def _matmul(attr):
    return CONST + (
        'node { name: "m" op: "MatMul" input: "a" input: "a" attr { key: "T" value { type: '
        "DT_FLOAT } } %s }" % attr
    )


def varint(value):
    """A protobuf varint (a negative number as its 64-bit two's complement, as protobuf does)."""
    return sstable.put_varint(value & 0xFFFFFFFFFFFFFFFF)


def field(number, payload):
    """A length-delimited protobuf field (also used by tests/test_fuzz_parsers.py)."""
    return varint(number << 3 | 2) + varint(len(payload)) + payload


def nested_attr_value(depth):
    """An AttrValue whose `func` holds an attr whose value holds a func... `depth` times."""
    value = b""
    for _ in range(depth):
        value = field(10, field(2, field(1, b"k") + field(2, value)))
    return value


def _deep_graph_def(depth):
    """A GraphDef whose node's attr holds a func whose attr holds a func... `depth` deep."""
    node = field(1, b"a") + field(2, b"NoOp")
    return field(1, node + field(5, field(1, b"k") + field(2, nested_attr_value(depth))))


# -- event files ----------------------------------------------------------------------------------
def _record(payload):
    length = struct.pack("<Q", len(payload))
    return (
        length
        + struct.pack("<I", crc32c.mask(crc32c.value(length)))
        + payload
        + struct.pack("<I", crc32c.mask(crc32c.value(payload)))
    )


def _event(step):
    """An Event: wall_time (field 1, double) and step (field 2)."""
    return b"\x09" + struct.pack("<d", 1.5 + step) + b"\x10" + bytes([step])


def _events(*payloads):
    return {"events": b"".join(_record(p) for p in payloads)}


FIVE_EVENTS = [_event(step) for step in range(5)]


# -- TF 2 object checkpoints ---------------------------------------------------------------------
def _object_checkpoint(value):
    """A bundle whose object graph gives the root one child, "w", a variable saved as `value`
    (TrackableObjectGraph: nodes 1; a node's children 1 {node_id 1, local_name 2} and
    attributes 2 {name 1, full_name 2, checkpoint_key 3})."""
    from learntf.train import checkpoint_format

    key = b"w/.ATTRIBUTES/VARIABLE_VALUE"
    root = field(1, b"\x08\x01" + field(2, b"w"))
    variable = field(2, field(1, b"VARIABLE_VALUE") + field(2, b"w") + field(3, key))
    graph = field(1, root) + field(1, variable)
    with tempfile.TemporaryDirectory() as folder:
        prefix = os.path.join(folder, "object")
        checkpoint_format.write_checkpoint(
            prefix,
            [
                ("_CHECKPOINTABLE_OBJECT_GRAPH", np.array(graph, dtype=object)),
                (key.decode(), value),
            ],
        )
        files = {"object" + suffix: _read(prefix + suffix) for suffix in (".index", DATA)}
    return files


# -- SavedModels ----------------------------------------------------------------------------------
TF_SAVED_MODEL = os.path.join(ROOT, "tests", "data", "tf_saved_models", "dense")


def _saved_model(pb=None, index=None):
    """TF's SavedModel of a dense layer, with saved_model.pb or its variables' index damaged."""
    files = {}
    for folder, _, names in os.walk(TF_SAVED_MODEL):
        for name in names:
            path = os.path.join(folder, name)
            files[os.path.join("model", os.path.relpath(path, TF_SAVED_MODEL))] = _read(path)
    for key, damage in [("saved_model.pb", pb), ("variables/variables.index", index)]:
        if damage is not None:
            files["model/" + key] = damage(files["model/" + key])
    return files


# name: (reader, files); every file is written into one folder first.
CASES = {
    # checkpoints (tf.train.load_checkpoint, then every tensor)
    "index_truncated": ("checkpoint", lambda: _bundle(index=_read(TF_BUNDLE + ".index")[:-20])),
    "index_bad_magic": (
        "checkpoint",
        lambda: _bundle(index=_flip(_read(TF_BUNDLE + ".index"), -1)),
    ),
    "index_block_bit_flip": (
        "checkpoint",
        lambda: _bundle(index=_flip(_read(TF_BUNDLE + ".index"), 40)),
    ),
    "data_truncated": ("checkpoint", lambda: _bundle(data=_read(TF_BUNDLE + DATA)[:100])),
    "data_bit_flip": ("checkpoint", lambda: _bundle(data=_flip(_read(TF_BUNDLE + DATA), 50))),
    "data_file_missing": ("checkpoint", lambda: {"ckpt.index": _read(TF_BUNDLE + ".index")}),
    "entry_size_huge": ("checkpoint", lambda: _bundle(index=_resealed(b"float32", size=2**62))),
    "entry_offset_negative": (
        "checkpoint",
        lambda: _bundle(index=_resealed(b"float32", offset=-8)),
    ),
    "entry_shape_overflows": (
        "checkpoint",
        lambda: _bundle(index=_resealed(b"float32", shape=[2**32, 2**32, 2**32])),
    ),
    "entry_shape_negative": (
        "checkpoint",
        lambda: _bundle(index=_resealed(b"float32", shape=[-2, 3])),
    ),
    "entry_dtype_resource": (
        "checkpoint",
        lambda: _bundle(index=_resealed(b"float32", dtype_enum=20)),
    ),
    "entry_dtype_unknown": (
        "checkpoint",
        lambda: _bundle(index=_resealed(b"float32", dtype_enum=999)),
    ),
    "header_newer_version": ("checkpoint", lambda: _bundle(index=_header(min_consumer=5))),
    "header_big_endian": ("checkpoint", lambda: _bundle(index=_big_endian_header())),
    # GraphDefs (text parsed, then tf.compat.v1.import_graph_def)
    "bool_attr_given_a_string": (
        "graph_text",
        lambda: _matmul('attr { key: "transpose_a" value { s: "no" } }'),
    ),
    "bool_attr_given_an_int": (
        "graph_text",
        lambda: _matmul('attr { key: "transpose_a" value { i: 1 } }'),
    ),
    "list_attr_given_mixed_items": (
        "graph_text",
        lambda: (
            PLACEHOLDER
            + 'node { name: "c" op: "Conv2D" input: "p" input: "p" attr { key: "T" value { type: '
            'DT_FLOAT } } attr { key: "strides" value { list { i: 1 s: "a" } } } attr { key: '
            '"padding" value { s: "SAME" } } }'
        ),
    ),
    "type_attr_given_an_int": (
        "graph_text",
        lambda: (
            CONST + 'node { name: "s" op: "AddV2" input: "a" input: "a" '
            'attr { key: "T" value { i: 3 } } }'
        ),
    ),
    "shape_attr_given_an_int": (
        "graph_text",
        lambda: (
            'node { name: "p" op: "Placeholder" attr { key: "dtype" value { type: DT_FLOAT } '
            '} attr { key: "shape" value { i: 2 } } }'
        ),
    ),
    "tensor_attr_without_value": (
        "graph_text",
        lambda: (
            'node { name: "a" op: "Const" attr { key: "dtype" value { type: DT_FLOAT } } '
            'attr { key: "value" value { } } }'
        ),
    ),
    "const_without_value": (
        "graph_text",
        lambda: 'node { name: "a" op: "Const" attr { key: "dtype" value { type: DT_FLOAT } } }',
    ),
    "matmul_with_one_input": (
        "graph_text",
        lambda: (
            CONST + 'node { name: "m" op: "MatMul" input: "a" attr { key: "T" value { type: '
            "DT_FLOAT } } }"
        ),
    ),
    "attrs_tf_keeps_unused": (
        "graph_text",
        lambda: _matmul(
            'attr { key: "grad_a" value { b: false } } attr { key: "colour" value { s: "red" } }'
        ),
    ),
    "nested_3000_deep": ("graph_binary", lambda: _deep_graph_def(3000)),
    # event files (tf.compat.v1.train.summary_iterator)
    "event_crc_damaged": (
        "events",
        lambda: {"events": _flip(_events(*FIVE_EVENTS)["events"], 2 * 27 + 14)},
    ),
    "event_length_crc_damaged": (
        "events",
        lambda: {"events": _flip(_events(*FIVE_EVENTS)["events"], 27 + 9)},
    ),
    "event_not_an_event": ("events", lambda: _events(FIVE_EVENTS[0], b"\xff\xff\xff")),
    "event_file_truncated": ("events", lambda: {"events": _events(*FIVE_EVENTS)["events"][:-10]}),
    # SavedModels (tf.saved_model.load, in eager mode)
    "saved_model_truncated": (
        "saved_model",
        lambda: _saved_model(pb=lambda raw: raw[: len(raw) // 2]),
    ),
    "saved_model_variables_index_truncated": (
        "saved_model",
        lambda: _saved_model(index=lambda raw: raw[:-20]),
    ),
    # TF 2 object checkpoints (tf.train.Checkpoint(w=a float32 [2] variable).read)
    "object_checkpoint_value_of_another_dtype": (
        "object_checkpoint",
        lambda: _object_checkpoint(np.array([b"a", b"b"], dtype=object)),
    ),
    # meta graphs (tf.compat.v1.train.import_meta_graph)
    "meta_graph_garbage": ("meta_graph", lambda: {"model.meta": b"\xff\xfenot a MetaGraphDef\x00"}),
}


def write_files(case, folder):
    """Write the case's files into `folder`; the text of a GraphDef case is returned instead."""
    reader, build = CASES[case]
    built = build()
    if reader.startswith("graph"):
        return built
    for name, data in built.items():
        os.makedirs(os.path.dirname(os.path.join(folder, name)), exist_ok=True)
        with open(os.path.join(folder, name), "wb") as handle:
            handle.write(data)
    return None


def read(case, tf1, parse_text, folder):
    """What reading the case's files gives: a short description of the result, or raises."""
    reader = CASES[case][0]
    built = write_files(case, folder)
    if reader == "checkpoint":
        checkpoint = tf1.train.load_checkpoint(os.path.join(folder, "ckpt"))
        names = sorted(checkpoint.get_variable_to_shape_map())
        for name in names:
            checkpoint.get_tensor(name)
        return "%d tensors" % len(names)
    if reader.startswith("graph"):
        if reader == "graph_text":
            graph_def = parse_text(built, tf1.GraphDef())
        else:
            graph_def = tf1.GraphDef.FromString(built)
        with tf1.Graph().as_default() as graph:
            tf1.import_graph_def(graph_def, name="")
            return "%d ops" % len(graph.get_operations())
    if reader == "saved_model":
        engine = importlib.import_module(tf1.__name__.split(".")[0])
        engine.saved_model.load(os.path.join(folder, "model"))
        return "loaded"
    if reader == "object_checkpoint":
        engine = importlib.import_module(tf1.__name__.split(".")[0])
        w = engine.Variable(np.zeros(2, np.float32))
        engine.train.Checkpoint(w=w).read(os.path.join(folder, "object"))
        return "restored %s" % w.numpy().tolist()
    if reader == "events":
        found = list(tf1.train.summary_iterator(os.path.join(folder, "events")))
        return "%d events" % len(found)
    with tf1.Graph().as_default():
        tf1.train.import_meta_graph(os.path.join(folder, "model.meta"))
    return "imported"


def outcome(case, tf1, parse_text, folder):
    """{"result": ...} or {"error": class name, "message": its text, with `folder` as <dir>}."""
    try:
        return {"result": read(case, tf1, parse_text, folder)}
    except Exception as exc:  # (recorded, whatever it is: the test compares the classes)
        message = str(exc).replace(folder, "<dir>")
        return {"error": type(exc).__name__, "message": message}
