"""Record, with real TensorFlow 2.21, checkpoint files in TF's tensor-bundle format into
tests/data/tf_checkpoints/, and check that TensorFlow reads the ones learntf writes.

    .venv-tf/bin/python scripts/record_tf_checkpoints.py           # (re)write the recording
    .venv-tf/bin/python scripts/record_tf_checkpoints.py --check   # TF reads learntf's files

Recorded (tests/test_tf_checkpoints.py reads them with learntf, and writes the same tensors to
compare the bytes):
- `saver/model.ckpt-7.{index,data-00000-of-00001}`: a TF 1 `tf.compat.v1.train.Saver`
  checkpoint (graph mode) of variables of several dtypes and shapes and the global step.  Only
  the index and data files are kept (the .meta file and the `checkpoint` state file are left out).
- `bundle.{index,data-00000-of-00001}`: one `tf.raw_ops.SaveV2` of every dtype learntf has,
  strings (empty, non-ASCII, bytes that are not UTF-8), scalars, empty tensors, a 32 KB tensor,
  30 similar keys (prefix compression, restart points) and two 128 KiB keys that push the index
  past TF's 256 KiB block size (two data blocks, shortened index keys).
- `values.json`: what TF holds under each key, read back from the files by TensorFlow: dtype,
  shape and the SHA-256 of the little-endian bytes (of each string, for string tensors), plus the
  SaveV2 order of the keys (the data file keeps it).

With `--check` nothing is written.  The recording is made again in a temporary folder and
compared byte for byte with the committed one; then learntf (this checkout) writes the same
tensors, with `write_checkpoint` and with learntf's `Saver`, and TensorFlow must read every value
back exactly, with `RestoreV2` and with a TF 1 `Saver`.  Exit status 1 if anything differs.
"""

import argparse
import filecmp
import hashlib
import json
import os
import pathlib
import shutil
import sys
import tempfile

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "tests" / "data" / "tf_checkpoints"
NOTE = (
    "Recorded with real TensorFlow by scripts/record_tf_checkpoints.py; read and written by "
    "learntf in tests/test_tf_checkpoints.py. Do not edit by hand: change the script, record again."
)
LONG_KEY = 131072  # two keys this long fill TF's 256 KiB index block


def bundle_tensors():
    """[(key, value as NumPy)] in SaveV2 order (not sorted: the data file keeps this order)."""
    strings = np.array([b"", b"hello", "w\u00f6rld \u65e5\u672c".encode(), b"\x00\xff"], object)
    tensors = [
        ("float32", np.arange(6, dtype=np.float32).reshape(2, 3) / 7),
        ("float16", np.array([1.5, -2, 65504, 6e-8], np.float16)),
        ("float64", np.float64(np.pi)),
        ("int8", np.array([-128, 0, 127], np.int8)),
        ("int16", np.array([-32768, 32767], np.int16)),
        ("int32", np.array([[-(2**31), 2**31 - 1]], np.int32)),
        ("int64", np.array([-(2**63), 2**63 - 1, 0], np.int64)),
        ("uint8", np.array([0, 255], np.uint8)),
        ("uint16", np.array([0, 65535], np.uint16)),
        ("bool", np.array([True, False, True])),
        ("complex64", np.array([1 + 2j, -0.5j], np.complex64)),
        ("complex128", np.array([[3 - 4j]], np.complex128)),
        ("strings", strings.reshape(2, 2)),
        ("string_scalar", np.array("caf\u00e9".encode(), object)),
        ("empty_float", np.zeros((0, 3), np.float32)),
        ("empty_strings", np.zeros((0,), object)),
        ("big/kernel", np.sin(np.arange(64 * 128, dtype=np.float32)).reshape(64, 128)),
        ("long/" + "a" * LONG_KEY, np.float32(1)),
        ("long/" + "b" * LONG_KEY, np.float32(2)),
    ]
    tensors += [
        ("layer_%02d/%s" % (i // 2, "kernel" if i % 2 else "bias"), np.full(2, i, np.int32))
        for i in range(30)
    ]
    return tensors


SAVER_VARIABLES = [  # (name, value) of the TF 1 Saver checkpoint, plus global_step = 7
    ("dense/kernel", np.arange(6, dtype=np.float32).reshape(3, 2) / 3),
    ("dense/bias", np.array([0.5, -0.25], np.float64)),
    ("counts", np.array([1, 2, 3, 4], np.int32)),
    ("flags", np.array([True, False, True])),
    ("label", np.array(b"linear", object)),
]


def describe(value):
    """{dtype, shape, sha256}: what a reader must give back, exactly."""
    value = np.asarray(value)
    if value.dtype.kind in "OS":  # (TF gives a scalar string as bytes)
        items = [bytes(x) for x in value.reshape(-1)]
        digest = [hashlib.sha256(x).hexdigest() for x in items]
        dtype = "string"
    else:
        digest = hashlib.sha256(value.astype(value.dtype.newbyteorder("<")).tobytes()).hexdigest()
        dtype = value.dtype.name
    return {"dtype": dtype, "shape": list(value.shape), "sha256": digest}


def json_key(key):
    """The key as values.json writes it: the long keys as "long/{a*131072}"."""
    if len(key) < 1000:
        return key
    head = key.rstrip(key[-1])
    return "%s{%s*%d}" % (head, key[-1], len(key) - len(head))


def record(folder):
    """Write the recording into `folder`; return values.json's data."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import tensorflow as tf
    import tensorflow.compat.v1 as tf1

    folder.mkdir(parents=True, exist_ok=True)
    tensors = bundle_tensors()
    prefix = str(folder / "bundle")
    tf.raw_ops.SaveV2(
        prefix=prefix,
        tensor_names=[k for k, _ in tensors],
        shape_and_slices=[""] * len(tensors),
        tensors=[tf.constant(v) for _, v in tensors],
    )
    reader = tf.train.load_checkpoint(prefix)
    bundle = {json_key(key): describe(reader.get_tensor(key)) for key, _ in tensors}

    with tf.Graph().as_default():
        for name, value in SAVER_VARIABLES:
            tf1.Variable(value, name=name)
        step = tf1.train.get_or_create_global_step()
        saver = tf1.train.Saver()
        with tf1.Session() as sess:
            sess.run(tf1.global_variables_initializer())
            sess.run(step.assign(7))
            saved = saver.save(sess, str(folder / "saver" / "model.ckpt"), global_step=step)
    for leftover in ("model.ckpt-7.meta", "checkpoint"):
        (folder / "saver" / leftover).unlink()
    reader = tf.train.load_checkpoint(saved)
    saver_values = {
        key: describe(reader.get_tensor(key)) for key in sorted(reader.get_variable_to_shape_map())
    }
    return {
        "tensorflow_version": tf.__version__,
        "note": NOTE,
        "bundle_order": [json_key(k) for k, _ in tensors],
        "bundle": bundle,
        "saver": saver_values,
    }


def write_values(folder, values):
    text = json.dumps(values, indent=1, sort_keys=True) + "\n"
    (folder / "values.json").write_text(text, encoding="utf-8")


def tf_reads_learntf_files(scratch):
    """learntf writes the recorded tensors; TensorFlow reads them. Returns the problems found."""
    import tensorflow as tf
    import tensorflow.compat.v1 as tf1

    sys.path.insert(0, str(ROOT))
    import learntf.compat.v1 as ltf
    from learntf.train import checkpoint_format

    problems = []
    tensors = bundle_tensors()
    prefix = str(scratch / "learntf_bundle")
    checkpoint_format.write_checkpoint(prefix, tensors)
    for key, value in tensors:
        dtype = (
            tf.string if np.asarray(value).dtype == object else tf.as_dtype(np.asarray(value).dtype)
        )
        (restored,) = tf.raw_ops.RestoreV2(
            prefix=prefix, tensor_names=[key], shape_and_slices=[""], dtypes=[dtype]
        )
        if describe(restored.numpy()) != describe(value):
            problems.append("RestoreV2 of learntf's %s differs" % json_key(key))

    ltf.disable_v2_behavior()
    (scratch / "learntf_saver").mkdir()
    graph = ltf.Graph()
    with graph.as_default():
        for name, value in SAVER_VARIABLES:
            ltf.Variable(value, name=name)
        step = ltf.train.get_or_create_global_step()
        with ltf.Session() as sess:
            sess.run(ltf.global_variables_initializer())
            sess.run(step.assign(7))
            saved = ltf.train.Saver().save(sess, str(scratch / "learntf_saver" / "model.ckpt"), 7)
    with tf.Graph().as_default():
        variables = [
            tf1.Variable(np.zeros_like(value) if value.dtype != object else b"", name=name)
            for name, value in SAVER_VARIABLES
        ]
        step = tf1.train.get_or_create_global_step()
        with tf1.Session() as sess:
            tf1.train.Saver().restore(sess, saved)
            got = sess.run(variables + [step])
    for (name, value), restored in zip(SAVER_VARIABLES + [("global_step", np.int64(7))], got):
        if describe(restored) != describe(value):
            problems.append("TF 1 Saver restoring learntf's %s differs" % name)
    return problems, len(tensors), len(got)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="write nothing; TF reads learntf's files"
    )
    args = parser.parse_args(argv)
    if not args.check:
        if OUTPUT.exists():
            shutil.rmtree(OUTPUT)
        values = record(OUTPUT)
        write_values(OUTPUT, values)
        sizes = sum(p.stat().st_size for p in OUTPUT.rglob("*") if p.is_file())
        print(
            "wrote %s: %d bundle tensors, %d saver tensors, %d bytes"
            % (OUTPUT.relative_to(ROOT), len(values["bundle"]), len(values["saver"]), sizes)
        )
        return 0
    with tempfile.TemporaryDirectory() as scratch:
        scratch = pathlib.Path(scratch)
        write_values(scratch / "again", record(scratch / "again"))
        compare = filecmp.dircmp(OUTPUT, scratch / "again")
        changed = compare.diff_files + compare.left_only + compare.right_only
        for sub in compare.subdirs.values():
            changed += sub.diff_files + sub.left_only + sub.right_only
        problems, bundle_count, saver_count = tf_reads_learntf_files(scratch)
    print(("unchanged" if not changed else "WOULD CHANGE: %s" % changed) + ": the recording")
    print(
        "TensorFlow read %d tensors of learntf's bundle and %d variables of learntf's Saver "
        "checkpoint: %s" % (bundle_count, saver_count, "; ".join(problems) or "all identical")
    )
    return 1 if changed or problems else 0


if __name__ == "__main__":
    sys.exit(main())
