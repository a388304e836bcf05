"""`tf.nn`: neural-network ops."""
from learntf.ops.math_ops import sigmoid, tanh, softplus  # noqa: F401
from learntf.ops.nn_ops import l2_loss  # noqa: F401
from learntf.ops.nn_ops import (dropout, elu, leaky_relu, log_softmax, relu, relu6,  # noqa: F401
                                softmax,
                                sigmoid_cross_entropy_with_logits,
                                softmax_cross_entropy_with_logits_v2 as  # TF2's: labels
                                softmax_cross_entropy_with_logits,  # get gradients too
                                sparse_softmax_cross_entropy_with_logits)
from learntf.ops.conv_ops import avg_pool, bias_add, conv2d, max_pool  # noqa: F401
