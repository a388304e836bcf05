"""`tf.train.Coordinator`: stop a group of Python threads together.

TF 1 programs fed input queues from threads; the threads loop `while not
coord.should_stop():`, any of them (or the main thread) calls `coord.request_stop()`, and the
main thread waits with `coord.join(threads)`.  An exception reported to the coordinator (by
`request_stop(ex)` or inside `with coord.stop_on_exception():`) stops every thread and is
raised again by `join`; an OutOfRangeError (an input that ran out) is a clean stop.
"""

import contextlib
import sys
import threading
import time

from learntf import errors
from learntf.tf_logging import get_logger


class Coordinator:
    """A stop flag shared by threads, with the first error any of them reported."""

    def __init__(self, clean_stop_exception_types=None):
        if clean_stop_exception_types is None:
            clean_stop_exception_types = (errors.OutOfRangeError,)
        self._clean_stop_exception_types = tuple(clean_stop_exception_types)
        self._lock = threading.Lock()
        self._stop_event = threading.Event()
        self._exc_info_to_raise = None
        self._joined = False
        self._registered_threads = set()

    def _filter_exception(self, ex):
        error = ex[1] if isinstance(ex, tuple) else ex
        return None if isinstance(error, self._clean_stop_exception_types) else ex

    def request_stop(self, ex=None):
        """Ask every thread to stop; `ex` (an exception or sys.exc_info()) is raised by join."""
        with self._lock:
            ex = self._filter_exception(ex)
            if self._joined:  # (too late to be raised by join: raised here)
                if isinstance(ex, tuple):
                    raise ex[1]
                if ex is not None:
                    raise sys.exc_info()[1]
            if not self._stop_event.is_set():
                if ex and self._exc_info_to_raise is None:
                    if isinstance(ex, tuple):
                        get_logger().info("Error reported to Coordinator: %s", ex[1])
                        self._exc_info_to_raise = ex
                    else:
                        get_logger().info("Error reported to Coordinator: %s, %s", type(ex), ex)
                        self._exc_info_to_raise = sys.exc_info()
                    if len(self._exc_info_to_raise) != 3 or not self._exc_info_to_raise[1]:
                        try:
                            raise ValueError(
                                "ex must be a tuple or sys.exc_info must return the current "
                                "exception: %s" % (self._exc_info_to_raise,)
                            )
                        except ValueError:
                            self._exc_info_to_raise = sys.exc_info()
                self._stop_event.set()

    def clear_stop(self):
        """Forget a stop request (and its error), so the threads may run again."""
        with self._lock:
            self._joined = False
            self._exc_info_to_raise = None
            self._stop_event.clear()

    def should_stop(self):
        return self._stop_event.is_set()

    @contextlib.contextmanager
    def stop_on_exception(self):
        """Report any exception raised in the block to the coordinator (it stops them all)."""
        try:
            yield
        except:  # noqa: E722 (as TF: every exception is reported, none escapes)
            self.request_stop(ex=sys.exc_info())

    def wait_for_stop(self, timeout=None):
        return self._stop_event.wait(timeout)

    def register_thread(self, thread):
        with self._lock:
            self._registered_threads.add(thread)

    def join(self, threads=None, stop_grace_period_secs=120, ignore_live_threads=False):
        """Wait for the threads to end after a stop request; raise the reported error, or
        RuntimeError if some thread outlives the grace period."""
        with self._lock:
            threads = list(self._registered_threads.union(set(threads or ())))
        while any(t.is_alive() for t in threads) and not self.wait_for_stop(1.0):
            pass
        wait = 0.001
        while any(t.is_alive() for t in threads) and stop_grace_period_secs >= 0.0:
            time.sleep(wait)
            stop_grace_period_secs -= wait
            wait = max(min(2 * wait, stop_grace_period_secs), 0.001)
        stragglers = [t.name for t in threads if t.is_alive()]
        with self._lock:
            self._joined = True
            self._registered_threads = set()
            if self._exc_info_to_raise:
                raise self._exc_info_to_raise[1]
            if stragglers:
                message = "Coordinator stopped with threads still running: %s" % " ".join(
                    stragglers
                )
                if not ignore_live_threads:
                    raise RuntimeError(message)
                get_logger().info(message)

    @property
    def joined(self):
        return self._joined

    def raise_requested_exception(self):
        with self._lock:
            if self._exc_info_to_raise:
                raise self._exc_info_to_raise[1]
