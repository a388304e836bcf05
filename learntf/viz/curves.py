"""`TrainingCurves`: a live plot of the loss while a training loop runs.

d2l.ai's idea: a small plot in the notebook, fed from the loop, instead of a separate dashboard.
Lesson 10 ("visualizing training") and the training lessons after it use it:

    curves = viz.TrainingCurves()
    display(curves)                        # the live plot
    for epoch in range(n_epochs):
        ...
        curves.add(epoch, train=train_mse, valid=valid_mse)
    curves.finish()                        # the final picture, kept by the saved notebook

Points go into plain lists (`curves.series["train"].values`).  The picture is redrawn at most
every `refresh_every` seconds, and never takes more than about 5% of the loop's time (a slow
redraw waits longer before the next one), so a 10,000-step loop is not slowed down by it.  The
picture is a PNG in an `ipywidgets.Image`, updated through its `value` trait: no clear_output.

A saved notebook cannot bring back a widget view, so `finish()` returns a static picture (PNG
plus a deterministic text: points, last and smallest value per series) that GitHub shows and
nbval compares, and closes the widget: JupyterLab removes a closed widget's view (and saves its
output as removed), so the final picture replaces the live one and each curve is shown once.
Displayed again, finished curves show their final picture.

Hooks: `add_summary` takes what a `tf.summary.scalar` op returns, `summary_writer(file_writer)`
feeds the curves wherever a FileWriter is fed, and `keras_callback()` plots `model.fit`'s logs.
Values may be Python or NumPy numbers or eager tensors, learntf's or real TensorFlow's (a lesson
run with `--engine tensorflow`): anything with `.numpy()` is read through it.
"""

import base64
import io
import time

import ipywidgets
import numpy as np
import traitlets

from .description import Description
from .presenting import presenter_mode

# A redraw may take at most 1/(1 + RENDER_SHARE) of the time: the next one waits
# RENDER_SHARE times as long as this one took (and at least refresh_every).
RENDER_SHARE = 19
FEW_POINTS = 30  # below this a series is drawn with a marker on every point
FIGURE_INCHES, DPI = (6, 3.5), 80  # a 480 x 280 pixel picture: quick to draw and to send
# presenter=True, for the back of a classroom: an 800 x 450 picture, large text, thick lines,
# and fewer ticks (so fewer numbers to read) on each axis.
PRESENTER_INCHES, PRESENTER_DPI = (8, 4.5), 100
PRESENTER_FONT = {"label": 16, "ticks": 14, "title": 18, "legend": 14}
PRESENTER_LINE_WIDTH, PRESENTER_MARKER_SIZE, PRESENTER_TICKS = 3.5, 8, 4


class Series:
    """One curve: the steps and values added so far, as plain lists."""

    __slots__ = ("steps", "values")

    def __init__(self):
        self.steps, self.values = [], []

    def __len__(self):
        return len(self.steps)

    def __repr__(self):
        return "Series(%d points)" % len(self)


class TrainingCurves(ipywidgets.VBox):
    """A live plot of one or more series (train, valid...) against the step, with a log-scale
    checkbox.  `series` fixes the order (and colours) of series known in advance; others
    appear when first added.  `presenter` (None: follow `viz.presenter()`) draws it for a
    classroom's projector."""

    log_scale = traitlets.Bool(False, help="draw the values on a logarithmic axis")
    refresh_every = traitlets.Float(0.5, help="seconds between two redraws, at least")
    redraws = traitlets.Int(0, help="how many times the picture was drawn")

    def __init__(
        self,
        series=(),
        *,
        log_scale=False,
        refresh_every=0.5,
        title=None,
        xlabel="step",
        ylabel="loss",
        presenter=None,
    ):
        self.series = {name: Series() for name in series}
        self.presenter = presenter_mode(presenter)
        inches, dpi = (PRESENTER_INCHES, PRESENTER_DPI) if self.presenter else (FIGURE_INCHES, DPI)
        self.title, self.xlabel, self.ylabel = title, xlabel, ylabel
        self.figure = self.axes = None
        self.png = b""  # the picture last drawn
        self._lines = {}
        self._next_redraw = 0.0  # the first point is drawn at once
        # Shown at its own size: the Image widget would otherwise stretch it to the cell's width.
        self.image = ipywidgets.Image(format="png", width=str(inches[0] * dpi))
        self.image.add_class("learntf-curves-image")
        self.log_checkbox = ipywidgets.Checkbox(description="log scale", indent=False)
        self.log_checkbox.add_class("learntf-curves-log-scale")
        super().__init__(
            children=[self.image, self.log_checkbox],
            log_scale=log_scale,
            refresh_every=refresh_every,
        )
        self.add_class("learntf-training-curves")
        if self.presenter:
            self.add_class("learntf-presenter")
        traitlets.link((self, "log_scale"), (self.log_checkbox, "value"))
        self.observe(lambda change: self.redraw(), names="log_scale")

    # -- feeding -----------------------------------------------------------------------------
    def add(self, *args, **values):
        """Add points: `add(step, train=0.5, valid=0.7)`, or `add("train", step, 0.5)`.
        Redraws if `refresh_every` seconds have passed since the last redraw."""
        if args and isinstance(args[0], str):
            if len(args) != 3 or values:
                raise TypeError(
                    "add(name, step, value) takes a series name, a step and one "
                    "value; or write add(step, name=value, ...)."
                )
            name, step, value = args
            values = {name: value}
        elif len(args) == 1:
            step = args[0]
        else:
            raise TypeError(
                "add() takes the step and the values by series name, e.g. "
                "curves.add(epoch, train=mse_train, valid=mse_valid)."
            )
        for name, value in values.items():
            series = self.series.get(name)
            if series is None:
                series = self.series[name] = Series()
            series.steps.append(step.numpy().item() if _is_tensor(step) else step)
            series.values.append(as_number(value))
        if time.monotonic() >= self._next_redraw:
            self.redraw()

    __call__ = add  # the curves themselves are the callback a training loop can call

    def add_summary(self, summary, global_step=None):
        """Add the scalars of a serialized Summary (what `sess.run(tf.summary.scalar(...))`
        returns) at `global_step`, one series per tag: FileWriter.add_summary's signature,
        so the curves can stand where a writer stands.  Histograms and images are skipped."""
        if isinstance(summary, bytes):
            from learntf.serialization.tf_protos import protos

            summary = protos().summary_pb2.Summary.FromString(summary)
        step = 0 if global_step is None else int(global_step)
        scalars = {
            value.tag: value.simple_value
            for value in summary.value
            if value.WhichOneof("value") == "simple_value"
        }
        for tag, value in scalars.items():
            self.add(tag, step, value)

    def summary_writer(self, file_writer=None):
        """A stand-in for `file_writer` whose add_summary() also feeds these curves; every
        other method (add_graph, flush, close) is the file writer's own."""
        return _CurvesWriter(self, file_writer)

    def keras_callback(self, keys=None):
        """A Keras callback adding each epoch's logs (loss, val_loss, metrics; or only `keys`)
        as points: `model.fit(..., callbacks=[curves.keras_callback()])`."""
        return _KerasCallback(self, keys)

    # -- drawing -----------------------------------------------------------------------------
    def redraw(self):
        """Draw the picture now (add() calls this when the refresh interval has passed)."""
        if self.figure is None:
            self._make_figure()
        start = time.monotonic()
        for index, (name, series) in enumerate(self.series.items()):
            line = self._lines.get(name)
            if line is None:
                (line,) = self.axes.plot([], [], color="C%d" % (index % 10), label=name)
                if self.presenter:
                    line.set_linewidth(PRESENTER_LINE_WIDTH)
                    line.set_markersize(PRESENTER_MARKER_SIZE)
                self._lines[name] = line
            line.set_data(series.steps, series.values)
            line.set_marker("o" if len(series) < FEW_POINTS else "")
        self.axes.set_yscale("log" if self.log_scale else "linear")  # resets the y ticks
        if self.presenter and not self.log_scale:
            from matplotlib.ticker import MaxNLocator

            self.axes.yaxis.set_major_locator(MaxNLocator(PRESENTER_TICKS))
        self.axes.relim()
        self.axes.autoscale_view()
        if len(self._lines) > 1:
            self.axes.legend(
                loc="upper right",
                fontsize=(PRESENTER_FONT["legend"] if self.presenter else "small"),
            )
        self.png = self._png()
        self.image.value = self.png
        self.redraws += 1
        end = time.monotonic()
        self._next_redraw = end + max(self.refresh_every, RENDER_SHARE * (end - start))

    def finish(self):
        """Draw the last points and return the final picture as a static output: a cell
        ending in `curves.finish()` leaves a PNG and summary() in the saved notebook.  The live
        view is closed, so that the picture replaces it instead of repeating it: one chart per
        curve.  Points added later still count (summary(), static()); display the curves again
        to see them."""
        self.redraw()
        static = self.static()
        if self.comm is not None:
            for child in (self.image, self.log_checkbox):
                child.close()
            self.close()  # JupyterLab removes every view of a closed widget
            # ipywidgets leaves a closed widget nothing to display: show the final picture.
            self._repr_mimebundle_ = self._finished_bundle
        return static

    @property
    def finished(self):
        """True once finish() closed the live view."""
        return self.comm is None

    def summary(self):
        """A deterministic text: per series its points, last value (and step) and smallest
        value.  It is the 'text/plain' a saved notebook keeps and nbval compares."""
        lines = ["Training curves%s:" % (" (log scale)" if self.log_scale else "")]
        for name, series in self.series.items():
            if not len(series):
                lines.append("  %s: no points" % name)
                continue
            lines.append(
                "  %s: %d point%s, last %.4g at step %s, min %.4g"
                % (
                    name,
                    len(series),
                    "" if len(series) == 1 else "s",
                    series.values[-1],
                    series.steps[-1],
                    min(series.values),
                )
            )
        if not self.series:
            lines.append("  no points yet")
        return Description("\n".join(lines))

    def static(self):
        """The current picture and summary(), as an object that displays without a widget."""
        if not self.png:
            self.redraw()
        return StaticCurves(self.png, self.summary())

    def _repr_mimebundle_(self, include=None, exclude=None, **kwargs):
        bundle = super()._repr_mimebundle_(include=include, exclude=exclude, **kwargs) or {}
        if not self.png:
            self.redraw()  # an empty chart, so the live view has axes to fill
        bundle["text/plain"] = str(self.summary())
        if any(len(series) for series in self.series.values()):
            bundle["image/png"] = base64.b64encode(self.png).decode("ascii")
        return bundle

    def _finished_bundle(self, include=None, exclude=None, **kwargs):
        self.redraw()  # points added since finish() are in the picture too
        return self.static()._repr_mimebundle_()

    def _make_figure(self):
        # A Figure of its own on the Agg canvas: pyplot's global figures (and the notebook's
        # inline backend, which would show it a second time) are never involved.
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        if self.presenter:
            self.figure = Figure(figsize=PRESENTER_INCHES, dpi=PRESENTER_DPI)
        else:
            self.figure = Figure(figsize=FIGURE_INCHES, dpi=DPI)
        FigureCanvasAgg(self.figure)
        self.axes = self.figure.add_subplot()
        font = PRESENTER_FONT if self.presenter else {}
        self.axes.set_xlabel(self.xlabel, fontsize=font.get("label"))
        self.axes.set_ylabel(self.ylabel, fontsize=font.get("label"))
        if self.title:
            self.axes.set_title(self.title, fontsize=font.get("title"))
        if self.presenter:
            from matplotlib.ticker import MaxNLocator

            self.axes.tick_params(labelsize=font["ticks"], width=2, length=6)
            self.axes.xaxis.set_major_locator(MaxNLocator(PRESENTER_TICKS, integer=True))
        self.axes.grid(True, alpha=0.3)
        self.figure.tight_layout()
        self.figure.canvas.draw()  # loads the fonts once, so redraw() times a typical redraw

    def _png(self):
        buffer = io.BytesIO()
        # No "Software: matplotlib x.y" text chunk: the same curve gives the same bytes.
        self.figure.canvas.print_png(buffer, metadata={"Software": None})
        return buffer.getvalue()


class StaticCurves:
    """A finished picture of training curves: a PNG and its text, displayed without a widget."""

    def __init__(self, png, text):
        self.png, self.text = png, text

    def _repr_mimebundle_(self, include=None, exclude=None, **kwargs):
        return {
            "image/png": base64.b64encode(self.png).decode("ascii"),
            "text/plain": str(self.text),
        }

    def __repr__(self):
        return str(self.text)


class _CurvesWriter:
    """What summary_writer() returns: a FileWriter (or nothing) whose summaries are plotted."""

    def __init__(self, curves, file_writer):
        self.curves, self.file_writer = curves, file_writer

    def add_summary(self, summary, global_step=None):
        self.curves.add_summary(summary, global_step)
        if self.file_writer is not None:
            self.file_writer.add_summary(summary, global_step)

    def __getattr__(self, name):
        if self.file_writer is None:
            raise AttributeError(
                "The curves' summary writer has no %r: it only plots "
                "(pass a tf.summary.FileWriter to write event files too)." % name
            )
        return getattr(self.file_writer, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        if self.file_writer is not None:
            self.file_writer.close()
        self.curves.redraw()


class _KerasCallback:
    """Duck-typed keras.callbacks.Callback: on_epoch_end adds the epoch's logs as points."""

    def __init__(self, curves, keys):
        self.curves, self.keys = curves, keys
        self.model = self.params = None

    def set_model(self, model):
        self.model = model

    def set_params(self, params):
        self.params = params

    def on_epoch_end(self, epoch, logs=None):
        values = {
            key: value
            for key, value in (logs or {}).items()
            if (self.keys is None or key in self.keys) and _is_number(value)
        }
        self.curves.add(epoch, **values)

    def on_train_end(self, logs=None):
        self.curves.redraw()

    def _nothing(self, *args, **kwargs):
        """A hook these curves have no use for (Keras calls every hook)."""

    on_train_begin = on_epoch_begin = on_train_batch_begin = on_train_batch_end = _nothing
    on_batch_begin = on_batch_end = _nothing
    on_test_begin = on_test_end = on_test_batch_begin = on_test_batch_end = _nothing
    on_predict_begin = on_predict_end = on_predict_batch_begin = on_predict_batch_end = _nothing


def as_number(value):
    """A float from a Python or NumPy number, a one-element array, or an eager tensor
    (learntf's or real TensorFlow's: anything with `.numpy()`)."""
    if isinstance(value, (int, float, np.integer, np.floating)):  # what sess.run gives, quickly
        return float(value)
    if _is_tensor(value):
        value = value.numpy()
    array = np.asarray(value)
    if array.size != 1 or array.dtype.kind not in "biuf":
        raise TypeError(
            "A point of a curve is one number; got %s%s. Reduce a tensor first "
            "(tf.reduce_mean) or pick one element."
            % (
                type(value).__name__,
                " of shape %s" % (array.shape,) if array.dtype.kind in "biuf" else "",
            )
        )
    return float(array.reshape(()))


def _is_tensor(value):
    return callable(getattr(value, "numpy", None))


def _is_number(value):
    try:
        as_number(value)
    except (TypeError, ValueError):
        return False
    return True
