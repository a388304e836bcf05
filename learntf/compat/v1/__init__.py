"""The TensorFlow 1 API: `import learntf.compat.v1 as tf`.

Build a graph, then run it in a Session (lessons 01-08).  The names here are TF1's
(`tf.random_uniform`, `tf.global_variables_initializer`, `tf.Session`, ...) and behave as in
TensorFlow 2's `tensorflow.compat.v1`.  As there, importing this module changes nothing: eager
execution stays on until the program calls `tf.disable_v2_behavior()` (or
`tf.disable_eager_execution()`), which TF1 programs do right after the import.
"""

from learntf import errors, linalg, math, random
from learntf._lazy import lazy_getattr
from learntf.client.session import (
    InteractiveSession,
    RunMetadata,
    RunOptions,
    Session,
    get_default_session,
)
from learntf.compat.v1 import nn  # TF1 versions of dropout, cross-entropy
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
from learntf.eager.tape import GradientTape
from learntf.framework.constant_op import constant, convert_to_tensor
from learntf.framework.context import (
    disable_eager_execution,
    disable_v2_behavior,
    enable_eager_execution,
    enable_v2_behavior,
    executing_eagerly,
)
from learntf.framework.dimension import (
    Dimension,
    disable_v2_tensorshape,
    enable_v2_tensorshape,
)
from learntf.framework.graph import (
    Graph,
    GraphKeys,
    Operation,
    control_dependencies,
    get_default_graph,
    name_scope,
    reset_default_graph,
)
from learntf.framework.graph_extras import (
    add_to_collection,
    add_to_collections,
    get_collection,
    get_collection_ref,
)
from learntf.framework.op_registry import RegisterGradient
from learntf.framework.tensor_shape import TensorShape
from learntf.framework.tensor_type import Tensor  # graph or eager tensors
from learntf.ops import gradient_functions as _gradient_functions
from learntf.ops import operators as _operators  # attaches x + y, x[i], ...
from learntf.ops.array_ops import (
    broadcast_to,
    concat,
    expand_dims,
    fill,
    newaxis,
    one_hot,
    ones,
    ones_like,
    pad,
    placeholder,
    placeholder_with_default,
    range,
    rank,
    reshape,
    setdiff1d,
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
    where,
    where_v2,
    zeros,
    zeros_like,
)
from learntf.ops.control_flow_ops import case, cond, group, no_op, switch_case
from learntf.ops.gather_ops import (
    gather,
    gather_nd,
    scatter_nd,
    segment_sum,
    unsorted_segment_max,
    unsorted_segment_mean,
    unsorted_segment_min,
    unsorted_segment_prod,
    unsorted_segment_sum,
)
from learntf.ops.gradients_util import gradients
from learntf.ops.init_ops import (
    constant_initializer,
    glorot_normal_initializer,
    glorot_uniform_initializer,
    ones_initializer,
    random_normal_initializer,
    random_uniform_initializer,
    truncated_normal_initializer,
    variance_scaling_initializer,
    zeros_initializer,
)
from learntf.ops.linalg_ops import einsum, eye, norm
from learntf.ops.math_ops import (
    abs,
    add,
    add_n,
    arg_max,
    arg_min,
    argmax,
    argmin,
    cast,
    ceil,
    clip_by_value,
    cos,
    cumprod,
    cumsum,
    div_no_nan,
    divide,
    equal,
    exp,
    floor,
    floordiv,
    greater,
    greater_equal,
    identity,
    is_finite,
    less,
    less_equal,
    log,
    log1p,
    logical_and,
    logical_not,
    logical_or,
    matmul,
    matrix_inverse,
    maximum,
    minimum,
    mod,
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
    to_double,
    to_float,
    to_int32,
    to_int64,
    truediv,
)
from learntf.ops.random_ops import (
    multinomial,
    random_normal,
    random_shuffle,
    random_uniform,
    set_random_seed,
    truncated_normal,
)
from learntf.ops.ref_variable import VariableV1 as Variable
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
from learntf.ops.state_ops import (
    all_variables,
    assign,
    assign_add,
    assign_sub,
    global_variables,
    global_variables_initializer,
    initialize_all_variables,
    is_variable_initialized,
    local_variables,
    local_variables_initializer,
    report_uninitialized_variables,
    trainable_variables,
    variables_initializer,
)
from learntf.ops.stats_ops import clip_by_global_norm, clip_by_norm, global_norm
from learntf.ops.variable_scope import (
    AUTO_REUSE,
    VariableScope,
    disable_resource_variables,
    enable_resource_variables,
    get_variable,
    get_variable_scope,
    resource_variables_enabled,
    variable_scope,
)
from learntf.ops.while_v2 import while_loop_v1 as while_loop
from learntf.tf_logging import get_logger
from learntf.version import __version__

# Imported on first use (see learntf/_lazy.py): `tf.train`, `tf.summary`, ...
__getattr__ = lazy_getattr(
    __name__,
    {
        "train": ("learntf.train", None),
        "summary": ("learntf.summary.v1", None),
        "data": ("learntf.data", None),
        "autograph": ("learntf.autograph", None),
        "config": ("learntf.config", None),
        "test": ("learntf.test", None),
        "contrib": ("learntf.contrib", None),
        "print": ("learntf.ops.logging_ops", "print_v2"),
        "Print": ("learntf.ops.logging_ops", "Print"),
        "custom_gradient": ("learntf.ops.custom_gradient", "custom_gradient"),
        "recompute_grad": ("learntf.ops.custom_gradient", "recompute_grad"),
        "identity_n": ("learntf.ops.custom_gradient", "identity_n"),
        "function": ("learntf.eager.def_function", "function"),
        "logging": ("learntf.compat.v1.logging", None),
        "GraphDef": ("learntf.serialization.graph_io", "GraphDef"),
        "NodeDef": ("learntf.serialization.graph_io", "NodeDef"),
        "import_graph_def": ("learntf.serialization.graph_io", "import_graph_def"),
        "MetaGraphDef": ("learntf.serialization.meta_graph", "MetaGraphDef"),
        "sparse": ("learntf.sparse", None),
        "SparseTensor": ("learntf.sparse", "SparseTensor"),
        "TensorArray": ("learntf.ops.tensor_array_ops", "TensorArray"),
        "compat": ("learntf.compat", None),
        "device": ("learntf.framework.device", "device"),
        "DeviceSpec": ("learntf.framework.device", "DeviceSpec"),
        "ConfigProto": ("learntf.client.config_protos", "ConfigProto"),
        "GPUOptions": ("learntf.client.config_protos", "GPUOptions"),
        "GraphOptions": ("learntf.client.config_protos", "GraphOptions"),
        "OptimizerOptions": ("learntf.client.config_protos", "OptimizerOptions"),
        "Assert": ("learntf.ops.check_ops", "Assert"),
        "assert_equal": ("learntf.ops.check_ops", "assert_equal"),
        "assert_greater": ("learntf.ops.check_ops", "assert_greater"),
        "assert_greater_equal": ("learntf.ops.check_ops", "assert_greater_equal"),
        "assert_less": ("learntf.ops.check_ops", "assert_less"),
        "assert_less_equal": ("learntf.ops.check_ops", "assert_less_equal"),
        "assert_near": ("learntf.ops.check_ops", "assert_near"),
        "assert_negative": ("learntf.ops.check_ops", "assert_negative"),
        "assert_non_negative": ("learntf.ops.check_ops", "assert_non_negative"),
        "assert_non_positive": ("learntf.ops.check_ops", "assert_non_positive"),
        "assert_none_equal": ("learntf.ops.check_ops", "assert_none_equal"),
        "assert_positive": ("learntf.ops.check_ops", "assert_positive"),
        "assert_rank": ("learntf.ops.check_ops", "assert_rank"),
        "assert_type": ("learntf.ops.check_ops", "assert_type"),
        "check_numerics": ("learntf.ops.check_ops", "check_numerics"),
        "debugging": ("learntf.compat.v1.debugging", None),
        "tensordot": ("learntf.ops.tensordot_ops", "tensordot"),
        "div": ("learntf.ops.math_ops", "div"),
        "py_func": ("learntf.ops.script_ops", "py_func"),
        "py_function": ("learntf.ops.script_ops", "py_function"),
        "numpy_function": ("learntf.ops.script_ops", "numpy_function"),
        "lookup": ("learntf.lookup", None),
        "make_ndarray": ("learntf.serialization.graph_io", "array_of"),
        "tables_initializer": ("learntf.ops.lookup_ops", "tables_initializer"),
        "losses": ("learntf.compat.v1.losses", None),
        "layers": ("learntf.layers", None),
        "strings": ("learntf.strings", None),
        "image": ("learntf.image", None),
        "sets": ("learntf.sets", None),
        "reverse": ("learntf.ops.image_ops", "reverse"),
        "IndexedSlices": ("learntf.framework.indexed_slices", "IndexedSlices"),
        "lin_space": ("learntf.ops.sort_ops", "linspace"),
    },
)
