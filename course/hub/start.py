"""What the hub runs for each learner (its Spawner.cmd): their copy of the course, then
JupyterLab as the hub's single-user server.

It runs as the learner (under the hub's LocalProcessSpawner, the learner's system account), so
the copy in ~/learntf-course belongs to them and the lessons are signed in their own Jupyter data
folder. On first login the copy is made by `course.cli.learner_copy` (the files a fresh checkout
gives a learner, as `course open` uses them); later logins find it and leave it alone. Then this
process becomes `jupyterhub-singleuser` (same Python, so every kernel has learntf), serving the
copy, with LEARNTF_COURSE_ROOT naming it: `python -m course grade 1` in a terminal or a notebook
grades the learner's copy.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from course.cli import Course, CourseError, learner_copy
from course.hub import COPY_FOLDER
from course.syllabus import COURSE_ROOT


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    target = Path(os.environ.get("LEARNTF_HUB_COPY") or Path.home() / COPY_FOLDER)
    try:
        source = Course(os.environ.get("LEARNTF_HUB_SOURCE") or COURSE_ROOT)
        copy = learner_copy(source, target)
    except (CourseError, OSError) as problem:
        print(f"learntf: could not make your copy of the course: {problem}", file=sys.stderr)
        return 1
    os.environ["LEARNTF_COURSE_ROOT"] = str(copy.root)
    # `python -m course` in the copy must import this package, not the copy's `course/` folder
    # (the syllabus and masters): with learntf installed in editable mode the package is not on
    # sys.path, so that folder would shadow it as a namespace package. On PYTHONPATH it wins.
    package_parent = str(Path(__file__).resolve().parents[2])
    os.environ["PYTHONPATH"] = os.pathsep.join(
        filter(None, [package_parent, os.environ.get("PYTHONPATH")])
    )
    os.chdir(copy.root)
    command = [sys.executable, "-m", "jupyterhub.singleuser", f"--ServerApp.root_dir={copy.root}"]
    os.execv(sys.executable, command + list(argv))


if __name__ == "__main__":
    raise SystemExit(main())
