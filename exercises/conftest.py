"""`pytest --nbval-lax exercises/NN_slug.ipynb` gives the verdict `python -m course grade NN` gives.

nbval runs the notebook's cells and fails a cell that raises, so a failed check fails the run.
It cannot see a question whose check cell was deleted or edited. This file adds one item after
an exercise's last cell: in the same kernel it asks course.checks which questions passed, and it
fails unless each of the master's questions passed in its own, unchanged check cell
(course.notebooks.check_cell_problems), as grading requires.
"""

from collections import defaultdict
from pathlib import Path

import nbformat

from course import notebooks
from course.syllabus import load_syllabus

COURSE_ROOT = Path(__file__).resolve().parent.parent  # this copy of the course


def grading_source(notebook_path, nb):
    """The code of the added item for an exercise notebook, or None for another notebook."""
    units = [
        u
        for u in load_syllabus(COURSE_ROOT / "course" / "syllabus.toml")
        if u.ready and Path(u.exercise).name == notebook_path.name
    ]
    if not units or not (COURSE_ROOT / units[0].master).exists():
        return None
    master = notebooks.read(COURSE_ROOT / units[0].master)
    expected = notebooks.questions(master)
    problems = notebooks.check_cell_problems(nb, master)
    optional = notebooks.optional_questions(master)
    return (
        "from course.checks import require_all_passed\n"
        f"require_all_passed({units[0].checks_module!r}, {expected!r}, {problems!r}, {optional!r})"
    )


_notebook_files = []  # nbval's notebook collectors, including those with no code cell left


def pytest_collectstart(collector):
    try:
        from nbval.plugin import IPyNbFile
    except ImportError:  # nbval is not installed: nothing to add to
        return
    if isinstance(collector, IPyNbFile):
        _notebook_files.append(collector)


def pytest_collection_modifyitems(session, config, items):
    try:
        from nbval.plugin import IPyNbCell
    except ImportError:
        return
    for notebook in _notebook_files:
        source = grading_source(Path(str(notebook.fspath)), notebook.nb)
        if source is None:
            continue
        own = [i for i, item in enumerate(items) if item.parent is notebook]
        after = own[-1] + 1 if own else len(items)
        grading = IPyNbCell.from_parent(
            notebook,
            name="every question passed",
            cell_num=len(own),
            cell=nbformat.v4.new_code_cell(source),
            options=defaultdict(bool, check=False),
        )
        items.insert(after, grading)
