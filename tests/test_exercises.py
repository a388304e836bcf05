"""Every exercise question is graded the way it should be.

For each ready unit and each question:
  - the reference solution passes: nbval runs the master notebook (strict: its stored outputs,
    "Question N passed" included, must still come out);
  - the blank fails: the learner's blank, generated from the master, is executed with errors
    allowed, and the question's check cell must have errored (an optional under-the-hood
    question instead says it was skipped, and does not pass);
  - the stored typical wrong answers fail, each with its teaching hint.
Each notebook runs once per variant in a single kernel, so the whole file takes seconds per unit.
"""

import functools
import re
import subprocess
import sys

import pytest

from course import notebooks
from course.syllabus import COURSE_ROOT, load_syllabus

UNITS = [unit for unit in load_syllabus() if unit.ready and (COURSE_ROOT / unit.master).exists()]
MASTERS = {unit.label: notebooks.read(COURSE_ROOT / unit.master) for unit in UNITS}
QUESTIONS = [(unit.label, q) for unit in UNITS for q in notebooks.questions(MASTERS[unit.label])]
WRONG = [
    (unit.label, wrong) for unit in UNITS for wrong in notebooks.wrong_answers(MASTERS[unit.label])
]
EXERCISES_DIR = COURSE_ROOT / "exercises"


def wrong_id(param):
    return (
        f"q{param.question}-{param.why[:40].replace(' ', '_')}"
        if isinstance(param, notebooks.WrongAnswer)
        else param
    )


@functools.cache
def executed_blank(label):
    return notebooks.execute(notebooks.make_blank(MASTERS[label]), cwd=EXERCISES_DIR)


@functools.cache
def wrong_answer_variants(label):
    """Run the master with wrong answers in place: variant k holds the k-th wrong answer of each
    answer cell, so a unit needs as many kernel runs as its most-mistaken question has mistakes."""
    by_cell = {}
    for wrong in notebooks.wrong_answers(MASTERS[label]):
        by_cell.setdefault(wrong.answer_cell, []).append(wrong)
    variants = {}
    for k in range(max(map(len, by_cell.values()), default=0)):
        chosen = [wrongs[k] for wrongs in by_cell.values() if len(wrongs) > k]
        executed = notebooks.execute(
            notebooks.with_wrong_answers(MASTERS[label], chosen), cwd=EXERCISES_DIR
        )
        for wrong in chosen:
            variants[wrong] = executed
    return variants


def test_every_ready_unit_has_a_master_with_questions():
    assert [unit.label for unit in UNITS] == [unit.label for unit in load_syllabus() if unit.ready]
    for unit in UNITS:
        assert notebooks.questions(MASTERS[unit.label]), f"{unit.master} has no check cells"


@pytest.mark.parametrize(
    "label,question", QUESTIONS, ids=[f"{label}-q{q}" for label, q in QUESTIONS]
)
def test_each_question_has_a_stored_wrong_answer(label, question):
    assert any(wrong.question == question for unit, wrong in WRONG if unit == label), (
        f"add a raw cell '# wrong answer for question {question}: ...' to unit {label}'s master"
    )


@pytest.mark.parametrize(
    "label,question", QUESTIONS, ids=[f"{label}-q{q}" for label, q in QUESTIONS]
)
def test_each_question_has_its_check_function_and_numbering_runs_1_to_n(label, question):
    unit = next(u for u in UNITS if u.label == label)
    module = __import__(unit.checks_module, fromlist=["_"])
    assert getattr(module, f"q{question}").question_id == question
    optional = question in notebooks.optional_questions(MASTERS[label])
    assert getattr(module, f"q{question}").optional == optional, (
        f"unit {label} q{question}: the master's metadata and @question(optional=...) disagree"
    )
    assert notebooks.questions(MASTERS[label]) == list(
        range(1, len(notebooks.questions(MASTERS[label])) + 1)
    )


@pytest.mark.slow
def test_reference_solutions_pass_under_nbval():
    masters = [str(COURSE_ROOT / unit.master) for unit in UNITS]
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "--nbval",
            "--nbval-current-env",
            *masters,
        ],
        cwd=COURSE_ROOT,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout[-5000:] + run.stderr[-2000:]
    for unit in UNITS:
        for q in notebooks.questions(MASTERS[unit.label]):
            cell = MASTERS[unit.label].cells[notebooks.find_check_cell(MASTERS[unit.label], q)]
            printed = "".join(out.get("text", "") for out in cell.outputs)
            assert f"Question {q} passed" in printed, (
                f"{unit.master}: store the executed master (q{q})"
            )


@pytest.mark.slow
def test_the_learners_grading_command_fails_every_check_cell_of_the_blanks():
    """`pytest --nbval-lax exercises/NN_slug.ipynb`, as lesson 00 tells learners, on the blanks."""
    blanks = [COURSE_ROOT / unit.exercise for unit in UNITS]
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "--nbval-lax",
            "--nbval-current-env",
            *map(str, blanks),
        ],
        cwd=COURSE_ROOT,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 1, run.stdout[-3000:]
    failed = set(re.findall(r"FAILED (\S+\.ipynb)::Cell (\d+)", run.stdout))
    for unit in UNITS:
        nb = notebooks.read(COURSE_ROOT / unit.exercise)
        code_cells = [cell for cell in nb.cells if cell.cell_type == "code"]
        optional = notebooks.optional_questions(MASTERS[unit.label])
        for q in notebooks.questions(nb):
            index = code_cells.index(nb.cells[notebooks.find_check_cell(nb, q)])
            if q in optional:  # skipping an optional question never fails a learner's run
                assert (unit.exercise, str(index)) not in failed, run.stdout[-3000:]
                continue
            assert (unit.exercise, str(index)) in failed, (
                f"{unit.exercise} question {q}'s check cell passed"
            )


@pytest.mark.parametrize("unit", UNITS, ids=[unit.label for unit in UNITS])
def test_checks_only_name_tensorflow_ideas_the_lessons_so_far_have_shown(unit):
    """A check (and its hints) may use `tf.X` only if lessons 00..NN show X somewhere."""
    shown = ""
    for earlier in load_syllabus()[: unit.number + 1]:
        if not (COURSE_ROOT / earlier.lesson).exists():
            # a planned unit, not written yet (the syllabus test says which may be missing)
            continue
        for cell in notebooks.read(COURSE_ROOT / earlier.lesson).cells:
            shown += cell.source + "".join(
                str(out.get("text", "")) + str(out.get("data", {}).get("text/plain", ""))
                for out in cell.get("outputs", [])
            )
    source = (COURSE_ROOT / "course" / "checks" / f"unit{unit.label}.py").read_text(
        encoding="utf-8"
    )
    used = set(re.findall(r"\btf\.(\w+)", source))
    assert [name for name in sorted(used) if not re.search(rf"\b{name}\b", shown)] == []


@pytest.mark.parametrize(
    "module", sorted((COURSE_ROOT / "course" / "checks").glob("*.py")), ids=lambda p: p.name
)
def test_checks_never_read_a_solved_notebook(module):
    """Checks work out what they expect themselves: no notebook reading, no files, no masters."""
    import ast

    tree = ast.parse(module.read_text(encoding="utf-8"))
    imported = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    imported |= {
        node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module
    }
    assert imported.isdisjoint(
        {"nbformat", "nbclient", "json", "pathlib", "course.notebooks", "course.syllabus"}
    )
    called = {
        getattr(node.func, "id", getattr(node.func, "attr", ""))
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
    }
    forbidden = {"open", "read_text", "read_bytes", "__import__", "import_module"}
    if module.name == "unit25.py":  # it checks a checkpoint writer: it opens the checkpoint
        forbidden.discard("open")  # files it makes in its own temporary folders, and only those
    assert called.isdisjoint(forbidden)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.FunctionDef)) and ast.get_docstring(node)
    }
    strings = [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]
    assert not [text for text in strings if ".ipynb" in text or "masters" in text]


@pytest.mark.slow
@pytest.mark.parametrize(
    "label,question", QUESTIONS, ids=[f"{label}-q{q}" for label, q in QUESTIONS]
)
def test_the_blank_fails_every_check(label, question):
    executed = executed_blank(label)
    cell = executed.cells[notebooks.find_check_cell(executed, question)]
    errors = [out for out in cell.outputs if out.output_type == "error"]
    if question in notebooks.optional_questions(MASTERS[label]):
        printed = "".join(out.get("text", "") for out in cell.outputs)
        assert not errors and f"Question {question} is optional: skipped." in printed, printed
        assert f"Question {question} passed" not in printed
        check_index = notebooks.find_check_cell(executed, question)
        answer = next(c for c in reversed(executed.cells[:check_index]) if c.cell_type == "code")
        assert not [out for out in answer.outputs if out.output_type == "error"], (
            f"unit {label} q{question}: a skipped optional answer must not stop the notebook; "
            "write its solution as one-line `name = value  ### SOLUTION` answers"
        )
        return
    assert errors, f"unit {label} question {question}: the blank's check cell did not fail"
    assert errors[0].ename in ("CheckFailed", "NameError"), (
        f"the check crashed on a blank answer instead of failing cleanly: {errors[0].ename}: "
        f"{errors[0].evalue}"
    )
    if errors[0].ename == "CheckFailed":
        assert errors[0].evalue.startswith(f"Question {question} failed: ")


@pytest.mark.slow
@pytest.mark.parametrize("label,wrong", WRONG, ids=[f"{label}-{wrong_id(w)}" for label, w in WRONG])
def test_a_typical_wrong_answer_fails_with_its_hint(label, wrong):
    executed = wrong_answer_variants(label)[wrong]
    answer = executed.cells[wrong.answer_cell]
    answer_errors = [out for out in answer.outputs if out.output_type == "error"]
    assert not answer_errors, (
        f"the wrong answer itself crashed, so the check is never reached: "
        f"{answer_errors and answer_errors[0].evalue}"
    )
    result = notebooks.question_results(executed)[wrong.question]
    assert result.status == "failed", f"the check accepted the wrong answer: {wrong.code!r}"
    assert result.message.startswith(f"Question {wrong.question} failed: "), result.message
    assert wrong.hint in result.message, (
        f"expected a hint containing {wrong.hint!r}, got: {result.message}"
    )
