"""The learntf course: syllabus, exercise checks, the master-to-blank generator and the learner's CLI.

Lesson 00 (lessons/00_welcome.ipynb) explains how a learner uses all of this.
"""

from course.syllabus import Unit, load_syllabus

__all__ = ["Unit", "load_syllabus", "require_learntf"]


class VersionMismatch(RuntimeError):
    """The notebook was written for another learntf version than the one installed."""


def require_learntf(written_for):
    """First cell of every notebook: stop early if learntf is not the version the notebook expects.

    Notebooks store their outputs and CI compares them with what the library prints now, so a
    notebook is only trustworthy with the library version it was written (and last tested) for.
    """
    from learntf.version import __version__ as installed

    if installed != written_for:
        raise VersionMismatch(
            f"This notebook was written for learntf {written_for}, but learntf {installed} is "
            f"installed. Its explanations and stored outputs may no longer match what the code "
            f"prints. Update the course and the library together (git pull, then make setup)."
        )
    print(f"learntf {installed}: the version this notebook was written for.")
