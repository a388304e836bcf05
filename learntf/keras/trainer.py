"""compile / fit / evaluate / predict: Keras's training loop (lesson 21).

`fit` is the custom training loop of seed 004, written once:

    for epoch in range(epochs):
        reset the metrics
        for each batch (x, y) of the shuffled data:
            logs = train_step(x, y)      # forward, loss, gradients, optimizer update, metrics
        validate on validation_data (evaluate), add val_... to the logs
        callbacks (History, EarlyStopping, the progress bar) see the epoch's logs

`train_step` is compiled with tf.function unless `compile(run_eagerly=True)`: it is traced once
(input_signature with the batch dimension left as None, so the last, smaller batch reuses the
same graph) and each batch runs the traced graph's execution plan.  Inside the trace,
gradients come from tf.gradients on the traced graph; eagerly, from a GradientTape - the same
maths either way (see backend.gradients).
"""

import inspect
import math

import numpy as np

from learntf import dtypes, nest
from learntf.data.dataset import INFINITE, Dataset
from learntf.eager.def_function import function as tf_function
from learntf.eager.func_graph import TensorSpec
from learntf.framework import context
from learntf.framework.execute import EagerTensor
from learntf.keras import backend, losses, multi_output, optimizers
from learntf.keras import callbacks as callbacks_module
from learntf.keras import metrics as metrics_module
from learntf.keras.layers import symbolic_output_shape
from learntf.ops import array_ops, math_ops, random_ops


class Trainer:
    """The training API of keras.Model: compile, fit, evaluate, predict and the step functions."""

    def _init_trainer(self):
        self.optimizer = None
        self.loss = None
        self.compiled = False
        self.stop_training = False
        self.history = None
        self.run_eagerly = False
        self._loss_fn = None
        self._loss_weights = None
        self._output_losses = None
        self._metric_specs = []
        self._compile_metrics = None
        self._loss_tracker = None
        self._functions = {}

    # -- compile ------------------------------------------------------------------------------
    def compile(
        self,
        optimizer="rmsprop",
        loss=None,
        loss_weights=None,
        metrics=None,
        weighted_metrics=None,
        run_eagerly=False,
        steps_per_execution=1,
        jit_compile="auto",
        auto_scale_loss=True,
    ):
        """Choose the optimizer, the loss (a name, a Loss or a function (y_true, y_pred)) and the
        metrics to report; `run_eagerly=True` runs train_step without tf.function."""
        self.optimizer = optimizers.get(optimizer)
        self.loss = loss
        self._compile_config = _compile_config(optimizer, loss, metrics)  # for model.save
        self._loss_fn = None if isinstance(loss, (list, tuple, dict)) else _as_loss_object(loss)
        self._loss_weights = loss_weights
        self._output_losses = None  # several outputs: built by multi_output.build
        if metrics is not None and not isinstance(metrics, (list, tuple, dict)):
            raise TypeError(
                "Type of `metrics` argument not understood. Expected a list or "
                "dictionary, found: %r" % (metrics,)
            )
        self._metric_specs = metrics if isinstance(metrics, dict) else list(metrics or [])
        # (filled on the first batch, when the shapes are known)
        self._compile_metrics = metrics_module.CompileMetrics() if metrics is not None else None
        self._loss_tracker = metrics_module.Mean(name="loss")
        self.run_eagerly = bool(run_eagerly)
        self.compiled = True
        self._functions = {}

    @property
    def metrics(self):
        """Keras 3's order: the loss tracker, the compiled metrics (one container named
        "compile_metrics"), then metrics held in the model's attributes."""
        result = []
        if self.compiled:
            result.append(self._loss_tracker)
            if self._compile_metrics is not None:
                result.append(self._compile_metrics)
            result += [tracker for *_, tracker in self._output_losses or []]
        for value in vars(self).values():
            if isinstance(value, metrics_module.Metric) and not any(value is m for m in result):
                result.append(value)
        return result

    @property
    def metrics_names(self):
        return [m.name for m in self.metrics]

    def reset_metrics(self):
        for metric in self.metrics:
            metric.reset_state()

    def _assert_compiled(self, what):
        _assert_eager(what)
        if not self.compiled:
            raise ValueError(
                "You must call `compile()` before using the model.\n(learntf: "
                'model.compile(optimizer="sgd", loss="mse") chooses how %s '
                "measures and improves the model.)" % what
            )

    # -- the steps ----------------------------------------------------------------------------
    def compute_loss(self, x=None, y=None, y_pred=None, sample_weight=None, training=True):
        """The compiled loss of (y, y_pred), plus the model's added losses (`model.losses`:
        weight regularizers, add_loss)."""
        total = []
        if self._output_losses is not None:
            total.append(multi_output.loss(self, y, y_pred, sample_weight))
        elif self._loss_fn is not None:
            total.append(self._loss_fn(y, y_pred, sample_weight=sample_weight))
        total += [math_ops.reduce_sum(loss) for loss in getattr(self, "losses", [])]
        if not total:
            raise ValueError("No loss to compute. Provide a `loss` argument in `compile()`.")
        return total[0] if len(total) == 1 else math_ops.add_n(total)

    def train_step(self, data):
        """One batch: forward pass and loss, gradients, one optimizer update, metrics.
        `data` is the batch, (x, y) - Keras 3's signature, which subclasses override."""
        x, y = data[0], data[1]
        variables = self.trainable_variables
        outputs = {}

        def forward():
            outputs["y_pred"] = self(x, training=True)
            return self.compute_loss(x, y, outputs["y_pred"])

        if variables:
            loss, grads = backend.gradients(forward, variables)
            self.optimizer.apply_gradients(zip(grads, variables))
        else:
            loss = forward()
        return self._update_metrics(loss, y, outputs["y_pred"])

    def test_step(self, data):
        x, y = data[0], data[1]
        y_pred = self(x, training=False)
        return self._update_metrics(self.compute_loss(x, y, y_pred, training=False), y, y_pred)

    def predict_step(self, data):
        return self(data[0], training=False)

    def get_metrics_result(self):
        """{name: value} of every metric in `self.metrics` (the compiled metrics' by name)."""
        results = {}
        for metric in self.metrics:
            result = metric.result()
            if isinstance(result, dict):
                results.update(result)
            else:
                results[metric.name] = result
        return results

    def _update_metrics(self, loss, y, y_pred):
        """Add the batch to every metric; return {name: running value}."""
        # (the batch size from y: asking y_pred would keep its op in the plan, and a softmax
        # output is otherwise skipped, the loss using its logits)
        batch = math_ops.cast(array_ops.shape(nest.flatten(y)[0])[0], dtypes.float32)
        tracker = self._loss_tracker  # the mean loss per example, weighted by batch size
        tracker.total.assign_add(
            math_ops.multiply(math_ops.cast(loss, dtypes.float32), batch), read_value=False
        )
        tracker.count.assign_add(batch, read_value=False)
        if self._compile_metrics is not None:
            self._compile_metrics.update_state(y, y_pred)
        multi_output.update_trackers(self, batch)
        return self.get_metrics_result()

    # -- compiled step functions ----------------------------------------------------------------
    def _step_function(self, kind, specs, x_template=None, n_x=1):
        """`train_step`/`test_step`/`predict_step`, traced once for these input specs (unless
        run_eagerly); returns a function of NumPy batches."""
        step = getattr(self, kind + "_step")
        if not self.run_eagerly:
            key = (kind,) + tuple((s.dtype.name, s.shape.as_tuple()) for s in specs)
            step = self._functions.get(key)
            if step is None:
                step = self._functions[key] = _traced(
                    getattr(self, kind + "_step"), kind, specs, x_template, n_x
                )

        def run(*arrays):  # the batches are fresh arrays: wrap them without a copy
            tensors = [_as_tensor(a, s.dtype) for a, s in zip(arrays, specs)]
            if self.run_eagerly:
                return step(_packed(tensors, x_template, n_x))
            return step(*tensors)

        return run

    def _prepare(self, x_shape, y_shape=None, build_metrics=True, y_shapes=None):
        """Build the model (and the compiled metrics, the optimizer's slots) for these shapes."""
        input_shape = (None,) + tuple(x_shape[1:])
        if not self.built:
            self.build(input_shape)
        compile_metrics = self._compile_metrics
        if build_metrics and multi_output.uses(self):
            multi_output.build(self, y_shapes)
        elif build_metrics and compile_metrics is not None and not compile_metrics.built:
            if getattr(self, "_outputs", None) is not None:  # a functional model knows
                output_shape = nest.flatten(self._outputs)[0].shape
            else:
                output_shape = symbolic_output_shape(self, input_shape)
            compile_metrics.build(
                [
                    metrics_module.for_compile(spec, tuple(y_shape), output_shape)
                    for spec in self._metric_specs
                ]
            )
        if build_metrics and self.optimizer is not None:
            self.optimizer.build(self.trainable_variables)

    # -- fit ----------------------------------------------------------------------------------
    def fit(
        self,
        x=None,
        y=None,
        batch_size=None,
        epochs=1,
        verbose="auto",
        callbacks=None,
        validation_split=0.0,
        validation_data=None,
        shuffle=True,
        class_weight=None,
        sample_weight=None,
        initial_epoch=0,
        steps_per_epoch=None,
        validation_steps=None,
        validation_batch_size=None,
        validation_freq=1,
    ):
        """Train for `epochs` passes over (x, y) in batches of `batch_size` (default 32);
        returns a History whose `.history` holds each epoch's logs."""
        self._assert_compiled("fit()")
        _unsupported(
            class_weight=class_weight,
            sample_weight=sample_weight,
            steps_per_epoch=steps_per_epoch,
            validation_steps=validation_steps,
        )
        verbose = _verbose(verbose)
        if validation_split and validation_data is None:
            if isinstance(x, Dataset):
                raise ValueError(  # (Keras 3's words, its missing space too)
                    "Argument `validation_split` is only supported for tensors or NumPy "
                    "arrays.Found incompatible type in the input: [%s]\n(learntf: split "
                    "the dataset yourself (take/skip) and pass validation_data.)" % type(x)
                )
            (x, y), validation_data = _split(x, y, validation_split)
        train = _Batches(x, y, batch_size or 32, shuffle, "fit")
        validation = None
        if validation_data is not None:
            vx, vy = _unpack_validation(validation_data)
            validation = _Batches(
                vx, vy, validation_batch_size or batch_size or 32, False, "validation_data"
            )
        self._prepare(train.x_shape, train.y_shape, y_shapes=train.y_shapes)
        train_function = self._step_function("train", train.specs, train.x_template, train.n_x)
        callback_list, history = callbacks_module.configure(
            callbacks, self, verbose, epochs, train.steps
        )
        rng = _shuffle_generator()
        self.stop_training = False
        callback_list.on_train_begin()
        epoch_logs = {}
        for epoch in range(initial_epoch, epochs):
            self.reset_metrics()
            callback_list.on_epoch_begin(epoch)
            logs = None
            step = 0
            for step, batch in enumerate(train.batches(rng)):
                callback_list.on_train_batch_begin(step)
                logs = _floats(train_function(*batch))
                callback_list.on_train_batch_end(step, logs)
                if self.stop_training:
                    break
            if logs is None:
                raise ValueError("Unable to train: the training data is empty.")
            train.steps = step + 1
            epoch_logs = dict(logs)
            if validation is not None and (epoch + 1) % validation_freq == 0:
                val_logs = self._run_evaluation(validation, callback_list)
                epoch_logs.update({"val_" + name: value for name, value in val_logs.items()})
            callback_list.on_epoch_end(epoch, epoch_logs)
            if self.stop_training:
                break
        callback_list.on_train_end(epoch_logs)
        return history

    # -- evaluate / predict -------------------------------------------------------------------
    def evaluate(
        self,
        x=None,
        y=None,
        batch_size=None,
        verbose="auto",
        sample_weight=None,
        steps=None,
        callbacks=None,
        return_dict=False,
    ):
        """The loss (and metrics) over (x, y): a number, or [loss, metric...] with metrics."""
        self._assert_compiled("evaluate()")
        _unsupported(sample_weight=sample_weight, steps=steps)
        data = _Batches(x, y, batch_size or 32, False, "evaluate")
        self._prepare(data.x_shape, data.y_shape, y_shapes=data.y_shapes)
        callback_list, _ = callbacks_module.configure(
            callbacks, self, _verbose(verbose), 1, data.steps, mode="evaluate"
        )
        logs = self._run_evaluation(data, callback_list)
        if return_dict:
            return logs
        names = [
            n
            for m in self.metrics
            for n in (
                m.metric_names() if isinstance(m, metrics_module.CompileMetrics) else [m.name]
            )
        ]  # in compile order, then any others by name
        names += [n for n in sorted(logs) if n not in names]
        values = [logs[n] for n in names if n in logs]
        return values[0] if len(values) == 1 else values

    def _run_evaluation(self, data, callback_list):
        test_function = self._step_function("test", data.specs, data.x_template, data.n_x)
        self.reset_metrics()
        callback_list.on_test_begin()
        logs = None
        for step, batch in enumerate(data.batches(None)):
            callback_list.on_test_batch_begin(step)
            logs = _floats(test_function(*batch))
            callback_list.on_test_batch_end(step, logs)
        if logs is None:
            raise ValueError("Unable to evaluate: the data is empty.")
        callback_list.on_test_end(logs)
        return logs

    def predict(self, x, batch_size=None, verbose="auto", steps=None, callbacks=None):
        """The model's outputs for x, computed in batches, as one NumPy array."""
        _assert_eager("predict()")
        _unsupported(steps=steps)
        data = _Batches(x, None, batch_size or 32, False, "predict")
        self._prepare(data.x_shape, build_metrics=False)
        predict_function = self._step_function("predict", data.specs, data.x_template, data.n_x)
        callback_list, _ = callbacks_module.configure(
            callbacks, self, _verbose(verbose), 1, data.steps, mode="predict"
        )
        callback_list.on_predict_begin()
        outputs = []
        for step, batch in enumerate(data.batches(None)):
            callback_list.on_predict_batch_begin(step)
            outputs.append(np.asarray(predict_function(*batch)))
            callback_list.on_predict_batch_end(step, {"outputs": outputs[-1]})
        callback_list.on_predict_end()
        return np.concatenate(outputs, axis=0)


# -- data ------------------------------------------------------------------------------------------
class _Batches:
    """(x, y) arrays or a tf.data.Dataset of (x, y) batches, as NumPy batches per epoch."""

    def __init__(self, x, y, batch_size, shuffle, what):
        if x is None:
            raise ValueError("%s needs input data x." % what)
        self.batch_size = int(batch_size)
        self.shuffle = shuffle
        self.x_template, self.n_x = None, 1
        if isinstance(x, Dataset):
            if y is not None:
                raise ValueError("`y` argument is not supported when using dataset as input.")
            if x.cardinality() == INFINITE:
                raise ValueError(
                    "When passing an infinitely repeating dataset, please specify a "
                    "`steps_per_epoch` value so that epoch level callbacks continue to work.\n"
                    "(learntf: an epoch here is one pass over the dataset, which never ends, and "
                    "learntf's %s does not support steps_per_epoch or steps; repeat it a fixed "
                    "number of times, "
                    "dataset.repeat(3), or take(n) batches. TensorFlow 2.21's Keras would run "
                    "forever instead of raising.)" % what
                )
            self.dataset = x
            first = next(iter(x))
            arrays = [backend.standardize_array(t) for t in _as_tuple(first)]
            self.steps = None
        else:
            self.dataset = None
            self.x_template = x if _is_structure(x) else None
            arrays = (
                [backend.standardize_array(a) for a in nest.flatten(x)]
                if _is_structure(x)
                else [backend.standardize_array(x)]
            )
            self.n_x = len(arrays)
            if y is not None and _is_structure(y):  # several outputs: y's arrays, flat
                arrays += [backend.standardize_array(a) for a in nest.flatten(y)]
                self.x_template = _Layout(self.x_template, y)
            elif y is not None:
                arrays.append(backend.standardize_array(y))
            self.arrays = arrays
            self.n = len(arrays[0])
            for array in arrays[1:]:
                if len(array) != self.n:
                    raise ValueError(
                        "Data cardinality is ambiguous: x sizes: %d, y sizes: %d. "
                        "Make sure all arrays contain the same number of samples."
                        % (self.n, len(array))
                    )
            self.steps = max(1, math.ceil(self.n / self.batch_size))
        if what != "predict" and len(arrays) < 2:
            raise ValueError("%s needs targets: pass y (or a dataset of (x, y) pairs)." % what)
        n_x = getattr(self, "n_x", 1)
        names = ["x"] if n_x == 1 else ["x_%d" % i for i in range(n_x)]
        n_y = len(arrays) - n_x
        names += ["y"] if n_y == 1 else ["y_%d" % i for i in range(n_y)]
        self.specs = [
            TensorSpec((None,) + a.shape[1:], dtypes.as_dtype(a.dtype), name)
            for a, name in zip(arrays, names)
        ]
        self.x_shape = arrays[0].shape
        self.y_shape = arrays[n_x].shape if len(arrays) > n_x else None
        self.y_shapes = [a.shape for a in arrays[n_x:]]  # (several outputs: one each)

    def batches(self, rng):
        if self.dataset is not None:
            for element in self.dataset:
                yield tuple(backend.standardize_array(t) for t in _as_tuple(element))
            return
        if self.shuffle and rng is not None:
            order = rng.permutation(self.n)
            for start in range(0, self.n, self.batch_size):
                index = order[start : start + self.batch_size]
                yield tuple(a[index] for a in self.arrays)
        else:
            for start in range(0, self.n, self.batch_size):
                yield tuple(a[start : start + self.batch_size] for a in self.arrays)


def _is_structure(x):
    """A list/tuple/dict of arrays is several inputs (a list of numbers is one array)."""
    if isinstance(x, dict):
        return True
    return isinstance(x, (list, tuple)) and all(hasattr(v, "shape") and len(v.shape) > 0 for v in x)


class _Layout:
    """The structures of x and y when y has several arrays (a model with several outputs)."""

    def __init__(self, x_template, y_template):
        self.x_template, self.y_template = x_template, y_template


def _packed(tensors, x_template, n_x):
    """The step's arguments (x, y) or (x,) from the flat batch tensors."""
    y_template = None
    if isinstance(x_template, _Layout):
        x_template, y_template = x_template.x_template, x_template.y_template
    x = nest.pack_sequence_as(x_template, tensors[:n_x]) if x_template is not None else tensors[0]
    if y_template is not None and len(tensors) > n_x:
        return (x, nest.pack_sequence_as(y_template, tensors[n_x:]))
    return (x,) + tuple(tensors[n_x:])


def _traced(step, kind, specs, x_template=None, n_x=1):
    """The concrete function of `step` traced for `specs` (batch dimension None)."""
    if x_template is not None:  # several inputs: a function of the flat tensors

        def step_function(*flat):
            return step(_packed(list(flat), x_template, n_x))

        step_function.__signature__ = inspect.Signature(
            [inspect.Parameter(s.name, inspect.Parameter.POSITIONAL_OR_KEYWORD) for s in specs]
        )
    elif len(specs) == 2:

        def step_function(x, y):
            return step((x, y))
    else:

        def step_function(x):
            return step((x,))

    step_function.__name__ = kind + "_function"
    return tf_function(step_function, input_signature=list(specs)).get_concrete_function(*specs)


def _as_tensor(array, dtype):
    if array.dtype != dtype.np:
        array = array.astype(dtype.np)
    array.flags.writeable = False  # tensors are immutable (a view's flag leaves its base alone)
    return EagerTensor(array, dtype)


def _floats(logs):
    """Logs as callbacks see them: Python floats (the running value of each metric), by
    name in sorted order, as Keras 3's logs (and so its History) come out of its step; a
    nested dict (a custom train_step returning a CompileMetrics result) is spliced in."""
    flat = {}
    for name in sorted(logs):
        value = logs[name]
        if isinstance(value, dict):
            flat.update(_floats(value))
        else:
            flat[name] = float(value)
    return flat


def _as_tuple(element):
    return tuple(element) if isinstance(element, (tuple, list)) else (element,)


def _split(x, y, fraction):
    """Keras's validation_split: the last `fraction` of the samples, before any shuffling."""
    if not 0 < fraction < 1:
        raise ValueError("`validation_split` must be between 0 and 1, got %r." % (fraction,))
    x, y = backend.to_numpy(x), backend.to_numpy(y)
    split_at = int(math.floor(len(x) * (1.0 - fraction)))
    if split_at == 0 or split_at == len(x):
        raise ValueError(
            "Training data contains %d samples, which is not sufficient to split "
            "it into a validation and training set as specified by "
            "`validation_split=%r`. Either provide more data, or a different value "
            "for the `validation_split` argument." % (len(x), fraction)
        )
    return (x[:split_at], y[:split_at]), (x[split_at:], y[split_at:])


def _unpack_validation(data):
    if isinstance(data, Dataset):
        return data, None
    if isinstance(data, (tuple, list)) and len(data) == 2:
        return data
    raise ValueError(
        "When passing a `validation_data` argument, it must contain 2 items "
        "(x_val, y_val). Received: %r" % (type(data),)
    )


def _shuffle_generator():
    """Shuffling follows TF's seeds: after tf.random.set_seed(s), every run shuffles alike."""
    graph_seed, op_seed = random_ops.get_seed(None)
    if graph_seed is None:
        return np.random.default_rng()
    return np.random.default_rng([graph_seed & 0xFFFFFFFF, op_seed & 0xFFFFFFFF])


def _as_loss_object(loss):
    if loss is None:
        return None
    fn = losses.get(loss)
    if isinstance(fn, losses.Loss):
        return fn
    name = loss if isinstance(loss, str) else getattr(fn, "__name__", "loss")
    return losses.LossFunctionWrapper(fn, name=name)


def _compile_config(optimizer, loss, metrics):
    """What load_model needs to compile again: names, or None when compile took objects."""
    if isinstance(metrics, dict):
        return None
    simple = all(isinstance(v, str) or v is None for v in [optimizer, loss] + list(metrics or []))
    if not simple:
        return None
    return {"optimizer": optimizer, "loss": loss, "metrics": list(metrics) if metrics else None}


def _verbose(verbose):
    return 1 if verbose == "auto" else int(verbose)


def _unsupported(**arguments):
    for name, value in arguments.items():
        if value is not None:
            raise NotImplementedError("learntf's Keras does not support `%s` yet." % name)


def _assert_eager(what):
    if not context.executing_eagerly():
        raise RuntimeError(
            "learntf's keras %s runs in eager mode (TensorFlow 2), but eager "
            "execution is off (tf.compat.v1.disable_v2_behavior() or "
            "disable_eager_execution() turned it off). Run Keras code in a "
            "program that leaves eager execution on." % what
        )
