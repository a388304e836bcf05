"""Checks for exercises/07_saving_and_restoring.ipynb (lesson 07: saving and restoring).

The checks read the learner's checkpoints with `tf.train.list_variables` / `load_variable`, which
lesson 07 shows, replay the learner's restoring code on a checkpoint of their own, and work out
every expected value themselves (NumPy, the rules of `Saver`)."""

import os
import tempfile

import numpy as np

from course.checks import expect, fail, question
from course.checks.engine import tf1 as tf


def _saved(prefix):
    """{key: shape} of the checkpoint `prefix`, or fail with a hint if there is none."""
    try:
        return dict(tf.train.list_variables(prefix))
    except Exception:
        fail(
            f"there is no checkpoint with the prefix {prefix!r}. Save with saver.save and pass "
            "the path it returns."
        )


@question(1)
def q1(save_path):
    expect(
        isinstance(save_path, str), "save_path should be the string that saver.save(...) returns."
    )
    expect(
        save_path.replace("\\", "/").endswith("q1/model.ckpt"),
        f"save to the prefix 'q1/model.ckpt' (you saved to {save_path!r}).",
    )
    saved = _saved(save_path)
    expect(
        os.path.exists(save_path + ".meta") and tf.train.latest_checkpoint("q1") is not None,
        "a Saver's save writes the graph (.meta) and the folder's `checkpoint` file too: "
        "save with saver.save(sess, ...).",
    )
    if set(saved) != {"weights", "bias"}:
        fail(
            f"the checkpoint holds only {sorted(saved)}: a Saver built with a dictionary or a "
            "list saves just those variables. Which Saver saves every variable of the graph?"
        )
    expected = np.array([[1.0, 2.0], [3.0, 4.0]]) + 1.0
    weights = tf.train.load_variable(save_path, "weights")
    if np.allclose(weights, expected - 1.0):
        fail(
            "the checkpoint holds the weights before `update` ran. A checkpoint holds the values "
            "the variables have at the moment you call save."
        )
    expect(
        np.allclose(weights, expected),
        f"the saved weights are {weights.tolist()}: run `update` exactly "
        "once, after initializing, before saving.",
    )
    expect(
        np.allclose(tf.train.load_variable(save_path, "bias"), [0.5, -0.5]),
        "the saved bias is not its initial value: did something change it?",
    )


@question(2)
def q2(values_file, graph_file, latest_file):
    names = {"checkpoint", "model.ckpt.index", "model.ckpt.data-00000-of-00001", "model.ckpt.meta"}
    for given in (values_file, graph_file, latest_file):
        expect(
            given in names,
            f"answer with one of the four file names: {', '.join(sorted(names))} "
            f"(you gave {given!r}).",
        )
    if values_file == "model.ckpt.index":
        fail(
            "the index holds no values: it says where each value is in another file, with its "
            "dtype, shape and checksum. Which file is the big one?"
        )
    if values_file == "checkpoint" or graph_file == "checkpoint":
        fail("`checkpoint` is a small bookkeeping text file, one per folder: open one and read it.")
    expect(
        values_file == "model.ckpt.data-00000-of-00001",
        "the values are raw bytes in a file of their own; the .meta file holds no values.",
    )
    expect(
        graph_file == "model.ckpt.meta",
        "the graph is the file that tf.train.import_meta_graph reads.",
    )
    expect(latest_file == "checkpoint", "which file does tf.train.latest_checkpoint(folder) read?")


def _write_theta(folder, values):
    """A checkpoint of one variable named theta holding `values`, written by the check itself."""
    prefix = os.path.join(folder, "fresh.ckpt")
    with tf.Graph().as_default():
        variable = tf.Variable(values, name="theta")
        with tf.Session() as sess:
            sess.run(variable.initializer)
            tf.train.Saver().save(sess, prefix)
    return prefix


@question(3)
def q3(load_theta, theta):
    expect(callable(load_theta), "load_theta should be a function of (sess, prefix).")
    expect(isinstance(theta, tf.Variable), "pass the exercise's variable theta to the check.")
    fresh = np.array([[0.75], [-3.5]], dtype=np.float32)  # not the exercise's checkpoint
    with tempfile.TemporaryDirectory() as folder:
        prefix = _write_theta(folder, fresh)
        with tf.Session(graph=theta.graph) as sess:
            try:
                load_theta(sess, prefix)
            except Exception as error:
                fail(f"load_theta(sess, prefix) raised {type(error).__name__}: {error}"[:300])
            try:
                value = sess.run(theta)
            except Exception:
                fail(
                    "after load_theta(sess, prefix), theta has no value in sess: give it the "
                    "checkpoint's values in that session."
                )
    if np.allclose(value, 0.0):
        fail(
            "theta holds its initial value, zeros. Restoring sets the variables, like an "
            "initializer: an initializer run after restoring puts the initial values back."
        )
    if np.allclose(value, [[2.0], [-1.0]]):
        fail(
            "given another checkpoint, load_theta still puts q3's numbers into theta: typed "
            "numbers or a fixed path. Restore from the `prefix` the function is given."
        )
    expect(
        np.allclose(value, fresh),
        "given another checkpoint, theta is neither its initial value nor the checkpoint's.",
    )


@question(4)
def q4(state):
    if state is None:
        fail("the folder q4 has no `checkpoint` file: nothing was saved there.")
    kept = [path.replace("\\", "/") for path in state.all_model_checkpoint_paths]
    if len(kept) == 1 and not kept[0].rsplit("-", 1)[-1].isdigit():
        fail(
            f"only one checkpoint, {kept[0]!r}: every save went to the same prefix and overwrote "
            "the last. Give save the step counter with global_step=, so each save gets its own "
            "name."
        )
    if len(kept) == 5:
        fail(
            "five checkpoints are still on disk: unless told otherwise, a Saver keeps 5 "
            "checkpoints. How do you tell it to keep fewer?"
        )
    expected = ["q4/model.ckpt-400", "q4/model.ckpt-500"]
    expect(
        kept == expected,
        f"the folder keeps {kept}; save at steps 100, 200, ..., 500 under the prefix "
        "'q4/model.ckpt', keeping the two newest.",
    )
    for prefix in expected:
        expect(
            os.path.exists(prefix + ".index"),
            f"{prefix} is listed in q4/checkpoint but its files are gone.",
        )
    expect(
        tf.train.load_variable(expected[-1], "global_step") == 500,
        "the newest checkpoint should hold global_step = 500: save after running step.",
    )


@question(5)
def q5(predicted_kept, why, kept):
    saves = [s for s in range(1, 1001) if s % 150 == 0] + [1000]  # the loop's saves, then one more
    expected = saves[-3:]
    expect(
        list(kept) == expected,
        "run the cell that runs the program (below your prediction) before the check.",
    )
    expect(
        isinstance(predicted_kept, (list, tuple)) and all(np.ndim(s) == 0 for s in predicted_kept),
        "predicted_kept should be a list of step numbers, like [100, 200].",
    )
    predicted = sorted(int(s) for s in predicted_kept)
    if predicted == saves:
        fail(
            "your prediction keeps every save. A Saver deletes old checkpoints: which of them "
            "does max_to_keep leave on disk?"
        )
    if predicted == saves[-4:-1]:
        fail(
            "your prediction forgets the save after the loop: it is a save like the others, and "
            "it makes the saver delete one more."
        )
    expect(
        predicted == expected,
        f"you predicted {predicted}; the program kept {list(kept)}. List the steps at which "
        "save runs, then apply max_to_keep.",
    )
    words = str(why).lower()
    expect(
        any(word in words for word in ("max_to_keep", "newest", "oldest", "delet", "latest")),
        "your prediction is right; now say why in `why`: what does the saver do with older "
        "checkpoints?",
    )
