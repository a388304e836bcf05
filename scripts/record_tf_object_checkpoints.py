"""Record, with real TensorFlow 2.21 (eager, Keras 3), the programs of
tests/object_checkpoint_cases.py (tf.Module, tf.train.Checkpoint, CheckpointManager) into
tests/data/tf_object_checkpoints.json, and keep the files of two TF-written checkpoints (a
tf.Module with a Keras Adam, and a Keras Sequential with Adam, each after one step) in
tests/data/tf_object_checkpoint/ for learntf to restore.

    .venv-tf/bin/python scripts/record_tf_object_checkpoints.py           # (re)write
    .venv-tf/bin/python scripts/record_tf_object_checkpoints.py --check   # see below

`--check` writes nothing: it exits 1 if the recording would change, and it also has learntf
write the checkpoints of two cases (the module with Adam, and a Keras Sequential with Adam;
learntf runs with the Python in $LEARNTF_PYTHON, default .venv/bin/python) and restores them in
TensorFlow: assert_consumed must pass and every value must come back.
"""

import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "tests" / "data" / "tf_object_checkpoints.json"
FILES = ROOT / "tests" / "data" / "tf_object_checkpoint"
KEPT_CASE = "module_with_adam_checkpoint_files"
# The TF-written checkpoints kept for learntf to restore: case -> the prefix it writes.
KEPT_FILES = {KEPT_CASE: "ckpt-1", "keras_sequential_with_adam": "seq"}
NOTE = (
    "Recorded with real TensorFlow by scripts/record_tf_object_checkpoints.py from the programs "
    "of tests/object_checkpoint_cases.py; compared with learntf by "
    "tests/test_object_checkpoints.py. Do not edit by hand: change a case, then record again."
)

sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "scripts"))
import object_checkpoint_cases as cases  # noqa: E402  (shared with the learntf test)
import recording  # noqa: E402  (write or --check)


def _tensorflow():
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import tensorflow as tf
    from tensorflow.core.protobuf import trackable_object_graph_pb2

    tf.get_logger().setLevel("ERROR")
    return tf, trackable_object_graph_pb2.TrackableObjectGraph


def record_all(keep_files=False):
    tf, graph_class = _tensorflow()
    recorded = {}
    for c in cases.CASES:
        tf.keras.backend.clear_session()  # layer names start again at "dense"
        with tempfile.TemporaryDirectory() as tmp_dir:
            shown = cases.run_case(c, tf, tmp_dir, graph_class)
            if keep_files and c.name in KEPT_FILES:
                FILES.mkdir(parents=True, exist_ok=True)
                for name in os.listdir(tmp_dir):
                    if name.startswith(KEPT_FILES[c.name] + "."):
                        shutil.copy(os.path.join(tmp_dir, name), FILES / name)
        recorded[c.name] = {
            "compare": c.compare,
            "source_sha256": cases.source_digest(c),
            "shown": shown,
        }
    return {"tensorflow_version": tf.__version__, "note": NOTE, "cases": recorded}


def to_json_text(recording_):
    """Sorted keys, one shown value per line."""
    return recording.cases_json_text(recording_, ("compare", "source_sha256"), ("shown",))


def summarize(recording_):
    count = sum(len(c["shown"]) for c in recording_["cases"].values())
    return "%d cases, %d shown values" % (len(recording_["cases"]), count)


LEARNTF_WRITES = """
import sys, numpy as np, learntf as tf
sys.path.insert(0, %(tests)r)
import object_checkpoint_cases as cases
source = [c for c in cases.CASES if c.name == %(case)r][0].source
namespace = dict(tf=tf, np=np, show=lambda *a: None, error=lambda *a: None,
                 describe=lambda *a, **k: None, tmp_dir=%(directory)r)
exec(source, namespace)
print(namespace["path"])
"""


# The cases whose checkpoint learntf writes and TensorFlow restores in --check.
CHECKED_CASES = (KEPT_CASE, "keras_sequential_with_adam")


def tensorflow_restores_learntf_checkpoint():
    """learntf runs each checked case and writes its checkpoint; TF runs the same program and
    restores learntf's files into its own model and optimizer (zeroed first).  Returns a list
    of problems (empty: TF matched every object and every value came back)."""
    tf, _ = _tensorflow()
    numpy = np_module()
    python = os.environ.get("LEARNTF_PYTHON", str(ROOT / ".venv" / "bin" / "python"))
    if not os.path.exists(python):
        return ["no Python for learntf at %s (set LEARNTF_PYTHON)" % python]
    problems = []
    for name in CHECKED_CASES:
        with tempfile.TemporaryDirectory() as directory:
            code = LEARNTF_WRITES % dict(tests=str(ROOT / "tests"), case=name, directory=directory)
            env = dict(os.environ, PYTHONPATH=str(ROOT))
            done = subprocess.run([python, "-c", code], capture_output=True, text=True, env=env)
            if done.returncode:
                problems.append("%s: learntf failed:\n%s" % (name, done.stderr[-2000:]))
                continue
            path = done.stdout.split()[-1]
            learntf_reader = tf.train.load_checkpoint(path)  # TF reads learntf's files
            tf.keras.backend.clear_session()
            namespace = dict(
                tf=tf,
                np=numpy,
                show=lambda *a: None,
                error=lambda *a: None,
                describe=lambda *a, **k: None,
                tmp_dir=os.path.join(directory, "tf"),
            )
            exec([c for c in cases.CASES if c.name == name][0].source, namespace)
            model, optimizer = namespace["model"], namespace["optimizer"]
            for variable in list(model.variables) + list(optimizer.variables):
                variable.assign(tf.zeros_like(variable))
            checkpoint = tf.train.Checkpoint(model=model, optimizer=optimizer)
            saved_with_counter = learntf_reader.has_tensor(
                "save_counter/.ATTRIBUTES/VARIABLE_VALUE"
            )
            status = (checkpoint.restore if saved_with_counter else checkpoint.read)(path)
            try:
                status.assert_consumed()
            except AssertionError as e:
                problems.append("%s: assert_consumed: %s" % (name, str(e).splitlines()[0]))
            for key, _ in tf.train.list_variables(path):
                if key in (
                    "_CHECKPOINTABLE_OBJECT_GRAPH",
                    "save_counter/.ATTRIBUTES/VARIABLE_VALUE",
                ):
                    continue
                variable = _variable_at(key, namespace)
                if variable is None:
                    problems.append("%s: no TF object at %s" % (name, key))
                elif not numpy.allclose(variable.numpy(), learntf_reader.get_tensor(key)):
                    problems.append("%s: value of %s not restored" % (name, key))
    return problems


def _variable_at(key, namespace):
    """The TF variable a checkpoint key names, following attribute and index steps."""
    obj = {"model": namespace["model"], "optimizer": namespace["optimizer"]}
    parts = key.split("/.ATTRIBUTES/")[0].split("/")
    current = obj.get(parts[0])
    for part in parts[1:]:
        if current is None:
            return None
        current = current[int(part)] if part.isdigit() else getattr(current, part, None)
    return current


def np_module():
    import numpy

    return numpy


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if "--check" in argv:
        status = recording.main(__doc__, OUTPUT, record_all, to_json_text, summarize, argv)
        problems = tensorflow_restores_learntf_checkpoint()
        print("TensorFlow restores learntf's checkpoint: " + ("; ".join(problems) or "OK"))
        return status or int(bool(problems))
    return recording.main(
        __doc__, OUTPUT, lambda: record_all(keep_files=True), to_json_text, summarize, argv
    )


if __name__ == "__main__":
    sys.exit(main())
