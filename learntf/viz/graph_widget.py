"""`GraphWidget`: a graph drawing to explore in JupyterLab.

Pick a node to read its type, attributes, shapes, inputs and consumers (and, after a run, its
value); fold name scopes into single boxes, as TensorBoard's graph view does; light up what a
`sess.run(fetches)` executes, so pruning shows, or what `tf.gradients` added.  Lessons on
sessions, gradients and optimizers use it:

    w = viz.GraphWidget(tf.get_default_graph(), session=sess)
    w.highlight_run(training_op, feed_dict={X: X_batch, y: y_batch})
    w                                  # the live widget, with a static picture beside it

Every change goes through traits (`selected`, `collapsed`, `highlighted`, `fed`), so tests
can read the widget's state from Python and nothing here calls clear_output.  A notebook
saved with the widget keeps a static sibling in the same output: the SVG and a deterministic
text (describe()'s table plus what is collapsed, lit and selected), which GitHub and nbval
show where a widget view cannot come back.

Real TensorFlow's graphs and tensors work too (a lesson opened with `--engine tensorflow`): the
widget draws the learntf copy of their GraphDef (from_tensorflow.py), works out what a run
executes by the same pruning a learntf session does, and runs fetches in the TensorFlow session
given, by name.
"""

import contextlib
import html

import ipywidgets
import numpy as np
import traitlets

from .description import Description, describe_view
from .display import MISSING_DOT
from .drawing import draw
from .from_tensorflow import is_tensorflow, to_learntf
from .presenting import presenter_mode
from .view import GRADIENT_SCOPE, READ_TYPES, is_gradient_op, training_kinds, view_of

# Past this many nodes a new widget starts with its outermost name scopes collapsed.
COLLAPSE_ABOVE = 30


class GraphWidget(ipywidgets.VBox):
    """A drawing of a Graph (or of what tensors need) with a node picker, collapsible name
    scopes, a details panel and run/gradient highlighting."""

    selected = traitlets.Unicode("", help="the picked node's name ('' for none)")
    collapsed = traitlets.Set(help="name scopes drawn as one box each")
    highlighted = traitlets.Set(help="names of the ops lit: a run's plan, or gradient ops")
    fed = traitlets.Set(help="placeholders the highlighted run feeds (lit too, not computed)")
    highlight_reason = traitlets.Unicode("", help="what the lit ops are, in words")

    def __init__(
        self, graph_or_tensors, session=None, *, collapse_above=COLLAPSE_ABOVE, presenter=None
    ):
        self.source = graph_or_tensors  # what was given; `target` is what is drawn
        self.session = session
        # None follows viz.presenter() / LEARNTF_PRESENTER: larger text, thicker lines.
        self.presenter = presenter_mode(presenter)
        self.values = {}  # {tensor name: its value in the last run()}
        self._redraw_paused = 0
        self.picker = ipywidgets.Dropdown(description="node", options=[("(none)", "")])
        self.scope_picker = ipywidgets.SelectMultiple(description="collapsed")
        self.caption = ipywidgets.HTML()
        self.picture = ipywidgets.HTML()
        self.details = ipywidgets.HTML()
        for part, name in [
            (self.picker, "node-picker"),
            (self.scope_picker, "scope-picker"),
            (self.caption, "graph-caption-panel"),
            (self.picture, "graph-panel"),
            (self.details, "node-details-panel"),
        ]:
            part.add_class("learntf-" + name)
        super().__init__(
            children=[
                ipywidgets.HBox([self.picker, self.scope_picker]),
                self.caption,
                self.picture,
                self.details,
            ]
        )
        self.add_class("learntf-graph-widget")
        if self.presenter:
            self.add_class("learntf-presenter")
        with self._one_redraw():
            self._read_graph()
            traitlets.link((self.picker, "value"), (self, "selected"))
            traitlets.link(
                (self.scope_picker, "value"),
                (self, "collapsed"),
                transform=(set, self._in_scope_order),
            )
            if len(self.view.nodes) > collapse_above:
                self.collapsed = set(self._outermost_scopes())
            self.observe(self._changed, names=["selected", "collapsed", "highlighted", "fed"])

    # -- what learners call --------------------------------------------------------------
    def highlight_run(self, fetches, feed_dict=None):
        """Light up the ops `sess.run(fetches, feed_dict)` would execute, without running them:
        exactly the ops of the session's execution plan (the pruned graph).  Fed placeholders
        are lit too; they are not computed, their value comes from feed_dict.  Returns the
        widget, so a cell can end with this call."""
        plan = self._plan(fetches, feed_dict)
        with self._one_redraw():
            self._read_graph_if_it_grew()
            self.highlighted = {op.name for op in plan.ops}
            self.fed = {tensor.op.name for tensor in plan.feed_tensors}
            self.highlight_reason = "run by sess.run(%s)%s" % (_fetch_text(plan), _feed_text(plan))
        return self

    def highlight_gradients(self, gradients=None):
        """Light up the ops tf.gradients added (those under a `gradients/` scope), or only
        those of the given gradient tensors' call (`gradients_1/` for the second call)."""
        ops = self.graph.get_operations()
        if gradients is None:
            names = {op.name for op in ops if is_gradient_op(op.name)}
            reason = "added by tf.gradients"
        else:
            tensors = gradients if isinstance(gradients, (list, tuple)) else [gradients]
            scopes = sorted({_gradient_scope(t.op.name) for t in tensors if t is not None})
            names = {op.name for op in ops for scope in scopes if op.name.startswith(scope)}
            reason = "added by tf.gradients under %s" % ", ".join(scopes)
        with self._one_redraw():
            self._read_graph_if_it_grew()
            self.highlighted, self.fed, self.highlight_reason = names, set(), reason
        return self

    def clear_highlight(self):
        """Draw every node normally again."""
        with self._one_redraw():
            self.highlighted, self.fed, self.highlight_reason = set(), set(), ""
        return self

    def run(self, fetches, feed_dict=None):
        """`session.run(fetches, feed_dict)`, shown: returns what sess.run returns, lights up
        the ops that ran, and keeps every value computed on the way, so picking a node shows
        the value it had in this run."""
        session = self._session()
        plan = self._plan(fetches, feed_dict)
        # Fetching the plan's own tensors adds no op to the run: they are computed anyway.
        # (Not variables themselves: a handle, or a TF1 reference `w:0`; a variable node shows
        # its value "now".)
        inside = {
            tensor.name: self._fetchable(tensor)
            for op in plan.ops
            for tensor in op.outputs
            if _dtype_name(tensor) != "resource" and not _dtype_name(tensor).endswith("_ref")
        }
        result, values = session.run((fetches, inside), feed_dict)
        self.values = dict(values)
        for tensor, value in zip(plan.feed_tensors, (feed_dict or {}).values()):
            self.values[tensor.name] = np.asarray(value)
        with self._one_redraw():
            self._read_graph_if_it_grew()
            self.highlighted = {op.name for op in plan.ops}
            self.fed = {tensor.op.name for tensor in plan.feed_tensors}
            self.highlight_reason = "ran in sess.run(%s)%s" % (_fetch_text(plan), _feed_text(plan))
        return result

    def select(self, name):
        """Pick a node by name (or by a tensor/op/variable), as the picker does; a node inside
        a collapsed scope opens that scope.  A variable's read or Assign picks the variable."""
        name = _element_name(name)
        self.selected = self.view.folded_into.get(name, name)
        return self

    def collapse(self, *scopes):
        """Draw these name scopes as one box each (all outermost scopes when none given)."""
        self.collapsed = self.collapsed | set(scopes or self._outermost_scopes())
        return self

    def expand(self, *scopes):
        """Open these collapsed scopes again (all of them when none given)."""
        self.collapsed = self.collapsed - set(scopes) if scopes else set()
        return self

    def refresh(self):
        """Redraw after ops were added to the graph (highlight_run, highlight_gradients and
        run do it themselves)."""
        with self._one_redraw():
            self._read_graph()
        return self

    @property
    def graph(self):
        return self._graph

    @property
    def visible_nodes(self):
        """Names of the nodes the picture shows now: the nodes outside collapsed scopes, then
        the collapsed boxes (named after their scope)."""
        boxes = [
            scope
            for scope in self._in_scope_order(self.collapsed)
            if not any(scope.startswith(other + "/") for other in self.collapsed)
        ]
        shown = [
            node.name
            for node in self.view.nodes
            if not any(node.scope == box or node.scope.startswith(box + "/") for box in boxes)
        ]
        return shown + boxes

    @property
    def dot_source(self):
        """The DOT text of the picture as it is drawn now."""
        return self._drawing.source

    # -- static sibling ----------------------------------------------------------------------
    def summary(self):
        """The widget's deterministic text: describe()'s table, then what is collapsed, lit
        and selected.  It is the 'text/plain' a saved notebook keeps and nbval compares."""
        lines = [str(describe_view(self.view))]
        if self.collapsed:
            sizes = {
                scope: sum(
                    1
                    for node in self.view.nodes
                    if node.scope == scope or node.scope.startswith(scope + "/")
                )
                for scope in self.collapsed
            }
            lines.append(
                "Collapsed: "
                + ", ".join(
                    "%s/ (%d nodes)" % (scope, sizes[scope])
                    for scope in self._in_scope_order(self.collapsed)
                )
            )
        if self.highlighted or self.fed:
            lit = self._in_graph_order(self.highlighted)
            lines.append(
                "Highlighted: %d op%s %s: %s"
                % (len(lit), "" if len(lit) == 1 else "s", self.highlight_reason, ", ".join(lit))
            )
        if self.selected:
            lines.append("Selected: " + self.selected)
        return Description("\n".join(lines))

    def static(self):
        """The picture and summary() alone, as an object that displays without a widget."""
        return StaticGraph(self.svg, self.summary(), self._missing)

    def _repr_mimebundle_(self, include=None, exclude=None, **kwargs):
        bundle = super()._repr_mimebundle_(include=include, exclude=exclude, **kwargs) or {}
        bundle.update(self.static()._repr_mimebundle_())
        return bundle

    # -- internals ----------------------------------------------------------------------------
    def _read_graph(self):
        self.target = to_learntf(self.source)  # a TensorFlow graph: read again each time
        self.view = view_of(self.target)
        self._graph = self._resolve_graph()
        self._op_count = len(self._graph.get_operations())
        self._kinds = training_kinds(self.view)
        self.picker.options = [("(none)", "")] + [
            (node.name, node.name) for node in self.view.nodes
        ]
        self.scope_picker.options = [scope.name for scope in self.view.scopes]
        self.scope_picker.rows = min(6, max(2, len(self.view.scopes)))
        self.collapsed = {scope for scope in self.collapsed if scope in self.scope_picker.options}

    def _read_graph_if_it_grew(self):
        if self.target is not self.source or len(self._graph.get_operations()) != self._op_count:
            self._read_graph()

    def _resolve_graph(self):
        if hasattr(self.target, "get_operations"):
            return self.target
        items = self.target if isinstance(self.target, (list, tuple)) else [self.target]
        first = items[0]
        return first.graph if hasattr(first, "graph") else first.op.graph

    @traitlets.validate("selected")
    def _check_selected(self, proposal):
        name = proposal["value"]
        if name and name not in {node.name for node in self.view.nodes}:
            raise traitlets.TraitError(
                "No node named %r in this drawing (a folded op is shown as its variable; "
                "the nodes are in widget.picker.options)." % name
            )
        return name

    @traitlets.validate("collapsed")
    def _check_collapsed(self, proposal):
        scopes = set(proposal["value"])
        unknown = sorted(scopes - {scope.name for scope in self.view.scopes})
        if unknown:
            raise traitlets.TraitError(
                "No name scope %s in this drawing; its scopes are: %s."
                % (
                    ", ".join(map(repr, unknown)),
                    ", ".join(scope.name for scope in self.view.scopes) or "none",
                )
            )
        return scopes

    @traitlets.observe("selected")
    def _open_scopes_around_selection(self, change):
        node = next((n for n in self.view.nodes if n.name == change["new"]), None)
        if node is not None:
            hiding = {
                scope
                for scope in self.collapsed
                if node.scope == scope or node.scope.startswith(scope + "/")
            }
            if hiding:
                self.collapsed = self.collapsed - hiding

    def _changed(self, change):
        if not self._redraw_paused:
            self._redraw()

    @contextlib.contextmanager
    def _one_redraw(self):
        """Change several traits, then draw once."""
        self._redraw_paused += 1
        try:
            yield
        finally:
            self._redraw_paused -= 1
            if not self._redraw_paused:
                self._redraw()

    def _redraw(self):
        lit = self.highlighted | self.fed
        drawing = draw(
            self.target,
            collapsed=self.collapsed,
            highlight=lit if lit else None,
            selected=self.selected or None,
            training=True,
            presenter=self.presenter,
            dom_classes=True,
        )
        self._drawing = drawing
        self.svg, self._missing = _svg(drawing)
        picture = (
            self.svg[self.svg.find("<svg") :]
            if self.svg  # no XML prolog inside HTML
            else "<pre>%s</pre>" % html.escape(self._missing)
        )
        self.picture.value = '<div class="learntf-graph" style="overflow:auto">%s</div>' % (picture)
        self.caption.value = '<div class="learntf-graph-caption"%s>%s</div>' % (
            self._text_style(),
            html.escape(self._caption()),
        )
        self.details.value = self._details_html()

    def _caption(self):
        if not (self.highlighted or self.fed):
            return (
                "%d nodes. Pick one to see its details; collapse a name scope to fold "
                "it into one box." % len(self.view.nodes)
            )
        fed = (
            " (fed, not computed: %s)" % ", ".join(self._in_graph_order(self.fed))
            if self.fed
            else ""
        )
        pruned = (
            "; faded nodes are pruned: the run does not need them"
            if ("sess.run" in self.highlight_reason)
            else ""
        )
        return "Highlighted: %d ops %s%s%s." % (
            len(self.highlighted),
            self.highlight_reason,
            fed,
            pruned,
        )

    def _details_html(self):
        name = self.selected
        if not name:
            return (
                '<div class="learntf-node-details" data-node=""%s>Pick a node to see its '
                "type, attributes, shapes, inputs and consumers.</div>" % self._text_style()
            )
        node = next(n for n in self.view.nodes if n.name == name)
        op = self._graph.get_operation_by_name(name)
        kind = self._kinds.get(name, node.kind)
        inputs, consumers = [], []
        for edge in self.view.edges:
            if edge.target == name:
                inputs.append(
                    ("^" if edge.control else "")
                    + edge.source
                    + (":%d" % edge.index if edge.index else "")
                )
            if edge.source == name:
                consumers.append(("^" if edge.control else "") + edge.target)
        rows = [
            ("kind", kind),
            ("type", op.type),
            (
                "attrs",
                ", ".join(
                    "%s=%s" % (key, _attr_text(value)) for key, value in sorted(op.attrs.items())
                )
                or "-",
            ),
            ("output", ", ".join(node.outputs) or "- (an op without outputs)"),
            ("inputs", ", ".join(inputs) or "-"),
            ("consumers", ", ".join(consumers) or "-"),
            ("value", self._value_text(op, node)),
        ]
        if op.device:  # tf.device's placement, as TensorBoard's node info shows it
            rows.insert(2, ("device", op.device))
        if name in self.highlighted:
            rows.append(("highlighted", self.highlight_reason))
        elif name in self.fed:
            rows.append(("highlighted", "fed by feed_dict"))
        pre = "margin:0;font-size:inherit" if self.presenter else "margin:0"
        cells = "".join(
            '<tr data-field="%s"><th style="text-align:left">%s</th>'
            '<td style="text-align:left"><pre style="%s">%s</pre></td></tr>'
            % (key, key, pre, html.escape(str(value)))
            for key, value in rows
        )
        return (
            '<div class="learntf-node-details" data-node="%s"%s><b>%s</b>'
            "<table>%s</table></div>"
            % (html.escape(name, quote=True), self._text_style(), html.escape(name), cells)
        )

    def _text_style(self):
        return ' style="font-size:150%"' if self.presenter else ""

    def _value_text(self, op, node):
        outputs = [t for t in op.outputs if t.name in self.values]
        if outputs:
            return "\n".join(
                ("%s = " % t.name if len(op.outputs) > 1 else "") + _array_text(self.values[t.name])
                for t in outputs
            )
        if node.kind == "constant":
            return _array_text(op.attrs["value"])
        if node.kind == "variable":
            return self._variable_value(op)
        if not op.outputs:
            return "- (it changes state or orders other ops; it has no value)"
        return "not computed yet: widget.run(fetches, feed_dict) keeps the values of a run"

    def _variable_value(self, op):
        if self.session is None:
            return "its value lives in a session: GraphWidget(graph, session=sess) shows it"
        handle = op.outputs[0]
        reads = [c for c in handle.consumers() if c.type in READ_TYPES]
        tensor = reads[0].outputs[0] if reads and _dtype_name(handle) == "resource" else handle
        try:
            return "now " + _array_text(self.session.run(self._fetchable(tensor)))
        except Exception as exc:  # uninitialized, closed session...
            return "no value in this session yet (%s)" % type(exc).__name__

    def _session(self):
        if self.session is None:
            raise ValueError(
                "This GraphWidget has no session to run in.\n(learntf: create it "
                "with viz.GraphWidget(graph, session=sess).)"
            )
        return self.session

    def _fetchable(self, tensor):
        """The drawn tensor as the session can fetch it: itself, or its name in TensorFlow's."""
        return tensor.name if is_tensorflow(self.session) else tensor

    def _plan(self, fetches, feed_dict):
        """The session's ExecutionPlan for these fetches and feeds (compiled, not run); for a
        TensorFlow graph, the ops such a plan would hold."""
        if self.target is not self.source:
            return _PrunedRun(self._graph, fetches, feed_dict)
        from learntf.client.session import Session

        session = self.session or Session(graph=self._graph)
        try:
            return session.plan(fetches, feed_dict)
        finally:
            if session is not self.session:
                session.close()

    def _outermost_scopes(self):
        return [scope.name for scope in self.view.scopes if not scope.parent]

    def _in_scope_order(self, scopes):
        return tuple(scope.name for scope in self.view.scopes if scope.name in scopes)

    def _in_graph_order(self, op_names):
        return [op.name for op in self._graph.get_operations() if op.name in op_names]


class _PrunedRun:
    """What `sess.run(fetches, feed_dict)` executes in a TensorFlow graph, worked out on its
    drawn copy by learntf's own pruning (ops, feed_tensors, fetch_tensors, target_ops, as in
    an ExecutionPlan).  Fetches and feeds are found by name: tensors, operations, variables
    or names, alone or in a list, tuple or dict."""

    def __init__(self, graph, fetches, feed_dict):
        from learntf.client.plan import _ops_needed
        from learntf.framework.graph import Operation

        elements = [graph.as_graph_element(_drawn_name(item)) for item in _flat(fetches)]
        self.fetch_tensors = [e for e in elements if not isinstance(e, Operation)]
        self.target_ops = [e for e in elements if isinstance(e, Operation)]
        self.feed_tensors = [
            graph.get_tensor_by_name(_drawn_name(key, tensor=True)) for key in (feed_dict or {})
        ]
        self.ops = _ops_needed(self.fetch_tensors, self.target_ops, set(self.feed_tensors))


def _flat(fetches):
    if isinstance(fetches, dict):
        fetches = list(fetches.values())
    if not isinstance(fetches, (list, tuple)):
        return [fetches]
    return [item for fetch in fetches for item in _flat(fetch)]


def _drawn_name(item, tensor=False):
    """The name a fetch or feed has in the drawn graph: 'y:0' for a tensor or variable, 'init'
    for an operation (a name as given)."""
    if isinstance(item, str):
        return item if not tensor or ":" in item else item + ":0"
    return item.name


class StaticGraph:
    """A widget's picture and text, displayed as plain outputs (no widget)."""

    def __init__(self, svg, text, missing=None):
        self.svg, self.text, self.missing = svg, text, missing

    def _repr_mimebundle_(self, include=None, exclude=None, **kwargs):
        if self.svg is None:  # no Graphviz: say what to install instead
            return {"text/plain": str(self.text) + "\n" + self.missing}
        return {"image/svg+xml": self.svg, "text/plain": str(self.text)}

    def __repr__(self):
        return str(self.text)


def _svg(drawing):
    """(SVG text, None), or (None, what to install) when Graphviz is missing."""
    import graphviz

    try:
        return drawing.pipe(format="svg", encoding="utf-8"), None
    except graphviz.ExecutableNotFound:
        return None, MISSING_DOT


def _gradient_scope(name):
    """'gradients_1/' for 'gradients_1/loss/mse_grad/Mul': the scope of one tf.gradients."""
    match = GRADIENT_SCOPE.search(name)
    return name[: match.end()] if match else name + "/"


def _element_name(item):
    if isinstance(item, str):
        return item.split(":")[0] if ":" in item else item
    op = item if hasattr(item, "control_inputs") else getattr(item, "op", None)
    return op.name if op is not None else str(item)


def _fetch_text(plan):
    names = [t.name for t in plan.fetch_tensors] + [op.name for op in plan.target_ops]
    return names[0] if len(names) == 1 else "[%s]" % ", ".join(names)


def _feed_text(plan):
    if not plan.feed_tensors:
        return ""
    return " feeding " + ", ".join(t.name for t in plan.feed_tensors)


def _dtype_name(tensor):
    return getattr(tensor.dtype, "name", str(tensor.dtype))


def _attr_text(value):
    if isinstance(value, np.ndarray):
        return (
            _array_text(value)
            if value.size <= 4
            else "<%s array of shape %s>" % (value.dtype, value.shape)
        )
    return getattr(value, "name", None) or str(value)


def _array_text(value):
    value = np.asarray(value)
    if value.ndim == 0 and value.dtype.kind == "f":
        return "%.6g" % value
    return np.array2string(value, precision=4, threshold=20, edgeitems=3, suppress_small=True) + (
        "" if value.ndim == 0 else "   (shape %s)" % (value.shape,)
    )
