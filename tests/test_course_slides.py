"""Slide metadata (course/slides.py): every lesson is split into slide-sized sections.

A slideshow extension (RISE) reads `metadata.slideshow.slide_type`; without one the metadata is
invisible. Every lesson's title and `##` sections start a slide, long sections are cut into
subslides between steps, and running the tool again changes nothing.
"""

import nbformat
import pytest

from course import notebooks, slides
from course.syllabus import COURSE_ROOT, load_syllabus

LESSONS = [
    COURSE_ROOT / unit.lesson for unit in load_syllabus() if (COURSE_ROOT / unit.lesson).exists()
]


def slide_type(cell):
    return cell.metadata.get("slideshow", {}).get("slide_type")


@pytest.mark.parametrize("path", LESSONS, ids=[path.stem for path in LESSONS])
def test_every_lesson_section_starts_a_slide(path):
    nb = notebooks.read(path)
    fix = f"run `python -m course.slides {path.relative_to(COURSE_ROOT)}` and commit the lesson"
    assert slides.heading_level(nb.cells[0]) == 1 and slide_type(nb.cells[0]) == "slide", fix
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            lines = cell.source.split("\n")
            inner = [line for line in lines[1:] if line.startswith("## ")]
            assert not inner, f"cell {index}: section {inner[0]!r} starts inside a cell; {fix}"
        if slides.heading_level(cell) == 2:
            assert slide_type(cell) == "slide", (
                f"cell {index} ({cell.source.splitlines()[0]}): {fix}"
            )
    assert not slides.mark(nb), f"the slide metadata is out of date; {fix}"


def markdown(text, **meta):
    cell = nbformat.v4.new_markdown_cell(text)
    cell.metadata.update(meta)
    return cell


def code(text, output_lines=0):
    cell = nbformat.v4.new_code_cell(text)
    if output_lines:
        cell.outputs = [
            nbformat.v4.new_output(
                "stream", name="stdout", text="\n".join(["x"] * output_lines) + "\n"
            )
        ]
    return cell


def test_title_and_sections_are_slides_try_it_a_fragment_and_the_rest_continues():
    nb = nbformat.v4.new_notebook(
        cells=[
            markdown("# 99 · Title\n\nWhat this lesson is about."),
            code("import learntf"),
            markdown("## A section\n\nSome text."),
            code("print(1)", 1),
            markdown("**Try it:** change it."),
            markdown("### A smaller part"),
            code("print(2)", 1),
        ]
    )
    assert slides.mark(nb)
    assert [slide_type(cell) for cell in nb.cells] == [
        "slide",
        None,
        "slide",
        None,
        "fragment",
        "subslide",
        None,
    ]
    assert not slides.mark(nb)  # a second run changes nothing


def test_a_long_section_is_cut_into_subslides_between_steps_never_inside_one():
    nb = nbformat.v4.new_notebook(
        cells=[
            markdown("## Long"),
            code("a", 8),
            markdown("Step two."),
            code("b", 8),
            markdown("Step three."),
            code("c", 8),
            markdown("**Try it:** the prompt no longer fits."),
            code("d", 20),
        ]
    )
    slides.mark(nb)
    kinds = [slide_type(cell) for cell in nb.cells]
    assert kinds == ["slide", None, None, None, "subslide", None, "subslide", None]
    assert all(kind is None for cell, kind in zip(nb.cells, kinds) if cell.cell_type == "code")


def test_a_section_heading_inside_a_cell_is_split_into_a_cell_of_its_own():
    cell = markdown(
        "**Try it:** one thing.\n\n## Next section\n\nIts text.\n\n```\n## not a heading\n```"
    )
    cell.id = "abc"
    nb = nbformat.v4.new_notebook(cells=[markdown("# T"), cell])
    slides.mark(nb)
    assert [c.source for c in nb.cells] == [
        "# T",
        "**Try it:** one thing.",
        "## Next section\n\nIts text.\n\n```\n## not a heading\n```",
    ]
    assert [slide_type(c) for c in nb.cells] == ["slide", "fragment", "slide"]
    assert nb.cells[2].id == "abc-s1"
    nbformat.validate(nb)


def test_stale_slide_metadata_is_removed_and_other_metadata_kept():
    nb = nbformat.v4.new_notebook(
        cells=[
            markdown("# T"),
            markdown("Just text.", slideshow={"slide_type": "slide"}, tags=["keep"]),
        ]
    )
    slides.mark(nb)
    assert nb.cells[1].metadata == {"tags": ["keep"]}


def test_image_heights_count():
    png = "iVBORw0KGgoAAAANSUhEUgAAAeAAAAEYCAYAAACEVQE9"  # IHDR of a 480 x 280 picture
    assert slides.image_lines("image/png", png) == 280 // slides.PIXELS_PER_LINE + 1
    svg = '<svg width="251pt" height="449pt" viewBox="0 0 251 449">'
    assert slides.image_lines("image/svg+xml", svg) == 449 // slides.POINTS_PER_LINE + 1


def test_check_mode_reports_without_writing(tmp_path, capsys):
    path = tmp_path / "lesson.ipynb"
    path.write_text(notebooks.serialize(nbformat.v4.new_notebook(cells=[markdown("# T")])))
    before = path.read_text()
    assert slides.main(["--check", str(path)]) == 1 and path.read_text() == before
    assert "slides out of date" in capsys.readouterr().out
    assert slides.main([str(path)]) == 0 and slides.main(["--check", str(path)]) == 0
