"""Seed 004 (TF 2.0 basics) from "tf.constant 创建一个常量" to "乘法、矩阵相乘": every snippet,
run as written, prints what the seed shows (and real TensorFlow 2.21 prints it too: see
../shared/conformance, cases s004_02 to s004_10).

The web copy of the seed lost NumPy's column padding, so printed lines are compared with
runs of spaces counted as one."""

import re

import numpy as np
import pytest

import learntf as tf

pytestmark = pytest.mark.usefixtures("eager_mode")


def printed(capsys):
    return [re.sub(r"\s+", " ", line).strip() for line in capsys.readouterr().out.splitlines()]


def seed_text(text):
    return [re.sub(r"\s+", " ", line).strip() for line in text.strip().splitlines()]


def test_constant_and_indexing(capsys):
    t = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    print(t)
    print(t[:, 1:])
    print(t[..., 1])
    assert printed(capsys) == seed_text("""
tf.Tensor(
[[1. 2. 3.]
[4. 5. 6.]], shape=(2, 3), dtype=float32)
tf.Tensor(
[[2. 3.]
[5. 6.]], shape=(2, 2), dtype=float32)
tf.Tensor([2. 5.], shape=(2,), dtype=float32)""")


def test_add_square_transpose_matmul(capsys):
    t = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    print(t + 10)
    print(tf.square(t))
    print(tf.transpose(t))
    print(t @ tf.transpose(t))
    assert printed(capsys) == seed_text("""
tf.Tensor(
[[11. 12. 13.]
[14. 15. 16.]], shape=(2, 3), dtype=float32)
tf.Tensor(
[[ 1. 4. 9.]
[16. 25. 36.]], shape=(2, 3), dtype=float32)
tf.Tensor(
[[1. 4.]
[2. 5.]
[3. 6.]], shape=(3, 2), dtype=float32)
tf.Tensor(
[[14. 32.]
[32. 77.]], shape=(2, 2), dtype=float32)""")


def test_numpy_conversion_keeps_float64(capsys):
    t = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    print(t.numpy())
    print(np.square(t))
    np_t = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    print(tf.constant(np_t))
    assert printed(capsys) == seed_text("""
[[1. 2. 3.]
[4. 5. 6.]]
[[ 1. 4. 9.]
[16. 25. 36.]]
tf.Tensor(
[[1. 2. 3.]
[4. 5. 6.]], shape=(2, 3), dtype=float64)""")


def test_strings_lengths_and_unicode_decode(capsys):
    t = tf.constant("cafe")
    print(t)
    print(tf.strings.length(t))
    print(tf.strings.length(t, unit="UTF8_CHAR"))
    print(tf.strings.unicode_decode(t, "UTF8"))
    t = tf.constant(["cafe", "coffee", "咖啡"])
    print(tf.strings.length(t, unit="UTF8_CHAR"))
    r = tf.strings.unicode_decode(t, "UTF8")
    print(r)
    assert printed(capsys) == seed_text("""
tf.Tensor(b'cafe', shape=(), dtype=string)
tf.Tensor(4, shape=(), dtype=int32)
tf.Tensor(4, shape=(), dtype=int32)
tf.Tensor([ 99 97 102 101], shape=(4,), dtype=int32)
tf.Tensor([4 6 2], shape=(3,), dtype=int32)
<tf.RaggedTensor [[99, 97, 102, 101], [99, 111, 102, 102, 101, 101], [21654, 21857]]>""")


def test_ragged_constant_and_indexing(capsys):
    r = tf.ragged.constant([[11, 22], [21, 22, 23], [], [41]])
    print(r)
    print(r[1])
    print(r[1:3])
    assert printed(capsys) == seed_text("""
<tf.RaggedTensor [[11, 22], [21, 22, 23], [], [41]]>
tf.Tensor([21 22 23], shape=(3,), dtype=int32)
<tf.RaggedTensor [[21, 22, 23], []]>""")


def test_ragged_concat_rows_and_columns(capsys):
    r = tf.ragged.constant([[11, 22], [21, 22, 23], [], [41]])
    r2 = tf.ragged.constant([[51, 52], [], [71]])
    print(tf.concat([r, r2], axis=0))
    r3 = tf.ragged.constant([[13, 14], [15], [], [42, 43]])
    print(tf.concat([r, r3], axis=1))
    assert printed(capsys) == seed_text("""
<tf.RaggedTensor [[11, 22], [21, 22, 23], [], [41], [51, 52], [], [71]]>
<tf.RaggedTensor [[11, 22, 13, 14], [21, 22, 23, 15], [], [41, 42, 43]]>""")


def test_ragged_to_tensor_pads_with_zeros(capsys):
    r = tf.ragged.constant([[11, 22], [21, 22, 23], [], [41]])
    print(r.to_tensor())
    assert printed(capsys) == seed_text("""
tf.Tensor(
[[11 22 0]
[21 22 23]
[ 0 0 0]
[41 0 0]], shape=(4, 3), dtype=int32)""")


def make_sparse():
    return tf.SparseTensor(
        indices=[[0, 1], [1, 0], [2, 3]], values=[1.0, 2.0, 3.0], dense_shape=[3, 4]
    )


def test_sparse_tensor_and_to_dense(capsys):
    s = make_sparse()
    print(s)
    print(tf.sparse.to_dense(s))
    s2 = tf.sparse.reorder(s)  # the seed reorders too (a no-op here: already sorted)
    assert printed(capsys) == seed_text("""
SparseTensor(indices=tf.Tensor(
[[0 1]
[1 0]
[2 3]], shape=(3, 2), dtype=int64), values=tf.Tensor([1. 2. 3.], shape=(3,), dtype=float32), \
dense_shape=tf.Tensor([3 4], shape=(2,), dtype=int64))
tf.Tensor(
[[0. 1. 0. 0.]
[2. 0. 0. 0.]
[0. 0. 0. 3.]], shape=(3, 4), dtype=float32)""")
    np.testing.assert_array_equal(tf.sparse.to_dense(s2).numpy(), tf.sparse.to_dense(s).numpy())


def test_sparse_multiply_add_and_matmul(capsys):
    s = make_sparse()
    s2 = s * 2.0
    print(s2)
    try:
        s3 = s + 1  # noqa: F841
    except TypeError as ex:
        print(ex)
    s4 = tf.constant([[10.0, 20.0], [30.0, 40.0], [50.0, 60.0], [70.0, 80.0]])
    print(tf.sparse.sparse_dense_matmul(s, s4))
    assert printed(capsys) == seed_text("""
SparseTensor(indices=tf.Tensor(
[[0 1]
[1 0]
[2 3]], shape=(3, 2), dtype=int64), values=tf.Tensor([2. 4. 6.], shape=(3,), dtype=float32), \
dense_shape=tf.Tensor([3 4], shape=(2,), dtype=int64))
unsupported operand type(s) for +: 'SparseTensor' and 'int'
tf.Tensor(
[[ 30. 40.]
[ 20. 40.]
[210. 240.]], shape=(3, 2), dtype=float32)""")
