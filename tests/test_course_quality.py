"""The course's teaching rules from issue 21, for every lesson and exercise.

- Pacing: no lesson takes more than 30 minutes to read (course/pacing.py says how it is counted).
- Each lesson opens with its unit's objectives, word for word from the syllabus, and ends with a
  "What to remember" recap that has a point for each.
- A number quoted in prose is marked (a markdown cell's metadata "quotes": ["0.52", ...]) and
  appears in the output of a code cell of the same section.
- Exercises ask for transfer: each question's markdown cell says its kind in its metadata
  ("question": {"kind": "transfer" | "recall"}); each unit has two transfer questions or more,
  and the whole course at most MAX_RECALL questions that reproduce a lesson cell.
- No three-option multiple choice: a `choice(...)` question offers four options or more.
- Each unit from 01 on keeps a stored wrong answer of the shortcut kind ("typed the number" or
  "skipped the API"), which the exercise tests prove fails.
- No learner's blank holds text from a master-only cell.

Issue 22 opens the engine:

- Each of the twelve first TF ideas (units 01-20, grouped as the course was before the splits)
  has one optional "## Under the hood: ..." section in one of its lessons, printed from the live
  module with `inspect.getsource` in a `learntf-only` cell, and one optional question about it,
  the last of that unit's exercise.
- The build-it units (23-25) are optional units whose own questions are required.
"""

import ast
import re

import pytest

from course import notebooks, pacing
from course.syllabus import COURSE_ROOT, load_syllabus

READY = [unit for unit in load_syllabus() if unit.ready]
IDS = [unit.label for unit in READY]
MAX_RECALL = 10
SHORTCUT_KINDS = ("typed the number", "skipped the API")
OBJECTIVES_LEAD = "By the end of this lesson you can:"


def lesson(unit):
    return notebooks.read(COURSE_ROOT / unit.lesson)


def master(unit):
    return notebooks.read(COURSE_ROOT / unit.master)


@pytest.mark.parametrize("unit", READY, ids=IDS)
def test_no_lesson_takes_more_than_thirty_minutes_to_read(unit):
    minutes = pacing.reading_minutes(lesson(unit))
    assert minutes <= pacing.MAX_MINUTES, (
        f"{unit.lesson} takes {minutes:.1f} minutes to read; split or trim it"
    )


@pytest.mark.parametrize("unit", READY, ids=IDS)
def test_a_lesson_opens_with_its_objectives_and_ends_with_a_recap_of_them(unit):
    cells = lesson(unit).cells
    first = next(cell.source for cell in cells if cell.cell_type == "markdown")
    assert OBJECTIVES_LEAD in first, f"{unit.lesson}: its first cell lists the objectives"
    for objective in unit.objectives:
        assert f"- {objective}" in first, f"{unit.lesson} does not list: {objective}"
    sections = [
        (index, line)
        for index, cell in enumerate(cells)
        if cell.cell_type == "markdown"
        for line in cell.source.splitlines()
        if line.startswith("## ")
    ]
    assert sections and sections[-1][1].strip() == "## What to remember", (
        f"{unit.lesson} ends with a '## What to remember' section"
    )
    recap = "\n".join(
        cell.source for cell in cells[sections[-1][0] :] if cell.cell_type == "markdown"
    )
    bullets = [line for line in recap.splitlines() if re.match(r"^\s*[-*] ", line)]
    assert len(bullets) >= len(unit.objectives), (
        f"{unit.lesson}'s recap has {len(bullets)} points for {len(unit.objectives)} objectives"
    )


def output_text(cell):
    text = ""
    for out in cell.get("outputs", []):
        text += str(out.get("text", ""))
        data = out.get("data", {})
        for mime in ("text/plain", "text/markdown", "text/html"):
            text += str(data.get(mime, ""))
    return text


def quoted_numbers(nb):
    """(cell index, quoted string, its cell's source, the outputs of its section's code cells)."""
    current = []
    sections = [current]  # cell indices, one list per heading
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown" and any(
            line.startswith(("# ", "## ")) for line in cell.source.splitlines()
        ):
            current = []
            sections.append(current)
        current.append(index)
    for section in sections:
        outputs = "\n".join(output_text(nb.cells[i]) for i in section)
        for index in section:
            for quote in nb.cells[index].get("metadata", {}).get("quotes", []):
                yield index, quote, nb.cells[index].source, outputs


NOTEBOOKS = [(unit.lesson, unit) for unit in READY] + [(unit.master, unit) for unit in READY]


@pytest.mark.parametrize("path", [p for p, _ in NOTEBOOKS], ids=[p for p, _ in NOTEBOOKS])
def test_every_marked_quote_matches_the_stored_outputs(path):
    nb = notebooks.read(COURSE_ROOT / path)
    for index, quote, source, outputs in quoted_numbers(nb):
        assert quote in source, f"{path} cell {index} marks {quote!r} but does not say it"
        assert quote in outputs, (
            f"{path} cell {index} quotes {quote!r}, which no output of its section shows"
        )


def test_the_course_marks_the_numbers_it_quotes():
    marked = sum(
        1 for path, _ in NOTEBOOKS for _ in quoted_numbers(notebooks.read(COURSE_ROOT / path))
    )
    assert marked >= len(READY), "mark the numbers prose quotes from outputs (metadata quotes)"


def question_kinds(nb):
    """{question: kind} from the metadata of the markdown cell that asks each question (the last
    markdown cell before its answer cell)."""
    return {q: meta.get("kind") for q, meta in notebooks.question_metadata(nb).items()}


@pytest.mark.parametrize("unit", READY, ids=IDS)
def test_each_unit_asks_for_transfer_at_least_twice(unit):
    kinds = question_kinds(master(unit))
    unmarked = [q for q, kind in kinds.items() if kind not in ("transfer", "recall")]
    assert not unmarked, f"{unit.master}: mark the kind of questions {unmarked}"
    if unit.number > 0:  # unit 00 teaches the course's tools, not TensorFlow
        assert sum(kind == "transfer" for kind in kinds.values()) >= 2, unit.master


def test_at_most_ten_questions_in_the_course_reproduce_a_lesson_cell():
    recall = [
        (unit.label, q)
        for unit in READY
        for q, kind in question_kinds(master(unit)).items()
        if kind == "recall" and unit.number > 0
    ]
    assert len(recall) <= MAX_RECALL, recall


@pytest.mark.parametrize("unit", READY, ids=IDS)
def test_multiple_choice_offers_four_options_or_more(unit):
    source = (COURSE_ROOT / "course" / "checks" / f"unit{unit.label}.py").read_text()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "choice":
            options = node.args[1] if len(node.args) > 1 else None
            if isinstance(options, (ast.Tuple, ast.List, ast.Set)):
                count = len(options.elts)
            elif isinstance(options, ast.Constant) and isinstance(options.value, str):
                count = len(options.value)
            else:
                continue
            assert count >= 4, f"unit{unit.label}.py line {node.lineno}: {count} options"


@pytest.mark.parametrize("unit", [u for u in READY if u.number > 0], ids=IDS[1:])
def test_each_unit_keeps_a_shortcut_wrong_answer(unit):
    whys = [wrong.why for wrong in notebooks.wrong_answers(master(unit))]
    assert any(why.startswith(SHORTCUT_KINDS) for why in whys), (
        f"{unit.master}: store a wrong answer that types the number or skips the API"
    )


@pytest.mark.parametrize("unit", READY, ids=IDS)
def test_no_blank_holds_master_only_text(unit):
    blank = "\n".join(cell.source for cell in notebooks.read(COURSE_ROOT / unit.exercise).cells)
    for cell in master(unit).cells:
        if notebooks.MASTER_ONLY_TAG in cell.get("metadata", {}).get("tags", []):
            for line in cell.source.splitlines():
                if len(line.strip()) > 20:  # a real sentence, not a blank line or a bracket
                    assert line.strip() not in blank, f"{unit.exercise} shows: {line.strip()}"


# --- under the hood (issue 22) ------------------------------------------------------------------

HOOD_HEADING = "## Under the hood"
HOOD_LEAD = "*Optional, learntf only.*"
# The course's first twelve ideas, as units before issue 21 split them: each group has one
# under-the-hood section in one of its lessons.
HOOD_GROUPS = [
    (1,),
    (2,),
    (3,),
    (4, 5),
    (6,),
    (7, 8, 9),
    (10, 11),
    (12, 13),
    (14, 15),
    (16, 17),
    (18,),
    (19, 20),
]


def sections(nb):
    """[(heading line, cells)] for each `##` section of a notebook."""
    found = []
    for cell in nb.cells:
        first = cell.source.lstrip().split("\n", 1)[0] if cell.cell_type == "markdown" else ""
        if first.startswith("## "):
            found.append((first, []))
        if found:
            found[-1][1].append(cell)
    return found


def hood_sections(unit):
    return [(h, cells) for h, cells in sections(lesson(unit)) if h.startswith(HOOD_HEADING)]


UNITS_BY_NUMBER = {unit.number: unit for unit in READY}


@pytest.mark.parametrize("group", HOOD_GROUPS, ids=["-".join(map(str, g)) for g in HOOD_GROUPS])
def test_each_of_the_first_twelve_ideas_has_one_under_the_hood_section(group):
    hosts = [n for n in group if n in UNITS_BY_NUMBER and hood_sections(UNITS_BY_NUMBER[n])]
    assert len(hosts) == 1, f"units {group}: want one under-the-hood section, found in {hosts}"
    assert len(hood_sections(UNITS_BY_NUMBER[hosts[0]])) == 1


@pytest.mark.parametrize("unit", READY, ids=IDS)
def test_an_under_the_hood_section_prints_the_live_engine_and_is_optional(unit):
    from course import tf_parity

    for heading, cells in hood_sections(unit):
        after_heading = cells[0].source.lstrip().split("\n", 1)[-1].lstrip()
        assert after_heading.startswith(HOOD_LEAD), (
            f"{unit.lesson} {heading!r}: open with {HOOD_LEAD!r}"
        )
        code = [cell for cell in cells if cell.cell_type == "code"]
        assert 1 <= len(code) <= 2, f"{unit.lesson} {heading!r}: one code cell, two at most"
        printing = [cell for cell in code if "inspect.getsource(" in cell.source]
        assert printing, (
            f"{unit.lesson} {heading!r}: print the engine code from the module, so it never drifts"
        )
        for cell in printing:  # (a cell that runs the same on TensorFlow stays untagged)
            assert tf_parity.LEARNTF_ONLY in tf_parity.tags(cell), f"{unit.lesson} {heading!r}"
            assert cell.outputs


@pytest.mark.parametrize("unit", READY, ids=IDS)
def test_a_unit_with_an_under_the_hood_section_asks_one_optional_question_last(unit):
    meta = notebooks.question_metadata(master(unit))
    optional = [q for q, m in meta.items() if m.get("optional")]
    if unit.optional:  # a build-it unit is optional as a whole; its questions are required
        assert optional == [], f"{unit.master}: inside an optional unit every question counts"
        return
    if hood_sections(unit):
        assert optional == [max(meta)], (
            f"{unit.master}: ask one optional question about the under-the-hood section, last"
        )
        assert meta[optional[0]].get("kind") == "transfer"
        nb = master(unit)
        answer_cell = notebooks.answer_cells(nb)[optional[0]]
        asking = next(c for c in reversed(nb.cells[:answer_cell]) if c.cell_type == "markdown")
        assert asking.source.startswith(f"## Question {optional[0]} (optional, under the hood)")
    else:
        assert optional == [], f"{unit.master}: optional questions belong to under-the-hood units"


def test_the_build_it_units_are_ready_and_optional():
    build = [unit for unit in load_syllabus() if unit.slug.startswith("build_")]
    assert [unit.number for unit in build] == [23, 24, 25]
    assert all(unit.ready and unit.optional for unit in build)
