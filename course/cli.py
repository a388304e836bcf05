"""The learner's command line: `python -m course` or `learntf-course`.

    list          the units, with your progress on each exercise
    open N        JupyterLab on unit N's lesson and exercise; with --engine tensorflow, on a copy
                  of the lesson that runs on real TensorFlow 2.21 (on-tensorflow/, from .venv-tf)
    grade [N]     run the checks of exercise N (or of all exercises) and print a score table
    reset N       restore exercise N's blank; your version is kept in backups/
    demo N        for teachers: JupyterLab on a fresh copy of unit N's lesson (demo/), outputs
                  cleared and widgets in presenter mode, to run live in class, cell by cell
    hub           for teachers: JupyterHub for a class, each learner with their own copy and
                  a page of the class's grades (course/hub/)

Lesson 00 (lessons/00_welcome.ipynb) walks through these commands.
"""

from __future__ import annotations

import argparse
import copy
import importlib.util
import os
import shutil
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import nbformat

from course import VersionMismatch, notebooks, require_learntf, slides
from course.hub import command as hub_command
from course.hub import share
from course.syllabus import COURSE_ROOT, find_unit, load_syllabus
from course.tf_parity import tf_copy

BACKUP_DIR = "backups"
DEMO_DIR = "demo"
PRESENTER_VARIABLE = "LEARNTF_PRESENTER"  # read by learntf.viz (learntf/viz/presenting.py)
PRESENTER_CELL = """\
# Classroom demo: drawings and widgets for the projector (larger text, thicker lines).
import learntf.viz as viz
viz.presenter(True)"""
TF_COPY_DIR = "on-tensorflow"
TF_VENV = ".venv-tf"
TF_SETUP_SCRIPT = "scripts/ensure-tf-venv.sh"
ENGINE_VARIABLE = "LEARNTF_COURSE_ENGINE"  # read by course/checks/engine.py
TF_NOTE = """\
**This copy runs on real TensorFlow 2.21**, not on learntf. `python -m course open {number} \
--engine tensorflow` made it from `{lesson}`, which is unchanged, and replaces it each time it \
runs: changes you make here are not kept.

Only the imports differ from the lesson: `import learntf.compat.v1 as tf` became \
`import tensorflow.compat.v1 as tf`, `import learntf as tf` became `import tensorflow as tf`, and \
`from learntf import keras` became `from tensorflow import keras`. `learntf.viz` (its drawings \
take TensorFlow's graphs too) and the `course` helpers stay. The outputs are cleared: run the \
cells and compare what TensorFlow prints with the lesson's stored outputs. Where a lesson's cell \
ends with a graph or tensor and shows a drawing, TensorFlow shows only its text: \
`viz.draw(...)` (after `import learntf.viz as viz`) draws it here too.

Two cell tags mark where the lesson and TensorFlow part ways (JupyterLab shows a cell's tags in \
the right sidebar, under the gear icon):

- `learntf-only`: the cell shows a learntf extra that TensorFlow does not have (a `viz` drawing \
or widget, a run trace, course set-up, an "Under the hood" look at learntf's own code); here it \
may fail or print something else.
- `differs-on-tf`: TensorFlow prints something different here; the markdown cell just above or \
below it says what and why, in a note starting **On TensorFlow (random)**, **(op-names)** or \
**(other)**."""
GRADE_CELL_TIMEOUT = 120  # seconds; no exercise cell needs more than a few
PASSED, FAILED, NOT_RUN = "✓", "✗", "·"


class CourseError(Exception):
    """A problem the learner can fix; main() prints it without a traceback."""


class Course:
    """The course checkout at `root`: its syllabus, lessons, exercises and masters."""

    def __init__(self, root: Path | str = COURSE_ROOT):
        self.root = Path(root).resolve()
        self.units = load_syllabus(self.root / "course" / "syllabus.toml")

    def unit(self, text: str):
        try:
            number = int(text)
        except ValueError:
            raise CourseError(
                f"'{text}' is not a unit number. Units are numbered 0 to "
                f"{self.units[-1].number}; `python -m course list` shows them."
            ) from None
        unit = find_unit(self.units, number)
        if unit is None:
            raise CourseError(
                f"There is no unit {text}. Units are numbered 0 to {self.units[-1].number}; "
                f"`python -m course list` shows them."
            )
        if not unit.ready:
            raise CourseError(f"Unit {unit.label} ({unit.title}) is planned but not written yet.")
        return unit

    def path(self, relative: str) -> Path:
        return self.root / relative

    def master(self, unit):
        path = self.path(unit.master)
        if not path.exists():
            raise CourseError(
                f"Unit {unit.label} has no master notebook ({unit.master}); "
                f"this checkout of the course is incomplete."
            )
        try:
            return notebooks.read(path)
        except Exception as error:  # not JSON, not a notebook, not UTF-8...
            raise CourseError(
                f"Unit {unit.label}'s master notebook {unit.master} cannot be read "
                f"({type(error).__name__}); restore it with `git checkout -- {unit.master}`."
            ) from None


# --- list -------------------------------------------------------------------------------------


def progress_text(course: Course, unit) -> str:
    if not unit.ready:
        return "(planned)"
    exercise = course.path(unit.exercise)
    if not exercise.exists():
        return f"exercise missing: python -m course reset {unit.number}"
    try:
        results = notebooks.question_results(notebooks.read(exercise))
    except Exception as error:  # not JSON, not a notebook, not UTF-8...
        return (
            f"{unit.exercise} cannot be read ({type(error).__name__}); "
            f"`python -m course reset {unit.number}` restores it, keeping a backup of yours"
        )
    if course.path(unit.master).exists():
        master = course.master(unit)
        optional = set(notebooks.optional_questions(master))
        total = len(notebooks.questions(master)) - len(optional)
    else:
        optional, total = set(), len(results)
    passed = sum(result.passed for q, result in results.items() if q not in optional)
    extra = "".join(
        f" + optional q{q}"
        for q, result in sorted(results.items())
        if q in optional and result.passed
    )
    if not any(result.status != "not run" for result in results.values()):
        return f"not started ({total} questions)"
    return f"{passed}/{total} passed{extra}" + ("  done!" if passed == total else "")


def command_list(course: Course, args) -> int:
    print("The learntf course. Progress is what your exercise notebooks showed when last saved;")
    print("`python -m course grade` re-runs them from scratch.\n")
    width = max(len(unit.title) for unit in course.units)
    for unit in course.units:
        title = unit.title + (" (optional)" if unit.optional else "")
        print(f"  {unit.label}  {title:<{width + 11}}  {progress_text(course, unit)}")
    print("\nOpen a unit with `python -m course open N`.")
    return 0


# --- open -------------------------------------------------------------------------------------


def jupyterlab_installed() -> bool:
    return importlib.util.find_spec("jupyterlab") is not None


def running_as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def open_command(course: Course, unit, extra=()) -> list[str]:
    """The command that starts JupyterLab on the whole course, with the unit's lesson open.

    (JupyterLab opens one file given on its command line; the exercise is next to it in the file
    browser.)"""
    return jupyterlab_command(course, unit.lesson, extra)


def jupyterlab_command(course: Course, notebook: str, extra=(), python=None) -> list[str]:
    """JupyterLab on the whole course, with `notebook` (relative to the course) open; run by
    `python` (default: this Python, whose environment is .venv)."""
    # JupyterLab refuses to start as root unless told to; learners in containers often are root.
    as_root = ["--allow-root"] if running_as_root() and "--allow-root" not in extra else []
    return [
        python or sys.executable,
        "-m",
        "jupyterlab",
        f"--ServerApp.root_dir={course.root}",
        *as_root,
        notebook,
        *extra,
    ]


def command_open(course: Course, args) -> int:
    unit = course.unit(args.unit)
    if args.engine == "tensorflow":
        return open_on_tensorflow(course, unit, args)
    if args.copy_only:
        raise CourseError(
            "--copy-only goes with --engine tensorflow: it writes the lesson's copy "
            "for TensorFlow without starting JupyterLab."
        )
    if not course.path(unit.lesson).exists():
        raise CourseError(
            f"Unit {unit.label}'s lesson {unit.lesson} is missing from this checkout."
        )
    if not jupyterlab_installed():
        raise CourseError(
            "JupyterLab is not installed in this Python environment "
            f"({sys.executable}).\nInstall the course's tools with `make setup` "
            "(or `pip install -e '.[course]'`), then run this command again."
        )
    check_written_for(course, unit)
    trust_lessons(course)
    command = open_command(course, unit, args.jupyter_args)
    print(
        f"Opening unit {unit.label}, {unit.title}, in JupyterLab: the lesson is {unit.lesson}, "
        f"the exercise {unit.exercise}.\nPress Ctrl-C here to stop JupyterLab.",
        flush=True,
    )
    return launch(command, cwd=course.root)


def check_written_for(course: Course, unit) -> None:
    """Refuse to open a unit whose notebooks were written for another learntf version (their
    stored outputs and explanations would not match what the code prints). The exercise's master
    speaks for the exercise: the learner's own copy may predate the version record."""
    for relative in (unit.lesson, unit.master):
        path = course.path(relative)
        if path.exists():
            try:
                require_learntf(notebooks.read(path), relative)
            except VersionMismatch as mismatch:
                raise CourseError(str(mismatch)) from None


def trust_lessons(course: Course) -> list[Path]:
    """Sign the course's lessons as `jupyter trust` does, so JupyterLab shows their stored
    drawings when a lesson is opened. JupyterLab shows SVG (and HTML) outputs stored in a notebook
    only once it knows the notebook's signature, a guard against notebooks from strangers;
    unsigned, every drawing shows as its text until the cell is run again. Signing writes to
    Jupyter's signature database, never to the notebooks. Returns the lessons newly signed."""
    try:
        from nbformat.sign import NotebookNotary

        notary = NotebookNotary()
        signed = []
        for unit in course.units:
            path = course.path(unit.lesson)
            if unit.ready and path.exists():
                lesson = notebooks.read(path)
                if not notary.check_signature(lesson):
                    notary.sign(lesson)
                    signed.append(path)
        return signed
    except Exception:  # no sqlite, read-only home...: the drawings show as text
        return []


LEARNER_FILES = ("course/syllabus.toml", "course/masters", "lessons", "exercises")


def learner_copy(course: Course, target: Path) -> Course:
    """The learner's own copy of the course at `target`, as `open` needs it: what a fresh
    checkout has for the learner (the syllabus, the masters grading reads, the lessons, the blank
    exercises), with the lessons signed for this learner (trust_lessons). A class hub makes one
    per learner on first login (course/hub/start.py). A copy already there is the learner's
    work: nothing in it is replaced."""
    target = Path(target)
    if not (target / "course" / "syllabus.toml").exists():
        partial = target.with_name(target.name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        for relative in LEARNER_FILES:
            source, copy_to = course.path(relative), partial / relative
            copy_to.parent.mkdir(parents=True, exist_ok=True)
            if source.is_dir():
                shutil.copytree(source, copy_to)
            else:
                shutil.copy2(source, copy_to)
        if target.exists() and any(target.iterdir()):
            raise CourseError(f"{target} holds files but no copy of the course; move them away.")
        if target.exists():  # an empty folder made by the hub or the learner
            target.rmdir()
        partial.rename(target)  # all or nothing: a copy cut short is made again next time
    copied = Course(target)
    trust_lessons(copied)
    return copied


def launch(command, cwd) -> int:
    """Become JupyterLab (POSIX), so Ctrl-C and signals reach it directly and no server is left
    running when this process goes away; elsewhere, run it and wait."""
    if os.name == "posix":
        os.chdir(cwd)
        os.execv(command[0], command)
    try:
        return subprocess.call(command, cwd=cwd)
    except KeyboardInterrupt:
        return 0


# --- open --engine tensorflow ---------------------------------------------------------------


def open_on_tensorflow(course: Course, unit, args) -> int:
    """Unit N's lesson on real TensorFlow: a copy with TensorFlow's imports (on-tensorflow/),
    opened in a JupyterLab that runs from .venv-tf, whose kernels have TensorFlow 2.21 and
    LEARNTF_COURSE_ENGINE=tensorflow (so the exercises' checks use TensorFlow too)."""
    check_written_for(course, unit)
    target = write_tensorflow_copy(course, unit)
    relative = target.relative_to(course.root).as_posix()
    print(
        f"Unit {unit.label}, {unit.title}, on real TensorFlow: {relative} is a copy of "
        f"{unit.lesson} with TensorFlow's imports and its outputs cleared (the lesson itself "
        f"is unchanged)."
    )
    if args.copy_only:
        return 0
    python = ensure_tensorflow_venv(course)
    trust_lessons(course)  # the learntf lessons beside it show their drawings when opened
    print(
        f"Opening it in JupyterLab from {TF_VENV}; exercises opened there are checked with "
        f"TensorFlow too.\nPress Ctrl-C here to stop JupyterLab.",
        flush=True,
    )
    # Every kernel this JupyterLab starts inherits it (course/checks/engine.py reads it).
    os.environ[ENGINE_VARIABLE] = "tensorflow"
    return launch(
        jupyterlab_command(course, relative, args.jupyter_args, python=python), cwd=course.root
    )


def tensorflow_notebook(lesson, unit):
    """The lesson for TensorFlow: the copy `make test-tf` runs (course/tf_parity.py: learntf
    imports switched to TensorFlow's, outputs cleared), without saved widget views or run
    times, and with a first cell saying so and what the cell tags mean."""
    notebook = tf_copy(cleared(lesson))
    note = nbformat.v4.new_markdown_cell(TF_NOTE.format(number=unit.number, lesson=unit.lesson))
    note.id = "on-tensorflow-note"
    notebook.cells.insert(0, note)
    return notebook


def write_tensorflow_copy(course: Course, unit) -> Path:
    """Write on-tensorflow/NN_slug.ipynb from the unit's lesson (replacing an earlier copy)."""
    return write_copy(
        course,
        unit,
        TF_COPY_DIR,
        "the lessons' copies for real TensorFlow",
        lambda lesson: tensorflow_notebook(lesson, unit),
    )


def ensure_tensorflow_venv(course: Course) -> str:
    """Run scripts/ensure-tf-venv.sh (it sets up .venv-tf on first use and returns at once
    afterwards); return the path of .venv-tf's Python."""
    script = course.path(TF_SETUP_SCRIPT)
    if not script.exists():
        raise CourseError(
            f"{TF_SETUP_SCRIPT} is missing from this checkout of the course; it "
            f"sets up {TF_VENV}, the environment with real TensorFlow."
        )
    venv = course.path(TF_VENV)
    if not (venv / ".installed").exists():
        print(
            f"Setting up {TF_VENV}: a second virtual environment, beside .venv, with real "
            f"TensorFlow 2.21 (CPU), JupyterLab and learntf. The first time, this downloads "
            f"TensorFlow (about 600 MB) and takes a few minutes; later runs skip it.",
            flush=True,
        )
    try:
        status = run_setup(["bash", str(script)], cwd=course.root)
    except FileNotFoundError:
        raise CourseError(f"Setting up {TF_VENV} needs bash, which was not found.") from None
    python = venv / "bin" / "python"
    if status != 0 or not python.exists():
        raise CourseError(
            f"Setting up {TF_VENV} failed (bash {TF_SETUP_SCRIPT} exited with status "
            f"{status}); the messages above say why. The first time it needs to "
            f"reach PyPI. Fix that and run this command again; meanwhile, "
            f"without --engine, `python -m course open N` opens lessons on learntf."
        )
    return str(python)


def run_setup(command, cwd) -> int:
    """Run a set-up script, its messages going to the terminal; its exit status."""
    return subprocess.call(command, cwd=cwd)


# --- grade ------------------------------------------------------------------------------------


def grade_unit(course: Course, unit) -> tuple[list[int], dict, str]:
    """(question ids from the master, results of running the learner's saved notebook, and what
    stopped the notebook from running, if anything)."""
    exercise = course.path(unit.exercise)
    expected = notebooks.questions(course.master(unit))
    if not exercise.exists():
        return (
            expected,
            {},
            f"{unit.exercise} is missing: `python -m course reset {unit.number}` restores it.",
        )
    try:
        require_learntf(course.master(unit), unit.master)
    except VersionMismatch as mismatch:
        return expected, {}, str(mismatch)
    try:
        learners = notebooks.read(exercise)
    except Exception as error:  # not JSON, not a notebook, not UTF-8...
        return (
            expected,
            {},
            f"{unit.exercise} is not a notebook that can be read ({type(error).__name__}). "
            f"`python -m course reset {unit.number}` restores it, keeping a backup of yours.",
        )
    try:
        executed, records = notebooks.execute_for_grading(
            learners, cwd=exercise.parent, timeout=GRADE_CELL_TIMEOUT
        )
    except (
        Exception
    ) as error:  # a cell ran too long, the kernel died, the file is not a notebook...
        first_line = (str(error).strip().splitlines() or [""])[0]
        return (
            expected,
            {},
            (
                f"{unit.exercise} could not be run to the end ({type(error).__name__}: "
                f"{first_line}). Open it, fix the cell that hangs or crashes, save, and grade "
                "again."
            ),
        )
    master = course.master(unit)
    return expected, notebooks.graded_results(executed, records, master, unit.checks_module), ""


def command_grade(course: Course, args) -> int:
    if (
        importlib.util.find_spec("nbclient") is None
        or importlib.util.find_spec("ipykernel") is None
    ):
        raise CourseError(
            "Grading runs your notebooks in a Jupyter kernel, but nbclient or ipykernel is not "
            "installed. Install the course's tools with `make setup` (or `pip install -e "
            "'.[course]'`)."
        )
    if args.unit is not None:
        units = [course.unit(args.unit)]
    else:  # the whole course; the optional build-it units only when named
        units = [u for u in course.units if u.ready and not u.optional]
    rows, hints, shared = [], [], []
    for unit in units:
        print(f"running {unit.exercise} ...", flush=True)
        started = time.monotonic()
        expected, results, problem = grade_unit(course, unit)
        if share.on_hub():  # what a class hub's teacher will see (course/hub/share.py)
            seconds = time.monotonic() - started
            shared.append(share.attempt(course, unit, expected, results, problem, seconds))
        optional = set(notebooks.optional_questions(course.master(unit)))
        if problem:
            hints.append(f"  {unit.label} {problem}")
        marks = []
        for q in expected:
            result = results.get(q)
            if q in optional and (result is None or result.status != "passed"):
                answered = result is not None and result.status == "failed"
                marks.append(f"q{q} {FAILED if answered else NOT_RUN} (optional)")
                if answered:  # skipped or deleted does not count; answered must pass
                    hints.append(f"  {unit.label} {result.message}")
                continue
            marks.append(f"q{q} {PASSED if result is not None and result.passed else FAILED}")
            if result is None:
                continue  # the notebook did not run: `problem` says why
            if result.status == "not attempted":
                hints.append(
                    f"  {unit.label} {result.message}; not attempted. "
                    f"`python -m course reset {unit.number}` restores the notebook "
                    "(keeping a backup of yours)."
                )
            elif not result.passed:
                hints.append(f"  {unit.label} {result.message}")
        required = [q for q in expected if q not in optional]
        passed = sum(results.get(q) is not None and results[q].passed for q in required)
        rows.append((unit.label, unit.title, passed, len(required), "  ".join(marks)))
    width = max(len(row[1]) for row in rows)
    print(f"\n  unit  {'exercise':<{width}}  score  questions")
    for label, title, passed, total, marks in rows:
        print(f"  {label}    {title:<{width}}  {f'{passed}/{total}':>5}  {marks}")
    scored, total = sum(r[2] for r in rows), sum(r[3] for r in rows)
    if len(rows) > 1:
        print(f"\n  total {scored}/{total}")
    if hints:
        print("\nWhat to look at:")
        print("\n".join(hints))
    all_passed = scored == total and not hints
    if all_passed:
        print("\nAll passed.")
    if shared:
        print("\nNot shared (--no-share)." if args.no_share else share.send(shared))
    if args.unit is None and any(u.ready and u.optional for u in course.units):
        optional_units = [u.label for u in course.units if u.ready and u.optional]
        print(
            f"\nThe optional build-it units ({', '.join(optional_units)}) are graded when you "
            f"name one: `python -m course grade {int(optional_units[0])}`."
        )
    return 0 if all_passed else 1


# --- reset ------------------------------------------------------------------------------------


def backup_path(course: Course, exercise: Path) -> Path:
    folder = course.path(BACKUP_DIR)
    folder.mkdir(exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text(
            "# your backed-up exercise notebooks stay out of git\n*\n", encoding="utf-8"
        )
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    candidate, n = folder / f"{exercise.stem}.{stamp}.ipynb", 1
    while candidate.exists():  # never overwrite an earlier backup
        n += 1
        candidate = folder / f"{exercise.stem}.{stamp}-{n}.ipynb"
    return candidate


def command_reset(course: Course, args) -> int:
    unit = course.unit(args.unit)
    blank = notebooks.serialize(notebooks.make_blank(course.master(unit)))
    exercise = course.path(unit.exercise)
    if exercise.exists():
        if exercise.read_bytes() == blank.encode("utf-8"):
            print(f"{unit.exercise} is already blank; nothing to do.")
            return 0
        backup = backup_path(course, exercise)
        shutil.copy2(exercise, backup)
        print(f"Your work is saved in {backup.relative_to(course.root)}")
    exercise.write_text(blank, encoding="utf-8")
    print(
        f"{unit.exercise} is blank again. If it is open in JupyterLab, use File > Reload Notebook "
        "from Disk."
    )
    return 0


# --- demo -------------------------------------------------------------------------------------


def cleared(lesson):
    """A copy of a lesson without its outputs, run counts, run times or saved widget views."""
    fresh = copy.deepcopy(lesson)
    for cell in fresh.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        cell.metadata.pop("execution", None)  # run times stored by JupyterLab
    fresh.metadata.pop("widgets", None)  # saved widget views: outputs too
    return fresh


def demo_notebook(lesson):
    """A teacher's copy of a lesson: no outputs, slide metadata, and a first code cell that puts
    drawings and widgets in presenter mode."""
    demo = cleared(lesson)
    slides.mark(demo)
    # RISE (jupyterlab-rise) reads this: a long slide scrolls instead of being cut off.
    demo.metadata["rise"] = {"scroll": True}
    presenter = nbformat.v4.new_code_cell(PRESENTER_CELL, metadata={"tags": ["demo"]})
    presenter.id = "demo-presenter"
    after_title = 1 if demo.cells and slides.heading_level(demo.cells[0]) == 1 else 0
    demo.cells.insert(after_title, presenter)  # on the title slide, before the lesson's code
    return demo


def write_demo(course: Course, unit) -> Path:
    """Write demo/NN_slug.ipynb from the unit's lesson (replacing an earlier demo copy)."""
    return write_copy(course, unit, DEMO_DIR, "teachers' demo copies of the lessons", demo_notebook)


def write_copy(course: Course, unit, folder: str, what: str, make) -> Path:
    """Write `make(lesson)` to folder/NN_slug.ipynb, replacing an earlier copy; the folder keeps
    itself out of git (its .gitignore says `what` it holds). The lesson and the exercises are
    only read."""
    lesson = course.path(unit.lesson)
    if not lesson.exists():
        raise CourseError(
            f"Unit {unit.label}'s lesson {unit.lesson} is missing from this checkout."
        )
    directory = course.path(folder)
    directory.mkdir(exist_ok=True)
    ignore = directory / ".gitignore"
    if not ignore.exists():
        ignore.write_text(f"# {what} stay out of git\n*\n", encoding="utf-8")
    target = directory / lesson.name
    target.write_text(notebooks.serialize(make(notebooks.read(lesson))), encoding="utf-8")
    return target


def slideshow_installed() -> bool:
    return importlib.util.find_spec("jupyterlab_rise") is not None


def command_demo(course: Course, args) -> int:
    unit = course.unit(args.unit)
    if not args.copy_only and not jupyterlab_installed():
        raise CourseError(
            "JupyterLab is not installed in this Python environment "
            f"({sys.executable}).\nInstall the course's tools with `make setup` "
            "(or `pip install -e '.[course]'`), then run this command again."
        )
    check_written_for(course, unit)
    target = write_demo(course, unit)
    relative = target.relative_to(course.root).as_posix()
    print(
        f"Demo copy of unit {unit.label}, {unit.title}: {relative} (outputs cleared; "
        f"{unit.lesson} itself is unchanged).\nRun it cell by cell; its first code cell puts "
        f"drawings and widgets in presenter mode."
    )
    if slideshow_installed():
        print("Slides: open the notebook and press Alt-R (RISE) to present it section by section.")
    else:
        print(
            "It is a plain notebook; with a slideshow extension for JupyterLab (jupyterlab-rise) "
            "its sections show as slides."
        )
    if args.copy_only:
        return 0
    print("Press Ctrl-C here to stop JupyterLab.", flush=True)
    # Every kernel this JupyterLab starts inherits it: presenter mode even before the first cell.
    os.environ[PRESENTER_VARIABLE] = "1"
    return launch(jupyterlab_command(course, relative, args.jupyter_args), cwd=course.root)


# --- entry point ------------------------------------------------------------------------------


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="python -m course",
        description="The learntf course.",
        epilog="Start with: python -m course open 0",
    )
    top.add_argument(
        "--root",
        default=os.environ.get("LEARNTF_COURSE_ROOT", str(COURSE_ROOT)),
        help=argparse.SUPPRESS,
    )  # tests point this at a scratch copy of the course
    commands = top.add_subparsers(dest="command", metavar="command")
    commands.add_parser("list", help="the units, with your progress").set_defaults(run=command_list)
    open_ = commands.add_parser(
        "open",
        help="open unit N in JupyterLab",
        description="Open unit N's lesson and exercise in JupyterLab. "
        "Extra options go to JupyterLab, e.g. --no-browser.",
    )
    open_.add_argument("unit")
    open_.add_argument(
        "--engine",
        choices=("learntf", "tensorflow"),
        default="learntf",
        help="tensorflow: open a copy of the lesson that runs on real TensorFlow "
        "2.21, in JupyterLab from .venv-tf (set up on first use: downloads "
        "TensorFlow)",
    )
    open_.add_argument(
        "--copy-only",
        action="store_true",
        help="with --engine tensorflow: write the copy (on-tensorflow/) and print "
        "its path; do not set up .venv-tf or start JupyterLab",
    )
    open_.set_defaults(run=command_open)
    grade = commands.add_parser("grade", help="run the checks of exercise N, or of all exercises")
    grade.add_argument("unit", nargs="?")
    grade.add_argument(
        "--no-share",
        action="store_true",
        help="on a class hub: keep this grade to yourself (otherwise each question's status and "
        "hint go to your teacher)",
    )
    grade.set_defaults(run=command_grade)
    reset = commands.add_parser(
        "reset", help="restore exercise N's blank (your version is backed up)"
    )
    reset.add_argument("unit")
    reset.set_defaults(run=command_reset)
    demo = commands.add_parser(
        "demo",
        help="for teachers: a fresh copy of unit N's lesson to run live",
        description="Copy unit N's lesson to demo/ with its outputs cleared, "
        "slide metadata and presenter mode on, and open the copy "
        "in JupyterLab. Extra options go to JupyterLab.",
    )
    demo.add_argument("unit")
    demo.add_argument(
        "--copy-only",
        action="store_true",
        help="write the demo copy and print its path; do not start JupyterLab",
    )
    demo.set_defaults(run=command_demo)
    hub = commands.add_parser(
        "hub",
        help="for teachers: JupyterHub for a class, with a page of their progress",
        description="Write a JupyterHub configuration for a class into --dir and start it: "
        "each learner gets their own copy of the course; `course grade` results reach the "
        "teachers' page /services/learntf-class/ (course/hub/).",
    )
    hub_command.add_arguments(hub)
    hub.set_defaults(run=hub_command.command_hub)
    return top


def main(argv=None) -> int:
    args, extra = parser().parse_known_args(argv)
    if args.command is None:
        parser().print_help()
        return 0
    if extra and args.command not in ("open", "demo"):
        parser().error(f"unrecognized arguments: {' '.join(extra)}")
    args.jupyter_args = extra
    try:
        return args.run(Course(args.root), args)
    except CourseError as error:
        print(error, file=sys.stderr)
        return 2
