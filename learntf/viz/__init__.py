"""Pictures of graphs: `draw()`, its text twin `describe()`, and notebook display.

Lessons 01 ("graphs and sessions") and 02 ("managing graphs") draw every graph they build:
seeing `f = x*x*y + y + 2` as boxes and arrows, before any session runs, is how "TensorFlow
builds a graph first and computes later" sinks in.

    import learntf.viz as viz
    viz.draw(f)          # a graphviz.Digraph of what f needs; shows as a picture in Jupyter
    viz.draw(graph, collapsed=())    # every op: a drawing wider than 1,000 px folds its
                                     # name scopes into boxes by default (lesson 12)
    viz.describe(f)      # the same nodes as a plain-text table
    viz.GraphWidget(graph, session=sess)    # the drawing to explore: pick, fold, highlight runs
    viz.TrainingCurves()                    # a live training plot, fed during the loop
    viz.presenter(True)     # drawings and widgets for a classroom's projector (course demo N)
    viz.layout(ragged_or_sparse)    # how a ragged or sparse tensor is stored (lessons 16, 17)

Each of these also takes real TensorFlow's graphs, graph tensors and eager values, for lessons
opened with `python -m course open N --engine tensorflow` (from_tensorflow.py says how).

Nothing here runs at `import learntf`; Graphviz itself is imported only when drawing, and
ipywidgets only when a widget is asked for.
"""

from .description import Description, describe
from .display import graph_mimebundle, render_svg
from .drawing import draw
from .layout import Layout, layout
from .presenting import presenter
from .scalars import read_scalars, scalars  # training curves, lesson 10

__all__ = [
    "draw",
    "describe",
    "graph_mimebundle",
    "render_svg",
    "Description",
    "layout",
    "Layout",
    "GraphWidget",
    "TrainingCurves",
    "presenter",
]

_WIDGETS = {
    "GraphWidget": "graph_widget",
    "StaticGraph": "graph_widget",
    "TrainingCurves": "curves",
    "StaticCurves": "curves",
}


def __getattr__(name):
    # The widgets import ipywidgets, which takes a noticeable moment: only on first use.
    if name in _WIDGETS:
        import importlib

        return getattr(importlib.import_module("." + _WIDGETS[name], __name__), name)
    raise AttributeError("module %r has no attribute %r" % (__name__, name))
