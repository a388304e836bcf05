"""Checks for exercises/07_saving_and_restoring.ipynb (lesson 06: saving and restoring).

The checks read the learner's checkpoints with `tf.train.list_variables` / `load_variable`, which
lesson 06 shows, and work out every expected value themselves (NumPy, the rules of `Saver`)."""

import numpy as np

from course.checks import expect, fail, question
from course.checks._graphs import ops_needed
from course.checks.engine import tf1 as tf


def _saved(prefix):
    """{key: shape} of the checkpoint `prefix`, or fail with a hint if there is none."""
    try:
        return dict(tf.train.list_variables(prefix))
    except Exception:
        fail(
            f"there is no checkpoint with the prefix {prefix!r}. Pass the path that saver.save "
            "returns."
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


@question(3)
def q3(theta_value, prefix):
    saved = tf.train.load_variable(prefix, "theta")
    expect(
        np.shape(theta_value) == saved.shape,
        f"theta_value should be theta's value, of shape {saved.shape}; "
        f"it has shape {np.shape(theta_value)}.",
    )
    if np.allclose(theta_value, 0.0):
        fail(
            "theta holds its initial value, zeros. Restoring sets the variables, like an "
            "initializer: an initializer run after restoring puts the initial values back."
        )
    expect(
        np.allclose(theta_value, saved),
        "theta_value is neither the initial value nor the saved one.",
    )


@question(4)
def q4(w_value, prefix):
    saved = tf.train.load_variable(prefix, "weights")
    expect(
        np.shape(w_value) == saved.shape, f"w_value should be w's value, of shape {saved.shape}."
    )
    if np.allclose(w_value, 0.0):
        fail(
            "w still holds its initial value: running an initializer gives a variable its initial "
            "value, not the checkpoint's. Restore it with your saver instead."
        )
    expect(np.allclose(w_value, saved), "w_value is not the value stored under the key 'weights'.")


@question(5)
def q5(state):
    if state is None:
        fail("the folder q5 has no `checkpoint` file: nothing was saved there.")
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
    expected = ["q5/model.ckpt-400", "q5/model.ckpt-500"]
    expect(
        kept == expected,
        f"the folder keeps {kept}; save at steps 100, 200, ..., 500 under the prefix "
        "'q5/model.ckpt', keeping the two newest.",
    )
    expect(
        tf.train.load_variable(expected[-1], "global_step") == 500,
        "the newest checkpoint should hold global_step = 500: save after running step.",
    )


def _uninterrupted_theta(X_data, y_data, n_steps=300, learning_rate=0.001):
    """Gradient descent on the mean squared error, in NumPy: theta from zeros, n_steps updates."""
    X, y = np.asarray(X_data, np.float64), np.asarray(y_data, np.float64)
    theta = np.zeros((X.shape[1], 1))
    for _ in range(n_steps):
        theta -= learning_rate * 2.0 / len(X) * X.T @ (X @ theta - y)
    return theta


@question(6)
def q6(theta_resumed, resumed_from, X_data, y_data):
    expect(
        np.shape(theta_resumed) == (3, 1),
        "theta_resumed should be theta's final value, shape (3, 1).",
    )
    expect(
        np.ndim(resumed_from) == 0, "resumed_from should be the global step right after restoring."
    )
    if resumed_from == 0:
        fail(
            "the run started from step 0: the crashed run's checkpoints were not used. Restore "
            "instead of initializing."
        )
    expect(
        resumed_from == 200,
        f"the run resumed from step {resumed_from}. The crash came at step 230 and a "
        "checkpoint was saved every 50 steps: resume from the latest checkpoint.",
    )
    for steps in (300, 500, 270):
        if steps != 300 and np.allclose(
            theta_resumed, _uninterrupted_theta(X_data, y_data, steps), rtol=1e-4
        ):
            fail(
                f"theta got {steps} steps in all, not 300: train until the step counter reaches "
                "n_steps, whatever step you resumed from."
            )
    expect(
        np.allclose(theta_resumed, _uninterrupted_theta(X_data, y_data), rtol=1e-4, atol=1e-6),
        "theta_resumed differs from what 300 uninterrupted steps give: train until the step "
        "counter (restored with the weights) reaches n_steps.",
    )


@question(7)
def q7(predictions, prefix):
    slope = tf.train.load_variable(prefix, "slope")
    intercept = tf.train.load_variable(prefix, "intercept")
    expected = slope * np.array([1.0, 2.0, 3.0]) + intercept
    expect(
        np.shape(predictions) == (3,), "predictions should be the model's output for the 3 inputs."
    )
    if np.allclose(predictions, 0.0):
        fail(
            "these are the predictions of the variables' initial values: a graph imported from a "
            ".meta file has the variables but not their trained values."
        )
    expect(
        np.allclose(predictions, expected),
        f"predictions are {np.asarray(predictions).tolist()}; feed "
        "[1.0, 2.0, 3.0] into x:0 and fetch prediction:0.",
    )


@question(8)
def q8(loss):
    expect(isinstance(loss, tf.Tensor) and loss.shape.ndims == 0, "loss should be a scalar tensor.")
    needed = {op.name for op in ops_needed(loss)}
    expect("head_w" in needed, "loss does not use a variable named head_w.")
    if "base_w" not in needed:
        fail("loss does not use the pre-trained layer at all: build the new layer on `features`.")
    with loss.graph.as_default():
        variables = tf.trainable_variables()
        grads = tf.gradients(loss, variables)
    reached = {v.op.name for v, g in zip(variables, grads) if g is not None}
    if "base_w" in reached:
        fail(
            "a gradient reaches base_w, so training loss would change the pre-trained weights. "
            "Cut the gradient's path between the pre-trained part and your layer."
        )
    expect(
        "head_w" in reached, "no gradient reaches head_w, so training could not change it either."
    )
