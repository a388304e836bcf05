"""Exercise notebooks: master -> blank generation, wrong-answer variants, execution and results.

A master notebook (course/masters/NN_slug.ipynb) is the exercise with its reference solutions in
place, marked the way nbgrader marks them:

    ### BEGIN SOLUTION
    with tf.Session() as sess:
        y_val, z_val = sess.run([y, z])
    ### END SOLUTION

becomes, in the learner's blank (exercises/NN_slug.ipynb),

    # YOUR CODE HERE
    raise NotImplementedError()

and a one-line answer `runs = 2  ### SOLUTION` becomes `runs = ...`.

Beside a solution the master may keep typical wrong answers, as raw cells (never executed):

    # wrong answer for question 3: evaluates y and z in two runs
    # expect hint: separate run
    y_val, z_val = y.eval(), z.eval()

The tests put each one in place of the solution and check that question 3's check fails with a
hint containing "separate run". Raw wrong-answer cells and cells tagged "master-only" are left out
of the blank.

A check cell is a code cell calling `check.q<N>(...)`. Grading (`execute_for_grading`,
`graded_results`) passes question N when its check cell, unchanged from the master, ran without
error and its check recorded "passed" (course.checks); printed text never counts.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

BEGIN_SOLUTION = "### BEGIN SOLUTION"
END_SOLUTION = "### END SOLUTION"
LINE_SOLUTION = "### SOLUTION"
BLANK_BLOCK = ["# YOUR CODE HERE", "raise NotImplementedError()"]
MASTER_ONLY_TAG = "master-only"

CHECK_CALL = re.compile(r"^\s*check\.q(\d+)\(", re.MULTILINE)
WRONG_HEADER = re.compile(r"^#\s*wrong answer for question (\d+)\s*:?\s*(.*)$", re.IGNORECASE)
EXPECT_HEADER = re.compile(r"^#\s*expect hint\s*:\s*(.+)$", re.IGNORECASE)
ONE_LINE_ANSWER = re.compile(
    r"^(\s*)([A-Za-z_][\w\s,]*?)\s*=\s*(.*?)\s*" + re.escape(LINE_SOLUTION) + r"\s*$"
)


class MasterError(ValueError):
    """A master notebook breaks the marking rules above."""


# --- solution regions -------------------------------------------------------------------------


@dataclass(frozen=True)
class Region:
    """Lines first..last (inclusive) of a cell are solution; `blank` is what the learner gets."""

    first: int
    last: int
    indent: str
    blank: list


def solution_regions(source: str) -> list[Region]:
    lines = source.split("\n")
    regions, begin = [], None
    for number, line in enumerate(lines):
        stripped = line.strip()
        if stripped == BEGIN_SOLUTION:
            if begin is not None:
                raise MasterError(f"nested {BEGIN_SOLUTION} in:\n{source}")
            begin = number
        elif stripped == END_SOLUTION:
            if begin is None:
                raise MasterError(f"{END_SOLUTION} without {BEGIN_SOLUTION} in:\n{source}")
            indent = lines[begin][: len(lines[begin]) - len(lines[begin].lstrip())]
            regions.append(Region(begin, number, indent, [indent + text for text in BLANK_BLOCK]))
            begin = None
        elif line.rstrip().endswith(LINE_SOLUTION) and begin is None:
            match = ONE_LINE_ANSWER.match(line)
            if not match:
                raise MasterError(
                    f"'{LINE_SOLUTION}' must end a line `name = value`, not: {line!r}"
                )
            indent, targets = match.group(1), match.group(2).strip()
            dots = ", ".join("..." for _ in targets.split(","))
            regions.append(Region(number, number, indent, [f"{indent}{targets} = {dots}"]))
    if begin is not None:
        raise MasterError(f"{BEGIN_SOLUTION} without {END_SOLUTION} in:\n{source}")
    return regions


def blank_source(source: str) -> str:
    lines = source.split("\n")
    for region in reversed(solution_regions(source)):
        lines[region.first : region.last + 1] = region.blank
    return "\n".join(lines)


def replace_solution(source: str, code: str) -> str:
    """The cell with everything from its first solution region to its last replaced by `code`."""
    regions = solution_regions(source)
    if not regions:
        raise MasterError(f"no solution to replace in:\n{source}")
    lines = source.split("\n")
    indent = regions[0].indent
    lines[regions[0].first : regions[-1].last + 1] = [
        indent + line if line else line for line in code.split("\n")
    ]
    return "\n".join(lines)


# --- notebook structure -----------------------------------------------------------------------


def read(path) -> nbformat.NotebookNode:
    return nbformat.read(str(path), as_version=4)


def check_cell_questions(cell) -> list[int]:
    if cell.cell_type != "code":
        return []
    return [int(q) for q in CHECK_CALL.findall(cell.source)]


def questions(nb) -> list[int]:
    """Question numbers in notebook order, from the check cells."""
    return [q for cell in nb.cells for q in check_cell_questions(cell)]


def question_metadata(nb) -> dict[int, dict]:
    """{question: the "question" metadata of the markdown cell that asks it}: the last markdown
    cell before its answer cell says the question's `kind` ("transfer" or "recall") and, for
    an under-the-hood question a learner may skip, `"optional": true`."""
    found = {}
    for q, answer_cell in answer_cells(nb).items():
        asking = next(
            (cell for cell in reversed(nb.cells[:answer_cell]) if cell.cell_type == "markdown"),
            None,
        )
        found[q] = dict(asking.get("metadata", {}).get("question", {})) if asking else {}
    return found


def optional_questions(nb) -> list[int]:
    """The questions a learner may skip: grading never fails for one left blank or deleted."""
    return [q for q, meta in question_metadata(nb).items() if meta.get("optional")]


def is_wrong_answer_cell(cell) -> bool:
    return cell.cell_type == "raw" and bool(WRONG_HEADER.match(cell.source.split("\n", 1)[0]))


@dataclass(frozen=True)
class WrongAnswer:
    """A typical mistake stored in a master: `code` must make question `question` fail with
    `hint`."""

    question: int
    why: str
    hint: str
    code: str
    answer_cell: int  # index in the master of the cell whose solution it replaces


def answer_cells(nb) -> dict[int, int]:
    """For each question, the index of the last cell with a solution before its check cell."""
    found, last_solution = {}, None
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and solution_regions(cell.source):
            last_solution = index
        for q in check_cell_questions(cell):
            if last_solution is None:
                raise MasterError(f"question {q}'s check cell has no solution cell before it")
            found[q] = last_solution
    return found


def wrong_answers(nb) -> list[WrongAnswer]:
    answers = answer_cells(nb)
    found = []
    for cell in nb.cells:
        if not is_wrong_answer_cell(cell):
            continue
        header, expect, *code = cell.source.split("\n")
        match, expect_match = WRONG_HEADER.match(header), EXPECT_HEADER.match(expect)
        question_id = int(match.group(1))
        if not expect_match:
            raise MasterError(
                f"wrong answer for question {question_id}: second line must be '# expect hint: ...'"
            )
        if question_id not in answers:
            raise MasterError(f"wrong answer for question {question_id}, which has no check cell")
        found.append(
            WrongAnswer(
                question_id,
                match.group(2).strip(),
                expect_match.group(1).strip(),
                "\n".join(code).strip("\n"),
                answers[question_id],
            )
        )
    return found


# --- master -> blank --------------------------------------------------------------------------


def make_blank(master) -> nbformat.NotebookNode:
    """The learner's notebook: solutions blanked, outputs cleared, master-only cells removed."""
    blank = nbformat.v4.new_notebook()
    blank.metadata = {
        key: copy.deepcopy(master.metadata[key])
        for key in ("kernelspec", "language_info", "learntf")
        if key in master.metadata
    }
    blank.metadata.get("language_info", {}).pop("version", None)  # the master's Python version
    for cell in master.cells:
        if is_wrong_answer_cell(cell) or MASTER_ONLY_TAG in cell.get("metadata", {}).get(
            "tags", []
        ):
            continue
        new = copy.deepcopy(cell)
        new.metadata = {
            key: value for key, value in cell.get("metadata", {}).items() if key == "tags"
        }
        if new.cell_type == "code":
            new.source = blank_source(cell.source)
            new.outputs = []
            new.execution_count = None
        blank.cells.append(new)
    return blank


def with_wrong_answers(master, chosen: list[WrongAnswer]) -> nbformat.NotebookNode:
    """The master with each chosen wrong answer in place of its solution (one per answer cell)."""
    cells_used = [wrong.answer_cell for wrong in chosen]
    if len(cells_used) != len(set(cells_used)):
        raise ValueError("at most one wrong answer per answer cell in one variant")
    variant = copy.deepcopy(master)
    for wrong in chosen:
        cell = variant.cells[wrong.answer_cell]
        cell.source = replace_solution(cell.source, wrong.code)
    return (
        variant  # raw wrong-answer cells stay: they never run, and cell indices stay the master's
    )


def serialize(nb) -> str:
    return nbformat.writes(nb) + "\n"


# --- execution and results --------------------------------------------------------------------


def current_env_kernel_manager():
    """A kernel manager for a kernel running in *this* Python environment, where learntf and the
    course are installed (a kernel spec named "python3" elsewhere on the machine could point at
    another Python)."""
    import ipykernel.kernelspec
    from jupyter_client import AsyncKernelManager
    from jupyter_client.kernelspec import KernelSpecManager

    class CurrentEnvKernelSpecs(KernelSpecManager):
        def get_kernel_spec(self, kernel_name):
            return self.kernel_spec_class(
                resource_dir=ipykernel.kernelspec.RESOURCES,
                **ipykernel.kernelspec.get_kernel_dict(),
            )

    return AsyncKernelManager(kernel_name="python3", kernel_spec_manager=CurrentEnvKernelSpecs())


def _client(executed, cwd, timeout, allow_errors=True):
    from nbclient import NotebookClient

    return NotebookClient(
        executed,
        km=current_env_kernel_manager(),
        timeout=timeout,
        allow_errors=allow_errors,
        record_timing=False,  # no timestamps in stored notebooks
        resources={"metadata": {"path": str(cwd)}},
    )


def execute(nb, cwd, timeout=120, allow_errors=True) -> nbformat.NotebookNode:
    """Run every cell in one fresh kernel of this Python environment; returns the executed copy.

    With allow_errors (grading), execution carries on past failing cells; without (storing a
    lesson's or master's outputs), the first error raises nbclient's CellExecutionError."""
    import subprocess

    executed = copy.deepcopy(nb)
    # cleanup_kc: nbclient stops only the kernels of managers it made itself unless told to, and
    # every grading and test run would leave a kernel process behind; stderr: the kernel
    # process's own start-up chatter
    _client(executed, cwd, timeout, allow_errors).execute(
        cleanup_kc=True, stderr=subprocess.DEVNULL
    )
    return executed


def error_of(cell) -> str | None:
    """ "ErrorClass: message" of the error a code cell's outputs show, if any."""
    errors = [out for out in cell.get("outputs", []) if out.output_type == "error"]
    return f"{errors[0].ename}: {errors[0].evalue}" if errors else None


def execute_twice(nb, cwd, timeout=120) -> list[tuple[int, str]]:
    """Run every cell in one fresh kernel, then run every code cell once more, in order, in the
    same kernel, as a learner does who re-runs a notebook; returns (cell index, "ErrorClass:
    message") for each cell that failed the second time but not the first.

    A cell that breaks when run again (a folder it creates already exists, a name it defines is
    now taken in the default graph, a check that only passes once) fails here."""
    import subprocess

    executed = copy.deepcopy(nb)
    client = _client(executed, cwd, timeout)
    new_errors = []
    with client.setup_kernel(cleanup_kc=True, stderr=subprocess.DEVNULL):
        for index, cell in enumerate(executed.cells):
            client.execute_cell(cell, index)
        for index, cell in enumerate(executed.cells):
            if cell.cell_type != "code":
                continue
            again = copy.deepcopy(cell)
            client.execute_cell(again, index)
            if error_of(again) and not error_of(cell):
                new_errors.append((index, error_of(again)))
    return new_errors


def execute_for_grading(nb, cwd, timeout=120):
    """Run every cell in one fresh kernel, errors allowed; returns the executed copy and, for
    each cell, the check results it recorded ({"module", "question", "status", "hint"} each).

    The checks write their results to a file named by LEARNTF_CHECK_RESULTS (course.results),
    which only this process and the kernel know; the notebook runs cell by cell so each result
    is tied to the cell that produced it."""
    import json
    import os
    import subprocess
    import tempfile

    from course.results import RESULTS_FILE_VARIABLE

    executed = copy.deepcopy(nb)
    client = _client(executed, cwd, timeout)
    records = {}
    with tempfile.TemporaryDirectory(prefix="learntf-grade-") as folder:
        results_file = Path(folder) / "results.jsonl"
        results_file.touch()
        saved = os.environ.get(RESULTS_FILE_VARIABLE)
        os.environ[RESULTS_FILE_VARIABLE] = str(results_file)  # the kernel inherits it
        try:
            with client.setup_kernel(cleanup_kc=True, stderr=subprocess.DEVNULL):
                for index, cell in enumerate(executed.cells):
                    seen = results_file.stat().st_size
                    client.execute_cell(cell, index)
                    with open(results_file, encoding="utf-8") as lines:
                        lines.seek(seen)
                        added = [json.loads(line) for line in lines.read().splitlines() if line]
                    if added:
                        records[index] = added
        finally:
            if saved is None:
                os.environ.pop(RESULTS_FILE_VARIABLE, None)
            else:
                os.environ[RESULTS_FILE_VARIABLE] = saved
    return executed, records


@dataclass(frozen=True)
class QuestionResult:
    question: int
    status: str  # "passed", "failed", "skipped" (an optional question), "not run" / "not attempted"
    message: str  # the hint, or the error, for a question that did not pass

    @property
    def passed(self) -> bool:
        return self.status == "passed"


def _normalized(source: str) -> str:
    return "\n".join(line.rstrip() for line in source.strip().splitlines())


def check_cell_problems(nb, master) -> dict[int, str]:
    """The master's questions whose check cell is not in `nb` exactly as the master has it:
    gone, or changed. Those questions count as not attempted, whatever the notebook prints."""
    present = {_normalized(cell.source) for cell in nb.cells if check_cell_questions(cell)}
    problems = {}
    for q in questions(master):
        own = _normalized(master.cells[find_check_cell(master, q)].source)
        if own in present:
            continue
        elsewhere = any(q in check_cell_questions(cell) for cell in nb.cells)
        problems[q] = "its check cell was changed" if elsewhere else "its check cell is gone"
    return problems


def graded_results(executed, records, master, module) -> dict[int, QuestionResult]:
    """Each of the master's questions, graded from the data its check recorded while the
    learner's notebook ran (execute_for_grading), never from printed text.

    A question passed when its own, unchanged check cell ran without error and its check
    recorded "passed" there. Its cell missing or changed, or never reached: not attempted."""
    problems = check_cell_problems(executed, master)
    results = {}
    for q in questions(master):
        if q in problems:
            results[q] = QuestionResult(q, "not attempted", f"Question {q}: {problems[q]}")
            continue
        own = _normalized(master.cells[find_check_cell(master, q)].source)
        index = next(
            i
            for i, cell in enumerate(executed.cells)
            if check_cell_questions(cell) and _normalized(cell.source) == own
        )
        cell = executed.cells[index]
        mine = [r for r in records.get(index, []) if r["module"] == module and r["question"] == q]
        error = error_of(cell)
        if mine and mine[-1]["status"] == "passed" and not error:
            results[q] = QuestionResult(q, "passed", "")
        elif mine and mine[-1]["status"] == "skipped" and not error:
            results[q] = QuestionResult(q, "skipped", f"Question {q} (optional): skipped")
        elif mine and mine[-1]["status"] == "failed":
            results[q] = QuestionResult(q, "failed", f"Question {q} failed: {mine[-1]['hint']}")
        elif error:
            results[q] = QuestionResult(q, "failed", f"Question {q} failed: {error}")
        else:
            results[q] = QuestionResult(
                q, "not attempted", f"Question {q}: its check cell did not run its check"
            )
    return results


def question_results(nb) -> dict[int, QuestionResult]:
    """What each check cell's stored outputs say, for `course list`'s progress line (a summary of
    the notebook as last saved; `course grade` grades with graded_results)."""
    results = {}
    for cell in nb.cells:
        for q in check_cell_questions(cell):
            errors = [out for out in cell.get("outputs", []) if out.output_type == "error"]
            printed = "".join(
                out.get("text", "")
                for out in cell.get("outputs", [])
                if out.output_type == "stream"
            )
            if errors:
                error = errors[0]
                own = error.ename == "CheckFailed" and f"Question {q} failed" in error.evalue
                message = (
                    error.evalue if own else f"Question {q} failed: {error.ename}: {error.evalue}"
                )
                results[q] = QuestionResult(q, "failed", message)
            elif f"Question {q} passed" in printed:
                results[q] = QuestionResult(q, "passed", "")
            else:
                results[q] = QuestionResult(q, "not run", "")
    return results


def find_check_cell(nb, question_id) -> int:
    for index, cell in enumerate(nb.cells):
        if question_id in check_cell_questions(cell):
            return index
    raise KeyError(question_id)


def master_path(exercise_path) -> Path:
    from course.syllabus import MASTERS_DIR

    return MASTERS_DIR / Path(exercise_path).name
