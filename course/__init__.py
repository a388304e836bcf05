"""The learntf course: syllabus, exercise checks, the master-to-blank generator and the learner's
CLI.

Lesson 00 (lessons/00_welcome.ipynb) explains how a learner uses all of this.
"""

from __future__ import annotations

from course.syllabus import Unit, load_syllabus

__all__ = ["Unit", "load_syllabus", "require_learntf", "written_for"]


class VersionMismatch(RuntimeError):
    """The notebook was written for another learntf version than the one installed."""


def written_for(nb) -> str | None:
    """The learntf version a notebook was written (and last tested) for: its metadata
    `learntf.written_for`. The version lives in the metadata, not in a code cell, so that every
    code cell of a lesson is TensorFlow code a learner can copy into a TensorFlow notebook."""
    return nb.metadata.get("learntf", {}).get("written_for")


def require_learntf(nb, name="This notebook"):
    """Stop before opening or grading a notebook written for another learntf version.

    Notebooks store their outputs and CI compares them with what the library prints now, so a
    notebook is only trustworthy with the library version it was written (and last tested) for.
    `python -m course open`, `demo` and `grade` call this for the notebooks they use.
    """
    from learntf.version import __learntf_version__ as installed

    wanted = written_for(nb)
    if wanted is None:
        raise VersionMismatch(
            f"{name} does not say which learntf version it was written for (its "
            f"metadata has no learntf.written_for): it is not one of the course's."
        )
    if wanted != installed:
        raise VersionMismatch(
            f"{name} was written for learntf {wanted}, but learntf {installed} is "
            f"installed. Its explanations and stored outputs may no longer match what the code "
            f"prints. Update the course and the library together (git pull, then make setup)."
        )
