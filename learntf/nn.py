"""`tf.nn`: neural-network ops."""
from learntf.ops.math_ops import sigmoid, tanh, softplus  # noqa: F401
from learntf.ops.nn_ops import elu, leaky_relu, log_softmax, relu, relu6, softmax  # noqa: F401
