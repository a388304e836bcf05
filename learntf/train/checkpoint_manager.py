"""`tf.train.CheckpointManager`: numbered checkpoints in one directory, the oldest deleted.

    manager = tf.train.CheckpointManager(ckpt, "ckpts", max_to_keep=3)
    ckpt.restore(manager.latest_checkpoint)      # None the first time: nothing restored
    for step in ...:
        ...
        manager.save()                           # ckpts/ckpt-1, ckpt-2, ... only 3 kept

The manager keeps the list of its checkpoints in the directory's `checkpoint` file, oldest
first, so a program started again picks up where the last one stopped (and keeps deleting the
oldest), with the time each was written.  `keep_checkpoint_every_n_hours` spares one
checkpoint per period from deletion; a spared checkpoint leaves the list, so it is never deleted
later.
"""

import collections
import os
import time

from learntf.train import checkpoint_management
from learntf.train.checkpoint import record_latest


class CheckpointManager:
    """Saves `checkpoint` as `directory/checkpoint_name-N`, keeping the newest `max_to_keep`."""

    def __init__(
        self,
        checkpoint,
        directory,
        max_to_keep,
        keep_checkpoint_every_n_hours=None,
        checkpoint_name="ckpt",
        step_counter=None,
        checkpoint_interval=None,
        init_fn=None,
        last_checkpoint_step=None,
    ):
        if max_to_keep is not None and max_to_keep <= 0:
            raise ValueError(
                "Expected a positive integer or `None` for `max_to_keep`, got %d." % max_to_keep
            )
        if checkpoint_interval is not None and step_counter is None:
            raise ValueError(
                "`step_counter` should be passed if `checkpoint_interval` is not None."
            )
        self._checkpoint = checkpoint
        self._max_to_keep = max_to_keep
        self._keep_every_n_hours = keep_checkpoint_every_n_hours
        self._directory = os.fspath(directory)
        self._prefix = os.path.join(self._directory, checkpoint_name)
        self._init_fn = init_fn
        self._step_counter = step_counter
        self._checkpoint_interval = checkpoint_interval
        self._last_checkpoint_step = last_checkpoint_step
        self._maybe_delete = collections.OrderedDict()  # path -> time written, oldest first
        state = checkpoint_management.get_checkpoint_state(self._directory)
        now = time.time()
        self._latest_checkpoint = None
        self._last_preserved_timestamp = now - 1.0  # (a manager made again at once keeps all)
        if state is not None:  # a program started again: its checkpoints, as TF reads them
            self._latest_checkpoint = state.model_checkpoint_path
            self._last_preserved_timestamp = min(state.last_preserved_timestamp, now)
            times = list(state.all_model_checkpoint_timestamps) or [
                self._last_preserved_timestamp
            ] * len(state.all_model_checkpoint_paths)
            for path, written in zip(state.all_model_checkpoint_paths, times):
                if min(written, now) > self._last_preserved_timestamp:
                    self._maybe_delete[path] = min(written, now)

    @property
    def directory(self):
        return self._directory

    @property
    def checkpoint(self):
        return self._checkpoint

    @property
    def checkpoint_interval(self):
        return self._checkpoint_interval

    @property
    def latest_checkpoint(self):
        """The newest checkpoint's prefix, or None."""
        return self._latest_checkpoint

    @property
    def checkpoints(self):
        """The prefixes of the checkpoints kept (oldest first)."""
        return list(self._maybe_delete)

    def save(self, checkpoint_number=None, check_interval=True, options=None):
        """Write a checkpoint numbered `checkpoint_number` (default: the save_counter, which
        goes up by 1 on every save either way), delete the oldest, return its path (None
        when `checkpoint_interval` says it is too early)."""
        if self._checkpoint_interval is not None:
            step = int(_value(self._step_counter))
            if self._last_checkpoint_step is not None:
                if step == self._last_checkpoint_step:
                    return None
                if check_interval and step < (
                    self._last_checkpoint_step + self._checkpoint_interval
                ):
                    return None
            self._last_checkpoint_step = step
        save_counter = self._checkpoint.save_counter
        save_counter.assign_add(1, read_value=False)
        if checkpoint_number is None:
            checkpoint_number = save_counter
        path = self._checkpoint.write("%s-%d" % (self._prefix, int(_value(checkpoint_number))))
        self._maybe_delete.pop(path, None)
        self._maybe_delete[path] = time.time()
        self._latest_checkpoint = path
        # As TF does: name the new checkpoint in the state file before deleting old ones, then
        # again after. A save killed while deleting then leaves a state file naming `path`.
        self._record_state()
        self._sweep()
        self._record_state()
        return path

    def _record_state(self):
        record_latest(
            self._latest_checkpoint,
            list(self._maybe_delete),
            list(self._maybe_delete.values()),
            self._last_preserved_timestamp,
        )

    def _sweep(self):
        """Delete the oldest checkpoints beyond max_to_keep (sparing one per n hours)."""
        if not self._max_to_keep:
            return
        while len(self._maybe_delete) > self._max_to_keep:
            path, timestamp = self._maybe_delete.popitem(last=False)
            if self._keep_every_n_hours and (
                timestamp - self._keep_every_n_hours * 3600.0 >= self._last_preserved_timestamp
            ):
                self._last_preserved_timestamp = timestamp
                continue
            checkpoint_management.remove_checkpoint(path)

    def restore_or_initialize(self):
        """Restore the latest checkpoint and return its path; without one, run `init_fn`
        (if given) and return None."""
        if self._latest_checkpoint is not None:
            self._checkpoint.restore(self._latest_checkpoint)
            if self._checkpoint_interval is not None:
                self._last_checkpoint_step = int(_value(self._step_counter))
            return self._latest_checkpoint
        if self._init_fn is not None:
            self._init_fn()
        return None

    def sync(self):
        """Wait for pending saves (learntf saves synchronously: nothing to wait for)."""


def _value(number):
    return number.numpy() if hasattr(number, "numpy") else number
