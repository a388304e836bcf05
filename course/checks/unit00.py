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
    values = np.array([1.0, 2.0, 3.0, 4.0])
    expect(np.ndim(mean_square) == 0, "the answer is one number: the mean of the four squares.")
    if np.isclose(mean_square, np.mean(values) ** 2):
        fail(
            "that is the square of the mean. Square each value first (values ** 2), then take the "
            "mean."
        )
    expect(
        np.isclose(mean_square, np.mean(values**2)),
        "square every value, then average the four squares with np.mean.",
    )


@question(3)
def q3(answer):
    choice(
        answer,
        options=("a", "b", "c"),
        correct="b",
        hints={
            "a": "the course never deletes what you wrote: read what `reset` prints about your "
            "work.",
            "c": "if reset overwrote your notebook with no copy, your answers would be lost; the "
            "course promises they never are.",
        },
    )
