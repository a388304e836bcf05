"""`tf.ragged`: tensors whose rows have different lengths (unit 16, "tensors in TF2").

    rt = tf.ragged.constant([[11, 22], [21, 22, 23], [], [41]])
    rt[1]                        # tf.Tensor([21 22 23], shape=(3,), dtype=int32)
    tf.concat([rt, rt], axis=1)  # row i of each, joined
    rt.to_tensor()               # padded with zeros

ragged_tensor.py holds the RaggedTensor type (values + row_splits); ragged_ops.py its
registered ops; ragged_factory_ops.py tf.ragged.constant; ragged_array_ops.py indexing and
concat; ragged_math_ops.py element-wise maths and reductions; ragged_string_ops.py the string
ops whose results are ragged.  Each registers its versions of tf.* ops (tf.square(rt),
tf.concat([rt, rt], 1)) with the dispatch table of framework/dispatch.py.
"""

# attach methods, register with the dispatch table (framework/dispatch.py)
from learntf.ragged import ragged_array_ops, ragged_math_ops, ragged_string_ops
from learntf.ragged.ragged_array_ops import stack
from learntf.ragged.ragged_factory_ops import constant
from learntf.ragged.ragged_factory_ops import ragged_range as range
from learntf.ragged.ragged_math_ops import map_flat_values
from learntf.ragged.ragged_ops import row_splits_to_segment_ids, segment_ids_to_row_splits
from learntf.ragged.ragged_tensor import RaggedTensor
