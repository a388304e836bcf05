"""`tf.sparse`: tensors stored as their non-zero entries (unit 17, "tensors in TF2").

    s = tf.SparseTensor(indices=[[0, 1], [1, 0], [2, 3]], values=[1., 2., 3.],
                        dense_shape=[3, 4])
    tf.sparse.to_dense(s)                       # the 3x4 dense tensor
    tf.sparse.sparse_dense_matmul(s, dense)     # s @ dense without building s densely

sparse_tensor.py holds the SparseTensor type; sparse_ops.py the ops and their gradients.
"""

from learntf.sparse.sparse_ops import (
    add,
    from_dense,
    reduce_sum,
    reorder,
    sparse_dense_matmul,
    to_dense,
)
from learntf.sparse.sparse_tensor import SparseTensor
