"""The learner's command line, `python -m course` / `learntf-course` (course/cli.py).

Every test works on a scratch copy of the course, so the learner's real notebooks are never touched.
"""

import importlib.metadata
import json
import shutil
import subprocess
import sys

import nbformat
import pytest

from course import cli, notebooks
from course.syllabus import COURSE_ROOT, load_syllabus

READY = [unit for unit in load_syllabus() if unit.ready]


@pytest.fixture
def scratch(tmp_path):
    """A copy of the course: syllabus, masters, blanks, and every ready unit's lesson."""
    root = tmp_path / "course_copy"
    (root / "course").mkdir(parents=True)
    shutil.copy(COURSE_ROOT / "course" / "syllabus.toml", root / "course")
    shutil.copytree(COURSE_ROOT / "course" / "masters", root / "course" / "masters")
    (root / "lessons").mkdir()
    (root / "exercises").mkdir()
    for unit in READY:
        lesson = COURSE_ROOT / unit.lesson
        if lesson.exists():
            shutil.copy(lesson, root / unit.lesson)
        else:  # the lesson is being written; the CLI only needs the file to exist
            nbformat.write(nbformat.v4.new_notebook(), str(root / unit.lesson))
        shutil.copy(COURSE_ROOT / unit.exercise, root / unit.exercise)
    return root


def run(root, *args):
    return cli.main(["--root", str(root), *args])


def test_the_console_script_and_python_m_course_run_the_same_main():
    (script,) = [
        ep
        for ep in importlib.metadata.entry_points(group="console_scripts")
        if ep.name == "learntf-course"
    ]
    assert script.value == "course.cli:main"
    help_text = subprocess.run(
        [sys.executable, "-m", "course", "--help"], capture_output=True, text=True
    ).stdout
    for command in ("list", "open", "grade", "reset"):
        assert command in help_text


# --- list -------------------------------------------------------------------------------------


def test_list_shows_all_units_in_order_with_their_progress(scratch, capsys, plan_a_unit):
    planned = plan_a_unit(scratch)
    assert run(scratch, "list") == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith("  ")]
    assert [line.split()[0] for line in lines] == [f"{n:02d}" for n in range(len(load_syllabus()))]
    for unit in load_syllabus():
        assert ("(optional)" in lines[unit.number]) is unit.optional, lines[unit.number]
    assert lines[0].split("Welcome")[1].strip() == "not started (3 questions)"
    assert lines[planned.number].endswith("(planned)") and planned.title in lines[planned.number]


def test_list_counts_the_checks_that_passed_when_the_notebook_was_last_saved(scratch, capsys):
    learner = notebooks.read(
        scratch / "course" / "masters" / "00_welcome.ipynb"
    )  # all checks ran and passed
    check_q2 = learner.cells[notebooks.find_check_cell(learner, 2)]
    check_q2.outputs = [
        nbformat.v4.new_output(
            "error", ename="CheckFailed", evalue="Question 2 failed: x", traceback=[]
        )
    ]
    nbformat.write(learner, str(scratch / "exercises" / "00_welcome.ipynb"))
    run(scratch, "list")
    assert any(
        line.strip().startswith("00") and line.endswith("2/3 passed")
        for line in capsys.readouterr().out.splitlines()
    )


# --- open -------------------------------------------------------------------------------------


@pytest.fixture
def launches(monkeypatch):
    calls = []
    monkeypatch.setattr(cli, "launch", lambda command, cwd: calls.append((command, cwd)) or 0)
    return calls


def test_open_starts_jupyterlab_on_the_course_with_the_units_lesson_open(
    scratch, launches, monkeypatch, capsys
):
    monkeypatch.setattr(cli, "running_as_root", lambda: False)
    assert run(scratch, "open", "01", "--no-browser") == 0
    assert launches == [
        (
            [
                sys.executable,
                "-m",
                "jupyterlab",
                f"--ServerApp.root_dir={scratch}",
                "lessons/01_graphs_and_sessions.ipynb",
                "--no-browser",
            ],
            scratch,
        )
    ]
    assert "exercises/01_graphs_and_sessions.ipynb" in capsys.readouterr().out


def test_open_as_root_allows_jupyterlab_to_run_as_root(scratch, launches, monkeypatch):
    monkeypatch.setattr(cli, "running_as_root", lambda: True)
    run(scratch, "open", "0")
    ((command, _),) = launches
    assert command[4:] == ["--allow-root", "lessons/00_welcome.ipynb"]


def test_open_without_jupyterlab_says_how_to_install_it(scratch, launches, monkeypatch, capsys):
    monkeypatch.setattr(cli, "jupyterlab_installed", lambda: False)
    assert run(scratch, "open", "0") == 2
    message = capsys.readouterr().err
    assert "JupyterLab is not installed" in message and "make setup" in message
    assert launches == []


def test_jupyterlab_installed_looks_for_the_module(monkeypatch):
    assert cli.jupyterlab_installed() is True  # the course's own environment has it
    monkeypatch.setattr(cli.importlib.util, "find_spec", lambda name: None)
    assert cli.jupyterlab_installed() is False


@pytest.mark.parametrize(
    "unit,message",
    [
        ("40", f"There is no unit 40. Units are numbered 0 to {len(load_syllabus()) - 1}"),
        ("-1", "There is no unit -1"),
        ("two", "'two' is not a unit number"),
        *[
            (str(unit.number), f"Unit {unit.label} ({unit.title}) is planned but not written yet.")
            for unit in load_syllabus()
            if not unit.ready
        ][:1],
    ],
)
def test_open_explains_a_unit_it_cannot_open(scratch, launches, capsys, unit, message):
    assert run(scratch, "open", unit) == 2
    assert message in capsys.readouterr().err
    assert launches == []


@pytest.mark.slow
def test_the_readme_command_really_starts_jupyterlab_on_lesson_00(scratch, tmp_path):
    """`python -m course open 0` (what `make course` runs) starts a JupyterLab that opens
    lesson 00."""
    import os
    import re
    import time
    import urllib.request

    runtime = tmp_path / "jupyter_runtime"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "course",
            "--root",
            str(scratch),
            "open",
            "0",
            "--no-browser",
            "--port=0",
            "--IdentityProvider.token=course-test",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "JUPYTER_RUNTIME_DIR": str(runtime)},
    )
    try:
        log, url = "", None
        deadline = time.time() + 60
        while url is None and time.time() < deadline and server.poll() is None:
            line = server.stdout.readline()
            log += line
            found = re.search(r"(http://(?:localhost|127\.0\.0\.1):\d+)/lab\S*", line)
            url = found and found.group(1)
        assert url, log
        # What the browser is sent to (JupyterLab writes it to a file when it opens no browser):
        while not list(runtime.glob("jpserver-file-to-run-*-open.html")) and time.time() < deadline:
            time.sleep(0.2)
        (opener,) = runtime.glob("jpserver-file-to-run-*-open.html")
        assert "lab/tree/lessons/00_welcome.ipynb" in opener.read_text()
        request = urllib.request.Request(
            f"{url}/api/contents/lessons/00_welcome.ipynb?content=0",
            headers={"Authorization": "token course-test"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            assert json.load(response)["path"] == "lessons/00_welcome.ipynb"
    finally:
        server.terminate()
        server.wait(timeout=30)


# --- reset ------------------------------------------------------------------------------------


def test_reset_keeps_a_backup_of_the_learners_work_and_restores_the_blank(scratch, capsys):
    exercise = scratch / "exercises" / "01_graphs_and_sessions.ipynb"
    blank = exercise.read_text()
    worked_on = blank.replace("raise NotImplementedError()", "print('my own attempt')", 1)
    assert worked_on != blank
    exercise.write_text(worked_on)

    assert run(scratch, "reset", "1") == 0
    (backup,) = (scratch / "backups").glob("01_graphs_and_sessions.*.ipynb")
    assert backup.read_text() == worked_on
    assert exercise.read_text() == blank
    assert f"backups/{backup.name}" in capsys.readouterr().out
    assert (scratch / "backups" / ".gitignore").read_text().splitlines()[-1] == "*"


def test_resetting_twice_never_overwrites_an_earlier_backup(scratch):
    exercise = scratch / "exercises" / "00_welcome.ipynb"
    blank = exercise.read_text()
    for attempt in ("attempt-one", "attempt-two"):
        exercise.write_text(blank.replace("command = ...", f"command = '{attempt}'"))
        run(scratch, "reset", "0")
    backups = sorted((scratch / "backups").glob("00_welcome.*.ipynb"))
    assert len(backups) == 2
    assert {("attempt-one" in b.read_text(), "attempt-two" in b.read_text()) for b in backups} == {
        (True, False),
        (False, True),
    }


def test_resetting_a_blank_exercise_makes_no_backup(scratch, capsys):
    assert run(scratch, "reset", "0") == 0
    assert "already blank" in capsys.readouterr().out
    assert not (scratch / "backups").exists()


def test_reset_restores_a_deleted_exercise(scratch):
    exercise = scratch / "exercises" / "02_managing_graphs.ipynb"
    blank = exercise.read_text()
    exercise.unlink()
    assert run(scratch, "reset", "2") == 0
    assert exercise.read_text() == blank


# --- grade ------------------------------------------------------------------------------------


def test_grade_of_an_unknown_unit_is_refused(scratch, capsys):
    assert run(scratch, "grade", "40") == 2
    assert "There is no unit 40" in capsys.readouterr().err


@pytest.mark.slow
def test_grade_scores_the_saved_notebook_and_prints_the_hints(scratch, capsys):
    exercise = scratch / "exercises" / "00_welcome.ipynb"
    learner = notebooks.read(exercise)
    sources = [cell.source for cell in learner.cells]
    learner.cells[sources.index("command = ...")].source = 'command = "python -m course grade 2"'
    learner.cells[
        sources.index("# YOUR CODE HERE\nraise NotImplementedError()\nmean_square")
    ].source = "mean_square = np.mean(values) ** 2"  # the typical mistake
    learner.cells[sources.index("answer = ...")].source = 'answer = "b"'
    nbformat.write(learner, str(exercise))
    saved = exercise.read_text()

    assert run(scratch, "grade", "0") == 1
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if line.strip().startswith("00"))
    assert row.split() == ["00", "Welcome", "2/3", "q1", "✓", "q2", "✗", "q3", "✓"]
    assert "Question 2 failed: that is the square of the mean" in out
    assert exercise.read_text() == saved  # grading never writes to the learner's notebook


@pytest.mark.slow
def test_grade_all_totals_every_ready_unit_and_passes_the_solved_ones(scratch, capsys):
    for unit in READY:  # a learner who solved everything: the masters are the solved notebooks
        shutil.copy(scratch / unit.master, scratch / unit.exercise)
    assert run(scratch, "grade") == 0
    out = capsys.readouterr().out
    assert "All passed." in out
    masters = [notebooks.read(scratch / unit.master) for unit in READY if not unit.optional]
    total = sum(len(notebooks.questions(m)) - len(notebooks.optional_questions(m)) for m in masters)
    assert f"total {total}/{total}" in out  # optional questions are not in the score
    for unit in READY:  # the build-it units are graded when named, and the table says how
        assert (f"  {unit.label}    {unit.title}" in out) is not unit.optional, out
    if any(unit.optional for unit in READY):
        assert "graded when you name one" in out


@pytest.mark.slow
def test_grade_reports_a_notebook_that_hangs_instead_of_hanging_itself(
    scratch, capsys, monkeypatch
):
    monkeypatch.setattr(cli, "GRADE_CELL_TIMEOUT", 3)
    exercise = scratch / "exercises" / "00_welcome.ipynb"
    learner = notebooks.read(exercise)
    learner.cells[3].source = "import time\ntime.sleep(60)"
    nbformat.write(learner, str(exercise))
    assert run(scratch, "grade", "0") == 1
    out = capsys.readouterr().out
    assert "0/3" in out and "could not be run to the end (CellTimeoutError" in out


def test_grade_reports_a_missing_exercise_with_the_reset_command(scratch, capsys):
    (scratch / "exercises" / "00_welcome.ipynb").unlink()
    assert run(scratch, "grade", "0") == 1
    out = capsys.readouterr().out
    assert "0/3" in out and "python -m course reset 0" in out
