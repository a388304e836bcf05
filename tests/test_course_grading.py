"""Grading reads what the checks recorded, never printed text, and nbval agrees with it.

`python -m course grade NN` and `pytest --nbval-lax exercises/NN_slug.ipynb` (with
exercises/conftest.py) must give the same verdict on every kind of notebook a learner can save:
blank, solved, with a typical wrong answer, with a check cell deleted or edited, with a fake
"Question N passed" printed, with everything deleted. Each variant is written into a scratch copy
of the course and judged both ways.
"""

import copy
import shutil
import subprocess
import sys

import nbformat
import pytest

from course import cli, notebooks
from course.syllabus import COURSE_ROOT, load_syllabus

UNIT = next(unit for unit in load_syllabus() if unit.number == 0)
MASTER = notebooks.read(COURSE_ROOT / UNIT.master)
QUESTIONS = notebooks.questions(MASTER)


@pytest.fixture
def scratch(tmp_path):
    root = tmp_path / "course_copy"
    (root / "course").mkdir(parents=True)
    shutil.copy(COURSE_ROOT / "course" / "syllabus.toml", root / "course")
    shutil.copytree(COURSE_ROOT / "course" / "masters", root / "course" / "masters")
    (root / "exercises").mkdir()
    (root / "lessons").mkdir()
    shutil.copy(COURSE_ROOT / "exercises" / "conftest.py", root / "exercises")
    for unit in load_syllabus():
        if unit.ready:
            nbformat.write(nbformat.v4.new_notebook(), str(root / unit.lesson))
    return root


def solved(master=MASTER):
    """The learner's notebook with the reference solutions typed in: the master without its
    master-only cells, stored wrong answers and outputs."""
    blank = notebooks.make_blank(master)
    kept = [
        cell
        for cell in master.cells
        if not notebooks.is_wrong_answer_cell(cell)
        and notebooks.MASTER_ONLY_TAG not in cell.get("metadata", {}).get("tags", [])
    ]
    nb = copy.deepcopy(blank)
    for mine, master_cell in zip(nb.cells, kept, strict=True):
        mine.source = master_cell.source
    return nb


def check_cell_index(nb, q):
    return notebooks.find_check_cell(nb, q)


def variant(name):
    nb = solved() if name != "blank" else notebooks.make_blank(MASTER)
    first, last = QUESTIONS[0], QUESTIONS[-1]
    if name == "check cell deleted":
        del nb.cells[check_cell_index(nb, first)]
    elif name == "check cell edited to print a pass":
        nb.cells[check_cell_index(nb, first)].source = f'print("Question {first} passed")'
    elif name == "blank answer, fake pass printed":
        nb = notebooks.make_blank(MASTER)
        for q in QUESTIONS:
            nb.cells[check_cell_index(nb, q)].source += f'\nprint("Question {q} passed")'
    elif name == "every cell deleted":
        nb.cells = []
    elif name == "wrong answer":
        wrong = notebooks.wrong_answers(MASTER)[0]
        nb = solved()
        answer_cell = next(
            i
            for i, cell in enumerate(nb.cells)
            if cell.source == MASTER.cells[wrong.answer_cell].source
        )
        nb.cells[answer_cell].source = notebooks.replace_solution(
            nb.cells[answer_cell].source, wrong.code
        )
    elif name == "extra check call with the pass, check cell fails":
        nb = notebooks.make_blank(MASTER)
        index = check_cell_index(nb, last)
        extra = nbformat.v4.new_code_cell('print("Question %d passed")' % last)
        nb.cells.insert(index, extra)
    return nb


VARIANTS = [
    ("solved", True),
    ("blank", False),
    ("wrong answer", False),
    ("check cell deleted", False),
    ("check cell edited to print a pass", False),
    ("blank answer, fake pass printed", False),
    ("every cell deleted", False),
    ("extra check call with the pass, check cell fails", False),
]


@pytest.mark.slow
@pytest.mark.parametrize("name, passes", VARIANTS, ids=[name for name, _ in VARIANTS])
def test_grade_and_nbval_agree(scratch, capsys, name, passes):
    printed, nbval = grade_both_ways(scratch, capsys, UNIT, variant(name))
    assert ("All passed." in printed) is passes, printed
    assert (nbval.returncode == 0) is passes, nbval.stdout[-3000:]
    if not passes:
        assert "every question passed" in nbval.stdout  # the added item judged it too, or a cell


def grade_both_ways(scratch, capsys, unit, nb):
    """(what `course grade` printed, the nbval run) for `nb` saved as `unit`'s exercise; the
    caller checks the verdicts, which the grader's exit status must match."""
    exercise = scratch / unit.exercise
    nbformat.write(nb, str(exercise))
    status = cli.main(["--root", str(scratch), "grade", str(unit.number)])
    printed = capsys.readouterr().out
    assert (status == 0) is ("All passed." in printed), printed
    nbval = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "--nbval-lax",
            "--nbval-current-env",
            str(exercise),
        ],
        cwd=scratch,
        capture_output=True,
        text=True,
    )
    return printed, nbval


# The first unit with an optional under-the-hood question (issue 22).
OPTIONAL_UNIT = next(
    unit
    for unit in load_syllabus()
    if unit.ready and notebooks.optional_questions(notebooks.read(COURSE_ROOT / unit.master))
)
OPTIONAL_MASTER = notebooks.read(COURSE_ROOT / OPTIONAL_UNIT.master)
OPTIONAL_Q = notebooks.optional_questions(OPTIONAL_MASTER)[0]


def optional_variant(name):
    """The solved notebook of OPTIONAL_UNIT with its optional question left blank, answered
    wrong, or its cells deleted."""
    nb = solved(OPTIONAL_MASTER)
    blank = notebooks.make_blank(OPTIONAL_MASTER)
    answer = notebooks.answer_cells(nb)[OPTIONAL_Q]  # the same cell in the blank
    if name == "optional question left blank":
        nb.cells[answer] = blank.cells[answer]
    elif name == "optional question answered wrong":
        wrong = next(
            w for w in notebooks.wrong_answers(OPTIONAL_MASTER) if w.question == OPTIONAL_Q
        )
        nb.cells[answer].source = notebooks.replace_solution(
            OPTIONAL_MASTER.cells[wrong.answer_cell].source, wrong.code
        )
    elif name == "optional question's cells deleted":
        del nb.cells[check_cell_index(nb, OPTIONAL_Q)]
        del nb.cells[answer]
    return nb


OPTIONAL_VARIANTS = [  # (variant, grade passes, the optional question's mark in grade's table)
    ("optional question left blank", True, cli.NOT_RUN),
    ("optional question's cells deleted", True, cli.NOT_RUN),
    ("optional question answered wrong", False, cli.FAILED),
]


@pytest.mark.slow
@pytest.mark.parametrize(
    "name, passes, mark", OPTIONAL_VARIANTS, ids=[v[0] for v in OPTIONAL_VARIANTS]
)
def test_an_optional_question_may_be_skipped_but_an_answer_must_pass(
    scratch, capsys, name, passes, mark
):
    printed, nbval = grade_both_ways(scratch, capsys, OPTIONAL_UNIT, optional_variant(name))
    assert ("All passed." in printed) is passes, printed
    assert (nbval.returncode == 0) is passes, nbval.stdout[-3000:]
    assert f"q{OPTIONAL_Q} {mark} (optional)" in printed, printed
    required = len(notebooks.questions(OPTIONAL_MASTER)) - 1
    assert f"{required}/{required}" in printed, printed  # the optional one is not in the score


@pytest.mark.slow
@pytest.mark.parametrize(
    "name", ["check cell deleted", "check cell edited to print a pass", "every cell deleted"]
)
def test_a_missing_or_edited_check_cell_is_not_attempted(scratch, capsys, name):
    nbformat.write(variant(name), str(scratch / UNIT.exercise))
    assert cli.main(["--root", str(scratch), "grade", str(UNIT.number)]) == 1
    printed = capsys.readouterr().out
    assert "not attempted" in printed
    assert "All passed." not in printed


def test_grading_ignores_a_printed_pass_line():
    """The recorded results decide; the printed line is only for the learner."""
    master = MASTER
    q = QUESTIONS[0]
    executed = copy.deepcopy(master)
    cell = executed.cells[notebooks.find_check_cell(executed, q)]
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=f"Question {q} passed\n")]
    results = notebooks.graded_results(executed, {}, master, UNIT.checks_module)
    assert results[q].status == "not attempted"
    records = {
        notebooks.find_check_cell(executed, q): [
            {"module": UNIT.checks_module, "question": q, "status": "passed", "hint": ""}
        ]
    }
    assert notebooks.graded_results(executed, records, master, UNIT.checks_module)[q].passed
    other_module = {
        k: [dict(r, module="course.checks.unit99") for r in v] for k, v in records.items()
    }
    assert not notebooks.graded_results(executed, other_module, master, UNIT.checks_module)[
        q
    ].passed


@pytest.mark.parametrize("command", ["list", "reset", "grade"])
def test_a_broken_notebook_file_gets_a_message_naming_it_not_a_traceback(scratch, capsys, command):
    exercise = scratch / UNIT.exercise
    exercise.write_bytes(b'{"cells": [ this is not json \xff')
    args = ["--root", str(scratch), command] + ([] if command == "list" else [str(UNIT.number)])
    status = cli.main(args)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    if command == "reset":
        assert status == 0
        assert "Your work is saved in" in out
        backups = list((scratch / cli.BACKUP_DIR).glob(f"{exercise.stem}.*.ipynb"))
        assert [b.read_bytes() for b in backups] == [b'{"cells": [ this is not json \xff']
        notebooks.read(exercise)  # the blank is back
    else:
        assert UNIT.exercise in out + err
        assert "reset" in out + err
        if command == "grade":
            assert status == 1
