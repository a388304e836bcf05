"""Checks for exercises/00_welcome.ipynb: the course's own machinery, and a NumPy warm-up."""

import re

import numpy as np

from course.checks import choice, expect, fail, question


@question(1)
def q1(command):
    expect(
        isinstance(command, str),
        "write the command as a string, in quotes, as you would type it in a terminal.",
    )
    words = command.split()
    expect(
        "open" not in words,
        "`open` starts JupyterLab on a unit; the command you want runs the checks and prints a "
        "score.",
    )
    expect(
        "reset" not in words,
        "`reset` throws your answers away (after backing them up); you want the command that "
        "scores them.",
    )
    expect(
        "grade" in words,
        "the commands are list, open, grade and reset: which one scores your exercises?",
    )
    expect(
        re.search(r"\bgrade\s+0*2$", command.strip()) is not None,
        "`grade` alone grades every exercise; add the number of the unit you want.",
    )
    launcher = " ".join(words[: words.index("grade")])
    if launcher not in (
        "python -m course",
        "learntf-course",
        "python3 -m course",
        ".venv/bin/python -m course",
    ):
        fail("start the command the way lesson 00 does: `python -m course` (or `learntf-course`).")


def _fresh_inputs(count=4, seed=0):
    rng = np.random.default_rng(seed)
    return [rng.normal(0.0, 3.0, size=rng.integers(3, 9)) for _ in range(count)]


def _replayed(function, what, arguments):
    expect(
        callable(function),
        f"{what} should be a function (def {what}(...): ...); it is a {type(function).__name__}.",
    )
    return [function(*args) for args in arguments]


@question(2)
def q2(mean_square):
    inputs = _fresh_inputs()
    results = _replayed(mean_square, "mean_square", [(v,) for v in inputs])
    expect(
        all(np.ndim(r) == 0 for r in results),
        "mean_square should return one number for an array: the mean of its squares.",
    )
    if len({float(r) for r in results}) == 1:
        fail(
            "mean_square returns the same number whatever the array: it was typed in, not "
            "computed from v. Compute it from the argument."
        )
    for v, r in zip(inputs, results):
        if np.isclose(r, np.mean(v) ** 2) and not np.isclose(r, np.mean(v**2)):
            fail(
                "that is the square of the mean. Square each value first (v ** 2), then take the "
                "mean."
            )
        expect(
            np.isclose(r, np.mean(v**2)),
            "square every value of v, then average the squares with np.mean.",
        )


@question(3)
def q3(predicted_mean_square, predicted_square_mean, why):
    values = np.array([-3.0, -1.0, 1.0, 3.0])
    for given, name in (
        (predicted_mean_square, "predicted_mean_square"),
        (predicted_square_mean, "predicted_square_mean"),
    ):
        expect(
            isinstance(given, (int, float, np.number)) and not isinstance(given, bool),
            f"{name} should be a number, your prediction.",
        )
    expect(
        np.isclose(predicted_mean_square, np.mean(values**2)),
        "your prediction of the mean of the squares is not what the run printed. Square each "
        "of the four values by hand, then average.",
    )
    expect(
        np.isclose(predicted_square_mean, np.mean(values) ** 2),
        "your prediction of the square of the mean is not what the run printed. What is the "
        "mean of the four values, before squaring?",
    )
    words = why.lower() if isinstance(why, str) else ""
    expect(
        any(w in words for w in ("cancel", "negative", "sign", "opposite", "minus")),
        "explain why the two differ so much here: what happens to negative values in each "
        "computation?",
    )


@question(4)
def q4(rmse):
    rng = np.random.default_rng(4)
    pairs = [(rng.normal(0, 2, 6), rng.normal(0, 2, 6)) for _ in range(4)]
    results = _replayed(rmse, "rmse", pairs)
    expect(
        all(np.ndim(r) == 0 for r in results),
        "rmse should return one number for two arrays.",
    )
    if len({float(r) for r in results}) == 1:
        fail(
            "rmse returns the same number whatever the arrays: it was typed in, not computed "
            "from predictions and targets."
        )
    for (p, t), r in zip(pairs, results):
        errors = p - t
        if np.isclose(r, abs(np.mean(errors))):
            fail(
                "rmse still averages the errors before squaring them, so positive and negative "
                "errors cancel. Where must the square go?"
            )
        expect(
            np.isclose(r, np.sqrt(np.mean(errors**2))),
            "rmse should be the square root of the mean of the squared errors: square each "
            "error, average, then take the root.",
        )


@question(5)
def q5(answer):
    choice(
        answer,
        options=("a", "b", "c", "d"),
        correct="b",
        hints={
            "a": "the course never deletes what you wrote: read what `reset` prints about your "
            "work.",
            "c": "if reset overwrote your notebook with no copy, your answers would be lost; the "
            "course promises they never are.",
            "d": "reset exists to start an exercise again when it holds answers you want to "
            "redo; refusing would make it useless. What could it do first, so nothing is lost?",
        },
    )
