"""Checks for exercises/07_saving_and_restoring.ipynb (lesson 07: saving and restoring).

The checks read the learner's checkpoints with `tf.train.list_variables` / `load_variable`, which
lesson 07 shows, replay the learner's restoring code on a checkpoint of their own, and work out
every expected value themselves (NumPy, the rules of `Saver`)."""

import os
import tempfile

import numpy as np

from course.checks import choice, expect, fail, question
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


FILES_Q2 = ("checkpoint", "model.ckpt.index", "model.ckpt.data-00000-of-00001", "model.ckpt.meta")


@question(2)
def q2(predicted_bytes, holds_X, why, X, folder="q2"):
    expect(
        isinstance(predicted_bytes, (int, np.integer)) and not isinstance(predicted_bytes, bool),
        "predicted_bytes should be a whole number of bytes (your prediction).",
    )
    expect(
        holds_X in FILES_Q2,
        f"holds_X should be one of the four file names: {', '.join(FILES_Q2)} "
        f"(you gave {holds_X!r}).",
    )
    # the expected size from first principles: every variable's elements times their byte size
    with X.graph.as_default():
        variables = tf.global_variables()
    expected = sum(
        int(np.prod(v.shape.as_list())) * np.dtype(v.dtype.base_dtype.as_numpy_dtype).itemsize
        for v in variables
    )
    paths = {name: os.path.join(folder, name) for name in FILES_Q2}
    expect(
        all(os.path.exists(path) for path in paths.values())
        and os.path.getsize(paths["model.ckpt.data-00000-of-00001"]) == expected,
        "run the cell that runs the program (below your prediction) before the check.",
    )
    # which file holds X: the one whose bytes contain X's float32 values
    with tf.Session(graph=X.graph) as sess:
        x_bytes = np.asarray(sess.run(X), dtype="<f4").tobytes()
    holding = [n for n, path in paths.items() if x_bytes in np.fromfile(path, np.uint8).tobytes()]
    if predicted_bytes != expected and predicted_bytes >= expected + 4 * int(np.prod(X.shape)):
        fail(
            f"you predicted {predicted_bytes} bytes; the values file has {expected}. A saver "
            "stores the values of variables, not constants: X and y are part of the graph."
        )
    if predicted_bytes * 4 == expected:
        fail(
            f"you predicted {predicted_bytes}: that counts the saved numbers. The file holds "
            "their raw bytes, and a float32 number takes 4 bytes."
        )
    expect(
        predicted_bytes == expected,
        f"you predicted {predicted_bytes} bytes; the values file has {expected}. Count the "
        "elements of each saved variable, times the bytes of one element.",
    )
    if holds_X == "model.ckpt.data-00000-of-00001":
        fail(
            "the values file holds the variables only (you sized it without X): a constant's "
            "numbers are part of an op of the graph. Which file holds the graph?"
        )
    if holds_X == "model.ckpt.index":
        fail(
            "the index is a small table saying where each saved value is in the values file; it "
            "holds no numbers of the graph. Which file holds the graph, with its ops?"
        )
    if holds_X == "checkpoint":
        fail("`checkpoint` is a small bookkeeping text file, one per folder: open one and read it.")
    expect(
        [holds_X] == holding,
        f"the bytes of X are in {holding}, not in {holds_X}.",
    )
    words = str(why).lower()
    expect(
        len(words.split()) >= 4
        and any(key in words for key in ("variable", "float", "byte", "constant")),
        "your predictions are right; now say in `why` how you got the size: what is saved, and "
        "how many bytes does each number take?",
    )


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


VAL_LOSS_Q4 = {100: 0.92, 200: 0.55, 300: 0.61, 400: 0.58, 500: 0.70}


def _kept(state, folder):
    if state is None:
        fail(f"the folder {folder} has no `checkpoint` file: nothing was saved there.")
    return [path.replace("\\", "/") for path in state.all_model_checkpoint_paths]


@question(4)
def q4(recent_state, best_state):
    recent = _kept(recent_state, "q4/recent")
    best = _kept(best_state, "q4/best")
    if len(recent) == 1 and not recent[0].rsplit("-", 1)[-1].isdigit():
        fail(
            f"only one recent checkpoint, {recent[0]!r}: every save went to the same prefix and "
            "overwrote the last. Give save the step counter with global_step=, so each save gets "
            "its own name."
        )
    if len(recent) == 5:
        fail(
            "five recent checkpoints are still on disk: unless told otherwise, a Saver keeps 5 "
            "checkpoints. How do you tell it to keep fewer?"
        )
    # the expected checkpoints, from the rules: saves at 100, ..., 500; the best so far
    saves = list(range(100, 501, 100))
    lowest, bests = float("inf"), []
    for s in saves:
        if VAL_LOSS_Q4[s] < lowest:
            lowest = VAL_LOSS_Q4[s]
            bests.append(s)
    expected_recent = [f"q4/recent/model.ckpt-{s}" for s in saves[-2:]]
    expected_best = f"q4/best/model.ckpt-{bests[-1]}"
    expect(
        [path for path in recent if "/recent/" in path] == expected_recent,
        f"q4/recent keeps {recent}; save at steps 100, 200, ..., 500 under the prefix "
        "'q4/recent/model.ckpt', keeping the two newest.",
    )
    if not os.path.exists(expected_best + ".index"):
        listed = [path for path in best if path.endswith(expected_best.rsplit("/", 1)[-1])]
        if listed:
            fail(
                f"{expected_best} was saved, but its files are gone from disk: the saver that "
                "wrote it deleted it when it made later recent checkpoints (a saver's max_to_keep "
                "counts every checkpoint it wrote, in any folder). Give the best checkpoints a "
                "saver of their own."
            )
        best_steps = [p.rsplit("-", 1)[-1] for p in best]
        fail(
            f"q4/best keeps {best_steps}, but the lowest validation loss so far was last reached "
            "at another step. Compare each measurement with the lowest so far, not with the "
            "previous one."
        )
    if len(best) > 1:
        fail(
            f"q4/best keeps {len(best)} checkpoints: keep only one there, with a saver whose "
            "max_to_keep says so."
        )
    expect(
        best == [expected_best],
        f"q4/best keeps {best}; it should keep only the checkpoint of the lowest validation loss "
        "so far, with the step number in its name.",
    )
    for prefix in expected_recent:
        expect(
            os.path.exists(prefix + ".index"),
            f"{prefix} is listed in q4/recent/checkpoint but its files are gone.",
        )
    expect(
        tf.train.load_variable(expected_recent[-1], "global_step") == 500
        and tf.train.load_variable(expected_best, "global_step") == bests[-1],
        "each checkpoint should hold the global_step of its name: save after running step.",
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


class _WriterDied(Exception):
    """Stands for the process dying: raised where question 6 stops the writer."""


def _read_after_writer_dies():
    """Question 6's scenario on the live engine (learntf, also when the notebook runs on
    TensorFlow): save theta = [1, 2], then save [5, 6] to the same prefix, stopping the writer
    right after its first `_replace_file`; return the letter that names what a reader gets."""
    from learntf.train import checkpoint_format as bundle

    real_replace = bundle._replace_file
    calls = []

    def replace_then_die(path, data):
        if calls:
            raise _WriterDied()
        calls.append(path)
        real_replace(path, data)

    with tempfile.TemporaryDirectory() as folder:
        prefix = os.path.join(folder, "model.ckpt")
        bundle.write_checkpoint(prefix, [("theta", np.array([1.0, 2.0], np.float32))])
        bundle._replace_file = replace_then_die
        try:
            bundle.write_checkpoint(prefix, [("theta", np.array([5.0, 6.0], np.float32))])
        except _WriterDied:
            pass
        finally:
            bundle._replace_file = real_replace
        try:
            theta = bundle.CheckpointReader(prefix).get_tensor("theta").tolist()
        except Exception as error:  # any error is an outcome to name
            return {"DataLossError": "c", "NotFoundError": "d"}.get(type(error).__name__, "?")
    return {(1.0, 2.0): "a", (5.0, 6.0): "b", (5.0, 2.0): "e"}.get(tuple(theta), "?")


@question(6, optional=True)
def q6(answer):
    choice(
        answer,
        "abcde",
        _read_after_writer_dies(),
        {
            "a": "the first _replace_file put the new data file in place: which bytes does the "
            "index still on disk point at, and do they match its checksums?",
            "b": "a reader finds theta's bytes through the index (offset, size, checksum), not "
            "the data file alone. The index is replaced by the second _replace_file: was it "
            "replaced?",
            "c": "that is what TensorFlow's writer would leave (it renames its new data file "
            "first and keeps no old bytes). Read the section again: what does learntf's new data "
            "file keep, and where?",
            "d": "the old index is still on disk under its name: the writer died before renaming "
            "anything over it.",
            "e": "theta's index entry names one offset and one size, so all of its bytes come "
            "from one place in one data file.",
        },
    )
