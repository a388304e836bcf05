"""More of Keras 3's callbacks: ModelCheckpoint, LearningRateScheduler, ReduceLROnPlateau,
CSVLogger, TensorBoard, TerminateOnNaN.

They follow Keras 3's rules (which epoch saves, how the rate changes, the CSV's columns).  What
they write is learntf's: ModelCheckpoint calls `model.save_weights` / `model.save`, so a
`.weights.h5` path holds a TF checkpoint (path.index + path.data-...) and a `.keras` path
learntf's zip (see saving.py); TensorBoard writes event files with learntf's summary writer
(scalars `epoch_<metric>` under log_dir/train and log_dir/validation).
"""

import collections
import csv
import math
import os

import numpy as np

from learntf.keras.callbacks import Callback, EarlyStopping, _print


class _Monitor(EarlyStopping):
    """The monitor/mode logic that EarlyStopping already has (min_delta, "auto" direction)."""


class ModelCheckpoint(Callback):
    def __init__(
        self,
        filepath,
        monitor="val_loss",
        verbose=0,
        save_best_only=False,
        save_weights_only=False,
        mode="auto",
        save_freq="epoch",
        initial_value_threshold=None,
    ):
        super().__init__()
        self.filepath = os.fspath(filepath)
        self.monitor, self.verbose = monitor, verbose
        self.save_best_only, self.save_weights_only = save_best_only, save_weights_only
        if save_freq != "epoch":
            raise NotImplementedError("learntf's ModelCheckpoint saves once per epoch only.")
        if save_weights_only and not self.filepath.endswith(".weights.h5"):
            raise ValueError(
                "When using `save_weights_only=True` in `ModelCheckpoint`, the filepath "
                "provided must end in `.weights.h5` (Keras weights format). Received: "
                "filepath=%s" % self.filepath
            )
        if not save_weights_only and not self.filepath.endswith(".keras"):
            raise ValueError(
                "The filepath provided must end in `.keras` (Keras model format). Received: "
                "filepath=%s" % self.filepath
            )
        self._monitor = _Monitor(monitor=monitor, mode=mode)
        self.best = initial_value_threshold

    def set_model(self, model):
        super().set_model(model)
        self._monitor.set_model(model)

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        path = self.filepath.format(epoch=epoch + 1, **logs)
        if self.save_best_only:
            current = logs.get(self.monitor)
            if current is None:
                return
            if self._monitor._lower_is_better is None:
                self._monitor._set_direction()
            if self.best is not None and not self._monitor._is_improvement(current, self.best):
                if self.verbose > 0:
                    _print(
                        "\nEpoch %d: %s did not improve from %.5f\n"
                        % (epoch + 1, self.monitor, self.best)
                    )
                return
            if self.verbose > 0:
                _print(
                    "\nEpoch %d: %s improved from %s to %.5f, saving model to %s\n"
                    % (
                        epoch + 1,
                        self.monitor,
                        "inf" if self.best is None else "%.5f" % self.best,
                        current,
                        path,
                    )
                )
            self.best = current
        elif self.verbose > 0:
            _print("\nEpoch %d: saving model to %s\n" % (epoch + 1, path))
        if self.save_weights_only:
            self.model.save_weights(path, overwrite=True)
        else:
            self.model.save(path, overwrite=True)


class LearningRateScheduler(Callback):
    """Before each epoch, set the optimizer's rate to `schedule(epoch, lr)` (or schedule(epoch));
    after it, log the rate as "learning_rate"."""

    def __init__(self, schedule, verbose=0):
        super().__init__()
        self.schedule, self.verbose = schedule, verbose

    def on_epoch_begin(self, epoch, logs=None):
        optimizer = self.model.optimizer
        lr = float(np.array(optimizer.learning_rate))
        try:
            lr = self.schedule(epoch, lr)
        except TypeError:  # a schedule of the epoch alone
            lr = self.schedule(epoch)
        if hasattr(lr, "numpy"):
            lr = lr.numpy()
        lr = float(lr) if isinstance(lr, (int, np.integer)) else lr
        if not isinstance(lr, (float, np.float32, np.float64)):
            raise ValueError(
                "The output of the `schedule` function should be a float. Got: %s" % (lr,)
            )
        optimizer.learning_rate = lr
        if self.verbose > 0:
            _print(
                "\nEpoch %d: LearningRateScheduler setting learning rate to %s.\n" % (epoch + 1, lr)
            )

    def on_epoch_end(self, epoch, logs=None):
        if logs is not None:
            logs["learning_rate"] = float(np.array(self.model.optimizer.learning_rate))


class ReduceLROnPlateau(Callback):
    """Multiply the rate by `factor` when `monitor` has not improved for `patience` epochs."""

    def __init__(
        self,
        monitor="val_loss",
        factor=0.1,
        patience=10,
        verbose=0,
        mode="auto",
        min_delta=1e-4,
        cooldown=0,
        min_lr=0.0,
        **kwargs,
    ):
        super().__init__()
        if factor >= 1.0:
            raise ValueError(
                "ReduceLROnPlateau does not support a factor >= 1.0. Received factor=%s" % factor
            )
        self.monitor, self.factor, self.patience, self.verbose = monitor, factor, patience, verbose
        self.cooldown, self.min_lr = cooldown, min_lr
        self._monitor = _Monitor(monitor=monitor, mode=mode, min_delta=min_delta)
        self.best, self.wait, self.cooldown_counter = None, 0, 0

    def set_model(self, model):
        super().set_model(model)
        self._monitor.set_model(model)

    def on_train_begin(self, logs=None):
        self.best, self.wait, self.cooldown_counter = None, 0, 0

    def on_epoch_end(self, epoch, logs=None):
        logs = logs if logs is not None else {}
        if self._monitor._lower_is_better is None:
            self._monitor._set_direction()
        optimizer = self.model.optimizer
        logs["learning_rate"] = float(np.array(optimizer.learning_rate))
        current = logs.get(self.monitor)
        if current is None:
            return
        if self.cooldown_counter > 0:
            self.cooldown_counter -= 1
            self.wait = 0
        if self.best is None or self._monitor._is_improvement(current, self.best):
            self.best, self.wait = current, 0
        elif not self.cooldown_counter > 0:
            self.wait += 1
            if self.wait >= self.patience:
                old_lr = float(np.array(optimizer.learning_rate))
                if old_lr > np.float32(self.min_lr):
                    new_lr = max(old_lr * self.factor, self.min_lr)
                    optimizer.learning_rate = new_lr
                    if self.verbose > 0:
                        _print(
                            "\nEpoch %d: ReduceLROnPlateau reducing learning rate to %s.\n"
                            % (epoch + 1, new_lr)
                        )
                    self.cooldown_counter, self.wait = self.cooldown, 0


class CSVLogger(Callback):
    """One CSV row per epoch: "epoch" then the logs' keys, sorted (val_ keys too)."""

    def __init__(self, filename, separator=",", append=False):
        super().__init__()
        self.filename, self.sep, self.append = os.fspath(filename), separator, append
        self.writer, self.keys, self.csv_file = None, None, None
        self.append_header = True

    def on_train_begin(self, logs=None):
        mode = "w"
        if self.append:
            if os.path.exists(self.filename):
                with open(self.filename) as f:
                    self.append_header = not bool(len(f.readline()))
            mode = "a"
        self.csv_file = open(self.filename, mode, newline="")
        self.writer, self.keys = None, None

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        if self.keys is None:
            self.keys = sorted(logs)
            if self.keys and not any(k.startswith("val_") for k in self.keys):
                self.keys += ["val_%s" % k for k in self.keys]
        if self.writer is None:

            class Dialect(csv.excel):
                delimiter = self.sep

            self.writer = csv.DictWriter(
                self.csv_file, fieldnames=["epoch"] + self.keys, dialect=Dialect
            )
            if self.append_header:
                self.writer.writeheader()
        row = collections.OrderedDict({"epoch": epoch})
        row.update((k, logs.get(k, "NA")) for k in self.keys)
        self.writer.writerow(row)
        self.csv_file.flush()

    def on_train_end(self, logs=None):
        if self.csv_file is not None and not self.csv_file.closed:
            self.csv_file.close()
        self.writer = None


class TerminateOnNaN(Callback):
    def on_train_batch_end(self, batch, logs=None):
        loss = (logs or {}).get("loss")
        if loss is not None and (math.isnan(loss) or math.isinf(loss)):
            _print("Batch %d: Invalid loss, terminating training\n" % batch)
            self.model.stop_training = True


class TensorBoard(Callback):
    """Epoch scalars for TensorBoard: `epoch_loss`, `epoch_<metric>` in log_dir/train, and the
    validation values (without "val_") in log_dir/validation - event files by learntf."""

    def __init__(
        self,
        log_dir="logs",
        histogram_freq=0,
        write_graph=True,
        write_images=False,
        write_steps_per_second=False,
        update_freq="epoch",
        profile_batch=0,
        embeddings_freq=0,
        embeddings_metadata=None,
    ):
        super().__init__()
        self.log_dir = os.fspath(log_dir)
        self._writers = {}

    def _writer(self, kind):
        from learntf.summary import create_file_writer

        if kind not in self._writers:
            self._writers[kind] = create_file_writer(os.path.join(self.log_dir, kind))
        return self._writers[kind]

    def on_train_begin(self, logs=None):
        self._writer("train")

    def on_epoch_end(self, epoch, logs=None):
        from learntf.summary import scalar

        logs = logs or {}
        train = {k: v for k, v in logs.items() if not k.startswith("val_")}
        val = {k[4:]: v for k, v in logs.items() if k.startswith("val_")}
        for kind, values in (("train", train), ("validation", val)):
            if not values:
                continue
            with self._writer(kind).as_default():
                for name, value in values.items():
                    scalar("epoch_" + name, value, step=epoch)

    def on_train_end(self, logs=None):
        for writer in self._writers.values():
            writer.close()
        self._writers = {}
