"""learntf: TensorFlow's API on a small engine you can read, in Python and NumPy.

`import learntf as tf` is TensorFlow 2: eager execution, GradientTape, tf.function, tf.data,
strings, ragged and sparse tensors, and a small Keras.
`import learntf.compat.v1 as tf` gives the TensorFlow 1 graph API (graphs, sessions,
placeholders, variables); as in TensorFlow 2, the program then calls `tf.disable_v2_behavior()`
to build graphs instead of running ops at once (framework/context.py).

Where to read: framework/ (graphs, the op registry, eager execution), client/ (sessions and
execution plans), ops/ (every op, defined once), eager/ (GradientTape, tf.function),
viz/ (drawings and widgets), keras/, train/ (optimizers, checkpoints), summary/,
serialization/ (GraphDef and .meta files); learntf/README.md gives a reading order.
"""

import warnings as _warnings

from learntf import (
    autograph,  # tf.function converts Python control flow (registers itself)
    bitwise,
    compat,
    errors,
    linalg,
    math,
    nest,
    nn,
    random,
)
from learntf import nest_compare as _nest_compare  # tf.nest.assert_same_structure
from learntf._lazy import lazy_getattr
from learntf.client.session import RunMetadata, RunOptions
from learntf.dtypes import (
    DType,
    as_dtype,
    complex64,
    complex128,
    double,
    float16,
    float32,
    float64,
    half,
    int8,
    int16,
    int32,
    int64,
    resource,
    string,
    uint8,
    uint16,
    variant,
)
from learntf.dtypes import bool_ as bool
from learntf.eager import function_reports as _function_reports  # retracing warning, signatures
from learntf.eager import jacobians as _jacobians  # GradientTape.batch_jacobian
from learntf.eager import relax_shapes as _relax_shapes  # reduce_retracing=True
from learntf.eager.def_function import function
from learntf.eager.func_graph import TensorSpec
from learntf.eager.tape import GradientTape, UnconnectedGradients
from learntf.framework import graph_extras as _graph_extras  # collections, op.node_def, ...
from learntf.framework.constant_op import constant, convert_to_tensor
from learntf.framework.context import executing_eagerly
from learntf.framework.graph import Graph, Operation, control_dependencies, name_scope
from learntf.framework.graph_extras import RegisterGradient
from learntf.framework.tensor_shape import TensorShape
from learntf.framework.tensor_type import Tensor  # graph or eager tensors
from learntf.ops import core_library as _core_library  # the op functions the core calls
from learntf.ops import gradient_functions as _gradient_functions
from learntf.ops import operators as _operators  # attaches x + y, x[i], ...
from learntf.ops import state_ops as _state_ops  # v[i].assign(x); TF1's reference variables
from learntf.ops import variable_scatter_ops as _variable_scatter_ops  # v.scatter_update(...)
from learntf.ops.array_ops import (
    broadcast_to,
    concat,
    expand_dims,
    fill,
    newaxis,
    one_hot,
    ones,
    pad,
    range,
    rank,
    reshape,
    shape,
    shape_n,
    size,
    slice,
    split,
    squeeze,
    stack,
    strided_slice,
    tile,
    transpose,
    unstack,
    zeros,
    zeros_like,
)
from learntf.ops.array_ops import ones_like_v2 as ones_like  # TF 2's
from learntf.ops.array_ops import where_v2 as where
from learntf.ops.control_flow_ops import case, group, no_op, switch_case
from learntf.ops.control_flow_ops import cond_for_tf_v2 as cond
from learntf.ops.gather_ops import gather, gather_nd, scatter_nd
from learntf.ops.gradients_util import gradients  # graph mode, inside tf.function
from learntf.ops.init_ops import (
    constant_initializer,
    ones_initializer,
    random_normal_initializer,
    random_uniform_initializer,
    zeros_initializer,
)
from learntf.ops.linalg_ops import einsum, eye, norm
from learntf.ops.mask_ops import boolean_mask, repeat, sequence_mask
from learntf.ops.math_ops import (
    abs,
    add,
    add_n,
    argmax,
    argmin,
    cast,
    ceil,
    clip_by_value,
    cos,
    cumsum,
    divide,
    equal,
    exp,
    floor,
    floordiv,
    greater,
    greater_equal,
    identity,
    less,
    less_equal,
    log,
    logical_and,
    logical_not,
    logical_or,
    matmul,
    maximum,
    minimum,
    multiply,
    negative,
    not_equal,
    pow,
    realdiv,
    reciprocal,
    reduce_all,
    reduce_any,
    reduce_logsumexp,
    reduce_max,
    reduce_mean,
    reduce_min,
    reduce_prod,
    reduce_sum,
    round,
    rsqrt,
    sigmoid,
    sign,
    sin,
    sqrt,
    square,
    squared_difference,
    stop_gradient,
    subtract,
    tanh,
    truediv,
)
from learntf.ops.segment_ops import (
    tensor_scatter_nd_add,
    tensor_scatter_nd_sub,
    tensor_scatter_nd_update,
)
from learntf.ops.sort_ops import (
    argsort,
    broadcast_dynamic_shape,
    linspace,
    meshgrid,
    roll,
    searchsorted,
    sort,
    unique,
    unique_with_counts,
)
from learntf.ops.stats_ops import clip_by_global_norm, clip_by_norm
from learntf.ops.variables import Variable
from learntf.ops.while_v2 import while_loop
from learntf.tf_logging import get_logger
from learntf.version import __learntf_version__, __version__

# Imported on first use (see _lazy.py).
__getattr__ = lazy_getattr(
    __name__,
    {
        "keras": ("learntf.keras", None),
        "config": ("learntf.config", None),
        "Module": ("learntf.module", "Module"),
        "train": ("learntf.train", None),
        "saved_model": ("learntf.saved_model", None),
        "summary": ("learntf.summary", None),
        "data": ("learntf.data", None),
        "test": ("learntf.test", None),
        "contrib": ("learntf.contrib", None),
        "strings": ("learntf.strings", None),
        "io": ("learntf.io", None),
        "image": ("learntf.image", None),
        "reverse": ("learntf.ops.image_ops", "reverse"),
        "sets": ("learntf.sets", None),
        "IndexedSlices": ("learntf.framework.indexed_slices", "IndexedSlices"),
        "types": ("learntf.types", None),
        "print": ("learntf.ops.logging_ops", "print_v2"),
        "custom_gradient": ("learntf.ops.custom_gradient", "custom_gradient"),
        "recompute_grad": ("learntf.ops.custom_gradient", "recompute_grad"),
        "identity_n": ("learntf.ops.custom_gradient", "identity_n"),
        "ragged": ("learntf.ragged", None),
        "sparse": ("learntf.sparse", None),
        "RaggedTensor": ("learntf.ragged", "RaggedTensor"),
        "SparseTensor": ("learntf.sparse", "SparseTensor"),
        "TensorArray": ("learntf.ops.tensor_array_ops", "TensorArray"),
        "device": ("learntf.framework.device", "device_v2"),
        "DeviceSpec": ("learntf.framework.device", "DeviceSpec"),
        "Assert": ("learntf.ops.check_ops", "Assert"),
        "ensure_shape": ("learntf.ops.check_ops", "ensure_shape"),
        "assert_equal": ("learntf.ops.check_ops", "assert_equal_v2"),
        "assert_greater": ("learntf.ops.check_ops", "assert_greater_v2"),
        "assert_less": ("learntf.ops.check_ops", "assert_less_v2"),
        "assert_rank": ("learntf.ops.check_ops", "assert_rank_v2"),
        "debugging": ("learntf.debugging", None),
        "tensordot": ("learntf.ops.tensordot_ops", "tensordot"),
        "py_function": ("learntf.ops.script_ops", "py_function"),
        "numpy_function": ("learntf.ops.script_ops", "numpy_function"),
        "lookup": ("learntf.lookup", None),
        "make_ndarray": ("learntf.serialization.graph_io", "array_of"),
    },
)

# TensorFlow computes inf and nan silently (log(0), 0 * inf): NumPy's RuntimeWarnings from
# learntf's kernels are not shown, whichever module runs the kernel (eager or a plan).
_warnings.filterwarnings("ignore", category=RuntimeWarning, module=r"learntf(\.|$)")
