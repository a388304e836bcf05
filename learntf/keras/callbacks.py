"""Callbacks: code that `fit` runs at fixed points of training (lesson 21).

    class PrintLoss(keras.callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            print(epoch, logs["loss"])

    model.fit(x, y, epochs=10, callbacks=[PrintLoss()])

The hooks are on_train_begin/end, on_epoch_begin/end, on_train_batch_begin/end, and the same
for evaluate (on_test_*) and predict (on_predict_*).  `logs` is a dict of the current metric
values (`loss`, the compiled metrics, and `val_...` after validation).  `self.model` is the
model being trained; setting `self.model.stop_training = True` ends fit after this epoch.

fit always adds a `History` (what it returns: `history.history["loss"]` is one value per
epoch) and, when verbose, a `ProgbarLogger` that prints the progress bar.  The training-curve
widget of the course is a Callback too.
"""

import sys
import warnings

import numpy as np

from learntf.keras.utils import Progbar


class Callback:
    """Base class: override the hooks you need; `self.model` and `self.params` are set by fit."""

    def __init__(self):
        self.model = None
        self.params = {}

    def set_model(self, model):
        self.model = model

    def set_params(self, params):
        self.params = params

    def on_train_begin(self, logs=None):
        pass

    def on_train_end(self, logs=None):
        pass

    def on_epoch_begin(self, epoch, logs=None):
        pass

    def on_epoch_end(self, epoch, logs=None):
        pass

    def on_train_batch_begin(self, batch, logs=None):
        pass

    def on_train_batch_end(self, batch, logs=None):
        pass

    def on_test_begin(self, logs=None):
        pass

    def on_test_end(self, logs=None):
        pass

    def on_test_batch_begin(self, batch, logs=None):
        pass

    def on_test_batch_end(self, batch, logs=None):
        pass

    def on_predict_begin(self, logs=None):
        pass

    def on_predict_end(self, logs=None):
        pass

    def on_predict_batch_begin(self, batch, logs=None):
        pass

    def on_predict_batch_end(self, batch, logs=None):
        pass


_HOOKS = [name for name in vars(Callback) if name.startswith("on_")]


class CallbackList:
    """Calls a hook on every callback in order; hooks nobody overrides cost nothing."""

    def __init__(self, callbacks, model, params):
        self.callbacks = list(callbacks)
        for callback in self.callbacks:
            if hasattr(callback, "set_model"):
                callback.set_model(model)
            if hasattr(callback, "set_params"):
                callback.set_params(params)
        for hook in _HOOKS:  # (a duck-typed callback may define only the hooks it uses)
            bound = [getattr(c, hook) for c in self.callbacks if _overrides(c, hook)]
            setattr(self, hook, _fan_out(bound))


def _overrides(callback, hook):
    if hook in getattr(callback, "__dict__", {}):
        return True
    method = getattr(type(callback), hook, None)
    return method is not None and method is not getattr(Callback, hook)


def _fan_out(functions):
    if not functions:
        return lambda *args, **kwargs: None
    if len(functions) == 1:
        return functions[0]

    def call_all(*args, **kwargs):
        for function in functions:
            function(*args, **kwargs)

    return call_all


class History(Callback):
    """Records the logs of every epoch: `history.history["val_loss"][3]`, `history.epoch`."""

    def __init__(self):
        super().__init__()
        self.history = {}
        self.epoch = []

    def on_train_begin(self, logs=None):
        self.epoch = []

    def on_epoch_end(self, epoch, logs=None):
        self.epoch.append(epoch)
        for key, value in (logs or {}).items():
            self.history.setdefault(key, []).append(value)
        if self.model is not None:
            self.model.history = self


class ProgbarLogger(Callback):
    """Prints `Epoch 1/10` and a progress bar per epoch (verbose=1), or one line per epoch
    (verbose=2), as Keras's fit does."""

    def __init__(self, verbose=1):
        super().__init__()
        self.verbose = verbose
        self._bar = None
        self._epochs = 1

    def set_params(self, params):
        super().set_params(params)
        self._epochs = params.get("epochs", 1)
        self._steps = params.get("steps")

    def on_epoch_begin(self, epoch, logs=None):
        if self.verbose and self._epochs > 1:
            _print("Epoch %d/%d\n" % (epoch + 1, self._epochs))
        self._bar = Progbar(self._steps, verbose=self.verbose)

    def on_train_batch_end(self, batch, logs=None):
        self._bar.update(batch + 1, logs, finalize=False)

    def on_epoch_end(self, epoch, logs=None):
        self._bar.update(self._bar.seen, logs, finalize=True)

    def on_test_begin(self, logs=None):
        if self.params.get("mode") in ("evaluate", "predict"):
            self._bar = Progbar(self._steps, verbose=self.verbose)

    on_predict_begin = on_test_begin

    def on_test_batch_end(self, batch, logs=None):
        if self.params.get("mode") == "evaluate" and self.verbose == 1:
            self._bar.update(batch + 1, logs, finalize=False)

    def on_predict_batch_end(self, batch, logs=None):
        if self.verbose == 1:
            self._bar.update(batch + 1, None, finalize=False)

    def on_test_end(self, logs=None):
        if self.params.get("mode") == "evaluate":
            self._bar.update(self._bar.seen, logs, finalize=True)

    def on_predict_end(self, logs=None):
        self._bar.update(self._bar.seen, None, finalize=True)


class EarlyStopping(Callback):
    """Stop training when `monitor` (default "val_loss") has stopped improving.

    At the end of each epoch: an improvement is a value better than the best so far by more
    than `min_delta`; it resets the wait.  Otherwise the wait grows, and once it reaches
    `patience`, training stops.  With `restore_best_weights=True`, the model gets back the
    weights of its best epoch when training ends.
    """

    def __init__(
        self,
        monitor="val_loss",
        min_delta=0,
        patience=0,
        verbose=0,
        mode="auto",
        baseline=None,
        restore_best_weights=False,
        start_from_epoch=0,
    ):
        super().__init__()
        self.monitor = monitor
        self.patience = patience
        self.verbose = verbose
        self.baseline = baseline
        self.min_delta = abs(min_delta)
        self.wait = 0
        self.stopped_epoch = 0
        self.restore_best_weights = restore_best_weights
        self.best_weights = None
        self.best_epoch = 0
        self.start_from_epoch = start_from_epoch
        if mode not in ("auto", "min", "max"):
            warnings.warn(
                "EarlyStopping mode %s is unknown, fallback to auto mode." % mode, stacklevel=2
            )
            mode = "auto"
        self.mode = mode
        self._lower_is_better = None

    def _set_direction(self):
        if self.mode != "auto":
            self._lower_is_better = self.mode == "min"
        else:
            name = self.monitor[4:] if self.monitor.startswith("val_") else self.monitor
            if name == "loss":
                self._lower_is_better = True
            for metric in _flat_metrics(getattr(self.model, "metrics", [])):
                if metric.name == name and hasattr(metric, "_direction"):
                    self._lower_is_better = metric._direction != "up"
            if self._lower_is_better is None:
                raise ValueError(
                    "EarlyStopping callback received monitor=%s but Keras isn't able to "
                    "automatically determine whether that metric should be maximized or "
                    "minimized. Pass `mode='max'` in order to do early stopping based on the "
                    "highest metric value, or pass `mode='min'` in order to use the lowest "
                    "value." % self.monitor
                )
        self.best = np.inf if self._lower_is_better else -np.inf

    def _is_improvement(self, value, reference):
        # better by more than min_delta
        if self._lower_is_better:
            return value + self.min_delta < reference
        return value - self.min_delta > reference

    def on_train_begin(self, logs=None):
        self.wait = 0
        self.stopped_epoch = 0
        self.best_weights = None
        self.best_epoch = 0

    def on_epoch_end(self, epoch, logs=None):
        if self._lower_is_better is None:
            self._set_direction()
        current = (logs or {}).get(self.monitor)
        if current is None:
            warnings.warn(
                "Early stopping conditioned on metric `%s` which is not available. "
                "Available metrics are: %s" % (self.monitor, ",".join(logs or {})),
                stacklevel=2,
            )
            return
        if epoch < self.start_from_epoch:
            return
        if self.restore_best_weights and self.best_weights is None:
            self.best_weights = self.model.get_weights()
            self.best_epoch = epoch
        self.wait += 1
        if self._is_improvement(current, self.best):
            self.best = current
            self.best_epoch = epoch
            if self.restore_best_weights:
                self.best_weights = self.model.get_weights()
            if self.baseline is None or self._is_improvement(current, self.baseline):
                self.wait = 0
            return
        if self.wait >= self.patience and epoch > 0:
            self.stopped_epoch = epoch
            self.model.stop_training = True

    def on_train_end(self, logs=None):
        if self.stopped_epoch > 0 and self.verbose > 0:
            _print("Epoch %d: early stopping\n" % (self.stopped_epoch + 1))
        if self.restore_best_weights and self.best_weights is not None:
            if self.verbose > 0:
                _print(
                    "Restoring model weights from the end of the best epoch: %d.\n"
                    % (self.best_epoch + 1)
                )
            self.model.set_weights(self.best_weights)


class LambdaCallback(Callback):
    """A callback from functions: `LambdaCallback(on_epoch_end=lambda epoch, logs: ...)`."""

    def __init__(
        self,
        on_epoch_begin=None,
        on_epoch_end=None,
        on_train_begin=None,
        on_train_end=None,
        on_train_batch_begin=None,
        on_train_batch_end=None,
        **kwargs,
    ):
        super().__init__()
        given = dict(
            on_epoch_begin=on_epoch_begin,
            on_epoch_end=on_epoch_end,
            on_train_begin=on_train_begin,
            on_train_end=on_train_end,
            on_train_batch_begin=on_train_batch_begin,
            on_train_batch_end=on_train_batch_end,
            **kwargs,
        )
        for hook, function in given.items():
            if function is not None:
                setattr(self, hook, function)


def _flat_metrics(metrics):
    """The metrics, with the compiled ones taken out of their container."""
    return [inner for m in metrics for inner in getattr(m, "metrics", None) or [m]]


def _print(text):
    sys.stdout.write(text)
    sys.stdout.flush()


def configure(callbacks, model, verbose, epochs, steps, mode="fit"):
    """The CallbackList fit/evaluate/predict use: the user's callbacks plus History (fit) and
    a ProgbarLogger (when verbose)."""
    callbacks = list(callbacks or [])
    history = None
    if mode == "fit":  # after the user's callbacks, as Keras 3 adds it (so it records what
        history = History()  # they add to the logs, e.g. LearningRateScheduler's rate)
        callbacks = callbacks + [history]
    if verbose:
        callbacks.append(ProgbarLogger(verbose))
    params = {"verbose": verbose, "epochs": epochs, "steps": steps, "mode": mode}
    return CallbackList(callbacks, model, params), history


from learntf.keras.more_callbacks import (  # noqa: E402, F401
    CSVLogger,
    LearningRateScheduler,
    ModelCheckpoint,
    ReduceLROnPlateau,
    TensorBoard,
    TerminateOnNaN,
)
