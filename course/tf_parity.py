"""The course on real TensorFlow: `make test-tf`, or
`.venv-tf/bin/python -m course.tf_parity [NOTEBOOK ...]`.

learntf promises that a program written for TensorFlow prints the same numbers on learntf. The
lessons and exercise masters store what learntf printed; this module runs a TensorFlow copy of
each of them on real TensorFlow 2.21 (the separate `.venv-tf`, made by
`bash scripts/ensure-tf-venv.sh`) and compares every code cell's output with the stored one. It
must run with .venv-tf's Python: the notebooks' kernel is the Python running this module.

What runs. Every lesson and exercise master of the ready units in course/syllabus.toml (or only
the notebooks named on the command line), 2 at a time (CI has 2 cores), each in a fresh kernel
whose working directory is the notebook's folder in a scratch copy of the course tree (lessons
write checkpoints and logs; nothing is written into the repository). The kernel gets
LEARNTF_COURSE_ENGINE=tensorflow (so the exercise checks, course/checks/engine.py, use real
TensorFlow too), PYTHONHASHSEED=0, TF_CPP_MIN_LOG_LEVEL=3, CUDA_VISIBLE_DEVICES="", COLUMNS=80,
the inline matplotlib backend the lessons run with in JupyterLab, and no LEARNTF_PRESENTER. A cell
that raises on TensorFlow does not stop its notebook: its error is its output.

The TensorFlow copy: in code cells, line by line (`rewrite_imports`), exactly these imports are
rewritten, keeping the alias, the indentation and a trailing comment:

    import learntf as X                   ->  import tensorflow as X
    import learntf.compat.v1 as X         ->  import tensorflow.compat.v1 as X
    import learntf.SUB... as X            ->  import tensorflow.SUB... as X
    from learntf.SUB... import NAMES      ->  from tensorflow.SUB... import NAMES
    from learntf import keras             ->  from tensorflow import keras
    from learntf import keras, viz        ->  from tensorflow import keras; from learntf import viz

where SUB is one of the modules TensorFlow has at the same path (TF_SUBMODULES: compat, keras,
data, train, nn, ...); in `from learntf import NAMES` the names in TF_SUBMODULES come from
tensorflow and any other name (`viz`) still from learntf. learntf.viz and the `course` package
stay: learntf is installed in .venv-tf (without TensorFlow as its dependency), and its drawings
are a learntf extra. Everything else that mentions learntf stays as it is, including an import
without `as` (`import learntf.keras` binds the name `learntf`, which the cell then uses).

What is compared. A cell's text is its stdout, plus the `text/plain` of its execute_result and
display_data outputs, in order; an error output counts as the line "ErrorClass: first line of
the message"; stderr is ignored (TensorFlow logs there: its Python logger, which would write to
stdout in a kernel, is sent to stderr when the kernel starts, KERNEL_ARGUMENTS). Both sides are
normalised (`normalise`) by these rules:

- ANSI colour codes are removed, and of a line rewritten with carriage returns only the last
  version is kept;
- memory addresses (`0x7f3a...`) become `0x?`;
- timings become `<time>`: a number followed by s, sec, seconds, min, ms, µs, us or ns, timeit's
  `N loops each` / `N loop,` counts, and its "The slowest run took ..." warning line is dropped;
- matplotlib's figure repr `<Figure size 640x480 with 1 Axes>` becomes `<Figure>` (as in
  tests/nbval_sanitize.cfg);
- trailing whitespace and trailing empty lines are removed, and runs of spaces inside a line
  count as one (NumPy pads columns to the widest number, which moves with a last digit).

Then the two texts are compared line by line as token streams (`same_text`): numbers are
tokens, the text between them must match exactly, except for spaces next to a number (NumPy
pads a number to the column's width: `[ 0.2087699 ]` beside `[ 0.20877063]`). Integers must be
written the same; floats (a number with a point or an exponent) match when
|a - b| <= ATOL + RTOL * max(|a|, |b|), with RTOL = 1e-5 and ATOL = 1e-6 (float32 arithmetic
done in another order, by NumPy or by Eigen, differs in the last digits). An integer never
matches a float (`1` vs `1.0` is a dtype difference a learner would see).

Tags (a code cell's metadata "tags"):

- `learntf-only`: the cell uses a learntf extra (learntf.viz drawings and widgets, run traces,
  course set-up). It runs on TensorFlow too (later cells may need its state) but is never
  compared; an error there is shown in the notebook's detail lines without failing the run.
- `differs-on-tf`: the output legitimately differs on TensorFlow. The markdown cell directly
  above or directly below says why, visibly for the learner, in a line
  `> **On TensorFlow (CAUSE):** explanation`, CAUSE being `random`, `op-names` or `other`. A
  tagged cell without such a note, or whose output is in fact identical on TensorFlow (a stale
  tag: the lesson would say something false), fails the run.
- untagged cells must be identical after normalisation.

The report has one line per notebook, indented details under it for the cells that fail (and
learntf-only cells that raised), the differs-on-tf causes, the learntf-only share, and last
`tf-parity: N/M cells identical, K learntf-only, D differs-on-tf` (M code cells ran; N untagged
ones were identical). Exit status 1 when an untagged cell differs, a tag is stale, a note is
missing or a notebook could not run; else 0. `--json PATH` writes every cell's result,
`--keep DIR` keeps the executed TensorFlow notebooks.
"""

from __future__ import annotations

import argparse
import asyncio
import copy
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import nbformat

from course.syllabus import COURSE_ROOT, load_syllabus

RTOL = 1e-5
ATOL = 1e-6
CELL_TIMEOUT = 300  # seconds; a lesson's longest cell takes a few seconds on learntf
JOBS = 2  # notebooks at a time: CI has 2 cores, and each kernel keeps one busy

LEARNTF_ONLY = "learntf-only"
DIFFERS_ON_TF = "differs-on-tf"
CAUSES = ("random", "op-names", "other")

# What the kernel finds in its environment (see the module docstring).
KERNEL_ENV = {
    "LEARNTF_COURSE_ENGINE": "tensorflow",
    "PYTHONHASHSEED": "0",
    "TF_CPP_MIN_LOG_LEVEL": "3",
    "CUDA_VISIBLE_DEVICES": "",
    "COLUMNS": "80",
    "MPLBACKEND": "module://matplotlib_inline.backend_inline",  # ipykernel's default, made explicit
}
KERNEL_ENV_REMOVED = ("LEARNTF_PRESENTER",)
# TensorFlow's Python logger writes to stdout when it finds itself in an interactive session (a
# kernel) and no logging handler is set up yet; a root handler on stderr, set up when the kernel
# starts, sends its warnings (deprecations of TF1 APIs) to stderr, where they are not compared.
KERNEL_ARGUMENTS = [
    "--IPKernelApp.exec_lines=import logging as _logging, sys as _sys; "
    "_logging.getLogger().addHandler(_logging.StreamHandler(_sys.stderr)); del _logging, _sys"
]
COPIED_FOLDERS = ("lessons", "exercises", "course")  # the course tree a notebook may read from


# --- the TensorFlow copy: import rewriting -----------------------------------------------------

# learntf modules that TensorFlow has at the same path, so `learntf.X` can become `tensorflow.X`.
TF_SUBMODULES = frozenset(
    {
        "compat",
        "keras",
        "data",
        "train",
        "summary",
        "nn",
        "math",
        "linalg",
        "random",
        "strings",
        "ragged",
        "sparse",
        "errors",
        "dtypes",
        "test",
    }
)

_TAIL = r"(?P<tail>\s*(?:#.*)?)$"  # trailing spaces and comment, kept as they are
_IMPORT_AS = re.compile(
    r"^(?P<indent>\s*)import learntf(?P<sub>(?:\.\w+)*) as (?P<alias>\w+)" + _TAIL
)
_FROM_IMPORT = re.compile(
    r"^(?P<indent>\s*)from learntf(?P<sub>(?:\.\w+)*) import (?P<names>[\w ,]+?)" + _TAIL
)


def _on_tensorflow(sub: str) -> bool:
    """Whether `learntf<sub>` (sub like ".compat.v1", or "") exists in TensorFlow at the same
    path."""
    return sub == "" or sub.split(".")[1] in TF_SUBMODULES


def rewrite_line(line: str) -> str:
    """One line of a code cell, with a learntf import rewritten to TensorFlow's (module
    docstring)."""
    match = _IMPORT_AS.match(line)
    if match and _on_tensorflow(match["sub"]):
        return (
            f"{match['indent']}import tensorflow{match['sub']} as {match['alias']}{match['tail']}"
        )
    match = _FROM_IMPORT.match(line)
    if not match:
        return line
    if match["sub"]:
        if not _on_tensorflow(match["sub"]):
            return line
        return (
            f"{match['indent']}from tensorflow{match['sub']} import {match['names']}{match['tail']}"
        )
    names = [name.strip() for name in match["names"].split(",") if name.strip()]
    from_tf = [name for name in names if name.split()[0] in TF_SUBMODULES]
    from_learntf = [name for name in names if name.split()[0] not in TF_SUBMODULES]
    statements = ([f"from tensorflow import {', '.join(from_tf)}"] if from_tf else []) + (
        [f"from learntf import {', '.join(from_learntf)}"] if from_learntf else []
    )
    return match["indent"] + "; ".join(statements) + match["tail"]


def rewrite_imports(source: str) -> str:
    """A code cell's source with its learntf imports replaced by TensorFlow's, line by line."""
    return "\n".join(rewrite_line(line) for line in source.split("\n"))


def tf_copy(nb) -> nbformat.NotebookNode:
    """The notebook to run on TensorFlow: imports rewritten, stored outputs cleared."""
    copied = copy.deepcopy(nb)
    for cell in copied.cells:
        if cell.cell_type == "code":
            cell.source = rewrite_imports(cell.source)
            cell.outputs = []
            cell.execution_count = None
    return copied


# --- what is compared ---------------------------------------------------------------------------


def error_line(ename: str, evalue: str) -> str:
    """An error as compared: "ErrorClass: first line of the message"."""
    first = (evalue or "").split("\n", 1)[0].strip()
    return f"{ename}: {first}" if first else ename


def cell_text(outputs) -> str:
    """The compared text of a cell's outputs: stdout, text/plain results and errors, in order."""
    text = ""
    for output in outputs:
        if output.get("output_type") == "stream":
            if output.get("name") == "stdout":
                text += output.get("text", "")
            continue
        if output.get("output_type") in ("execute_result", "display_data"):
            piece = output.get("data", {}).get("text/plain")
        elif output.get("output_type") == "error":
            piece = error_line(output.get("ename", ""), output.get("evalue", ""))
        else:
            piece = None
        if piece is None:
            continue
        if text and not text.endswith("\n"):
            text += "\n"
        text += piece if piece.endswith("\n") else piece + "\n"
    return text


_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
_ADDRESS = re.compile(r"(?<!\w)0x[0-9a-fA-F]+")
_NUMBER_TEXT = r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?"
_TIMING = re.compile(
    r"(?<![\w.])" + _NUMBER_TEXT + r"\s*(?:seconds?|secs?|s|minutes?|min|ms|msec|µs|μs|us|ns)(?!\w)"
)
_LOOPS = re.compile(r"\b\d[\d,]*( loops? each| loops?,)")
_SLOWEST_RUN = re.compile(r"^The slowest run took .*$\n?", re.MULTILINE)
_FIGURE = re.compile(r"<Figure size [\d.]+x[\d.]+ with \d+ Axes>")
_SPACES = re.compile(r"(?<=\S)[ \t]{2,}")


def normalise(text: str) -> str:
    """A cell's text with what may change from run to run masked (rules in the module docstring)."""
    text = _ANSI.sub("", text)
    text = "\n".join(line.rsplit("\r", 1)[-1] for line in text.split("\n"))
    text = _SLOWEST_RUN.sub("", text)
    text = _FIGURE.sub("<Figure>", text)
    text = _ADDRESS.sub("0x?", text)
    text = _LOOPS.sub(r"<n>\1", text)
    text = _TIMING.sub("<time>", text)
    lines = [_SPACES.sub(" ", line.rstrip()) for line in text.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


_NUMBER = re.compile(r"(?<![\w.])" + _NUMBER_TEXT)


def tokens(line: str) -> list:
    """A line as alternating text (str) and number tokens (float for floats, str for ints)."""
    found, start = [], 0
    for match in _NUMBER.finditer(line):
        found.append(line[start : match.start()])
        number = match.group()
        is_float = any(mark in number for mark in ".eE")
        found.append(float(number) if is_float else ("int", number))
        start = match.end()
    found.append(line[start:])
    return found


def same_number(a, b) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b) <= ATOL + RTOL * max(abs(a), abs(b))
    return a == b  # two integers written the same; an integer never equals a float


def same_line(a: str, b: str) -> bool:
    """Equal text between the numbers, and numbers within the tolerance."""
    left, right = tokens(a), tokens(b)
    if len(left) != len(right):
        return False
    last = len(left) - 1
    for position, (x, y) in enumerate(zip(left, right)):
        if position % 2 == 0:
            if _unpadded(x, position > 0, position < last) != _unpadded(
                y, position > 0, position < last
            ):
                return False
        elif not same_number(x, y):
            return False
    return True


def _unpadded(text: str, after_number: bool, before_number: bool) -> str:
    """Text between tokens without the spaces that pad the numbers beside it."""
    if after_number:
        text = text.lstrip(" ")
    if before_number:
        text = text.rstrip(" ")
    return text


def first_difference(learntf_text: str, tf_text: str) -> tuple[str, str] | None:
    """The first pair of differing lines after normalisation, or None when the texts are the
    same."""
    left, right = _lines(normalise(learntf_text)), _lines(normalise(tf_text))
    for position in range(max(len(left), len(right))):
        a = left[position] if position < len(left) else _missing(left)
        b = right[position] if position < len(right) else _missing(right)
        if position >= len(left) or position >= len(right) or not same_line(a, b):
            return a, b
    return None


def _lines(text: str) -> list:
    return text.split("\n") if text else []


def _missing(lines: list) -> str:
    return "(no more lines)" if lines else "(no output)"


def same_text(learntf_text: str, tf_text: str) -> bool:
    return first_difference(learntf_text, tf_text) is None


# --- tags and notes -----------------------------------------------------------------------------

NOTE = re.compile(r"^> \*\*On TensorFlow \((?P<cause>[^)]*)\):\*\*(?P<text>.*)$")


def tags(cell) -> list:
    return list(cell.get("metadata", {}).get("tags", []))


def note_in(cell) -> tuple[str, str] | None:
    """(cause, explanation) of the first `> **On TensorFlow (CAUSE):**` note in a markdown cell."""
    if cell is None or cell.cell_type != "markdown":
        return None
    lines = cell.source.split("\n")
    for number, line in enumerate(lines):
        match = NOTE.match(line)
        if match:
            following = []
            for more in lines[number + 1 :]:  # the note may go on in the same quote
                if not more.startswith(">") or NOTE.match(more):
                    break
                following.append(more[1:].strip())
            return match["cause"].strip(), " ".join([match["text"].strip(), *following]).strip()
    return None


def read_note(cells, index) -> tuple[str | None, str | None]:
    """(cause, problem) for code cell `index`: the note of the markdown cell directly above it,
    else directly below it; problem says what is wrong when there is no usable note."""
    above = cells[index - 1] if index > 0 else None
    below = cells[index + 1] if index + 1 < len(cells) else None
    found = note_in(above) or note_in(below)
    if found is None:
        return None, (
            f"tagged {DIFFERS_ON_TF} without a note: the markdown cell directly above or below "
            f"needs a line `> **On TensorFlow (CAUSE):** why`, CAUSE one of {', '.join(CAUSES)}"
        )
    cause, text = found
    if cause not in CAUSES:
        return None, f"its note gives the cause {cause!r}, not one of {', '.join(CAUSES)}"
    if not text:
        return cause, "its note gives a cause but no explanation"
    return cause, None


def tag_problems(nb) -> list[tuple[int, str]]:
    """Static check of a notebook's tags: (cell index, problem) for each badly tagged cell."""
    found = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        if LEARNTF_ONLY in tags(cell) and DIFFERS_ON_TF in tags(cell):
            found.append((index, f"tagged both {LEARNTF_ONLY} and {DIFFERS_ON_TF}"))
        elif DIFFERS_ON_TF in tags(cell):
            problem = read_note(nb.cells, index)[1]
            if problem:
                found.append((index, problem))
    return found


# --- comparing one notebook ---------------------------------------------------------------------

FAILING = ("differs", "stale-tag", "bad-tag")


@dataclass
class CellResult:
    """One code cell: status is identical, differs, learntf-only, differs-on-tf, stale-tag or
    bad-tag."""

    notebook: str
    index: int
    tags: list
    cause: str | None
    status: str
    learntf: str  # the compared text of the stored (learntf) outputs, before normalisation
    tensorflow: str  # the same for the TensorFlow run
    source: str = ""  # first line of the cell's source
    problem: str = (
        ""  # what the report says about a failing cell (or a learntf-only one that raised)
    )

    @property
    def failing(self) -> bool:
        return self.status in FAILING


def first_source_line(source: str) -> str:
    line = next((line.strip() for line in source.split("\n") if line.strip()), "")
    return line if len(line) <= 70 else line[:67] + "..."


def tf_error(outputs) -> str | None:
    errors = [output for output in outputs if output.get("output_type") == "error"]
    return error_line(errors[0].ename, errors[0].evalue) if errors else None


def difference_problem(learntf_text: str, tf_text: str) -> str:
    a, b = first_difference(learntf_text, tf_text)
    return f"learntf:    {a}\ntensorflow: {b}"


def compare_cell(name: str, cells, index: int, executed_cell) -> CellResult:
    """The result of code cell `index` of the stored notebook `cells` against its TensorFlow run."""
    cell = cells[index]
    learntf_text, tf_text = (
        cell_text(cell.get("outputs", [])),
        cell_text(executed_cell.get("outputs", [])),
    )
    result = CellResult(
        name,
        index,
        tags(cell),
        None,
        "identical",
        learntf_text,
        tf_text,
        first_source_line(cell.source),
    )
    identical = same_text(learntf_text, tf_text)
    if LEARNTF_ONLY in result.tags and DIFFERS_ON_TF in result.tags:
        result.status, result.problem = "bad-tag", f"tagged both {LEARNTF_ONLY} and {DIFFERS_ON_TF}"
    elif LEARNTF_ONLY in result.tags:
        result.status = "learntf-only"
        error = tf_error(executed_cell.get("outputs", []))
        if error:
            result.problem = f"raised on TensorFlow (not compared): {error}"
    elif DIFFERS_ON_TF in result.tags:
        result.cause, problem = read_note(cells, index)
        if problem:
            result.status, result.problem = "bad-tag", problem
        elif identical:
            result.status = "stale-tag"
            result.problem = f"stale {DIFFERS_ON_TF} tag: the output is identical on TensorFlow"
        else:
            result.status = "differs-on-tf"
    elif not identical:
        result.status, result.problem = "differs", difference_problem(learntf_text, tf_text)
    return result


def compare_notebook(name: str, stored, executed) -> list[CellResult]:
    return [
        compare_cell(name, stored.cells, index, executed.cells[index])
        for index, cell in enumerate(stored.cells)
        if cell.cell_type == "code"
    ]


# --- the report ---------------------------------------------------------------------------------


@dataclass
class NotebookResult:
    path: str  # relative to the course root
    cells: list = field(default_factory=list)  # CellResult, one per code cell that ran
    error: str | None = None  # why the notebook could not run to its end
    seconds: float = 0.0

    @property
    def failing(self) -> bool:
        return self.error is not None or any(cell.failing for cell in self.cells)


@dataclass
class Counts:
    ran: int = 0
    identical: int = 0
    learntf_only: int = 0
    differs_on_tf: int = 0
    causes: dict = field(default_factory=lambda: dict.fromkeys(CAUSES, 0))

    @classmethod
    def of(cls, cells) -> "Counts":
        counts = cls(ran=len(cells))
        for cell in cells:
            if LEARNTF_ONLY in cell.tags and DIFFERS_ON_TF not in cell.tags:
                counts.learntf_only += 1
            elif DIFFERS_ON_TF in cell.tags:
                counts.differs_on_tf += 1
                if cell.cause in counts.causes:
                    counts.causes[cell.cause] += 1
            elif cell.status == "identical":
                counts.identical += 1
        return counts


def notebook_line(result: NotebookResult) -> str:
    """`lessons/01_x.ipynb  10/12 identical, 1 learntf-only, 1 differs-on-tf (random 1)`."""
    if result.error is not None:
        return f"{result.path}  did not run: {result.error}"
    counts = Counts.of(result.cells)
    causes = ", ".join(f"{cause} {n}" for cause, n in counts.causes.items() if n)
    return (
        f"{result.path}  {counts.identical}/{counts.ran} identical, {counts.learntf_only} "
        f"learntf-only, {counts.differs_on_tf} differs-on-tf" + (f" ({causes})" if causes else "")
    )


def detail_lines(result: NotebookResult) -> list[str]:
    """Indented lines under a notebook's line: each failing cell, and learntf-only cells that
    raised."""
    lines = []
    for cell in result.cells:
        if cell.failing or cell.problem:
            lines.append(f"    cell {cell.index}: {cell.source}")
            lines.extend(f"      {line}" for line in cell.problem.split("\n"))
    return lines


def summary_lines(results: list[NotebookResult]) -> list[str]:
    """The closing lines; the last is `tf-parity: N/M cells identical, K learntf-only, D
    differs-on-tf`."""
    counts = Counts.of([cell for result in results for cell in result.cells])
    share = 100.0 * counts.learntf_only / counts.ran if counts.ran else 0.0
    return [
        "differs-on-tf causes: " + ", ".join(f"{cause} {n}" for cause, n in counts.causes.items()),
        f"learntf-only share: {counts.learntf_only}/{counts.ran} code cells ({share:.1f}%)",
        f"tf-parity: {counts.identical}/{counts.ran} cells identical, {counts.learntf_only} "
        f"learntf-only, {counts.differs_on_tf} differs-on-tf",
    ]


def json_records(results: list[NotebookResult]) -> list[dict]:
    """Every cell's result (and every notebook that could not run), for tooling."""
    records = []
    for result in results:
        if result.error is not None:
            records.append(
                {
                    "notebook": result.path,
                    "index": None,
                    "tags": [],
                    "cause": None,
                    "status": "notebook-error",
                    "learntf": "",
                    "tensorflow": result.error,
                }
            )
        for cell in result.cells:
            record = asdict(cell)
            records.append(
                {
                    key: record[key]
                    for key in (
                        "notebook",
                        "index",
                        "tags",
                        "cause",
                        "status",
                        "learntf",
                        "tensorflow",
                        "problem",
                    )
                }
            )
    return records


# --- running on TensorFlow ----------------------------------------------------------------------


def course_notebooks(root: Path = COURSE_ROOT) -> list[str]:
    """Each ready unit's lesson and master, in course order, relative to the course root."""
    found = []
    for unit in load_syllabus(root / "course" / "syllabus.toml"):
        if unit.ready:
            found.extend(
                relative for relative in (unit.lesson, unit.master) if (root / relative).exists()
            )
    return found


def kernel_env() -> dict:
    env = {key: value for key, value in os.environ.items() if key not in KERNEL_ENV_REMOVED}
    env.update(KERNEL_ENV)
    return env


def scratch_course(root: Path, into: Path) -> None:
    """A copy of the course tree, so that what a notebook writes beside itself stays out of the
    repo."""
    for folder in COPIED_FOLDERS:
        if (root / folder).is_dir():
            shutil.copytree(
                root / folder,
                into / folder,
                ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"),
            )


def describe_failure(error: BaseException) -> str:
    return error_line(type(error).__name__, str(error))


async def run_notebook(
    relative: str, root: Path, limit: asyncio.Semaphore, keep: Path | None, timeout: int
) -> NotebookResult:
    """Run the TensorFlow copy of one notebook in a fresh .venv-tf kernel and compare its cells."""
    from nbclient import NotebookClient

    from course.notebooks import current_env_kernel_manager

    async with limit:
        started = time.monotonic()
        stored = nbformat.read(str(root / relative), as_version=4)
        executed = tf_copy(stored)
        result = NotebookResult(relative)
        with tempfile.TemporaryDirectory(prefix="learntf-tf-parity-") as scratch:
            scratch_course(root, Path(scratch))
            cwd = Path(scratch) / Path(relative).parent
            client = NotebookClient(
                executed,
                km=current_env_kernel_manager(),
                timeout=timeout,
                allow_errors=True,
                record_timing=False,
                extra_arguments=KERNEL_ARGUMENTS,
                resources={"metadata": {"path": str(cwd)}},
            )
            try:
                # cleanup_kc: shut the kernel down at the end (nbclient leaves alone a kernel whose
                # manager it was given); stderr: the kernel process's own start-up chatter
                await client.async_execute(
                    cleanup_kc=True, env=kernel_env(), stderr=subprocess.DEVNULL
                )
            except Exception as error:  # a timeout or a dead kernel: the notebook did not finish
                result.error = describe_failure(error)
        if result.error is None:
            result.cells = compare_notebook(relative, stored, executed)
        if keep is not None:
            (keep / relative).parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(executed, str(keep / relative))
        result.seconds = time.monotonic() - started
        return result


async def run_all(
    notebooks: list[str], root: Path, keep: Path | None, timeout: int, jobs: int, report
) -> list[NotebookResult]:
    """Run the notebooks `jobs` at a time; report each (in the given order) as soon as it is
    done."""
    limit = asyncio.Semaphore(jobs)
    tasks = [
        asyncio.ensure_future(run_notebook(relative, root, limit, keep, timeout))
        for relative in notebooks
    ]
    results = []
    for task in tasks:
        result = await task
        report(result)
        results.append(result)
    return results


def print_notebook(result: NotebookResult) -> None:
    print(notebook_line(result), flush=True)
    for line in detail_lines(result):
        print(line, flush=True)


def relative_to_root(path: str, root: Path) -> str:
    resolved = Path(path).resolve()
    try:
        return resolved.relative_to(root.resolve()).as_posix()
    except ValueError:
        raise SystemExit(f"{path} is not inside the course at {root}") from None


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m course.tf_parity",
        description="Run the course's notebooks on real TensorFlow and "
        "compare every cell with learntf's stored output.",
    )
    parser.add_argument(
        "notebooks",
        nargs="*",
        metavar="NOTEBOOK",
        help="lessons or masters to run (default: those of every ready unit)",
    )
    parser.add_argument("--json", metavar="PATH", help="write every cell's result to PATH")
    parser.add_argument(
        "--keep", metavar="DIR", help="keep the executed TensorFlow notebooks in DIR"
    )
    parser.add_argument(
        "--timeout", type=int, default=CELL_TIMEOUT, help="seconds per cell (default %(default)s)"
    )
    parser.add_argument(
        "--jobs", type=int, default=JOBS, help="notebooks at a time (default %(default)s)"
    )
    args = parser.parse_args(argv)
    if importlib.util.find_spec("tensorflow") is None:
        print(
            "course.tf_parity needs TensorFlow: run it with .venv-tf/bin/python "
            "(bash scripts/ensure-tf-venv.sh makes .venv-tf), or `make test-tf`.",
            file=sys.stderr,
        )
        return 2
    root = COURSE_ROOT
    notebooks = [relative_to_root(path, root) for path in args.notebooks] or course_notebooks(root)
    keep = Path(args.keep).resolve() if args.keep else None
    started = time.monotonic()
    results = asyncio.run(run_all(notebooks, root, keep, args.timeout, args.jobs, print_notebook))
    elapsed = time.monotonic() - started
    if args.json:
        Path(args.json).write_text(
            json.dumps(json_records(results), indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    print(
        f"ran {len(results)} notebook(s) on TensorFlow in {elapsed:.0f} s, {args.jobs} at a time; "
        "slowest: "
        + ", ".join(
            f"{result.path} {result.seconds:.0f} s"
            for result in sorted(results, key=lambda result: -result.seconds)[:3]
        )
    )
    for line in summary_lines(results):
        print(line)
    return 1 if any(result.failing for result in results) else 0


if __name__ == "__main__":
    sys.exit(main())
