"""Every lesson, master and blank exercise can be run twice in one kernel (issue 21).

A learner re-runs cells all the time: after an edit, after a hint, or with "Run All" on a notebook
that already ran. Each notebook is run top to bottom, then every code cell once more in the same
kernel (course.notebooks.execute_twice); a cell that fails only the second time (a folder that
already exists, a name already taken in the default graph, a check that passes only once) fails
the test.
"""

import pytest

from course import notebooks
from course.syllabus import COURSE_ROOT, load_syllabus

READY = [unit for unit in load_syllabus() if unit.ready]
NOTEBOOKS = [path for unit in READY for path in (unit.lesson, unit.master, unit.exercise)]


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS)
def test_every_cell_runs_again_without_a_new_error(path):
    nb = notebooks.read(COURSE_ROOT / path)
    cwd = COURSE_ROOT / ("lessons" if path.startswith("lessons") else "exercises")
    assert notebooks.execute_twice(nb, cwd) == []
