"""`course grade` on the hub: send the result to the class service, and say so.

Consent: a class hub exists so that the teacher sees progress, and the teacher starts it; each
grade says, in one line, exactly what was sent and where. `python -m course grade N --no-share`
keeps that grade to the learner (nothing is sent; the line says so). Outside a hub nothing is
ever sent.

What is sent, per graded unit: the unit number, each question's status (passed, failed,
not attempted, skipped) with the hint the learner was shown (a question whose answer cell is
still blank counts as not attempted, without its error), why the notebook could not run (if
it could not), when grading finished and how long it took. Never the notebook or its code. The
hub identifies the learner from the server's token; the service stores the row under that name.
"""

from __future__ import annotations

import json
import os
import time
import urllib.error
import urllib.request
from pathlib import Path

from course import notebooks
from course.hub import SERVICE_NAME

URL_VARIABLE = "LEARNTF_CLASS_URL"  # the service's own address, set by the hub's config
TIMEOUT = 20  # seconds; a slow hub must not hang a learner's grade


def on_hub() -> bool:
    """Running in a learner's server that the hub started for this class."""
    return bool(os.environ.get("JUPYTERHUB_API_TOKEN") and os.environ.get(URL_VARIABLE))


def untouched(exercise: Path, master) -> set[int]:
    """The questions whose answer cell in the learner's saved notebook is still the blank one
    (found by cell id, as generated from the master): their failure only says the learner has
    not answered yet, so the teacher sees them as not attempted, without the error."""
    try:
        mine = {cell.get("id"): cell.source for cell in notebooks.read(exercise).cells}
    except Exception:  # unreadable: grading already said so; nothing is known per question
        return set()
    found = set()
    for question, index in notebooks.answer_cells(master).items():
        cell = master.cells[index]
        blank = notebooks.blank_source(cell.source)
        if mine.get(cell.get("id"), blank).strip() == blank.strip():
            found.add(question)
    return found


def attempt(course, unit, expected, results: dict, problem: str, seconds: float) -> dict:
    """The structured result of grading one unit, as the service stores it."""
    blank = untouched(course.path(unit.exercise), course.master(unit))
    questions = []
    for q in expected:
        result = results.get(q)
        if result is None:
            status, hint = "not attempted", problem
        elif result.status in ("not run", "not attempted") or (
            result.status == "failed" and q in blank
        ):
            status, hint = "not attempted", ""
        else:
            status, hint = result.status, "" if result.passed else result.message
        questions.append({"question": q, "status": status, "hint": hint})
    return {
        "unit": unit.number,
        "questions": questions,
        "problem": problem,
        "graded_at": time.time(),
        "seconds": round(seconds, 3),
    }


def send(attempts: list[dict]) -> str:
    """POST each attempt to the service; one line telling the learner what happened."""
    # the service's routes sit under the hub's prefix for it, as behind the hub's proxy
    prefix = os.environ.get("JUPYTERHUB_BASE_URL", "/").rstrip("/") + f"/services/{SERVICE_NAME}"
    url = os.environ[URL_VARIABLE].rstrip("/") + prefix + "/api/attempts"
    token = os.environ["JUPYTERHUB_API_TOKEN"]
    units = ", ".join(f"{a['unit']:02d}" for a in attempts)
    sent = 0
    for one in attempts:
        request = urllib.request.Request(
            url,
            data=json.dumps(one).encode(),
            method="POST",
            headers={"Authorization": f"token {token}", "Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                response.read()
            sent += 1
        except (OSError, urllib.error.URLError) as error:
            reason = getattr(error, "reason", None) or error
            return (
                f"\nNot shared: the class service ({SERVICE_NAME}) did not take unit "
                f"{one['unit']:02d}'s result ({reason}). Your grade above stands; grade again "
                "later to share it."
            )
    return (
        f"\nShared with your teacher (the hub's {SERVICE_NAME} service): unit {units}, "
        "each question's status and the hint you saw, and when you graded. Not your code. "
        "`python -m course grade N --no-share` keeps a grade to yourself."
    )
