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


@question(2)
def q2(mean_square):
    values = np.array([-3.0, -1.0, 1.0, 3.0])
    expect(np.ndim(mean_square) == 0, "the answer is one number: the mean of the four squares.")
    if type(mean_square) in (int, float):
        fail(
            f"mean_square is a plain Python number ({mean_square!r}): it was typed in, not "
            "computed. Compute it from values with NumPy (np.mean returns a NumPy number)."
        )
    if np.isclose(mean_square, np.mean(values) ** 2):
        fail(
            "that is the square of the mean: the errors cancel in the mean before anything is "
            "squared. Square each value first (values ** 2), then take the mean."
        )
    expect(
        np.isclose(mean_square, np.mean(values**2)),
        "square every value, then average the four squares with np.mean.",
    )


@question(3)
def q3(answer):
    choice(
        answer,
        options=("a", "b", "c", "d", "e"),
        correct="b",
        hints={
            "a": "this still averages the errors before anything is squared, so -1 and +1 "
            "cancel, and the root of that negative mean is not even a number (nan).",
            "c": "this is the mean *absolute* error. For this example it happens to give 1.0 "
            "too, since every error is 1 or -1; try the errors [0.0, 2.0]: the root mean square "
            "is larger.",
            "d": "this divides by the number of errors twice: the mean already divides once. "
            "With three errors of size 1 it gives 1/3, not 1.",
            "e": "the root of each square is the absolute value, so this is the mean absolute "
            "error in disguise; it agrees here only because every error has size 1. Try the "
            "errors [0.0, 2.0].",
        },
    )
