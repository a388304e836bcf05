"""`python -m course open` signs the lessons, so JupyterLab shows their stored drawings on opening.

JupyterLab shows stored SVG outputs only for notebooks whose signature it knows (what `jupyter
trust` records); unsigned, a lesson's drawings show as their text until re-run. Signing goes to
Jupyter's signature database (here a scratch JUPYTER_DATA_DIR), never into the notebooks.
"""

import shutil
import time

import pytest
from nbformat.sign import NotebookNotary

from course import cli, notebooks
from course.syllabus import COURSE_ROOT


@pytest.fixture
def course_copy(tmp_path, monkeypatch):
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "jupyter_data"))
    root = tmp_path / "course_copy"
    (root / "course").mkdir(parents=True)
    shutil.copy(COURSE_ROOT / "course" / "syllabus.toml", root / "course")
    shutil.copytree(COURSE_ROOT / "lessons", root / "lessons")
    shutil.copytree(COURSE_ROOT / "exercises", root / "exercises")
    monkeypatch.setattr(cli, "launch", lambda command, cwd: 0)
    return root


def test_open_signs_every_lesson_and_leaves_the_files_alone(course_copy):
    lessons = sorted((course_copy / "lessons").glob("*.ipynb"))
    before = {path: path.read_bytes() for path in lessons}
    notary = NotebookNotary()
    assert not any(notary.check_signature(notebooks.read(path)) for path in lessons)
    started = time.monotonic()
    assert cli.main(["--root", str(course_copy), "open", "1"]) == 0
    assert time.monotonic() - started < 20
    assert all(notary.check_signature(notebooks.read(path)) for path in lessons)
    assert {path: path.read_bytes() for path in lessons} == before
    assert cli.trust_lessons(cli.Course(course_copy)) == []  # already signed: nothing to do


def test_an_edited_lesson_is_signed_again(course_copy):
    course = cli.Course(course_copy)
    cli.trust_lessons(course)
    lesson = course_copy / "lessons" / "01_graphs_and_sessions.ipynb"
    lesson.write_text(lesson.read_text().replace("computes nothing", "computes nothing yet", 1))
    assert cli.trust_lessons(course) == [lesson]
