"""learntf and TensorFlow read each other's checkpoints: files recorded with real TF 2.21 by
scripts/record_tf_checkpoints.py (its `--check` makes TF read the files learntf writes)."""

import json
import pathlib
import re
import sys

import numpy as np
import pytest

import learntf.compat.v1 as tf
from learntf.train import checkpoint_format, sstable

ROOT = pathlib.Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "tf_checkpoints"
RECORDED = json.loads((DATA / "values.json").read_text(encoding="utf-8"))
sys.path.insert(0, str(ROOT / "scripts"))
import record_tf_checkpoints as recording  # noqa: E402  (the tensors it gave TF; TF not needed)

tf.disable_v2_behavior()  # the Saver test runs a TF 1 graph


def full_key(json_key):
    """values.json writes the two 128 KiB keys as "long/{a*131072}"."""
    match = re.fullmatch(r"(.*)\{(.)\*(\d+)\}", json_key)
    return match[1] + match[2] * int(match[3]) if match else json_key


def test_learntf_reads_every_tensor_tf_saved_exactly():
    reader = checkpoint_format.CheckpointReader(str(DATA / "bundle"))
    assert sorted(reader.keys()) == sorted(full_key(k) for k in RECORDED["bundle"])
    for key, expected in RECORDED["bundle"].items():
        value = reader.get_tensor(full_key(key))
        assert recording.describe(value) == expected, key


def test_learntf_writes_the_same_bytes_as_tf_for_the_same_tensors(tmp_path):
    tensors = dict(recording.bundle_tensors())
    ordered = [(full_key(k), tensors[full_key(k)]) for k in RECORDED["bundle_order"]]
    checkpoint_format.write_checkpoint(str(tmp_path / "bundle"), ordered)
    for suffix in (".index", ".data-00000-of-00001"):
        mine = (tmp_path / ("bundle" + suffix)).read_bytes()
        assert mine == (DATA / ("bundle" + suffix)).read_bytes(), suffix


def test_the_recorded_index_spans_two_blocks_with_shortened_keys():
    items = sstable.read((DATA / "bundle.index").read_bytes())
    assert items[0][0] == b"" and len(items) == len(RECORDED["bundle"]) + 1
    raw = (DATA / "bundle.index").read_bytes()
    assert sstable.build(items) == raw  # the table alone, rebuilt from its items
    assert raw.count(b"layer_") < 30  # similar keys share their prefixes (restarts every 16)


def test_a_learntf_saver_restores_tfs_saver_checkpoint():
    with tf.Graph().as_default():
        variables = {
            name: tf.Variable(np.zeros_like(value) if value.dtype != object else b"", name=name)
            for name, value in recording.SAVER_VARIABLES
        }
        step = tf.train.get_or_create_global_step()
        with tf.Session() as sess:
            tf.train.Saver().restore(sess, str(DATA / "saver" / "model.ckpt-7"))
            values = sess.run(variables)
            assert sess.run(step) == 7
    for name, value in values.items():
        assert recording.describe(value) == RECORDED["saver"][name], name
    assert recording.describe(np.int64(7)) == RECORDED["saver"]["global_step"]
    listed = dict(tf.train.list_variables(str(DATA / "saver" / "model.ckpt-7")))
    assert listed == {name: RECORDED["saver"][name]["shape"] for name in RECORDED["saver"]}


@pytest.mark.parametrize("key", ["float32", "strings", "big/kernel"])
def test_tfs_bytes_damaged_are_data_loss(tmp_path, key):
    data = bytearray((DATA / "bundle.data-00000-of-00001").read_bytes())
    entry = checkpoint_format.CheckpointReader(str(DATA / "bundle"))._entries[key]
    data[entry["offset"] + entry["size"] - 1] ^= 0x10
    (tmp_path / "b.index").write_bytes((DATA / "bundle.index").read_bytes())
    (tmp_path / "b.data-00000-of-00001").write_bytes(bytes(data))
    with pytest.raises(tf.errors.DataLossError, match="Checksum does not match"):
        checkpoint_format.CheckpointReader(str(tmp_path / "b")).get_tensor(key)
