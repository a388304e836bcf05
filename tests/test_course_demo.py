"""`python -m course demo N` (course/cli.py): a teacher's fresh copy of a lesson, run live in class.

The copy goes to demo/ with every output cleared, slide metadata, and a first code cell that puts
drawings and widgets in presenter mode; the lesson and the learner's exercises are never touched.
Every test works on a scratch copy of the course.
"""

import sys

import nbformat
import pytest

from course import cli, notebooks, slides
from course.syllabus import COURSE_ROOT, load_syllabus

READY = [unit for unit in load_syllabus() if unit.ready and (COURSE_ROOT / unit.lesson).exists()]


@pytest.fixture
def scratch(course_copy):
    return course_copy


def snapshot(root):
    return {
        path.relative_to(root): path.read_bytes()
        for folder in ("lessons", "exercises")
        for path in sorted((root / folder).iterdir())
    }


def run(root, *args):
    return cli.main(["--root", str(root), *args])


def test_demo_copies_the_lesson_with_outputs_cleared_and_opens_the_copy(scratch, launches, capsys):
    before = snapshot(scratch)
    assert run(scratch, "demo", "1", "--no-browser") == 0
    demo_path = scratch / "demo" / "01_graphs_and_sessions.ipynb"
    assert launches == [
        (
            [
                sys.executable,
                "-m",
                "jupyterlab",
                f"--ServerApp.root_dir={scratch}",
                "demo/01_graphs_and_sessions.ipynb",
                "--no-browser",
            ],
            scratch,
        )
    ]
    assert cli.os.environ[cli.PRESENTER_VARIABLE] == "1"  # the kernels JupyterLab starts inherit it
    assert snapshot(scratch) == before  # lesson and exercises untouched
    out = capsys.readouterr().out
    assert "demo/01_graphs_and_sessions.ipynb" in out and "unchanged" in out

    lesson, demo = notebooks.read(scratch / "lessons" / demo_path.name), notebooks.read(demo_path)
    assert any(cell.get("outputs") for cell in lesson.cells)  # the lesson keeps its outputs
    code = [cell for cell in demo.cells if cell.cell_type == "code"]
    assert all(cell.outputs == [] and cell.execution_count is None for cell in code)
    nbformat.validate(demo)


def test_the_demo_copy_starts_in_presenter_mode_and_keeps_the_lessons_cells(scratch, launches):
    run(scratch, "demo", "1", "--copy-only")
    assert launches == []  # --copy-only: no JupyterLab
    lesson = notebooks.read(scratch / "lessons" / "01_graphs_and_sessions.ipynb")
    demo = notebooks.read(scratch / "demo" / "01_graphs_and_sessions.ipynb")
    first_code = next(cell for cell in demo.cells if cell.cell_type == "code")
    assert "viz.presenter(True)" in first_code.source and demo.cells.index(first_code) == 1
    rest = [cell for cell in demo.cells if cell is not first_code]
    assert [cell.source for cell in rest] == [cell.source for cell in lesson.cells]
    sections = [cell for cell in rest if slides.heading_level(cell) == 2]
    assert sections and all(
        cell.metadata["slideshow"]["slide_type"] == "slide" for cell in sections
    )
    assert demo.metadata["rise"] == {"scroll": True}


def test_the_presenter_cell_turns_presenter_mode_on():
    from learntf.viz import presenting

    try:
        exec(cli.PRESENTER_CELL, {})
        assert presenting.presenter_mode() is True
    finally:
        presenting.presenter(None)


def test_a_second_demo_is_fresh_again(scratch, launches):
    run(scratch, "demo", "0", "--copy-only")
    demo_path = scratch / "demo" / "00_welcome.ipynb"
    fresh = demo_path.read_text()
    demo_path.write_text(
        fresh.replace(
            '"outputs": []',
            '"outputs": [{"name": "stdout", "output_type": "stream", "text": "old\\n"}]',
            1,
        )
    )
    run(scratch, "demo", "0", "--copy-only")
    assert demo_path.read_text() == fresh
    assert (scratch / "demo" / ".gitignore").read_text().splitlines()[-1] == "*"


@pytest.mark.parametrize("unit", READY, ids=[unit.label for unit in READY])
def test_every_lesson_has_a_demo_copy_without_outputs(scratch, launches, unit):
    assert run(scratch, "demo", str(unit.number), "--copy-only") == 0
    demo = notebooks.read(scratch / "demo" / (scratch / unit.lesson).name)
    assert not any(cell.get("outputs") for cell in demo.cells)
    assert "widgets" not in demo.metadata


def test_demo_explains_a_unit_it_cannot_copy(scratch, launches, capsys):
    assert run(scratch, "demo", "40") == 2
    assert "There is no unit 40" in capsys.readouterr().err
    (scratch / "lessons" / "01_graphs_and_sessions.ipynb").unlink()
    assert run(scratch, "demo", "1") == 2
    assert "lesson lessons/01_graphs_and_sessions.ipynb is missing" in capsys.readouterr().err
    assert launches == [] and not (scratch / "demo" / "01_graphs_and_sessions.ipynb").exists()


def test_demo_is_in_the_help():
    assert "demo" in cli.parser().format_help()
