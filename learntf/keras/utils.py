"""Small helpers: the progress bar `fit` prints, clear_session and set_random_seed.

A verbose=1 epoch ends as one line, rewritten in place (`\\r`) while it runs:

    32/32 ━━━━━━━━━━━━━━━━━━━━ 0s 2ms/step - loss: 0.5123 - val_loss: 0.4870

Keras colours the done and the remaining part of the bar; learntf prints no colour codes and
draws the remaining part thinner (`─`) instead.  verbose=2 prints only the finished line:

    32/32 - 0s - 2ms/step - loss: 0.5123 - val_loss: 0.4870
"""

import math
import random
import sys
import time

import numpy as np

from learntf.keras.backend import clear_session  # noqa: F401  (keras.utils.clear_session)
from learntf.ops import random_ops


def set_random_seed(seed):
    """Keras 3's one call for a repeatable program: seeds Python's `random`, NumPy's global
    generator and TensorFlow's global seed (`tf.random.set_seed`).

    In Keras 3 the initial weights depend on it (an initializer without a seed takes one from
    Python's `random`), not on `tf.random.set_seed` alone.  learntf's initializers do as Keras'
    do and draw TensorFlow's weights; fit's shuffling repeats too, in an order of learntf's own.
    """
    if not isinstance(seed, int):
        raise ValueError(
            "Expected `seed` argument to be an integer. Received: seed=%s (of type %s)"
            % (seed, type(seed))
        )
    random.seed(seed)
    np.random.seed(seed)
    random_ops.set_seed(seed)


class Progbar:
    """A progress bar over `target` steps, updated with the current step and the logs."""

    def __init__(self, target, width=20, verbose=1, interval=0.05, unit_name="step"):
        self.target = target
        self.width = width
        self.verbose = verbose
        self.interval = interval
        self.unit_name = unit_name
        self.seen = 0
        self._start = time.time()
        self._last_update = 0.0
        self._time_after_first_step = None
        self._prev_width = 0

    def update(self, current, values=None, finalize=None):
        """Show step `current` with `values` (a dict or (name, value) pairs)."""
        if finalize is None:
            finalize = self.target is not None and current >= self.target
        now = time.time()
        per_step = self._step_duration(current, now)
        self.seen = current
        if self.verbose == 1:
            if now - self._last_update < self.interval and not finalize:
                return
            self._last_update = now
            line = self._bar(current)
            if self.target and not finalize:
                line += " " + _format_eta(per_step * (self.target - current))
            else:
                line += " %.0fs" % (now - self._start)
            line += _format_time(per_step, self.unit_name) + _format_values(values)
            padding = " " * max(0, self._prev_width - len(line))
            self._prev_width = len(line)
            _write("\r" + line + padding + ("\n" if finalize else ""))
        elif self.verbose == 2 and finalize:
            count = self._count(current)
            line = "%s - %.0fs -%s%s\n" % (
                count,
                now - self._start,
                _format_time(per_step, self.unit_name),
                _format_values(values),
            )
            _write(line)

    def add(self, n, values=None):
        self.update(self.seen + n, values)

    def _count(self, current):
        if not self.target:
            return "%7d/Unknown" % current
        digits = int(math.log10(self.target)) + 1
        return "%*d/%d" % (digits, current, self.target)

    def _bar(self, current):
        if not self.target:
            return self._count(current)
        done = int(self.width * current / self.target)
        return "%s %s%s" % (self._count(current), "━" * done, "─" * (self.width - done))

    def _step_duration(self, current, now):
        if not current:
            return 0.0
        if self._time_after_first_step is not None and current > 1:
            per_step = (now - self._time_after_first_step) / (current - 1)
        else:
            per_step = (now - self._start) / current
        if current == 1:
            self._time_after_first_step = now
        return per_step


def _format_eta(seconds):
    if seconds > 3600:
        return "%d:%02d:%02d" % (seconds // 3600, (seconds % 3600) // 60, seconds % 60)
    if seconds > 60:
        return "%d:%02d" % (seconds // 60, seconds % 60)
    return "%ds" % seconds


def _format_time(per_step, unit_name):
    if per_step >= 1 or per_step == 0:
        return " %.0fs/%s" % (per_step, unit_name)
    if per_step >= 1e-3:
        return " %.0fms/%s" % (per_step * 1e3, unit_name)
    return " %.0fus/%s" % (per_step * 1e6, unit_name)


def _format_values(values):
    if not values:
        return ""
    items = values.items() if isinstance(values, dict) else values
    text = ""
    for name, value in items:
        value = float(value)
        text += " - %s: %s" % (name, ("%.4f" % value) if abs(value) > 1e-3 else ("%.4e" % value))
    return text


def _write(text):
    sys.stdout.write(text)
    sys.stdout.flush()


def __getattr__(name):  # keras.utils.register_keras_serializable and friends (saving.py)
    if name in (
        "register_keras_serializable",
        "serialize_keras_object",
        "deserialize_keras_object",
        "get_registered_name",
        "get_registered_object",
    ):
        from learntf.keras import saving

        return getattr(saving, name)
    raise AttributeError("module 'learntf.keras.utils' has no attribute %r" % name)
