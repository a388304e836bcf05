"""How long a lesson takes to read: the course's pacing rule (issue 21).

A lesson's reading time is its markdown words at 200 words a minute plus 8 seconds for each
non-blank line of code, over every cell (outputs are not counted). No lesson may take more than
MAX_MINUTES; a longer one is split into two units. `python -m course.pacing` prints the table.
"""

from __future__ import annotations

from course import notebooks
from course.syllabus import COURSE_ROOT, load_syllabus

WORDS_PER_MINUTE = 200
SECONDS_PER_CODE_LINE = 8
MAX_MINUTES = 30


def reading_minutes(nb) -> float:
    words = sum(len(cell.source.split()) for cell in nb.cells if cell.cell_type == "markdown")
    code_lines = sum(
        1
        for cell in nb.cells
        if cell.cell_type == "code"
        for line in cell.source.splitlines()
        if line.strip()
    )
    return words / WORDS_PER_MINUTE + code_lines * SECONDS_PER_CODE_LINE / 60


def table() -> list[tuple[str, float]]:
    """(lesson path, minutes) for every lesson that exists, in syllabus order."""
    return [
        (unit.lesson, reading_minutes(notebooks.read(COURSE_ROOT / unit.lesson)))
        for unit in load_syllabus()
        if (COURSE_ROOT / unit.lesson).exists()
    ]


if __name__ == "__main__":
    print("| lesson | minutes |\n| --- | ---: |")
    for lesson, minutes in table():
        print(f"| {lesson} | {minutes:.1f} |")
