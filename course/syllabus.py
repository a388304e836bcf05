"""Reads course/syllabus.toml, the one list of the course's units in order."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

PACKAGE_DIR = Path(__file__).resolve().parent
# The course is run from a checkout: lessons/ and exercises/ sit beside the course package.
COURSE_ROOT = PACKAGE_DIR.parent
SYLLABUS_FILE = PACKAGE_DIR / "syllabus.toml"
MASTERS_DIR = PACKAGE_DIR / "masters"
STATUSES = ("ready", "planned")


@dataclass(frozen=True)
class Unit:
    """One unit of the course: a lesson notebook, an exercise notebook and what they teach."""

    number: int
    slug: str
    title: str
    status: str
    lesson: str  # path relative to the course root, e.g. "lessons/01_graphs_and_sessions.ipynb"
    exercise: str  # the learner's blank, generated from masters/<same file name>
    objectives: tuple = field(default=())
    seeds: tuple = field(default=())
    optional: bool = False  # a "build it" unit: nothing later depends on it

    @property
    def label(self) -> str:
        return f"{self.number:02d}"

    @property
    def ready(self) -> bool:
        return self.status == "ready"

    @property
    def master(self) -> str:
        """The master notebook (reference solutions), relative to the course root."""
        return f"course/masters/{Path(self.exercise).name}"

    @property
    def checks_module(self) -> str:
        return f"course.checks.unit{self.number:02d}"


def load_syllabus(path: Path | str = SYLLABUS_FILE) -> list[Unit]:
    """The units in course order. Raises ValueError if the file breaks its own rules."""
    with open(path, "rb") as f:
        data = tomllib.load(f)
    units = []
    for entry in data.get("unit", []):
        entry = dict(entry)
        entry["objectives"] = tuple(entry.get("objectives", ()))
        entry["seeds"] = tuple(entry.get("seeds", ()))
        units.append(Unit(**entry))
    for position, unit in enumerate(units):
        if unit.number != position:
            raise ValueError(
                f"{path}: unit {unit.title!r} has number {unit.number}, expected {position}"
            )
        if unit.status not in STATUSES:
            raise ValueError(
                f"{path}: unit {unit.label} has status {unit.status!r}, not one of {STATUSES}"
            )
        for kind, name in (("lesson", unit.lesson), ("exercise", unit.exercise)):
            expected = f"{kind}s/{unit.label}_{unit.slug}.ipynb"
            if name != expected:
                raise ValueError(
                    f"{path}: unit {unit.label} {kind} is {name!r}, expected {expected!r}"
                )
    return units


def find_unit(units: list[Unit], number: int) -> Unit | None:
    return next((unit for unit in units if unit.number == number), None)


def problems(root: Path | str = COURSE_ROOT) -> list[str]:
    """Where the syllabus, lessons/, exercises/ and course/masters/ disagree (empty when they
    agree).

    A ready unit needs its lesson, its exercise and the exercise's master. A planned unit may lack
    any of them. Every notebook in those folders must belong to a unit of the syllabus.
    """
    root = Path(root)
    units = load_syllabus(root / "course" / "syllabus.toml")
    found = []
    listed = set()
    for unit in units:
        for kind, relative in (
            ("lesson", unit.lesson),
            ("exercise", unit.exercise),
            ("master", unit.master),
        ):
            listed.add(relative)
            if unit.ready and not (root / relative).exists():
                found.append(f"unit {unit.label} is ready but its {kind} {relative} is missing")
    for folder in ("lessons", "exercises", "course/masters"):
        for notebook in sorted((root / folder).glob("*.ipynb")):
            relative = notebook.relative_to(root).as_posix()
            if relative not in listed:
                found.append(f"{relative} is not listed in course/syllabus.toml")
    return found
