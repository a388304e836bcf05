"""A teacher's demo copy (`python -m course demo N`) in JupyterLab.

The copy opens with no outputs at all, runs top to bottom without errors, and its first cell puts
drawings and widgets in presenter mode: larger text, no arrow labels, widgets marked
`learntf-presenter` and an 800-pixel training-curve picture.
"""

import subprocess
import sys


def make_demo(course_copy, unit):
    made = subprocess.run(
        [
            sys.executable,
            "-m",
            "course",
            "--root",
            str(course_copy),
            "demo",
            str(unit),
            "--copy-only",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert made.returncode == 0, made.stdout + made.stderr


def test_demo_of_lesson_01_opens_empty_and_draws_for_the_projector(
    open_notebook, course_copy, screenshots
):
    lesson = (course_copy / "lessons" / "01_graphs_and_sessions.ipynb").read_bytes()
    make_demo(course_copy, 1)
    notebook = open_notebook("demo/01_graphs_and_sessions.ipynb")
    assert notebook.panel.locator(".jp-OutputArea-output").count() == 0  # outputs cleared
    assert all("[ ]" in prompt for prompt in notebook.prompts())
    notebook.screenshot(screenshots, "demo01-opened")
    notebook.run_all()
    assert notebook.error_outputs() == [] and notebook.widget_failures() == []
    drawings = notebook.drawings()
    assert len(drawings) == 2
    assert min(drawings[0]["font_sizes"]) >= 18 and drawings[0]["edge_labels"] == 0
    notebook.panel.locator(".jp-RenderedSVG").first.scroll_into_view_if_needed()
    notebook.screenshot(screenshots, "demo01-presenter-drawing")
    assert (course_copy / "lessons" / "01_graphs_and_sessions.ipynb").read_bytes() == lesson


def test_demo_of_lesson_10_shows_widgets_in_presenter_mode(open_notebook, course_copy, screenshots):
    make_demo(course_copy, 10)
    notebook = open_notebook("demo/10_visualizing_training.ipynb")
    notebook.run_all(timeout=240)
    assert notebook.error_outputs() == [] and notebook.widget_failures() == []
    graphs = notebook.panel.locator(".learntf-graph-widget")
    assert graphs.count() >= 1
    assert (
        graphs.count() == notebook.panel.locator(".learntf-graph-widget.learntf-presenter").count()
    )
    # finish() replaced each live curve with its final picture, drawn 800 pixels wide
    assert notebook.panel.locator(".learntf-training-curves").count() == 0
    curves = notebook.panel.locator(".jp-RenderedImage img")
    widths = curves.evaluate_all("images => images.map(i => i.naturalWidth)")
    assert 800 in widths, widths
    curves = curves.nth(widths.index(800))
    graphs.first.scroll_into_view_if_needed()
    notebook.screenshot(screenshots, "demo10-presenter-graph-widget")
    curves.first.scroll_into_view_if_needed()
    notebook.screenshot(screenshots, "demo10-presenter-training-curves")
