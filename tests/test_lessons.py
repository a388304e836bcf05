"""Every lesson re-runs to exactly its stored outputs (nbval, strict), and follows the lesson rules.

A lesson's stored outputs are what the learner reads next to the code, so they must be what
learntf prints today. nbval compares text, HTML, SVG and stderr; tests/nbval_sanitize.cfg replaces
Graphviz SVG (version-dependent coordinates) and matplotlib's figure repr, and nothing else.
"""

import re
import subprocess
import sys

import pytest

from course import notebooks
from course.syllabus import COURSE_ROOT, load_syllabus

SANITIZE = COURSE_ROOT / "tests" / "nbval_sanitize.cfg"
LESSONS = [
    COURSE_ROOT / unit.lesson for unit in load_syllabus() if (COURSE_ROOT / unit.lesson).exists()
]
LESSON_IDS = [path.stem for path in LESSONS]


def sanitize_patterns():
    return re.findall(
        r"^regex: (.*)$\n^replace: (.*)$", SANITIZE.read_text(encoding="utf-8"), flags=re.MULTILINE
    )


def outputs(path):
    for index, cell in enumerate(notebooks.read(path).cells):
        for output in cell.get("outputs", []):
            yield index, output


@pytest.mark.slow
def test_every_lesson_reproduces_its_stored_outputs_under_strict_nbval():
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "--nbval",
            "--nbval-current-env",
            "--nbval-sanitize-with",
            str(SANITIZE),
            *map(str, LESSONS),
        ],
        cwd=COURSE_ROOT,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
    assert (
        f"{sum(1 for p in LESSONS for c in notebooks.read(p).cells if c.cell_type == 'code')} "
        "passed" in run.stdout
    )


@pytest.mark.parametrize("path", LESSONS, ids=LESSON_IDS)
def test_the_sanitizer_leaves_every_text_output_alone(path):
    """Only drawings are sanitized: no printed number a lesson teaches with is hidden from nbval."""
    for index, output in outputs(path):
        texts = [output.get("text", "")] + [output.get("data", {}).get("text/plain", "")]
        for text in texts:
            for regex, replace in sanitize_patterns():
                if "svg" in regex:
                    assert re.sub(regex, replace, text) == text, (
                        f"cell {index}: the SVG pattern hides text"
                    )


@pytest.mark.parametrize("path", LESSONS, ids=LESSON_IDS)
def test_every_drawing_has_its_text_description_beside_it(path):
    for index, output in outputs(path):
        data = output.get("data", {})
        if "image/svg+xml" in data:
            described = data.get("text/plain", "")
            assert re.match(r"(Sub)?[Gg]raph", described), (
                f"cell {index}: a drawing without describe() text beside it; nbval could not "
                "check its content"
            )


@pytest.mark.parametrize("path", LESSONS, ids=LESSON_IDS)
def test_stored_outputs_are_deterministic(path):
    for index, output in outputs(path):
        text = str(output.get("text", "")) + str(output.get("data", {}).get("text/plain", ""))
        assert not re.search(r"\bat 0x[0-9a-f]+", text), (
            f"cell {index} shows a memory address: {text[:200]}"
        )
        assert output.output_type != "error", f"cell {index} stored an error"
        assert not (output.output_type == "stream" and output.name == "stderr"), (
            f"cell {index} wrote to stderr"
        )


@pytest.mark.parametrize("path", LESSONS, ids=LESSON_IDS)
def test_every_section_invites_the_learner_to_try_something(path):
    nb = notebooks.read(path)
    sections, current = {}, None
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for line in cell.source.splitlines():
            if line.startswith("## "):
                current = line[3:]
                sections[current] = False
            if current is not None and "**Try it:**" in line:
                sections[current] = True
    assert sections, "a lesson is organized in ## sections"
    sections.pop("What to remember", None)  # the closing summary teaches nothing new
    assert [title for title, tried in sections.items() if not tried] == []
