"""Rich display in Jupyter: a graph shows as its picture, with `describe()`'s text beside it.

`Graph._repr_mimebundle_` calls `graph_mimebundle(self)`, so a notebook cell (lessons 01
"graphs and sessions" and 02 "managing graphs") that ends in a graph shows the drawing; a cell
ending in `draw(...)` shows the same way.  Front ends that cannot show SVG, and nbval, use the
'text/plain' part: describe()'s text, which is the same on every run.  Without Graphviz the cell
still shows the text, plus how to install what is missing, instead of a traceback.
"""

from .description import describe
from .drawing import draw

MISSING_DOT = (
    "(No picture: Graphviz's `dot` program was not found. Install Graphviz "
    "(`apt-get install graphviz`, `brew install graphviz` or `conda install graphviz`; "
    "scripts/ensure-graphviz.sh does it on Debian/Ubuntu) and run the cell again.)"
)
MISSING_PACKAGE = (
    "(No picture: the `graphviz` Python package is not installed. "
    "Run `pip install graphviz` and run the cell again.)"
)


def graph_mimebundle(graph_or_tensors, include=None, exclude=None):
    """{'image/svg+xml': the drawing, 'text/plain': describe()'s text} for IPython's display.

    `include`/`exclude` are the arguments IPython passes to `_repr_mimebundle_`; they are
    accepted so that method can simply return `graph_mimebundle(self, include, exclude)`."""
    try:
        import graphviz  # noqa: F401  (draw() needs it)
    except ImportError:
        return {"text/plain": str(describe(graph_or_tensors)) + "\n" + MISSING_PACKAGE}
    return drawing_mimebundle(draw(graph_or_tensors))


def drawing_mimebundle(drawing):
    """The display bundle of a drawing made by draw(): its SVG and its description."""
    try:
        svg = _svg(drawing)
    except RuntimeError as missing:
        return {"text/plain": str(drawing.description) + "\n" + str(missing)}
    return {"image/svg+xml": svg, "text/plain": str(drawing.description)}


def render_svg(graph_or_tensors):
    """The drawing as SVG text.  Raises RuntimeError saying what to install when Graphviz (the
    Python package or its `dot` program) is missing."""
    try:
        import graphviz  # noqa: F401  (draw() needs it)
    except ImportError:
        raise RuntimeError(MISSING_PACKAGE) from None
    return _svg(draw(graph_or_tensors))


def _svg(drawing):
    import graphviz

    try:
        return drawing.pipe(format="svg", encoding="utf-8")
    except graphviz.ExecutableNotFound:
        raise RuntimeError(MISSING_DOT) from None
