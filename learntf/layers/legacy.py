"""TF1's functional layers (`tf.compat.v1.layers.dense`, `conv2d`, ...), as TensorFlow 2.21 runs
them through tf_keras's legacy layers when TF_USE_LEGACY_KERAS=1 (learntf/layers/__init__.py).

A call builds its variables and ops in one variable scope named after the layer: the first
`dense` makes `dense/kernel` and `dense/bias` and the ops `dense/MatMul`, `dense/BiasAdd`; the
next makes `dense_1/...`.  `name=` picks the scope and `reuse=True` reuses its variables, so
two calls can share weights (the ops then go to a new name scope, `name_1/`).  The variables
are get_variable's (learntf/ops/variable_scope.py): the kernel starts Glorot-uniform, the bias
at zeros.  Batch normalization keeps `moving_mean` and `moving_variance` (not trainable) and,
when training, puts the ops updating them into the graph's UPDATE_OPS collection: the caller
runs them, usually with `tf.control_dependencies(update_ops)` around the train op.
"""

import contextlib
import functools
import operator

from learntf import dtypes
from learntf.framework.constant_op import convert_to_tensor
from learntf.framework.graph import GraphKeys, name_scope
from learntf.framework.graph_extras import add_to_collection
from learntf.framework.tensor_util import constant_value
from learntf.ops import array_ops, control_flow_ops, conv_ops, init_ops, math_ops, nn_impl, nn_ops
from learntf.ops.state_ops import assign_sub
from learntf.ops.variable_scope import get_variable, variable_scope

_ZEROS, _ONES = init_ops.zeros_initializer(), init_ops.ones_initializer()  # TF's defaults


# The layer objects (learntf/layers/classes.py) whose call is running: a layer keeps the scope
# of its first call, and later calls build their ops in it again, reusing its variables.
calling_layers = []


@contextlib.contextmanager
def _layer_scope(name, default_name, reuse=None):
    """The variable scope (and name scope) a layer builds in."""
    layer = calling_layers[-1] if calling_layers else None
    if layer is None or layer.scope is None:
        with variable_scope(name, default_name=default_name, reuse=reuse) as scope:
            if layer is not None:
                layer.scope = scope
            yield scope
    else:
        with variable_scope(layer.scope, reuse=True, auxiliary_name_scope=False) as scope:
            with name_scope(layer.scope.original_name_scope):
                yield scope


def _smart_cond(pred, true_fn, false_fn):
    """Call one function when `pred` is known when the graph is built; else a tf.cond."""
    value = pred if isinstance(pred, bool) else constant_value(convert_to_tensor(pred))
    if value is not None:
        return true_fn() if value else false_fn()
    return control_flow_ops.cond(pred, true_fn, false_fn)


def _weight(name, shape, dtype, initializer, regularizer, trainable=True):
    variable = get_variable(name, shape, dtype, initializer=initializer, trainable=trainable)
    if regularizer is not None:
        with name_scope(name + "/Regularizer"):
            loss = regularizer(variable)
        if loss is not None:
            add_to_collection(GraphKeys.REGULARIZATION_LOSSES, loss)
    return variable


def _activate(outputs, activation, activity_regularizer):
    if activation is not None:
        outputs = activation(outputs)
    if activity_regularizer is not None:
        with name_scope("ActivityRegularizer"):
            add_to_collection(GraphKeys.REGULARIZATION_LOSSES, activity_regularizer(outputs))
    return outputs


def dense(
    inputs, units, activation=None, use_bias=True, kernel_initializer=None,
    bias_initializer=_ZEROS, kernel_regularizer=None,
    bias_regularizer=None, activity_regularizer=None, kernel_constraint=None,
    bias_constraint=None, trainable=True, name=None, reuse=None,
):  # fmt: skip
    """activation(inputs @ kernel + bias), with kernel [last input dim, units]."""
    with _layer_scope(name, "dense", reuse):
        inputs = convert_to_tensor(inputs)
        in_dim = inputs.shape[-1] if inputs.shape.rank else None
        if in_dim is None:
            raise ValueError(
                "The last dimension of the inputs to a Dense layer should be defined. "
                "Found None. Full input shape received: %s" % (inputs.shape,)
            )
        dtype = inputs.dtype.base_dtype
        kernel = _weight("kernel", [in_dim, units], dtype, kernel_initializer, kernel_regularizer,
                         trainable)  # fmt: skip
        bias = None
        if use_bias:
            bias = _weight("bias", [units], dtype, bias_initializer, bias_regularizer, trainable)
        if inputs.shape.rank == 2:
            outputs = math_ops.matmul(inputs, kernel)
        else:  # TF contracts the last axis with tensordot; the same numbers
            with name_scope("Tensordot"):
                flat = array_ops.reshape(inputs, [-1, in_dim])
                shape = array_ops.concat([array_ops.shape(inputs)[:-1], [units]], 0)
                outputs = array_ops.reshape(math_ops.matmul(flat, kernel), shape)
        if bias is not None:
            outputs = conv_ops.bias_add(outputs, bias)
        return _activate(outputs, activation, activity_regularizer)


def _pair(value, what):
    if isinstance(value, int):
        return (value, value)
    value = tuple(value)
    if len(value) != 2:
        raise ValueError(
            "The `%s` argument must be a tuple of 2 integers. Received: %s" % (what, value)
        )
    return value


def _padding(padding):
    padding = padding.lower()
    if padding not in ("valid", "same"):
        raise ValueError(
            "The `padding` argument must be a list/tuple or one of "
            '"valid", "same" (or "causal", only for `Conv1D). Received: %s' % padding
        )
    return padding.upper()


def _channels_last(data_format):
    if data_format != "channels_last":
        raise NotImplementedError(
            "data_format=%r\n(learntf: its layers take channels_last (NHWC) inputs only.)"
            % data_format
        )


def conv2d(
    inputs, filters, kernel_size, strides=(1, 1), padding="valid", data_format="channels_last",
    dilation_rate=(1, 1), activation=None, use_bias=True, kernel_initializer=None,
    bias_initializer=_ZEROS, kernel_regularizer=None,
    bias_regularizer=None, activity_regularizer=None, kernel_constraint=None,
    bias_constraint=None, trainable=True, name=None, reuse=None,
):  # fmt: skip
    """A 2-D convolution of NHWC inputs with a [kh, kw, in_channels, filters] kernel."""
    _channels_last(data_format)
    if _pair(dilation_rate, "dilation_rate") != (1, 1):
        raise NotImplementedError("conv2d(dilation_rate=)\n(learntf: dilation is not supported.)")
    kh, kw = _pair(kernel_size, "kernel_size")
    sh, sw = _pair(strides, "strides")
    with _layer_scope(name, "conv2d", reuse):
        inputs = convert_to_tensor(inputs)
        dtype = inputs.dtype.base_dtype
        shape = [kh, kw, inputs.shape[-1], filters]
        kernel = _weight("kernel", shape, dtype, kernel_initializer, kernel_regularizer, trainable)
        outputs = conv_ops.conv2d(inputs, kernel, [1, sh, sw, 1], _padding(padding))
        if use_bias:
            bias = _weight("bias", [filters], dtype, bias_initializer, bias_regularizer, trainable)
            outputs = conv_ops.bias_add(outputs, bias, data_format="NHWC")
        return _activate(outputs, activation, activity_regularizer)


def _pooling(pool, default_name, inputs, pool_size, strides, padding, data_format, name):
    _channels_last(data_format)
    ph, pw = _pair(pool_size, "pool_size")
    sh, sw = _pair(strides, "strides")
    with _layer_scope(name, default_name):
        return pool(inputs, [1, ph, pw, 1], [1, sh, sw, 1], _padding(padding), "NHWC")


def max_pooling2d(
    inputs, pool_size, strides, padding="valid", data_format="channels_last", name=None
):
    """The largest value of each pool_size window."""
    return _pooling(
        conv_ops.max_pool, "max_pooling2d", inputs, pool_size, strides, padding, data_format, name
    )


def average_pooling2d(
    inputs, pool_size, strides, padding="valid", data_format="channels_last", name=None
):
    """The mean of each pool_size window."""
    return _pooling(
        conv_ops.avg_pool, "average_pooling2d", inputs, pool_size, strides, padding,
        data_format, name,
    )  # fmt: skip


def flatten(inputs, name=None, data_format="channels_last"):
    """[batch, d1, d2, ...] -> [batch, d1 * d2 * ...]."""
    _channels_last(data_format)
    with _layer_scope(name, "flatten"):
        inputs = convert_to_tensor(inputs)
        shape = inputs.shape
        if shape.rank == 1:
            return array_ops.expand_dims(inputs, axis=1)
        rest = shape[1:]
        if rest.is_fully_defined():
            flat_shape = [-1, int(functools.reduce(operator.mul, rest.as_list(), 1))]
        elif shape[0] is not None:
            flat_shape = [int(shape[0]), -1]
        else:
            flat_shape = [array_ops.shape(inputs)[0], -1]
        return array_ops.reshape(inputs, flat_shape)


def dropout(inputs, rate=0.5, noise_shape=None, seed=None, training=False, name=None):
    """Zero a `rate` fraction of the inputs while training (scaling the rest by 1/(1-rate));
    the identity otherwise."""
    with _layer_scope(name, "dropout"):
        inputs = convert_to_tensor(inputs)
        return _smart_cond(
            training,
            lambda: nn_ops.dropout(inputs, rate, noise_shape=noise_shape, seed=seed),
            lambda: math_ops.identity(inputs),
        )


def _assign_moving_average(variable, value, momentum):
    """variable -= (variable - value) * (1 - momentum), as the op `AssignMovingAvg`."""
    with name_scope("AssignMovingAvg") as scope:
        decay = convert_to_tensor(1.0 - momentum, name="decay")
        if decay.dtype != variable.dtype.base_dtype:
            decay = math_ops.cast(decay, variable.dtype.base_dtype)
        delta = (variable - math_ops.cast(value, variable.dtype.base_dtype)) * decay
        return assign_sub(variable, delta, name=scope)


def batch_normalization(
    inputs, axis=-1, momentum=0.99, epsilon=1e-3, center=True, scale=True,
    beta_initializer=_ZEROS, gamma_initializer=_ONES,
    moving_mean_initializer=_ZEROS,
    moving_variance_initializer=_ONES, beta_regularizer=None,
    gamma_regularizer=None, beta_constraint=None, gamma_constraint=None, training=False,
    trainable=True, name=None, reuse=None, renorm=False, renorm_clipping=None,
    renorm_momentum=0.99, fused=None, virtual_batch_size=None, adjustment=None,
):  # fmt: skip
    """Normalize each channel by the batch's mean and variance while training (and move the
    moving averages towards them), by the moving averages otherwise; then scale by gamma and
    shift by beta.  4-D inputs over their last axis use one FusedBatchNormV3 op, as TF's."""
    if renorm or virtual_batch_size is not None or adjustment is not None:
        raise NotImplementedError(
            "batch_normalization(renorm=, virtual_batch_size=, adjustment=)\n"
            "(learntf: these options are not supported.)"
        )
    with _layer_scope(name, "batch_normalization", reuse):
        inputs = convert_to_tensor(inputs)
        rank = inputs.shape.rank
        axis = axis % rank
        channels = inputs.shape[axis]
        param_dtype = dtypes.float32 if inputs.dtype.base_dtype == dtypes.float16 else None
        param_dtype = param_dtype or inputs.dtype.base_dtype
        gamma = beta = None
        if scale:
            gamma = _weight("gamma", [channels], param_dtype, gamma_initializer,
                            gamma_regularizer, trainable)  # fmt: skip
        if center:
            beta = _weight("beta", [channels], param_dtype, beta_initializer, beta_regularizer,
                           trainable)  # fmt: skip
        moving_mean = get_variable(
            "moving_mean", [channels], param_dtype, moving_mean_initializer, trainable=False
        )
        moving_variance = get_variable(
            "moving_variance", [channels], param_dtype, moving_variance_initializer,
            trainable=False,
        )  # fmt: skip
        use_fused = fused is not False and rank == 4 and axis == 3
        if use_fused:
            outputs, updates = _fused(
                inputs, gamma, beta, moving_mean, moving_variance, momentum, epsilon, training
            )
        else:
            outputs, updates = _composed(
                inputs, axis, gamma, beta, moving_mean, moving_variance, momentum, epsilon,
                training,
            )  # fmt: skip
        for update in updates:  # the ops (TF's collection holds operations)
            add_to_collection(GraphKeys.UPDATE_OPS, getattr(update, "op", update))
            if calling_layers:
                calling_layers[-1].updates.append(getattr(update, "op", update))
        return outputs


def _training_value(training):
    return training if isinstance(training, bool) else constant_value(convert_to_tensor(training))


def _fused(inputs, gamma, beta, moving_mean, moving_variance, momentum, epsilon, training):
    channels = [inputs.shape[-1]]
    gamma = gamma if gamma is not None else array_ops.ones(channels, inputs.dtype)
    beta = beta if beta is not None else array_ops.zeros(channels, inputs.dtype)

    def run(is_training):
        return lambda: nn_impl.fused_batch_norm(
            inputs, gamma, beta, moving_mean, moving_variance, epsilon, is_training=is_training
        )

    outputs, mean, variance = _smart_cond(training, run(True), run(False))
    value = _training_value(training)
    if value is False:
        return outputs, []
    if value is None:
        momentum = _smart_cond(training, lambda: momentum, lambda: 1.0)
    else:
        momentum = convert_to_tensor(momentum)
    return outputs, [
        _assign_moving_average(moving_mean, mean, momentum),
        _assign_moving_average(moving_variance, variance, momentum),
    ]


def _composed(inputs, axis, gamma, beta, moving_mean, moving_variance, momentum, epsilon, training):
    rank = inputs.shape.rank
    reduction_axes = [i for i in range(rank) if i != axis]
    broadcast_shape = [1] * rank
    broadcast_shape[axis] = inputs.shape[axis]

    def broadcast(v):
        if v is not None and reduction_axes != list(range(rank - 1)):
            return array_ops.reshape(v, broadcast_shape)
        return v

    updates = []
    if _training_value(training) is False:
        mean, variance = moving_mean, moving_variance
    else:
        batch_mean, batch_variance = nn_impl.moments(
            math_ops.cast(inputs, moving_mean.dtype.base_dtype), reduction_axes
        )
        mean = _smart_cond(training, lambda: batch_mean, lambda: convert_to_tensor(moving_mean))
        variance = _smart_cond(
            training, lambda: batch_variance, lambda: convert_to_tensor(moving_variance)
        )
        for variable, value in ((moving_mean, mean), (moving_variance, variance)):
            updates.append(
                _smart_cond(
                    training,
                    lambda variable=variable, value=value: _assign_moving_average(
                        variable, value, momentum
                    ),
                    lambda variable=variable: convert_to_tensor(variable),
                )
            )
    outputs = nn_impl.batch_normalization(
        inputs, broadcast(mean), broadcast(variance), broadcast(beta), broadcast(gamma), epsilon
    )
    return outputs, updates
