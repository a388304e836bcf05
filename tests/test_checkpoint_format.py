"""The checkpoint files (learntf/train/checkpoint_format.py, TF's tensor bundle): readable by hand,
checked on read, and never half-written, even when the saving process is killed."""

import os
import re
import signal
import subprocess
import sys
import textwrap
import time

import kill_points
import numpy as np
import pytest

import learntf.compat.v1 as tf
from learntf.train import bundle_protos, checkpoint_format, crc32c, sstable

tf.disable_v2_behavior()  # TF1 programs on TensorFlow 2 start so: graphs and sessions

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.fixture(autouse=True)
def fresh_graph(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    tf.reset_default_graph()
    yield
    tf.reset_default_graph()


def save(values, prefix="model.ckpt", **saver_args):
    """Save {name: array} as variables; return the path save() returned."""
    for name, value in values.items():
        tf.Variable(value, name=name)
    saver = tf.train.Saver(**saver_args)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return saver.save(sess, prefix)


def index_entries(prefix):
    """{key: entry} of the index, read with the table and proto modules only."""
    items = sstable.read(open(prefix + ".index", "rb").read())
    assert items[0][0] == b""  # the header comes first
    return {key.decode(): bundle_protos.decode_entry(value) for key, value in items[1:]}


def test_the_docstring_recipe_reads_a_tensor_by_hand():
    theta = np.arange(9, dtype=np.float32).reshape(9, 1) / 7
    save({"theta": theta, "step": np.int64(42)})
    header = bundle_protos.decode_header(sstable.read(open("model.ckpt.index", "rb").read())[0][1])
    assert (header["num_shards"], header["endianness"], header["producer"]) == (1, 0, 1)
    entry = index_entries("model.ckpt")["theta"]
    assert entry["dtype"] == 1 and entry["shape"] == [9, 1] and entry["size"] == 36  # DT_FLOAT
    with open("model.ckpt.data-00000-of-00001", "rb") as data:
        data.seek(entry["offset"])
        raw = data.read(entry["size"])
    assert crc32c.value(raw) == crc32c.unmask(entry["crc32c"])
    np.testing.assert_array_equal(np.frombuffer(raw, "<f4").reshape(9, 1), theta)
    step = index_entries("model.ckpt")["step"]
    assert (step["dtype"], step["shape"], step["size"]) == (9, [], 8)  # DT_INT64, a scalar


@pytest.mark.parametrize(
    "value",
    [
        np.float64(np.pi),
        np.array([True, False]),
        np.arange(6, dtype=np.int8).reshape(2, 3),
        np.array([1.5, -2], dtype=np.float16),
        np.array([1 + 2j], dtype=np.complex64),
        np.array([[0, 65535]], dtype=np.uint16),
        np.zeros((0, 3), np.float32),
    ],
)
def test_values_of_every_dtype_come_back_exactly(value):
    checkpoint_format.write_checkpoint("x", [("v", value)])
    restored = checkpoint_format.CheckpointReader("x").get_tensor("v")
    assert restored.dtype == value.dtype and restored.shape == np.shape(value)
    np.testing.assert_array_equal(restored, value)
    assert not restored.flags.writeable


def test_strings_are_stored_as_length_and_bytes():
    words = np.empty(2, dtype=object)
    words[:] = [b"hello", "w\u00f6rld".encode("utf-8")]
    checkpoint_format.write_checkpoint("x", [("words", words)])
    raw = open("x.data-00000-of-00001", "rb").read()
    lengths_crc = crc32c.value((5).to_bytes(4, "little") + (6).to_bytes(4, "little"))
    assert raw[:2] == bytes([5, 6])  # varint lengths, then their masked checksum, then the bytes
    assert raw[2:6] == crc32c.mask(lengths_crc).to_bytes(4, "little")
    assert raw[6:] == b"hello" + "w\u00f6rld".encode("utf-8")
    assert list(checkpoint_format.CheckpointReader("x").get_tensor("words")) == list(words)


def test_overwriting_a_checkpoint_keeps_the_old_bytes_until_the_new_index_is_in_place():
    # The new values go beside the old ones, so the old index stays valid at every moment.
    checkpoint_format.write_checkpoint("x", [("v", np.ones(4, np.float32))])
    old_index = open("x.index", "rb").read()
    checkpoint_format.write_checkpoint("x", [("v", np.full(4, 2, np.float32))])
    with open("x.index", "wb") as handle:  # what a reader would see between the two renames
        handle.write(old_index)
    np.testing.assert_array_equal(checkpoint_format.CheckpointReader("x").get_tensor("v"), 1)


def test_repeated_saves_to_one_prefix_use_at_most_two_slots():
    for i in range(6):
        checkpoint_format.write_checkpoint("x", [("v", np.full(10, i, np.float32))])
    assert os.path.getsize("x.data-00000-of-00001") == 2 * 40
    np.testing.assert_array_equal(checkpoint_format.CheckpointReader("x").get_tensor("v"), 5)


def rewrite_index(prefix, change):
    """Rebuild the index (a valid table) with `change(items)` applied: crafted, checksummed."""
    items = sstable.read(open(prefix + ".index", "rb").read())
    with open(prefix + ".index", "wb") as handle:
        handle.write(sstable.build(change(items)))


def test_a_newer_index_version_is_refused_with_the_reason():
    save({"v": np.zeros(2, np.float32)})
    header = bundle_protos.encode_header(producer=2, min_consumer=2)
    rewrite_index("model.ckpt", lambda items: [(b"", header)] + items[1:])
    with pytest.raises(
        tf.errors.InvalidArgumentError, match="min consumer version 2 above current version 1"
    ):
        tf.train.load_variable("model.ckpt", "v")


ABSURD_ENTRIES = {  # crafted entries for "v", a float32 [2]: (entry, TF's words)
    "offset far past the end": (dict(offset=2**62), "Read less bytes than requested"),
    "negative offset": (dict(offset=-4), "Entry for key v not parseable"),
    "size of an exabyte": (dict(size=2**60), "Invalid size in bundle entry: key v"),
    "absurd shape": (dict(shape=[2**20, 2**20]), "Invalid size in bundle entry: key v"),
    "overflowing shape": (dict(shape=[2**62, 2**62]), "Invalid tensor shape: v"),
    "negative dimension": (dict(shape=[-1]), "Invalid tensor shape: v"),
    "unknown dtype": (dict(dtype=999), "Entry for key v not parseable"),
    "another shard": (dict(shard_id=3), "Entry for key v not parseable"),
}


@pytest.mark.parametrize("damage", sorted(ABSURD_ENTRIES))
def test_a_crafted_entry_with_absurd_fields_is_data_loss(damage):
    save({"v": np.zeros(2, np.float32)})
    fields = dict(dtype_enum=1, shape=[2], offset=0, size=8, crc=0)
    change, words = ABSURD_ENTRIES[damage]
    fields.update({("dtype_enum" if k == "dtype" else k): v for k, v in change.items()})
    entry = bundle_protos.encode_entry(**fields)
    rewrite_index("model.ckpt", lambda items: items[:1] + [(b"v", entry)])
    with pytest.raises(tf.errors.DataLossError, match=re.escape(words)):
        tf.train.load_variable("model.ckpt", "v")


@pytest.mark.parametrize(
    "damage, words",
    [
        (lambda raw: raw[:10] + bytes([raw[10] ^ 1]) + raw[11:], "block checksum mismatch"),
        (lambda raw: raw[:-1], "not an sstable (bad magic number)"),
        (lambda raw: raw[:20], "file is too short to be an sstable"),
        (lambda raw: b"", "file is too short to be an sstable"),
    ],
)
def test_a_damaged_index_file_is_data_loss(damage, words):
    save({"v": np.zeros(2, np.float32)})
    raw = open("model.ckpt.index", "rb").read()
    with open("model.ckpt.index", "wb") as handle:
        handle.write(damage(raw))
    with pytest.raises(tf.errors.DataLossError, match=re.escape(words)):
        tf.train.list_variables("model.ckpt")


def test_learntfs_former_json_index_is_named():
    save({"v": np.zeros(2, np.float32)})
    with open("model.ckpt.index", "w") as handle:
        handle.write('{\n  "format": "learntf checkpoint",\n  "version": 1\n}\n')
    with pytest.raises(tf.errors.DataLossError, match="bad magic number.*\n.*former JSON index"):
        tf.train.list_variables("model.ckpt")


def test_garbage_inside_a_valid_table_is_data_loss():
    save({"v": np.zeros(2, np.float32)})
    rewrite_index("model.ckpt", lambda items: items[:1] + [(b"v", b"\xff\xff\xff")])
    with pytest.raises(tf.errors.DataLossError, match="Entry for key v not parseable"):
        tf.train.list_variables("model.ckpt")
    rewrite_index("model.ckpt", lambda items: [(b"", b"\x1a\x05")] + items[1:])
    with pytest.raises(tf.errors.DataLossError, match="unable to parse header"):
        tf.train.list_variables("model.ckpt")


def test_damaged_string_lengths_are_data_loss():
    words = np.empty(2, dtype=object)
    words[:] = [b"hello", b"world"]
    checkpoint_format.write_checkpoint("x", [("words", words)])
    raw = bytearray(open("x.data-00000-of-00001", "rb").read())
    raw[0] = 0xFF  # the first length becomes a varint that runs on
    open("x.data-00000-of-00001", "wb").write(bytes(raw))
    with pytest.raises(tf.errors.DataLossError, match="length checksum does not match"):
        checkpoint_format.CheckpointReader("x").get_tensor("words")


def read_everything(prefix):
    reader = checkpoint_format.CheckpointReader(prefix)
    reader.get_variable_to_shape_map()
    return {key: reader.get_tensor(key) for key in reader.keys()}


def test_random_damage_raises_only_tfs_error_classes():
    # Records changed inside a valid table (so past the block checksums) and flipped data bits.
    words = np.empty(3, dtype=object)
    words[:] = [b"a", b"", b"xyz"]
    tensors = [("v", np.arange(6, dtype=np.float32).reshape(2, 3)), ("s", words)]
    checkpoint_format.write_checkpoint("x", tensors + [("z", np.int64(3))])
    items = sstable.read(open("x.index", "rb").read())
    data = open("x.data-00000-of-00001", "rb").read()
    rng = np.random.RandomState(0)
    outcomes = set()
    for _ in range(300):
        record = bytearray(items[rng.randint(len(items))][1])
        position = rng.randint(len(record) + 1)
        record[position : position + rng.randint(3)] = rng.bytes(rng.randint(3))
        i = rng.randint(len(items))
        changed = items[:i] + [(items[i][0], bytes(record))] + items[i + 1 :]
        open("y.index", "wb").write(sstable.build(changed))
        damaged = bytearray(data)
        damaged[rng.randint(len(data))] ^= 1 << rng.randint(8) if rng.rand() < 0.3 else 0
        open("y.data-00000-of-00001", "wb").write(bytes(damaged))
        try:
            read_everything("y")
            outcomes.add("read")
        except (tf.errors.DataLossError, tf.errors.UnimplementedError) as error:
            outcomes.add(type(error).__name__)
        except (tf.errors.InvalidArgumentError, tf.errors.NotFoundError) as error:
            assert "version" in error.message or ".data-" in error.message  # a changed header
    assert {"read", "DataLossError"} <= outcomes


def test_a_checkpoint_in_two_data_files_is_read_from_both():
    # TF's sharded savers write PREFIX.data-0000i-of-0000n; each entry names its shard.
    checkpoint_format.write_checkpoint("x", [("a", np.float32(1)), ("b", np.arange(3))])
    os.rename("x.data-00000-of-00001", "x.data-00001-of-00002")
    checkpoint_format.write_checkpoint("y", [("a", np.float32(5))])
    os.rename("y.data-00000-of-00001", "x.data-00000-of-00002")

    a = bundle_protos.decode_entry(sstable.read(open("y.index", "rb").read())[1][1])

    def to_two_shards(items):
        b = bundle_protos.decode_entry(dict(items)[b"b"])
        return [
            (b"", bundle_protos.encode_header(num_shards=2)),
            (b"a", bundle_protos.encode_entry(1, [], 0, 4, a["crc32c"], shard_id=0)),
            (b"b", bundle_protos.encode_entry(9, [3], b["offset"], 24, b["crc32c"], shard_id=1)),
        ]

    rewrite_index("x", to_two_shards)
    values = read_everything("x")
    assert values["a"] == 5 and list(values["b"]) == [0, 1, 2]


def test_keys_must_be_unique_and_not_the_headers():
    with pytest.raises(tf.errors.InvalidArgumentError, match="Adding duplicate key: v"):
        checkpoint_format.write_checkpoint("x", [("v", np.float32(1)), ("v", np.float32(2))])
    with pytest.raises(tf.errors.InvalidArgumentError, match="empty key"):
        checkpoint_format.write_checkpoint("x", [("", np.float32(1))])
    assert not os.path.exists("x.index")


def test_a_dtype_learntf_lacks_is_named():
    checkpoint_format.write_checkpoint("x", [("u", np.zeros(2, np.uint16))])
    entry = bundle_protos.decode_entry(sstable.read(open("x.index", "rb").read())[1][1])
    as_uint32 = bundle_protos.encode_entry(22, [1], 0, 4, entry["crc32c"])  # DT_UINT32
    rewrite_index("x", lambda items: items[:1] + [(b"u", as_uint32)])
    with pytest.raises(tf.errors.UnimplementedError, match="'u' has dtype DT_UINT32"):
        checkpoint_format.CheckpointReader("x").get_tensor("u")


def test_crc32c_matches_the_castagnoli_check_value_and_continues():
    assert crc32c.value(b"123456789") == 0xE3069283  # the standard check value of CRC-32C
    data = np.random.RandomState(0).bytes(100003)  # the vectorised path, with a ragged head
    whole = crc32c.value(data)
    assert crc32c.value(data[40000:], crc32c.value(data[:40000])) == whole
    assert whole == crc32c._advance_bytes(0xFFFFFFFF, data) ^ 0xFFFFFFFF  # the byte loop
    assert crc32c.unmask(crc32c.mask(whole)) == whole != crc32c.mask(whole)


def test_crc32c_checks_a_megabyte_fast_enough():
    data = np.random.RandomState(1).bytes(1 << 20)
    crc32c.value(data)  # (builds its tables)
    seconds = []
    for _ in range(5):  # the best of five: the machine is shared
        start = time.perf_counter()
        crc32c.value(data)
        seconds.append(time.perf_counter() - start)
    megabytes_per_second = 1 / min(seconds)
    assert megabytes_per_second > 15, megabytes_per_second  # 150-400 MB/s on one loaded core


# -- killed in the middle of a save ----------------------------------------------------------------
# The child saves generation 1 (every value 1.0), then starts saving generation 2 (every value
# 2.0) and kills itself just before its k-th file-system step (tests/kill_points.py).
CHILD = """
    import numpy as np
    import learntf.compat.v1 as tf
    tf.disable_v2_behavior()

    same_prefix, kill_at = sys.argv[1] == "same", int(sys.argv[2])
    v = tf.Variable(np.full(1000, 1.0, np.float32), name="v")
    w = tf.Variable(np.full(7, 1.0, np.float32), name="w")
    step = tf.Variable(1, name="step")
    saver = tf.train.Saver(max_to_keep=1)
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    saver.save(sess, "ckpt/model", global_step=None if same_prefix else step)
    sess.run([v.assign(v + 1), w.assign(w + 1), step.assign(2)])
    arm(kill_at)
    saver.save(sess, "ckpt/model", global_step=None if same_prefix else step)
    print("finished after", steps[0], "steps")
"""


def run_child(mode, kill_at, cwd):
    return kill_points.run_child(CHILD, [mode, kill_at], cwd)


def restored_generation(prefix, size=1000):
    """Restore `prefix` in a fresh graph; the generation (1, 2, ...) every value agrees on."""
    with tf.Graph().as_default():
        v = tf.Variable(np.zeros(size, np.float32), name="v")
        w = tf.Variable(np.zeros(7, np.float32), name="w")
        step = tf.Variable(0, name="step")
        with tf.Session() as sess:
            tf.train.Saver().restore(sess, prefix)
            values = sess.run([v, w, step])
    generations = {float(values[0][0]), float(values[1][0]), float(values[2])}
    assert len(generations) == 1, "a mixture of two saves: %s" % generations
    assert (values[0] == values[0][0]).all() and (values[1] == values[1][0]).all()
    return generations.pop()


@pytest.mark.parametrize("mode", ["same", "numbered"])
def test_a_save_killed_at_any_step_leaves_a_complete_checkpoint(mode, tmp_path):
    outcomes = []
    for kill_at in range(1, 60):
        run_dir = tmp_path / ("kill%d" % kill_at)
        (run_dir / "ckpt").mkdir(parents=True)
        result = run_child(mode, kill_at, run_dir)
        finished = result.returncode == 0
        if not finished:
            assert result.returncode == -signal.SIGKILL, result.stderr
        latest = tf.train.latest_checkpoint(str(run_dir / "ckpt"))
        assert latest is not None  # the `checkpoint` file is always whole
        generation = restored_generation(latest)
        tf.train.import_meta_graph(latest + ".meta")  # its meta graph is whole too
        tf.reset_default_graph()
        if mode == "numbered":  # the previous checkpoint stays until the new one is named
            assert latest.endswith("model-%d" % generation)
        outcomes.append(generation)
        if finished:
            break
    assert finished, "the save never finished: raise the range of kill points"
    assert outcomes[0] == 1 and outcomes[-1] == 2 and len(outcomes) > 8
    assert outcomes == sorted(outcomes)  # old until the commit, new from then on


def test_a_process_killed_at_random_moments_never_leaves_a_broken_checkpoint(tmp_path):
    loop = textwrap.dedent("""
        import numpy as np
        import learntf.compat.v1 as tf
        tf.disable_v2_behavior()
        v = tf.Variable(np.zeros(200000, np.float32), name="v")
        w = tf.Variable(np.zeros(7, np.float32), name="w")
        step = tf.Variable(0, name="step")
        saver = tf.train.Saver()
        bump = [v.assign(v + 1), w.assign(w + 1), step.assign_add(1)]
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            sess.run(bump)
            saver.save(sess, "ckpt/model")
            print("first save done", flush=True)
            while True:
                sess.run(bump)
                saver.save(sess, "ckpt/model")
    """)
    rng = np.random.RandomState(0)
    generations = []
    for attempt in range(4):
        run_dir = tmp_path / ("run%d" % attempt)
        (run_dir / "ckpt").mkdir(parents=True)
        child = subprocess.Popen(
            [sys.executable, "-c", loop],
            cwd=run_dir,
            env=dict(os.environ, PYTHONPATH=ROOT),
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout.readline().strip() == "first save done"
        time.sleep(rng.uniform(0.05, 0.4))
        child.kill()
        child.wait()
        child.stdout.close()
        generations.append(restored_generation(str(run_dir / "ckpt" / "model"), size=200000))
    assert max(generations) > 1  # the kills came while later saves were under way
