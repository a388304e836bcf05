"""The op library's functions that the core calls, registered with the core.

The core (tests/test_core_boundary.py lists it) imports nothing outside itself, yet the
backward pass needs zeros and ones, `tf.gradients` its gate, a GradientTape's jacobian a
stack.  Each is made here the one way the op library makes it, so graphs keep TensorFlow's op
names, and handed to the core as `framework.op_registry.library`.
"""

from learntf.framework import indexed_slices
from learntf.framework.op_registry import library
from learntf.ops import array_ops, control_flow_ops, shape_inference

library.zeros = array_ops.zeros
library.ones = array_ops.ones
library.zeros_like = array_ops.zeros_like
library.ones_like = array_ops.ones_like
library.shape = array_ops.shape
library.stack = array_ops.stack
library.reshape = array_ops.reshape
library.tuple = control_flow_ops.tuple
# a gather's gradient: summed sparse while all are sparse, densified for other gradients
library.IndexedSlices = indexed_slices.IndexedSlices
library.sum_slices = indexed_slices.sum_slices
library.dense_gradient = indexed_slices.dense_gradient
# a Session's kernel that failed on fed shapes: the error TF's kernel gives, if the shape
# function finds it
library.kernel_shape_error = shape_inference.kernel_shape_error
