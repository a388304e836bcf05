"""A learntf graph as TensorFlow's `GraphDef` protocol buffer, for TensorBoard's Graphs tab.

Each Operation becomes a `NodeDef`: its name (TensorBoard folds names with '/' into name-scope
boxes), its type, its inputs (`"op"` for output 0, `"op:1"` for others, `"^op"` for a control
input) and its attributes.  Like TF's `as_graph_def(add_shapes=True)`, every node also gets
`_output_shapes`, so TensorBoard can print shapes on the edges.  Lesson 10 opens the graph of
lesson 06 in TensorBoard and finds the `loss` scope there.
"""

from learntf.serialization import graph_io


def graph_to_graph_def(graph):
    """The `GraphDef` proto describing every op of `graph`, with `_output_shapes` (the one
    conversion of serialization/graph_io.py; attributes with no proto form are left out)."""
    return graph_io.as_graph_def(graph, add_shapes=True, skip_unwritable=True)
