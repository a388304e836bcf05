"""Checks for exercises/08_resuming_training.ipynb (lesson 08: resuming training, choosing what
to save).

The checks replay the learner's saver and resume function on checkpoints the check writes itself,
and compute every expected value from first principles: gradient descent in NumPy (full-batch,
and on the mini-batches question 2's rule picks), the steps at which a loop saves."""

import os
import tempfile

import numpy as np

from course.checks import expect, fail, question
from course.checks.engine import tf1 as tf


@question(1)
def q1(saver, w, b, scale, w_value, b_value, scale_value, prefix):
    saved_w = tf.train.load_variable(prefix, "weights")
    saved_b = tf.train.load_variable(prefix, "bias")
    expect(isinstance(saver, tf.train.Saver), "saver should be a tf.train.Saver.")
    expect(
        np.shape(w_value) == saved_w.shape and np.ndim(b_value) == 0 and np.ndim(scale_value) == 0,
        f"w_value, b_value and scale_value should be the values of w {saved_w.shape}, b and scale.",
    )
    fresh_w = np.array([[4.0], [-0.25], [1.0]], dtype=np.float32)
    fresh_b = np.float32(-3.5)
    with tempfile.TemporaryDirectory() as folder:
        fresh_prefix = os.path.join(folder, "other.ckpt")
        with tf.Graph().as_default():
            other_w = tf.Variable(fresh_w, name="layer_kernel")
            other_b = tf.Variable(fresh_b, name="layer_offset")
            with tf.Session() as sess:
                sess.run([other_w.initializer, other_b.initializer])
                tf.train.Saver({"weights": other_w, "bias": other_b}).save(sess, fresh_prefix)
        with tf.Session(graph=w.graph) as sess:
            sess.run(scale.initializer)
            try:
                saver.restore(sess, fresh_prefix)
            except Exception:
                fail(
                    "restoring a checkpoint that holds only the keys 'weights' and 'bias' with "
                    "your saver fails: it looks for keys the file does not have. Without a "
                    "dictionary, a Saver looks for each variable's own name, and a variable the "
                    "file does not hold (scale) cannot be restored at all."
                )
            try:
                replayed_w, replayed_b = sess.run([w, b])
            except Exception:
                fail("your saver restores the checkpoint's keys into other variables, not w and b.")
    expect(
        np.allclose(replayed_w, fresh_w) and np.isclose(replayed_b, fresh_b),
        "your saver restores a checkpoint's 'weights' and 'bias', but not into w and b.",
    )
    if np.allclose(w_value, 0.0) or np.isclose(b_value, 0.0):
        fail(
            "w or b still holds its initial value: the checkpoint's values were restored and then "
            "overwritten, or never restored. global_variables_initializer gives every variable its "
            "initial value, also one restored a line before."
        )
    expect(
        np.allclose(w_value, saved_w) and np.isclose(b_value, saved_b),
        "w_value and b_value are not the values stored under the keys 'weights' and 'bias'.",
    )
    expect(
        np.isclose(scale_value, 2.0),
        "scale_value should be scale's initial value, 2.0: the old checkpoint has no value for it.",
    )


def _descent(theta, X_data, y_data, steps, learning_rate=0.001):
    """Gradient descent on the mean squared error, in NumPy: `steps` updates from `theta`."""
    X, y = np.asarray(X_data, np.float64), np.asarray(y_data, np.float64)
    theta = np.array(theta, np.float64)
    for _ in range(steps):
        theta -= learning_rate * 2.0 / len(X) * X.T @ (X @ theta - y)
    return theta


def _batch(step, X_data, y_data, batch_size=10):
    """The question's rule: epoch step // 20 shuffles the rows (seeded by the epoch number), and
    the step takes the next `batch_size` of them."""
    epoch, k = divmod(step, len(X_data) // batch_size)
    rows = np.random.default_rng(epoch).permutation(len(X_data))[
        k * batch_size : (k + 1) * batch_size
    ]
    return np.asarray(X_data, np.float64)[rows], np.asarray(y_data, np.float64)[rows]


def _batch_descent(theta, X_data, y_data, steps, learning_rate=0.1):
    """Mini-batch gradient descent on the mean squared error, in NumPy: one update for each step
    in `steps`, on that step's mini-batch."""
    theta = np.array(theta, np.float64)
    for step in steps:
        X, y = _batch(step, X_data, y_data)
        theta -= learning_rate * 2.0 / len(X) * X.T @ (X @ theta - y)
    return theta


def _close(theta_value, start, X_data, y_data, steps):
    """Whether theta_value is `start` after mini-batch descent on the batches of `steps`."""
    expected = _batch_descent(start, X_data, y_data, steps)
    return np.allclose(theta_value, expected, rtol=1e-4, atol=1e-5)


def _crashed_run(folder, saves):
    """Checkpoints of variables named theta and global_step, one per (step, theta) in `saves`."""
    with tf.Graph().as_default():
        theta = tf.Variable(tf.zeros([3, 1]), name="theta")
        global_step = tf.Variable(0, trainable=False, name="global_step")
        saver = tf.train.Saver()
        with tf.Session() as sess:
            for step, value in saves:
                sess.run([tf.assign(theta, value), tf.assign(global_step, step)])
                saver.save(sess, os.path.join(folder, "model.ckpt"), global_step=step)


@question(2)
def q2(resume, X_data, y_data, n_steps=300):
    expect(callable(resume), "resume should be a function of the folder to resume from.")
    rng = np.random.default_rng(8)
    for older, latest in ((60, 120), (150, 250)):
        start = rng.normal(size=(3, 1)).astype(np.float32)
        with tempfile.TemporaryDirectory() as folder:
            _crashed_run(folder, [(older, np.zeros((3, 1), np.float32)), (latest, start)])
            try:
                result = resume(folder)
            except Exception as error:
                fail(f"resume(folder) raised {type(error).__name__}: {error}"[:300])
        expect(
            isinstance(result, tuple) and len(result) == 2,
            "resume(folder) should return (resumed_from, theta_value).",
        )
        resumed_from, theta_value = result
        expect(np.shape(theta_value) == (3, 1), "resume's theta should be theta's value, (3, 1).")
        if resumed_from == 0:
            fail(
                "the run started from step 0: the crashed run's checkpoints were not used. "
                "Restore instead of initializing."
            )
        if resumed_from == older:
            fail(
                f"given a folder with checkpoints at steps {older} and {latest}, resume restored "
                f"step {older}: restore the latest checkpoint."
            )
        expect(
            resumed_from == latest,
            f"given a folder whose latest checkpoint is at step {latest}, resume says it resumed "
            f"from step {resumed_from}: a typed number or a fixed path? Restore the folder "
            "you are given, and read the step from the restored global_step.",
        )
        if _close(theta_value, start, X_data, y_data, range(latest, latest + n_steps)):
            fail(
                f"theta got {n_steps} more steps after restoring step {latest}: train until the "
                "step counter reaches n_steps, whatever step you resumed from."
            )
        if _close(theta_value, start, X_data, y_data, range(n_steps - latest)):
            fail(
                f"after restoring step {latest}, your run fed the mini-batches of steps 0, 1, 2, "
                "...: a loop counter that starts again at 0 picks the batches the first program "
                "already used. Pick each step's batch from the restored global_step."
            )
        expect(
            _close(theta_value, start, X_data, y_data, range(latest, n_steps)),
            "theta differs from the restored theta trained on the mini-batches of the steps "
            f"{latest} to {n_steps - 1}: restore theta with the step, then, until global_step "
            "reaches n_steps, run training_op on batch(step) for the current step.",
        )


@question(3)
def q3(predicted_resume_step, predicted_final_step, why, actual):
    saves = [step for step in range(0, 190) if step % 40 == 0]  # saved before each step < 190
    resume_step = saves[-1]
    final_step = resume_step + 300
    expect(
        tuple(int(v) for v in actual) == (resume_step, final_step),
        "run the cell that runs the program (below your prediction) before the check.",
    )
    expect(
        np.ndim(predicted_resume_step) == 0 and np.ndim(predicted_final_step) == 0,
        "the predictions should be two step numbers.",
    )
    if predicted_resume_step == 190:
        fail(
            "the new program cannot resume at the step of the crash: the values of the steps "
            "after the last save died with the first program."
        )
    expect(
        predicted_resume_step == resume_step,
        f"you predicted a resume at step {predicted_resume_step}; the program resumed at "
        f"{actual[0]}. At which steps did the first program save, and which save is the latest "
        "before the crash?",
    )
    if predicted_final_step == 300:
        fail(
            "the loop `for _ in range(n_steps)` runs training_op n_steps times, and each run adds "
            "1 to the restored step counter: where does the counter start?"
        )
    expect(
        predicted_final_step == final_step,
        f"you predicted the final step {predicted_final_step}; the program printed {actual[1]}.",
    )
    words = str(why).lower()
    expect(
        any(word in words for word in ("latest", "last save", "global_step", "counter", "restor")),
        "your predictions are right; now say why in `why`: which checkpoint does the program "
        "restore, and what does the loop add to the step counter?",
    )


@question(4)
def q4(saver, theta, global_step, resumed_at, theta_final, X_data, y_data, n_steps=300):
    expect(isinstance(saver, tf.train.Saver), "saver should be a tf.train.Saver.")
    with tempfile.TemporaryDirectory() as folder:
        prefix = os.path.join(folder, "probe.ckpt")
        with tf.Session(graph=theta.graph) as sess:
            sess.run([theta.initializer, global_step.initializer])
            saver.save(sess, prefix)
        shapes = sorted(tuple(shape) for _, shape in tf.train.list_variables(prefix))
    if () not in shapes:
        fail(
            "a checkpoint written by your saver holds no step counter, so a resumed run starts "
            "counting at 0 again. Save global_step with the weights."
        )
    if (3, 1) not in shapes:
        fail(
            "a checkpoint written by your saver holds no theta, so a resumed run starts from "
            "theta's initial value."
        )
    expect(
        resumed_at == 200,
        f"the resumed run started at step {resumed_at}; run the cell below your fix again.",
    )
    expect(
        np.allclose(
            theta_final,
            _descent(np.zeros((3, 1)), X_data, y_data, n_steps),
            rtol=1e-4,
            atol=1e-6,
        ),
        "theta_final differs from an uninterrupted run of n_steps: run the cell below your fix "
        "again.",
    )
