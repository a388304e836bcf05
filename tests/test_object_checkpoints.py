"""tf.Module and TF 2's object-based checkpoints against real TensorFlow 2.21.

Each program of tests/object_checkpoint_cases.py runs on learntf and must show what it showed
on TensorFlow (tests/data/tf_object_checkpoints.json, recorded by
scripts/record_tf_object_checkpoints.py).  The last test restores checkpoint files TensorFlow
wrote (tests/data/tf_object_checkpoint/).
"""

import json
import os
import pathlib

import numpy as np
import object_checkpoint_cases as cases
import pytest

import learntf as tf
from learntf.serialization.tf_protos import protos

pytestmark = pytest.mark.usefixtures("v2_behavior")  # TF 2: eager, resource variables

DATA = pathlib.Path(__file__).parent / "data"
RECORDED = json.loads((DATA / "tf_object_checkpoints.json").read_text(encoding="utf-8"))["cases"]


# Where learntf does not do what TF 2.21 does, on purpose; the test checks they still differ.
KNOWN_DIFFERENCES = {
    ("keras_subclassed_model_and_sgd_momentum", "first layer after the model's first call"): (
        "Keras 3 creates a subclassed model's weights on its first call with deferred "
        "initialization, which overwrites the value a pending restore gave them; learntf "
        "restores them (as TF does for a layer built after a restore, shown in the same case)"
    ),
}


def _close(a, b):
    if isinstance(a, dict) and isinstance(b, dict) and "value" in a and "value" in b:
        return (
            a["dtype"] == b["dtype"]
            and a["shape"] == b["shape"]
            and np.allclose(a["value"], b["value"], rtol=1e-5, atol=1e-6)
        )
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_close(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_close(a[k], b[k]) for k in a)
    return a == b


@pytest.mark.parametrize("case", cases.CASES, ids=lambda c: c.name)
def test_learntf_shows_what_tensorflow_showed(case, tmp_path):
    recorded = RECORDED[case.name]
    assert recorded["source_sha256"] == cases.source_digest(case), "record the case again"
    tf.keras.backend.clear_session()
    graph_class = protos().trackable_object_graph_pb2.TrackableObjectGraph
    shown = json.loads(json.dumps(cases.run_case(case, tf, tmp_path, graph_class)))
    expected = recorded["shown"]  # (the state file's times are shown as TIME)
    assert [label for label, _ in shown] == [label for label, _ in expected]
    for (label, value), (_, want) in zip(shown, expected):
        if (case.name, label) in KNOWN_DIFFERENCES:
            assert not _close(value, want), "learntf now matches TF: drop the known difference"
        elif recorded["compare"] == "close":
            assert _close(value, want), label
        else:
            assert value == want, label


def test_learntf_restores_the_checkpoint_tensorflow_wrote(tmp_path):
    """The module+Adam checkpoint TF 2.21 saved (tests/data/tf_object_checkpoint/): learntf
    reads its files, matches its object graph to the same program's objects, and every value
    comes back (after the variables were zeroed)."""
    program = [c for c in cases.CASES if c.name == "module_with_adam_checkpoint_files"][0]
    namespace = dict(tf=tf, np=np, tmp_dir=str(tmp_path))
    namespace.update(show=lambda *a: None, error=lambda *a: None, describe=lambda *a, **k: None)
    exec(program.source, namespace)  # the same model and optimizer, on learntf
    model, optimizer = namespace["model"], namespace["optimizer"]
    for variable in list(model.variables) + optimizer.variables:
        variable.assign(np.zeros(variable.shape.as_list(), variable.dtype.np))
    tf_prefix = str(DATA / "tf_object_checkpoint" / "ckpt-1")
    checkpoint = tf.train.Checkpoint(model=model, optimizer=optimizer)
    checkpoint.restore(tf_prefix).assert_consumed()
    assert checkpoint.save_counter.numpy() == 1  # TF's save() numbered it ckpt-1
    recorded = dict(RECORDED[program.name]["shown"])
    reader = tf.train.load_checkpoint(tf_prefix)
    restored = {
        "model/w/.ATTRIBUTES/VARIABLE_VALUE": model.w,
        "model/b/.ATTRIBUTES/VARIABLE_VALUE": model.b,
        "optimizer/_iterations/.ATTRIBUTES/VARIABLE_VALUE": optimizer.iterations,
        "optimizer/_variables/2/.ATTRIBUTES/VARIABLE_VALUE": optimizer.variables[2],
    }
    for key, variable in restored.items():
        want = recorded["module+adam: " + key]["value"]
        np.testing.assert_array_equal(variable.numpy(), want)
        np.testing.assert_array_equal(reader.get_tensor(key), want)


def test_checkpoint_refuses_graph_mode_with_a_hint(tmp_path):
    from learntf.framework import context

    saved = context.context.eager_enabled
    context.context.eager_enabled = False
    try:
        with pytest.raises(NotImplementedError, match="(?s)only in eager mode.*Saver"):
            tf.train.Checkpoint(v=tf.Variable(1.0)).write(str(tmp_path / "g"))
    finally:
        context.context.eager_enabled = saved


def test_save_weights_of_a_compiled_model_keeps_its_optimizer(tmp_path):
    """A compiled model holds its optimizer (Keras 3's `optimizer` attribute), so the
    checkpoint holds the optimizer's state too, and load_weights restores it."""
    x = np.ones((4, 3), np.float32)
    model = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(1)])
    model.compile(optimizer=tf.keras.optimizers.SGD(0.1, momentum=0.5), loss="mse")
    model.fit(x, np.zeros((4, 1), np.float32), verbose=0)
    model.save_weights(str(tmp_path / "w"))
    keys = [key for key, _ in tf.train.list_variables(str(tmp_path / "w"))]
    assert "optimizer/_iterations/.ATTRIBUTES/VARIABLE_VALUE" in keys
    assert "optimizer/_variables/2/.ATTRIBUTES/VARIABLE_VALUE" in keys  # the momentum slot
    other = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(1)])
    other.compile(optimizer=tf.keras.optimizers.SGD(0.1, momentum=0.5), loss="mse")
    other.load_weights(str(tmp_path / "w"))
    assert other.optimizer.iterations.numpy() == 1
    np.testing.assert_array_equal(other.predict(x, verbose=0), model.predict(x, verbose=0))


def test_learntf_restores_a_keras_checkpoint_tensorflow_wrote(tmp_path):
    """TF 2.21's checkpoint of a Keras Sequential and its Adam (tests/data/tf_object_checkpoint/
    seq.*), whose object graph also holds Keras 3's internal objects: learntf follows the
    parts it has, and every weight and slot comes back."""
    program = [c for c in cases.CASES if c.name == "keras_sequential_with_adam"][0]
    namespace = dict(tf=tf, np=np, tmp_dir=str(tmp_path))
    namespace.update(show=lambda *a: None, error=lambda *a: None, describe=lambda *a, **k: None)
    exec(program.source, namespace)  # defines make() and train_step(), on learntf
    model, optimizer = namespace["make"](), tf.keras.optimizers.Adam(0.1)
    checkpoint = tf.train.Checkpoint(model=model, optimizer=optimizer)
    status = checkpoint.read(str(DATA / "tf_object_checkpoint" / "seq"))
    optimizer.build(model.trainable_variables)  # creates the slots, which get their values
    status.assert_consumed()
    recorded = dict(RECORDED[program.name]["shown"])
    key = "sequential+adam: optimizer/_%s/%d/.ATTRIBUTES/VARIABLE_VALUE"
    for i, weight in enumerate(model.weights):
        np.testing.assert_array_equal(
            weight.numpy(), recorded[key % ("trainable_variables", i)]["value"]
        )
    for i, slot in enumerate(optimizer.variables[2:], start=2):
        np.testing.assert_array_equal(slot.numpy(), recorded[key % ("variables", i)]["value"])
    assert optimizer.iterations.numpy() == 1


def test_unused_checkpoint_values_are_reported_unless_partial_restores_are_expected(
    tmp_path, caplog
):
    import gc

    saved = tf.Module()
    saved.a, saved.b = tf.Variable(1.0), tf.Variable(2.0)
    path = tf.train.Checkpoint(m=saved).write(str(tmp_path / "m"))
    for expect_partial in (False, True):
        caplog.clear()
        partial = tf.Module()
        partial.a = tf.Variable(0.0)
        status = tf.train.Checkpoint(m=partial).read(path)
        if expect_partial:
            status.expect_partial()
        del status, partial
        gc.collect()
        logged = [r.getMessage() for r in caplog.records]
        unused = "Value in checkpoint could not be found in the restored object: (root).m.b"
        assert (unused in logged) is not expect_partial


def test_a_manager_made_again_reads_the_times_and_keeps_deleting_the_oldest(tmp_path):
    """The `checkpoint` file holds when each checkpoint was written (TF's timestamps), so a
    program started again knows its checkpoints and still keeps only max_to_keep."""
    checkpoint = tf.train.Checkpoint(v=tf.Variable(1.0))
    first = tf.train.CheckpointManager(checkpoint, tmp_path, max_to_keep=2)
    first.save()
    first.save()
    state = tf.train.get_checkpoint_state(str(tmp_path))
    assert len(state.all_model_checkpoint_timestamps) == 2
    assert state.last_preserved_timestamp > 0
    again = tf.train.CheckpointManager(checkpoint, tmp_path, max_to_keep=2)
    assert [os.path.basename(p) for p in again.checkpoints] == ["ckpt-1", "ckpt-2"]
    again.save()
    assert [os.path.basename(p) for p in again.checkpoints] == ["ckpt-2", "ckpt-3"]
    assert not os.path.exists(str(tmp_path / "ckpt-1.index"))
