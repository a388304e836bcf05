"""Slide metadata for the lessons: `python -m course.slides [--check] [NOTEBOOK ...]`.

A teacher presents a lesson live from its demo copy (`python -m course demo N`). With a slideshow
extension (RISE for JupyterLab, `jupyterlab-rise`), each cell's `metadata.slideshow.slide_type`
says where a slide starts; without one the metadata is invisible and the notebook is a notebook.
This tool writes that metadata, from the lesson's headings and an estimate of each cell's height:

    slide      the title cell (`# `) and every section (`## `)
    subslide   a `### ` heading, and a markdown cell that starts a new step of a section once the
               slide so far would not fit on a projected screen
    fragment   a **Try it:** prompt that still fits: it appears on the same slide, one click later
    (none)     everything else continues the current slide

A `##` heading in the middle of a markdown cell (a section that starts right after the previous
section's **Try it:**) is split off into a cell of its own first, so every section starts a slide.
The tool owns `metadata.slideshow`: running it again changes nothing.  `python -m course.generate
--execute` runs it on the lessons it executes; tests/test_course_slides.py checks every lesson.
"""

from __future__ import annotations

import argparse
import base64
import re
import struct
import sys
from pathlib import Path

import nbformat

from course import notebooks
from course.syllabus import COURSE_ROOT, load_syllabus

# A projected slide shows about this many lines of text (RISE's default 1280x720 at 150% zoom).
SLIDE_LINES = 30
WRAP = 100  # characters per line of a wrapped markdown paragraph
OUTPUT_LINES = 25  # a long output scrolls inside the slide: count it as this many lines at most
PIXELS_PER_LINE = 22
POINTS_PER_LINE = 16
HEADING = re.compile(r"^(#{1,3}) \S")
TRY_IT = "**Try it:**"


def cell_text(cell) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def heading_level(cell) -> int:
    """1, 2 or 3 for a markdown cell whose first line is a `#`, `##` or `###` heading, else 0."""
    if cell.cell_type != "markdown":
        return 0
    match = HEADING.match(cell_text(cell).lstrip("\n"))
    return len(match.group(1)) if match else 0


def split_at_headings(nb) -> int:
    """Split markdown cells so that every `#`/`##`/`###` heading starts its own cell (fenced code
    blocks are left alone).  Returns how many cells were added."""
    cells, added = [], 0
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            cells.append(cell)
            continue
        pieces, current, fenced = [], [], False
        for line in cell_text(cell).split("\n"):
            if line.lstrip().startswith("```"):
                fenced = not fenced
            if not fenced and HEADING.match(line) and any(text.strip() for text in current):
                pieces.append(current)
                current = []
            current.append(line)
        pieces.append(current)
        for number, lines in enumerate(pieces):
            piece = cell if number == 0 else nbformat.v4.new_markdown_cell()
            while len(pieces) > 1 and lines and not lines[-1].strip():
                lines = lines[:-1]  # the blank line that separated the pieces
            piece.source = "\n".join(lines)
            if number and "id" in cell:
                piece.id = f"{cell.id[:56]}-s{number}"
            cells.append(piece)
        added += len(pieces) - 1
    nb.cells = cells
    return added


def text_lines(text: str) -> int:
    return sum(max(1, -(-len(line) // WRAP)) for line in text.split("\n"))


def image_lines(mime: str, data) -> int:
    """How many text lines an image output takes, from the height it declares."""
    try:
        if mime == "image/png":
            raw = base64.b64decode(data if isinstance(data, str) else "".join(data))[:32]
            height = struct.unpack(">I", raw[20:24])[0]  # the IHDR chunk: width, height
            return -(-height // PIXELS_PER_LINE)
        match = re.search(
            r'<svg[^>]*\sheight="([\d.]+)(pt|px)?"',
            data if isinstance(data, str) else "".join(data),
        )
        if match:
            height = float(match.group(1))
            return (
                int(height / (POINTS_PER_LINE if match.group(2) != "px" else PIXELS_PER_LINE)) + 1
            )
    except (ValueError, struct.error):
        pass
    return 10


def output_lines(output) -> int:
    if output.output_type == "stream":
        return min(OUTPUT_LINES, text_lines(output.get("text", "").rstrip("\n")))
    if output.output_type == "error":
        return min(OUTPUT_LINES, len(output.get("traceback", [])) + 1)
    data = output.get("data", {})
    for mime in ("image/png", "image/svg+xml"):
        if mime in data:
            return image_lines(mime, data[mime])
    if "application/vnd.jupyter.widget-view+json" in data:
        return 15
    return min(OUTPUT_LINES, text_lines(str(data.get("text/plain", "")).rstrip("\n")))


def cell_lines(cell) -> int:
    """An estimate of the cell's height on a slide, in lines of text."""
    if cell.cell_type == "markdown":
        return text_lines(cell_text(cell).strip("\n")) + 1
    source = text_lines(cell_text(cell)) + 1
    return source + sum(output_lines(output) for output in cell.get("outputs", []))


def slide_types(nb) -> list[str | None]:
    """The slide type of each cell ('slide', 'subslide', 'fragment' or None)."""
    cells = nb.cells
    kinds: list[str | None] = []
    used = 0  # lines on the current slide (or subslide) so far
    for index, cell in enumerate(cells):
        level, lines = heading_level(cell), cell_lines(cell)
        if level in (1, 2):
            kind, used = "slide", 0
        elif level == 3:
            kind, used = "subslide", 0
        elif (
            cell.cell_type == "markdown" and used and used + step_lines(cells, index) > SLIDE_LINES
        ):
            kind, used = "subslide", 0
        elif cell.cell_type == "markdown" and cell_text(cell).lstrip().startswith(TRY_IT):
            kind = "fragment"
        else:
            kind = None
        kinds.append(kind)
        used += lines
    return kinds


def step_lines(cells, index) -> int:
    """Lines of the markdown cell at `index` and of the code cells after it, up to the next
    markdown cell: one step of the explanation, which a new subslide should not cut."""
    total = cell_lines(cells[index])
    for cell in cells[index + 1 :]:
        if cell.cell_type == "markdown":
            break
        total += cell_lines(cell)
    return total


def mark(nb) -> bool:
    """Split cells at headings and write each cell's slideshow metadata.  Returns whether the
    notebook changed."""
    changed = split_at_headings(nb) > 0
    for cell, kind in zip(nb.cells, slide_types(nb)):
        wanted = {"slide_type": kind} if kind else None
        if cell.metadata.get("slideshow") != wanted:
            changed = True
            if wanted:
                cell.metadata["slideshow"] = wanted
            else:
                cell.metadata.pop("slideshow", None)
    return changed


def mark_file(path: Path, write: bool = True) -> bool:
    """Mark one notebook file; returns whether it changed (or would change, with write=False)."""
    nb = notebooks.read(path)
    changed = mark(nb)
    if changed and write:
        path.write_text(notebooks.serialize(nb), encoding="utf-8")
    return changed


def lesson_paths(root: Path = COURSE_ROOT) -> list[Path]:
    return [
        root / unit.lesson
        for unit in load_syllabus(root / "course" / "syllabus.toml")
        if (root / unit.lesson).exists()
    ]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m course.slides", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="only report notebooks whose slide metadata is missing or stale",
    )
    parser.add_argument(
        "notebooks",
        nargs="*",
        type=Path,
        help="notebooks to mark (default: every lesson of the syllabus)",
    )
    args = parser.parse_args(argv)
    stale = []
    for path in args.notebooks or lesson_paths():
        if mark_file(path, write=not args.check):
            stale.append(path)
            print(
                f"slides out of date: {path} (run python -m course.slides {path})"
                if args.check
                else f"marked slides in {path}"
            )
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
