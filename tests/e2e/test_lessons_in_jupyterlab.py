"""Lessons 01 and 10 in JupyterLab, run top to bottom as a learner does (Run > Run All Cells).

What the learner must see: no traceback or stderr anywhere; lesson 01's graph drawn as an SVG
whose nodes are the ops of `f = x*x*y + y + 2`; in lesson 10 (visualizing training) the graph
widget rendered and answering when a node is picked in it, and the training curves redrawn while
the training loop runs; nowhere ipywidgets' "Error displaying widget" / "Loading widget..." or
"Javascript Error".

Lesson 10's loops train in about a second, too quick to count redraws in a browser reliably, so
a small notebook of the test's own (in the course copy only) runs a three-second loop feeding
TrainingCurves the way the lesson does, and the picture must change several times meanwhile.
"""

import nbformat
import pytest

# f = x*x*y + y + 2 in lesson 01: two variables, two Mul, two AddV2 and the constant 2.
LESSON_01_NODES = {"x", "y", "mul", "mul_1", "add", "add_1/y", "add_1"}

# Counts, for every training-curves picture, how often it changed while its cell was running.
WATCH_CURVES = """() => {
    window.curveUpdates = [];
    new MutationObserver(records => {
        for (const record of records) {
            const image = record.target;
            if (!image.classList || !image.classList.contains('learntf-curves-image')) continue;
            const codeCell = image.closest('.jp-CodeCell');
            if (!codeCell) continue;  // finish() already closed this view
            const prompt = codeCell.querySelector('.jp-InputPrompt');
            window.curveUpdates.push({cell: [...document.querySelectorAll('.jp-Notebook .jp-Cell')]
                                             .indexOf(image.closest('.jp-Cell')),
                                      running: prompt.textContent.includes('*')});
        }
    }).observe(document.body, {subtree: true, attributes: true, attributeFilter: ['src']});
}"""


LIVE_LOOP = """\
import time
import learntf.viz as viz
curves = viz.TrainingCurves(("train", "valid"), refresh_every=0.25, ylabel="MSE")
display(curves)
for step in range(60):
    time.sleep(0.05)   # a training step
    curves.add(step, train=1.0 / (step + 1), valid=1.2 / (step + 1))
curves.finish()"""


@pytest.fixture(scope="module")
def live_curves_notebook(course_copy):
    folder = course_copy / "e2e_probe"
    folder.mkdir(exist_ok=True)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(LIVE_LOOP)])
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, str(folder / "live_curves.ipynb"))
    return "e2e_probe/live_curves.ipynb"


def updates_while_running(page):
    """{cell index: how many times its curves picture changed while the cell was running}."""
    live = {}
    for update in page.evaluate("() => window.curveUpdates"):
        if update["running"]:
            live[update["cell"]] = live.get(update["cell"], 0) + 1
    return live


def code_cell_index(relative, source):
    """The index of the lesson's cell whose source is `source` (indices move as lessons grow)."""
    from course import notebooks
    from course.syllabus import COURSE_ROOT

    cells = notebooks.read(COURSE_ROOT / relative).cells
    (index,) = [
        i
        for i, cell in enumerate(cells)
        if cell.cell_type == "code" and cell.source.strip() == source
    ]
    return index


def assert_clean(notebook):
    assert notebook.error_outputs() == []
    assert notebook.widget_failures() == []
    assert all(any(ch.isdigit() for ch in prompt) for prompt in notebook.prompts()), (
        "a cell did not run (Run All stops at the first error): " + " ".join(notebook.prompts())
    )


def test_lesson_01_runs_without_errors_and_draws_its_graph(open_notebook, screenshots):
    notebook = open_notebook("lessons/01_graphs_and_sessions.ipynb")
    notebook.run_all()
    assert_clean(notebook)
    # the section on disable_v2_behavior(): this notebook builds graphs, a fresh TF2 program
    # does not
    mode_cell = code_cell_index("lessons/01_graphs_and_sessions.ipynb", "tf.executing_eagerly()")
    assert notebook.output_text(mode_cell).strip() == "False"
    drawings = notebook.drawings()
    assert len(drawings) == 2, drawings
    first, with_init = drawings
    assert first["parsed"] and first["decoded"]
    assert set(first["nodes"]) == LESSON_01_NODES
    assert set(with_init["nodes"]) == LESSON_01_NODES | {"init"}
    assert first["edge_labels"] > 0 and max(first["font_sizes"]) < 14  # not presenter mode
    notebook.screenshot(screenshots, "lesson01-after-run-all")
    drawing = notebook.panel.locator(".jp-RenderedSVG").first
    drawing.scroll_into_view_if_needed()
    notebook.screenshot(screenshots, "lesson01-drawing", drawing)


def test_lesson_10_widgets_render_respond_and_update_live(open_notebook, page, screenshots):
    notebook = open_notebook("lessons/10_visualizing_training.ipynb")
    page.evaluate(WATCH_CURVES)
    notebook.run_all(timeout=240)
    assert_clean(notebook)

    graphs = notebook.panel.locator(".learntf-graph-widget")
    assert graphs.count() >= 1
    for index in range(graphs.count()):  # each shows its drawing as inline SVG, op names as titles
        titles = graphs.nth(index).locator(".learntf-graph-panel svg g.node > title")
        assert titles.count() >= 3
    widget = graphs.first
    picker = widget.locator(".learntf-node-picker select")
    names = [
        name
        for name in picker.locator("option").evaluate_all("options => options.map(o => o.value)")
        if name != "(none)"
    ]
    assert "predictions" in names
    picker.select_option("predictions")  # pick a node, as a learner does
    details = widget.locator(".learntf-node-details[data-node='predictions']")
    details.wait_for(timeout=15_000)  # the kernel answered: details updated
    fields = dict(
        zip(
            details.locator("tr th").all_text_contents(),
            details.locator("tr td").all_text_contents(),
        )
    )
    assert fields["type"] == "MatMul" and fields["inputs"] == "X, theta"
    selected = widget.locator(".learntf-graph-panel svg g.learntf-selected > title")
    selected.wait_for(state="attached", timeout=15_000)  # an SVG <title> is never "visible"
    assert selected.text_content() == "predictions"  # the drawing marks it too
    widget.scroll_into_view_if_needed()
    notebook.screenshot(screenshots, "lesson10-graph-widget-selected", widget)

    live = updates_while_running(page)
    assert live, "the curves never changed while a training cell ran"
    # One chart per live curve: finish() closed each widget, and its final picture replaced it.
    assert notebook.panel.locator(".learntf-training-curves").count() == 0
    for index in live:
        assert notebook.cell(index).locator(".jp-RenderedImage img").count() == 1
    chart = notebook.cell(min(live))
    chart.scroll_into_view_if_needed()
    notebook.screenshot(screenshots, "lesson10-training-curves", chart)
    assert notebook.widget_failures() == []
    assert not [error for error in page.console_errors if "widget" in error.lower()], (
        page.console_errors
    )


def test_training_curves_are_redrawn_while_the_loop_runs(
    open_notebook, page, live_curves_notebook, screenshots
):
    notebook = open_notebook(live_curves_notebook)
    page.evaluate(WATCH_CURVES)
    notebook.run_all()
    assert_clean(notebook)
    live = updates_while_running(page)
    # At least two pictures while the loop runs proves the view updates live. (How many more
    # depends on the machine: the widget spaces redraws out when drawing is slow, so that a
    # loaded CI machine sees fewer of them.)
    assert live.get(0, 0) >= 2, f"redraws seen while the loop ran: {live}"
    # finish() leaves the final picture as a plain PNG output and closes the widget, whose view
    # JupyterLab removes: one chart, not the live one's last frame above the picture
    assert notebook.cell(0).locator(".jp-RenderedImage img").count() == 1
    assert notebook.cell(0).locator(".learntf-training-curves").count() == 0
    notebook.screenshot(screenshots, "live-training-curves", notebook.cell(0))
