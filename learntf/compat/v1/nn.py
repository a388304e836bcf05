"""`tf.compat.v1.nn`: TensorFlow 2's `tf.nn` (learntf/nn.py), with TensorFlow 1's versions of
the functions whose signature or gradient changed between the two."""

from learntf.nn import *  # noqa: F403
from learntf.ops import nn_ops
from learntf.ops.nn_impl import (  # noqa: F401  (TF1's signatures)
    embedding_lookup,
    moments,
    weighted_cross_entropy_with_logits,
)
from learntf.ops.nn_ops import (
    softmax_cross_entropy_with_logits,  # noqa: F401  (TF1: no
    softmax_cross_entropy_with_logits_v2,  # noqa: F401  gradient to labels)
)


def dropout(x, keep_prob=None, noise_shape=None, seed=None, name=None, rate=None):
    """TF1's argument order: the second argument is `keep_prob`, the chance to keep an element
    (`rate` = 1 - keep_prob); the ops are TF2's dropout's."""
    if keep_prob is not None:
        if rate is not None:
            raise ValueError("Cannot specify both 'rate' and 'keep_prob'.")
        try:
            rate = 1.0 - keep_prob
        except TypeError:
            raise ValueError(
                "`keep_prob` must be a floating point number or Tensor. "
                "Received: keep_prob=%r" % (keep_prob,)
            ) from None
    return nn_ops.dropout(x, rate, noise_shape=noise_shape, seed=seed, name=name)
