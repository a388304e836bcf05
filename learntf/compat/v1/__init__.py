"""The TensorFlow 1 API: `import learntf.compat.v1 as tf`.

Build a graph, then run it in a Session (lessons 01-08).  The names here are TF1's
(`tf.random_uniform`, `tf.global_variables_initializer`, `tf.Session`, ...) and behave as in
TensorFlow 2's `tensorflow.compat.v1`.  As there, importing this module changes nothing: eager
execution stays on until the program calls `tf.disable_v2_behavior()` (or
`tf.disable_eager_execution()`), which TF1 programs do right after the import.
"""
from learntf import errors, linalg, math, random  # noqa: F401
from learntf._lazy import lazy_getattr
from learntf.compat.v1 import nn  # noqa: F401  (TF1 versions of dropout, cross-entropy)
from learntf.client.session import (InteractiveSession, RunMetadata, RunOptions,  # noqa: F401
                                    Session, get_default_session)
from learntf.dtypes import (DType, as_dtype, bool_ as bool, complex64, complex128,  # noqa: F401
                            double, float16, float32, float64, half, int8, int16, int32, int64,
                            resource, string, uint8, uint16)
from learntf.framework.constant_op import constant, convert_to_tensor  # noqa: F401
from learntf.framework.context import (disable_eager_execution,  # noqa: F401
                                       disable_v2_behavior, enable_eager_execution,
                                       enable_v2_behavior, executing_eagerly)
from learntf.framework.tensor_type import Tensor  # noqa: F401  (graph or eager tensors)
from learntf.framework.graph import (Graph, GraphKeys, Operation,  # noqa: F401
                                     add_to_collection, add_to_collections,
                                     control_dependencies, get_collection, get_collection_ref,
                                     get_default_graph, name_scope, reset_default_graph)
from learntf.framework.tensor_shape import TensorShape  # noqa: F401
from learntf.ops.init_ops import variance_scaling_initializer  # noqa: F401
from learntf.ops.random_ops import multinomial, random_shuffle  # noqa: F401
from learntf.ops import operators as _operators  # noqa: F401  (attaches x + y, x[i], ...)
from learntf.ops.array_ops import (broadcast_to, concat, expand_dims, fill, newaxis,  # noqa: F401
                                   one_hot, ones, ones_like,
                                   placeholder, placeholder_with_default, range, rank, reshape,
                                   pad, setdiff1d, shape_n, slice, split, strided_slice,
                                   shape, size, squeeze, stack, tile, transpose, unstack, where,
                                   where_v2,
                                   zeros, zeros_like)
from learntf.ops import gradient_functions as _gradient_functions  # noqa: F401
from learntf.ops.control_flow_ops import cond, group, no_op  # noqa: F401
from learntf.eager.tape import GradientTape  # noqa: F401
from learntf.ops.gradients_util import gradients  # noqa: F401
from learntf.ops.gather_ops import gather, gather_nd, scatter_nd  # noqa: F401
from learntf.ops.gather_ops import (segment_sum, unsorted_segment_max,  # noqa: F401
                                    unsorted_segment_mean, unsorted_segment_min,
                                    unsorted_segment_prod, unsorted_segment_sum)
from learntf.ops.math_ops import clip_by_value  # noqa: F401
from learntf.ops.math_ops import (abs, add, add_n, argmax, argmin, cast, ceil, cos,  # noqa: F401
                                  cumprod, cumsum, div_no_nan, divide, equal, exp, floor,
                                  floordiv, greater, greater_equal, identity, is_finite, less,
                                  less_equal, log, log1p, logical_and, logical_not,
                                  logical_or, matmul, matrix_inverse, maximum, minimum, mod,
                                  multiply, negative, not_equal, pow, realdiv, reciprocal,
                                  reduce_all, reduce_any, reduce_logsumexp, reduce_max,
                                  reduce_mean, reduce_min, reduce_prod, reduce_sum, round, rsqrt,
                                  sigmoid, sign, sin, sqrt, square, squared_difference,
                                  stop_gradient, subtract, tanh, to_float, truediv)
from learntf.ops.random_ops import (random_normal, random_uniform, set_random_seed,  # noqa: F401
                                    truncated_normal)
from learntf.ops.variables import (VariableV1 as Variable, all_variables,  # noqa: F401
                                   assign, assign_add, assign_sub, global_variables,
                                   global_variables_initializer, initialize_all_variables,
                                   is_variable_initialized, local_variables,
                                   local_variables_initializer,
                                   report_uninitialized_variables, trainable_variables,
                                   variables_initializer)
from learntf.ops.init_ops import (constant_initializer, glorot_normal_initializer,  # noqa: F401
                                  glorot_uniform_initializer, ones_initializer,
                                  random_normal_initializer, random_uniform_initializer,
                                  truncated_normal_initializer, zeros_initializer)
from learntf.ops.variable_scope import (AUTO_REUSE, VariableScope,  # noqa: F401
                                        disable_resource_variables, enable_resource_variables,
                                        get_variable, get_variable_scope,
                                        resource_variables_enabled, variable_scope)
from learntf.tf_logging import get_logger  # noqa: F401
from learntf.version import __version__  # noqa: F401

# Imported on first use (see learntf/_lazy.py): `tf.train`, `tf.summary`, ...
__getattr__ = lazy_getattr(__name__, {
    "train": ("learntf.train", None),
    "summary": ("learntf.summary", None),
    "data": ("learntf.data", None),
    "test": ("learntf.test", None),
    "contrib": ("learntf.contrib", None),
    "GraphDef": ("learntf.serialization.graph_io", "GraphDef"),
    "NodeDef": ("learntf.serialization.graph_io", "NodeDef"),
    "import_graph_def": ("learntf.serialization.graph_io", "import_graph_def"),
    "MetaGraphDef": ("learntf.serialization.meta_graph", "MetaGraphDef"),
    "sparse": ("learntf.sparse", None),
    "SparseTensor": ("learntf.sparse", "SparseTensor"),
})
