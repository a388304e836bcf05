"""`tf.nn`: neural-network ops."""

from learntf.ops.conv_ops import avg_pool, bias_add, conv2d, max_pool  # noqa: F401
from learntf.ops.conv_ops import avg_pool as avg_pool2d  # noqa: F401  (TF 2's 2-D names)
from learntf.ops.conv_ops import max_pool as max_pool2d  # noqa: F401
from learntf.ops.math_ops import sigmoid, softplus, tanh  # noqa: F401
from learntf.ops.nn_impl import (  # noqa: F401
    batch_normalization,
    fused_batch_norm,
    l2_normalize,
    selu,
)
from learntf.ops.nn_impl import embedding_lookup_v2 as embedding_lookup  # noqa: F401
from learntf.ops.nn_impl import moments_v2 as moments  # noqa: F401  (TF 2's argument order)
from learntf.ops.nn_impl import (  # noqa: F401
    weighted_cross_entropy_with_logits_v2 as weighted_cross_entropy_with_logits,
)
from learntf.ops.nn_ops import (  # noqa: F401
    dropout,
    elu,
    l2_loss,
    leaky_relu,
    log_softmax,
    relu,
    relu6,
    sigmoid_cross_entropy_with_logits,
    softmax,
    sparse_softmax_cross_entropy_with_logits,
)

# TF 2's tf.nn.softmax_cross_entropy_with_logits is v1's _v2: gradients reach the labels too
from learntf.ops.nn_ops import (  # noqa: F401
    softmax_cross_entropy_with_logits_v2 as softmax_cross_entropy_with_logits,
)
from learntf.ops.sort_ops import top_k  # noqa: F401
