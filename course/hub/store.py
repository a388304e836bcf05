"""The class store: one SQLite file in WAL mode, one row per graded attempt.

Only the `learntf-class` service opens it (learners' servers reach it through the service, never
through the file). WAL lets the teacher's page read while results are written; every write is
one short transaction, so concurrent graders queue on SQLite's lock (busy timeout) instead of
failing.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import time
from collections import Counter
from pathlib import Path

STATUSES = ("passed", "failed", "not attempted", "skipped")
STUCK_AFTER = 3  # attempts at a unit, the last one still not all passed: the learner is stuck

SCHEMA = """
CREATE TABLE IF NOT EXISTS attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    learner TEXT NOT NULL,
    unit INTEGER NOT NULL,
    graded_at REAL NOT NULL,      -- seconds since the epoch, when the learner's grade finished
    seconds REAL,                 -- how long grading took
    problem TEXT NOT NULL DEFAULT '',  -- why the notebook could not be run, if it could not
    questions TEXT NOT NULL       -- JSON: [{"question": 1, "status": "passed", "hint": ""}, ...]
)
"""


class InvalidAttempt(ValueError):
    """An attempt that does not have the shape `record` needs; the message says what is wrong."""


def as_text(value) -> str:
    """A CSV field a spreadsheet shows as text: a leading = + - @ would start a formula."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def validated(attempt: dict) -> dict:
    """The attempt's fields, checked: unit (int), questions (list of {question, status, hint}),
    graded_at, seconds, problem."""
    if not isinstance(attempt, dict):
        raise InvalidAttempt("an attempt is a JSON object")
    unit = attempt.get("unit")
    if not isinstance(unit, int) or isinstance(unit, bool) or not 0 <= unit < 1000:
        raise InvalidAttempt(f"'unit' must be a unit number, not {unit!r}")
    questions = attempt.get("questions")
    if not isinstance(questions, list) or len(questions) > 100:
        raise InvalidAttempt("'questions' must be a list of at most 100 questions")
    clean = []
    for entry in questions:
        if not isinstance(entry, dict) or entry.get("status") not in STATUSES:
            raise InvalidAttempt(f"each question needs a status, one of {', '.join(STATUSES)}")
        number = entry.get("question")
        if not isinstance(number, int) or isinstance(number, bool):
            raise InvalidAttempt(f"'question' must be a number, not {number!r}")
        hint = str(entry.get("hint") or "")[:2000]
        clean.append({"question": number, "status": entry["status"], "hint": hint})
    graded_at = attempt.get("graded_at", time.time())
    seconds = attempt.get("seconds")
    if not isinstance(graded_at, (int, float)) or not (
        seconds is None or isinstance(seconds, (int, float))
    ):
        raise InvalidAttempt("'graded_at' and 'seconds' must be numbers")
    problem = str(attempt.get("problem") or "")[:2000]
    return {
        "unit": unit,
        "questions": clean,
        "graded_at": float(graded_at),
        "seconds": seconds,
        "problem": problem,
    }


class Store:
    """The attempts of a class, in the SQLite file at `path` (created with its table)."""

    def __init__(self, path: Path | str):
        self.path = str(path)
        # The service uses its Store from its event loop's thread; the tests read it from theirs
        # (SQLite serializes the calls: Python's sqlite3 is built thread-safe).
        self.db = sqlite3.connect(
            self.path, timeout=30, isolation_level=None, check_same_thread=False
        )
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")  # safe with WAL: no corruption, fast commits
        self.db.execute(SCHEMA)

    def close(self) -> None:
        self.db.close()

    def record(self, learner: str, attempt: dict) -> int:
        """Store one attempt of `learner` (checked by `validated`); its row id."""
        fields = validated(attempt)
        cursor = self.db.execute(
            "INSERT INTO attempts (learner, unit, graded_at, seconds, problem, questions) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (
                learner,
                fields["unit"],
                fields["graded_at"],
                fields["seconds"],
                fields["problem"],
                json.dumps(fields["questions"]),
            ),
        )
        return cursor.lastrowid

    def attempts(self, learner: str | None = None) -> list[dict]:
        """Every attempt (of one learner), oldest first."""
        query = "SELECT id, learner, unit, graded_at, seconds, problem, questions FROM attempts"
        rows = self.db.execute(
            query + (" WHERE learner = ? ORDER BY id" if learner else " ORDER BY id"),
            (learner,) if learner else (),
        ).fetchall()
        keys = ("id", "learner", "unit", "graded_at", "seconds", "problem", "questions")
        return [{**dict(zip(keys, row)), "questions": json.loads(row[6])} for row in rows]

    def progress(self) -> dict[tuple[str, int], dict]:
        """{(learner, unit): passed, answered, total, attempts, done, stuck, last} from each
        learner's latest attempt at each unit. Skipped optional questions do not count."""
        table: dict[tuple[str, int], dict] = {}
        for attempt in self.attempts():
            key = (attempt["learner"], attempt["unit"])
            counted = [q for q in attempt["questions"] if q["status"] != "skipped"]
            passed = sum(q["status"] == "passed" for q in counted)
            tries = table.get(key, {}).get("attempts", 0) + 1
            done = passed == len(counted) and not attempt["problem"]
            answered = sum(q["status"] in ("passed", "failed") for q in counted)
            table[key] = {
                "passed": passed,
                "answered": answered,
                "total": len(counted),
                "attempts": tries,
                "done": done,
                "stuck": not done and tries >= STUCK_AFTER,
                "last": attempt["graded_at"],
            }
        return table

    def common_hints(self, limit: int = 5) -> dict[tuple[int, int], list[tuple[str, int]]]:
        """{(unit, question): [(hint, how many attempts showed it), ...]} most shown first."""
        counts: dict[tuple[int, int], Counter] = {}
        for attempt in self.attempts():
            for q in attempt["questions"]:
                if q["status"] == "failed" and q["hint"]:
                    key = (attempt["unit"], q["question"])
                    counts.setdefault(key, Counter())[q["hint"]] += 1
        return {key: counter.most_common(limit) for key, counter in sorted(counts.items())}

    def csv_text(self) -> str:
        """Every attempt, one line per question: what a spreadsheet needs to redo any summary."""
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(
            ["attempt", "learner", "unit", "graded_at_utc", "seconds", "question", "status", "hint"]
        )
        for attempt in self.attempts():
            stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(attempt["graded_at"]))
            for q in attempt["questions"] or [{"question": "", "status": "", "hint": ""}]:
                writer.writerow(
                    [
                        attempt["id"],
                        as_text(attempt["learner"]),
                        attempt["unit"],
                        stamp,
                        attempt["seconds"],
                        q["question"],
                        q["status"],
                        as_text(q["hint"] or attempt["problem"]),
                    ]
                )
        return out.getvalue()
