"""Checks for the exercise notebooks: one module per unit (unit01.py, ...), one function
per question.

An exercise's check cell calls, e.g., `check.q3(y_val, z_val)`. The function prints
"Question 3 passed", or raises CheckFailed("Question 3 failed: <hint>"). A hint teaches what to
look at; it never gives the answer away.

The printed line is for the learner. Grading never reads it: each check also records its result
as data, where printing cannot reach it.

- In the kernel, `results()` holds every check's latest status; `exercises/conftest.py` asks it
  after the last cell, so `pytest --nbval-lax exercises/NN_slug.ipynb` fails when a question did
  not pass.
- When `python -m course grade` runs a notebook, each check also appends its result to a file
  only the grader and the kernel know (course/results.py). The grader runs the notebook cell by
  cell and reads the lines each cell added, so only a question's own check cell can pass it.

Checks compute what they expect from first principles (learntf or NumPy); they never import a
solved copy of the exercise, and unit N's checks only use ideas that units 0..N teach.

    from course.checks import question, expect

    @question(1)
    def q1(result):
        expect(result == 42, "run the graph in a session to get f's value")
"""

from __future__ import annotations

import functools

from course.results import record_for_grading

__all__ = [
    "CheckFailed",
    "question",
    "expect",
    "fail",
    "choice",
    "explains",
    "is_blank",
    "results",
    "require_all_passed",
]

_results = {}  # (check module, question id) -> "passed", "failed" or "skipped", latest run

RED, RESET = "\x1b[31m", "\x1b[0m"


class CheckFailed(AssertionError):
    """A question's answer is not right yet. str(error) is "Question N failed: <hint>"."""

    def __init__(self, question_id, hint):
        self.question_id = question_id
        self.hint = hint
        super().__init__(f"Question {question_id} failed: {hint}")

    def _render_traceback_(self):
        # IPython shows this instead of a traceback: the learner needs the hint, not our code.
        return [f"{RED}Question {self.question_id} failed:{RESET} {self.hint}"]


class _Hint(Exception):
    """Raised inside a check function; the @question wrapper turns it into CheckFailed."""


def expect(condition, hint):
    """Fail the current question with `hint` unless `condition` holds."""
    if not condition:
        raise _Hint(hint)


def fail(hint):
    raise _Hint(hint)


def is_blank(value):
    """True for the `...` a blank answer cell starts with."""
    return value is Ellipsis or (
        isinstance(value, (tuple, list)) and any(v is Ellipsis for v in value)
    )


BLANK_HINT = (
    "this answer is still `...`. Replace the ... in the answer cell above with your answer, "
    "run that cell, then run this check again."
)


SKIPPED_NOTE = "Answer it whenever you like; grading counts it only once you do."


def results(module):
    """{question id: "passed", "failed" or "skipped"} for the checks of `module` (e.g.
    "course.checks.unit03") run in this Python process, each question's latest run."""
    return {q: status for (name, q), status in _results.items() if name == module}


def _record(module, question_id, status, hint=""):
    _results[(module, question_id)] = status
    record_for_grading(module, question_id, status, hint)


def question(question_id, optional=False):
    """Decorator: turns a check function into one that records its result, then prints a pass
    line or raises CheckFailed.

    `optional=True` marks an under-the-hood question (the master's metadata says so too): left
    blank, it records "skipped" and prints so instead of failing, so a learner who skips it still
    passes the unit. Answered, it is checked like any other."""

    def decorate(check):
        def failed(hint):
            _record(check.__module__, question_id, "failed", hint)
            return CheckFailed(question_id, hint)

        @functools.wraps(check)
        def run_check(*args, **kwargs):
            if any(is_blank(value) for value in (*args, *kwargs.values())):
                if optional:
                    _record(check.__module__, question_id, "skipped")
                    print(f"Question {question_id} is optional: skipped. {SKIPPED_NOTE}")
                    return
                raise failed(BLANK_HINT)
            try:
                check(*args, **kwargs)
            except _Hint as hint:
                raise failed(str(hint)) from None
            except CheckFailed as error:  # a check built from another question's check
                _record(check.__module__, question_id, "failed", error.hint)
                raise
            except Exception as error:  # the answer has a shape the check did not foresee
                raise failed(
                    f"the check could not use your answer ({type(error).__name__}: {error}). "
                    "Look at the type the question asks for."
                ) from error
            _record(check.__module__, question_id, "passed")
            print(f"Question {question_id} passed")

        run_check.question_id = question_id
        run_check.optional = optional
        return run_check

    return decorate


def choice(answer, options, correct, hints):
    """Check a multiple-choice answer: a letter from `options`; `hints` maps wrong letters to
    hints."""
    given = answer.strip().lower() if isinstance(answer, str) else answer
    expect(
        given in options,
        f"answer with one of the letters {', '.join(repr(o) for o in options)} "
        f"(you gave {answer!r}).",
    )
    if given != correct:
        fail(hints[given])


def explains(explanation, keys, hint):
    """For "predict, then explain" questions: fail unless `explanation` is a sentence that
    names one of `keys` (word stems, lower case); `hint` says what it should be about."""
    expect(
        isinstance(explanation, str) and len(explanation.split()) >= 4,
        "explanation should be a sentence (a string of a few words).",
    )
    words = explanation.lower()
    expect(any(key in words for key in keys), hint)


class NotAllPassed(AssertionError):
    """Raised after an exercise's last cell, under `pytest --nbval-lax`, when a question did not
    pass: the same verdict `python -m course grade` gives."""

    def _render_traceback_(self):
        return [f"{RED}Not every question passed:{RESET}", str(self)]


def require_all_passed(module, expected, problems, optional=()):
    """Raise NotAllPassed unless every question in `expected` passed in this kernel and none is
    in `problems` ({question: why its check cell does not count}, from the notebook file).
    A question in `optional` may also be skipped (left blank) or gone; answered, it must pass."""
    recorded = results(module)
    missing = []
    for q in expected:
        if q in optional and (q in problems or recorded.get(q) in (None, "skipped")):
            continue
        if q in problems:
            missing.append(f"Question {q}: {problems[q]}; not attempted.")
        elif recorded.get(q) is None:
            missing.append(f"Question {q}: its check did not run; not attempted.")
        elif recorded[q] != "passed":
            missing.append(f"Question {q}: failed (its hint is under its check cell).")
    if missing:
        raise NotAllPassed("\n".join(missing))
    skipped = [q for q in expected if q in optional and recorded.get(q) != "passed"]
    if skipped:
        print(
            f"All {len(expected) - len(skipped)} other questions passed; optional "
            + ", ".join(f"question {q}" for q in skipped)
            + " skipped."
        )
    else:
        print(f"All {len(expected)} questions passed.")
