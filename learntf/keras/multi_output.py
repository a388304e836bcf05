"""compile/fit for a functional model with several outputs (Keras 3's rules):

    model = keras.Model(inputs, [score, label])
    model.compile(loss=["mse", "sparse_categorical_crossentropy"], loss_weights=[1.0, 0.5],
                  metrics=[["mae"], ["accuracy"]])
    model.fit(x, [y_score, y_label])

Losses and metrics are given per output, as a list (in the outputs' order) or a dict (by output
name: the output layer's name, or the key when the model's outputs are a dict).  The loss is
the weighted sum; the logs add, per output, "<name>_loss" (unweighted) and "<name>_<metric>".
"""

from learntf.keras import metrics as metrics_module
from learntf.ops import math_ops


def output_keys(model):
    """[(key into y / y_pred, output name)] for a model with several outputs, else None."""
    outputs = getattr(model, "_outputs", None)
    if isinstance(outputs, dict):
        return [(key, key) for key in outputs]
    if isinstance(outputs, (list, tuple)) and len(outputs) > 1:
        return [(i, t._keras_history.operation.name) for i, t in enumerate(outputs)]
    return None


def uses(model):
    return model.compiled and output_keys(model) is not None


def _for_output(spec, key, index):
    if isinstance(spec, dict):
        return spec.get(key)
    if isinstance(spec, (list, tuple)):
        return spec[index] if index < len(spec) else None
    return spec


def build(model, y_shapes):
    """The per-output losses (with their trackers) and the compiled metrics."""
    from learntf.keras.trainer import _as_loss_object

    keys = output_keys(model)
    by_key = (
        dict(zip(sorted(k for k, _ in keys), y_shapes))
        if isinstance(keys[0][0], str)
        else {k: shape for (k, _), shape in zip(keys, y_shapes)}
    )
    if model._output_losses is None:
        losses = []
        for index, (key, name) in enumerate(keys):
            spec = _for_output(model.loss, key, index)
            if spec is None:
                continue
            weight = _for_output(model._loss_weights, key, index)
            losses.append(
                (
                    key,
                    name,
                    _as_loss_object(spec),
                    1.0 if weight is None else float(weight),
                    metrics_module.Mean(name=name + "_loss"),
                )
            )
        model._output_losses = losses
    compile_metrics = model._compile_metrics
    if compile_metrics is not None and not compile_metrics.built:
        specs = model._metric_specs
        nested = isinstance(specs, dict) or all(isinstance(s, (list, tuple)) for s in specs)
        entries = []
        for index, (key, name) in enumerate(keys):
            chosen = _for_output(specs, key, index) if nested else specs
            if chosen is None:
                continue
            chosen = chosen if isinstance(chosen, (list, tuple)) else [chosen]
            output_shape = _output_shape(model, key)
            for spec in chosen:
                metric = metrics_module.for_compile(spec, tuple(by_key[key]), output_shape)
                entries.append((key, "%s_%s" % (name, metric.name), metric))
        compile_metrics.build([m for *_, m in entries], [e[:2] for e in entries])


def _output_shape(model, key):
    return model._outputs[key].shape


def loss(model, y, y_pred, sample_weight=None):
    """The weighted sum of the outputs' losses; each unweighted value kept for its tracker."""
    total, model._output_loss_values = None, {}
    for key, name, fn, weight, _ in model._output_losses:
        value = fn(y[key], y_pred[key], sample_weight=sample_weight)
        model._output_loss_values[name] = value
        term = value if weight == 1.0 else math_ops.multiply(value, weight)
        total = term if total is None else math_ops.add(total, term)
    return total


def update_trackers(model, batch):
    """Each output's loss tracker: its mean loss per example (weighted by the batch size)."""
    values = getattr(model, "_output_loss_values", None)
    for _, name, _, _, tracker in model._output_losses or []:
        if values and name in values:
            value = math_ops.cast(values[name], tracker.dtype)
            tracker.total.assign_add(math_ops.multiply(value, batch), read_value=False)
            tracker.count.assign_add(batch, read_value=False)
