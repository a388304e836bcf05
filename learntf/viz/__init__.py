"""Pictures of graphs: `draw()`, its text twin `describe()`, and notebook display.

Lessons 01 ("graphs and sessions") and 02 ("managing graphs") draw every graph they build:
seeing `f = x*x*y + y + 2` as boxes and arrows, before any session runs, is how "TensorFlow
builds a graph first and computes later" sinks in.

    import learntf.viz as viz
    viz.draw(f)          # a graphviz.Digraph of what f needs; shows as a picture in Jupyter
    viz.describe(f)      # the same nodes as a plain-text table

Nothing here runs at `import learntf`; Graphviz itself is imported only when drawing.
"""

from .description import Description, describe
from .display import graph_mimebundle, render_svg
from .drawing import draw
from .scalars import read_scalars, scalars  # noqa: F401  (training curves, lesson 07)

__all__ = ["draw", "describe", "graph_mimebundle", "render_svg", "Description"]
