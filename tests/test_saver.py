"""tf.train.Saver: seed 000 "保存和恢复模型", seed 001 section 3 and seed 003's Saver passages.

Each test is a seed snippet (or what TensorFlow documents about it); the expected values are the
ones the seeds print (see ../shared/conformance for the same programs run on real TF)."""

import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import learntf.compat.v1 as tf

tf.disable_v2_behavior()  # TF1 programs on TensorFlow 2 start so: graphs and sessions

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.fixture(autouse=True)
def fresh_graph(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    tf.reset_default_graph()
    yield
    tf.reset_default_graph()


def test_seed_001_restore_overwrites_initial_values():
    # "前面已经保存过一个model.ckpt了,里面的v1为全0"
    os.makedirs("data")
    v1 = tf.Variable(tf.zeros([5]), name="v1")
    v2 = tf.Variable(tf.zeros([3, 2]), name="v2")
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        tf.train.Saver().save(sess, "data/model.ckpt")
    tf.reset_default_graph()
    v1 = tf.Variable(tf.constant(1.0, shape=[5]), name="v1")
    v2 = tf.Variable(tf.truncated_normal(shape=[3, 2], stddev=0.02), name="v2")
    init_op = tf.global_variables_initializer()
    sess = tf.InteractiveSession()
    saver = tf.train.Saver()
    sess.run(init_op)
    np.testing.assert_array_equal(sess.run(v1), [1, 1, 1, 1, 1])  # 输出[1,1,1,1,1]
    saver.restore(sess, "data/model.ckpt")
    np.testing.assert_array_equal(sess.run(v1), [0, 0, 0, 0, 0])  # 输出[0,0,0,0,0]
    np.testing.assert_array_equal(sess.run(v2), np.zeros((3, 2)))
    sess.close()


def test_seed_001_saver_dictionary_renames_the_key():
    v1 = tf.Variable(tf.constant(1.0, shape=[5]), name="v1")
    saver = tf.train.Saver({"vv1": v1})  # 变量v1的name修改为vv1
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        saver.save(sess, "model.ckpt")
    assert tf.train.list_variables("model.ckpt") == [("vv1", [5])]
    tf.reset_default_graph()
    v1 = tf.Variable(tf.constant(0.0, shape=[5]), name="v1")
    saver = tf.train.Saver({"vv1": v1})
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        np.testing.assert_array_equal(sess.run(v1), [0, 0, 0, 0, 0])
        saver.restore(sess, "model.ckpt")
        np.testing.assert_array_equal(sess.run(v1), [1, 1, 1, 1, 1])


def test_seed_001_a_saver_save_writes_four_files():
    tf.Variable(tf.zeros([5]), name="v1")
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        save_path = tf.train.Saver().save(sess, "model.ckpt")
    assert save_path == "model.ckpt"
    assert sorted(os.listdir(".")) == [
        "checkpoint",
        "model.ckpt.data-00000-of-00001",
        "model.ckpt.index",
        "model.ckpt.meta",
    ]


def test_a_saver_needs_variables():
    with pytest.raises(ValueError, match="^No variables to save"):
        tf.train.Saver()
    assert tf.train.Saver(allow_empty=True).save(tf.Session(), "x") is None


def test_seed_000_save_during_training_then_restore_instead_of_init():
    theta = tf.Variable(tf.random_uniform([3, 1], -1.0, 1.0, seed=42), name="theta")
    loss = tf.reduce_sum(tf.square(theta - [[1.0], [2.0], [3.0]]))
    training_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    saver = tf.train.Saver()
    os.makedirs("model/tmp")
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for epoch in range(50):
            if epoch % 10 == 0:
                saver.save(sess, "model/my_model.ckpt")
            sess.run(training_op)
        best_theta = theta.eval()
        save_path = saver.save(sess, "model/tmp/my_model_final.ckpt")
    assert save_path == "model/tmp/my_model_final.ckpt"
    with tf.Session() as sess:
        saver.restore(sess, save_path)  # no initializer: restoring initializes
        np.testing.assert_array_equal(theta.eval(), best_theta)
    np.testing.assert_allclose(best_theta.ravel(), [1, 2, 3], atol=1e-3)
    # The `checkpoint` file of model/tmp names the final save, and the earlier one kept in
    # model/ relative to model/tmp (TF writes paths relative to the state file's directory).
    assert open("model/tmp/checkpoint").read().splitlines() == [
        'model_checkpoint_path: "my_model_final.ckpt"',
        'all_model_checkpoint_paths: "../my_model.ckpt"',
        'all_model_checkpoint_paths: "my_model_final.ckpt"',
    ]


def test_seed_000_a_dictionary_saves_only_theta_under_weights():
    theta = tf.Variable([[1.5], [2.5]], name="theta")
    tf.Variable(7.0, name="other")  # in the graph, not in the dictionary
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        tf.train.Saver({"weights": theta}).save(sess, "weights_only.ckpt")
    assert tf.train.list_variables("weights_only.ckpt") == [("weights", [2, 1])]
    np.testing.assert_array_equal(
        tf.train.load_variable("weights_only.ckpt", "weights"), [[1.5], [2.5]]
    )


def test_seed_003_global_step_names_the_checkpoints_and_max_to_keep_deletes_old_ones():
    tf.Variable(tf.zeros([3]), name="w")
    global_step = tf.Variable(0, trainable=False, name="global_step")
    step = tf.assign_add(global_step, 1)
    saver = tf.train.Saver(max_to_keep=2)
    os.makedirs("results")
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        paths = []
        for s in range(1, 1001):
            sess.run(step)
            if s in (433, 858, 1000):
                paths.append(saver.save(sess, "results/model.ckpt", global_step=global_step))
    assert paths == ["results/model.ckpt-433", "results/model.ckpt-858", "results/model.ckpt-1000"]
    assert not [f for f in os.listdir("results") if "433" in f]  # beyond max_to_keep=2
    assert open("results/checkpoint").read().splitlines() == [
        'model_checkpoint_path: "model.ckpt-1000"',
        'all_model_checkpoint_paths: "model.ckpt-858"',
        'all_model_checkpoint_paths: "model.ckpt-1000"',
    ]
    assert saver.last_checkpoints == paths[1:]
    assert tf.train.latest_checkpoint("results") == "results/model.ckpt-1000"
    state = tf.train.get_checkpoint_state("results")
    assert state.all_model_checkpoint_paths == paths[1:]
    assert tf.train.load_variable("results", "global_step") == 1000  # a directory: its newest
    with tf.Session() as sess:
        saver.restore(sess, tf.train.latest_checkpoint("results"))
        assert sess.run(global_step) == 1000


def test_latest_checkpoint_is_none_without_a_checkpoint_file():
    assert tf.train.latest_checkpoint(".") is None
    assert tf.train.get_checkpoint_state(".") is None


def test_an_unreadable_checkpoint_file_is_ignored_as_in_tf():
    damaged = [
        b'model_checkpoint_path: "model.ckpt" junk',  # a field CheckpointState does not have
        b'model_checkpoint_path: "model.ckpt\xff"',  # not UTF-8
        b"x { " * 5000 + b"} " * 5000,  # crafted nesting: a ParseError, never RecursionError
    ]
    for data in damaged:
        with open("checkpoint", "wb") as handle:
            handle.write(data)
        assert tf.train.get_checkpoint_state(".") is None
        assert tf.train.latest_checkpoint(".") is None


def test_the_checkpoint_file_keeps_timestamps_in_tf_text_form():
    tf.train.update_checkpoint_state(
        ".",
        "model.ckpt-2",
        ["model.ckpt-1", "model.ckpt-2"],
        all_model_checkpoint_timestamps=[1.5, 2.25],
        last_preserved_timestamp=0.5,
    )
    assert open("checkpoint").read().splitlines() == [
        'model_checkpoint_path: "model.ckpt-2"',
        'all_model_checkpoint_paths: "model.ckpt-1"',
        'all_model_checkpoint_paths: "model.ckpt-2"',
        "all_model_checkpoint_timestamps: 1.5",
        "all_model_checkpoint_timestamps: 2.25",
        "last_preserved_timestamp: 0.5",
    ]
    state = tf.train.get_checkpoint_state(".")
    assert isinstance(state, tf.train.CheckpointState)
    assert list(state.all_model_checkpoint_timestamps) == [1.5, 2.25]
    assert state.all_model_checkpoint_paths == ["./model.ckpt-1", "./model.ckpt-2"]


def test_absolute_paths_stay_absolute_in_the_checkpoint_file(tmp_path):
    v = tf.Variable(1.0, name="v")
    with tf.Session() as sess:
        sess.run(v.initializer)
        path = tf.train.Saver().save(sess, str(tmp_path / "data-all.chkp"))
    assert open("checkpoint").readline() == 'model_checkpoint_path: "%s"\n' % path
    assert tf.train.latest_checkpoint(str(tmp_path)) == path


def test_two_sessions_save_their_own_values():
    v = tf.Variable(0.0, name="v")
    saver = tf.train.Saver()
    with tf.Session() as a, tf.Session() as b:
        a.run(v.initializer)
        b.run(v.assign(5.0))
        saver.save(a, "a")
        saver.save(b, "b")
    assert tf.train.load_variable("a", "v") == 0.0
    assert tf.train.load_variable("b", "v:0") == 5.0


def test_saving_an_uninitialized_variable_is_a_failed_precondition():
    tf.Variable(1.0, name="v")
    with tf.Session() as sess:
        with pytest.raises(tf.errors.FailedPreconditionError, match="uninitialized value v"):
            tf.train.Saver().save(sess, "x")


def test_saving_into_a_missing_directory_says_so():
    v = tf.Variable(1.0, name="v")
    with tf.Session() as sess:
        sess.run(v.initializer)
        with pytest.raises(
            ValueError, match="^Parent directory of nowhere/x doesn't exist, can't save."
        ):
            tf.train.Saver().save(sess, "nowhere/x")


# -- restore errors name the problem --------------------------------------------------------------
def saved_v1(shape=(5,), dtype=tf.float32):
    v1 = tf.Variable(tf.ones(shape, dtype=dtype), name="v1")
    with tf.Session() as sess:
        sess.run(v1.initializer)
        tf.train.Saver().save(sess, "model.ckpt")
    tf.reset_default_graph()


def test_a_missing_key_is_not_found_and_names_key_and_checkpoint():
    saved_v1()
    w = tf.Variable(tf.zeros([5]), name="w")
    with tf.Session() as sess:
        with pytest.raises(tf.errors.NotFoundError) as info:
            tf.train.Saver().restore(sess, "model.ckpt")
        message = str(info.value)
        assert message.startswith(
            "Restoring from checkpoint failed. This is most likely due to "
            "a Variable name or other graph key that is missing"
        )
        assert "\nKey w not found in checkpoint\n" in message
        assert "checkpoint model.ckpt holds v1 (float32 [5])" in message
        tf.train.Saver({"v1": w}).restore(sess, "model.ckpt")  # the fix the message gives
        np.testing.assert_array_equal(sess.run(w), np.ones(5))


def test_a_shape_mismatch_is_an_invalid_argument_with_both_shapes():
    saved_v1(shape=(5,))
    tf.Variable(tf.zeros([3, 2]), name="v1")
    with tf.Session() as sess:
        with pytest.raises(tf.errors.InvalidArgumentError) as info:
            tf.train.Saver().restore(sess, "model.ckpt")
    message = str(info.value)
    assert "a mismatch between the current graph and the graph from the checkpoint" in message
    assert "variable v1 with shape [3,2] a value of shape [5]" in message


def test_a_dtype_mismatch_is_an_invalid_argument_with_both_dtypes():
    saved_v1(dtype=tf.float32)
    tf.Variable(tf.zeros([5], dtype=tf.float64), name="v1")
    with tf.Session() as sess:
        with pytest.raises(
            tf.errors.InvalidArgumentError,
            match="tensor_name = v1; expected dtype double does not equal original dtype float",
        ):
            tf.train.Saver().restore(sess, "model.ckpt")


def corrupt(path, change):
    data = bytearray(open(path, "rb").read())
    with open(path, "wb") as handle:
        handle.write(change(data))


def test_a_flipped_bit_is_data_loss_from_the_checksum():
    saved_v1()
    corrupt(
        "model.ckpt.data-00000-of-00001", lambda data: data[:3] + bytes([data[3] ^ 4]) + data[4:]
    )
    v1 = tf.Variable(tf.zeros([5]), name="v1")
    with tf.Session() as sess:
        with pytest.raises(
            tf.errors.DataLossError,
            match=r"Checksum does not match: stored \d+ vs\. calculated on the "
            r"restored bytes \d+",
        ):
            tf.train.Saver().restore(sess, "model.ckpt")
        with pytest.raises(tf.errors.FailedPreconditionError):
            sess.run(v1)  # nothing was assigned


def test_a_truncated_data_file_is_data_loss():
    saved_v1()
    corrupt("model.ckpt.data-00000-of-00001", lambda data: data[:-1])
    tf.Variable(tf.zeros([5]), name="v1")
    with tf.Session() as sess:
        with pytest.raises(tf.errors.DataLossError, match="truncated"):
            tf.train.Saver().restore(sess, "model.ckpt")


def test_a_garbled_index_is_data_loss():
    saved_v1()
    corrupt("model.ckpt.index", lambda data: data[: len(data) // 2])
    with pytest.raises(
        tf.errors.DataLossError, match=r"^not an sstable \(bad magic number\)\n\(learntf: "
    ):
        tf.train.list_variables("model.ckpt")


def test_a_path_that_is_not_a_checkpoint():
    saved_v1()
    tf.Variable(tf.zeros([5]), name="v1")
    saver = tf.train.Saver()
    with tf.Session() as sess:
        with pytest.raises(
            ValueError,
            match="^The passed save_path is not a valid checkpoint: "
            "model.ckpt.data-00000-of-00001\n.*pass the "
            "checkpoint's prefix.*'model.ckpt'",
        ):
            saver.restore(sess, "model.ckpt.data-00000-of-00001")
        with pytest.raises(
            ValueError, match="not a valid checkpoint: nothing.ckpt\n.*Checkpoints in .: model.ckpt"
        ):
            saver.restore(sess, "nothing.ckpt")
    with pytest.raises(
        tf.errors.NotFoundError, match="Failed to find any matching files for nothing.ckpt"
    ):
        tf.train.list_variables("nothing.ckpt")
    with pytest.raises(tf.errors.NotFoundError, match="Key v2 not found in checkpoint"):
        tf.train.load_variable("model.ckpt", "v2")


# -- the saver is ops in the graph ----------------------------------------------------------------
def test_the_saver_builds_tensorflows_ops():
    tf.Variable(1.0, name="v1")
    saver = tf.train.Saver()
    ops = {
        op.name: op.type
        for op in tf.get_default_graph().get_operations()
        if op.name.startswith("save/")
    }
    # TF 2.21 after disable_v2_behavior(): the path is a PlaceholderWithDefault, and a TF1
    # reference variable is restored by an Assign
    assert ops["save/filename"] == ops["save/Const"] == "PlaceholderWithDefault"
    assert ops["save/SaveV2"] == "SaveV2"
    assert ops["save/RestoreV2"] == "RestoreV2"
    assert ops["save/restore_all"] == "NoOp"
    assert ops["save/Assign"] == "Assign"
    assert (
        saver.saver_def.filename_tensor_name,
        saver.saver_def.save_tensor_name,
        saver.saver_def.restore_op_name,
    ) == ("save/Const:0", "save/control_dependency:0", "save/restore_all")
    assert tf.train.Saver().saver_def.restore_op_name == "save_1/restore_all"


def test_a_checkpoint_written_by_one_process_restores_in_another():
    program = textwrap.dedent("""
        import sys
        import learntf.compat.v1 as tf
        tf.disable_v2_behavior()
        v = tf.Variable([0.0, 0.0], name="v")
        saver = tf.train.Saver()
        with tf.Session() as sess:
            if sys.argv[1] == "save":
                sess.run(v.assign([3.5, -1.25]))
                print(saver.save(sess, "shared.ckpt"))
            else:
                saver.restore(sess, "shared.ckpt")
                print(sess.run(v).tolist())
    """)

    def run(mode):
        result = subprocess.run(
            [sys.executable, "-c", program, mode],
            capture_output=True,
            text=True,
            env=dict(os.environ, PYTHONPATH=ROOT),
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    assert run("save") == "shared.ckpt"
    assert run("restore") == "[3.5, -1.25]"


def test_the_saver_is_for_graph_mode(v2_behavior):
    with pytest.raises(RuntimeError, match="When eager execution is enabled, `var_list` must"):
        tf.train.Saver()
