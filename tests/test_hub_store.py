"""The class store (course/hub/store.py): SQLite in WAL mode, one row per graded attempt."""

import csv
import io
import sqlite3
import threading

import pytest

from course.hub.store import STUCK_AFTER, InvalidAttempt, Store


def attempt(unit, *statuses, hint="look at the shapes", problem=""):
    return {
        "unit": unit,
        "questions": [
            {"question": n, "status": status, "hint": hint if status == "failed" else ""}
            for n, status in enumerate(statuses, start=1)
        ],
        "graded_at": 1_700_000_000.0,
        "seconds": 2.5,
        "problem": problem,
    }


@pytest.fixture
def store(tmp_path):
    opened = Store(tmp_path / "class.sqlite")
    yield opened
    opened.close()


def test_the_store_is_in_wal_mode_and_keeps_one_row_per_attempt(store, tmp_path):
    store.record("ann", attempt(1, "passed", "failed"))
    store.record("ann", attempt(1, "passed", "passed"))
    store.record("ben", attempt(2, "not attempted"))
    other = sqlite3.connect(tmp_path / "class.sqlite")  # another reader sees WAL and three rows
    assert other.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert other.execute("SELECT learner, unit FROM attempts ORDER BY id").fetchall() == [
        ("ann", 1),
        ("ann", 1),
        ("ben", 2),
    ]
    assert [a["questions"][1]["status"] for a in store.attempts("ann")] == ["failed", "passed"]


def test_progress_is_the_latest_attempt_and_stuck_after_repeated_failures(store):
    for _ in range(STUCK_AFTER - 1):
        store.record("cara", attempt(3, "passed", "failed"))
    assert store.progress()[("cara", 3)]["stuck"] is False
    store.record("cara", attempt(3, "passed", "failed"))
    cara = store.progress()[("cara", 3)]
    assert (cara["passed"], cara["total"], cara["attempts"], cara["stuck"]) == (1, 2, 3, True)
    store.record("cara", attempt(3, "passed", "passed", "skipped"))  # optional q3 skipped
    cara = store.progress()[("cara", 3)]
    assert (cara["passed"], cara["total"], cara["done"], cara["stuck"]) == (2, 2, True, False)
    store.record("dan", attempt(3, "not attempted", "not attempted"))
    assert store.progress()[("dan", 3)]["answered"] == 0


def test_a_notebook_that_did_not_run_is_not_done(store):
    store.record("eve", attempt(4, problem="the notebook could not be run"))
    assert store.progress()[("eve", 4)]["done"] is False


def test_the_most_shown_hints_come_first_per_question(store):
    for learner in ("ann", "ben", "cara"):
        store.record(learner, attempt(1, "failed", hint="a tf.constant is not a variable"))
    store.record("dan", attempt(1, "failed", hint="already a number"))
    store.record("eve", attempt(1, "passed"))
    assert store.common_hints() == {
        (1, 1): [("a tf.constant is not a variable", 3), ("already a number", 1)]
    }


def test_the_csv_has_one_line_per_question_of_every_attempt(store):
    store.record("ann", attempt(1, "passed", "failed"))
    store.record("ben", attempt(2, problem="could not be run"))
    rows = list(csv.DictReader(io.StringIO(store.csv_text())))
    assert [(r["learner"], r["unit"], r["question"], r["status"]) for r in rows] == [
        ("ann", "1", "1", "passed"),
        ("ann", "1", "2", "failed"),
        ("ben", "2", "", ""),
    ]
    assert rows[1]["hint"] == "look at the shapes" and rows[2]["hint"] == "could not be run"
    assert rows[0]["graded_at_utc"] == "2023-11-14T22:13:20Z"


def test_a_spreadsheet_formula_in_a_hint_is_exported_as_text(store):
    store.record("mallory", attempt(1, "failed", hint="=HYPERLINK(1)"))
    rows = list(csv.DictReader(io.StringIO(store.csv_text())))
    assert rows[0]["hint"] == "'=HYPERLINK(1)"


@pytest.mark.parametrize(
    "bad, words",
    [
        ([], "JSON object"),
        ({"unit": "1", "questions": []}, "unit number"),
        ({"unit": 1, "questions": "all"}, "list"),
        ({"unit": 1, "questions": [{"question": 1, "status": "great"}]}, "status"),
        ({"unit": 1, "questions": [{"question": "1", "status": "passed"}]}, "number"),
        ({"unit": 1, "questions": [], "seconds": "2"}, "numbers"),
    ],
)
def test_a_malformed_attempt_is_refused_with_what_is_wrong(store, bad, words):
    with pytest.raises(InvalidAttempt, match=words):
        store.record("ann", bad)
    assert store.attempts() == []


def test_concurrent_writers_lose_nothing(tmp_path):
    path = tmp_path / "class.sqlite"
    Store(path).close()
    errors = []

    def writer(n):
        store = Store(path)  # a connection each, as separate processes would have
        try:
            for k in range(25):
                store.record(f"learner{n}", attempt(k % 5, "passed"))
        except Exception as error:
            errors.append(error)
        finally:
            store.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(Store(path).attempts()) == 8 * 25
