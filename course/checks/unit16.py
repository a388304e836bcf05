"""Checks for exercises/16_strings_and_ragged_tensors.ipynb (lesson 10: string tensors and UTF-8, ragged
tensors and padding, sparse tensors, reorder, sparse_dense_matmul and its gradient)."""

import numpy as np

from course.checks import choice, expect, fail, question
from course.checks.engine import tf2 as tf


def _dense_value(value, what):
    """A NumPy array from an eager tensor or an array; fails on ragged and sparse tensors."""
    if isinstance(value, tf.RaggedTensor):
        fail(
            f"{what} is still ragged: its rows have different lengths. Make a dense tensor from it."
        )
    if isinstance(value, tf.SparseTensor):
        fail(f"{what} is a tf.SparseTensor; the question asks for its dense form.")
    return np.asarray(value.numpy() if hasattr(value, "numpy") else value)


@question(1)
def q1(n_bytes, n_chars):
    drinks = ["tea", "café", "咖啡", "☕"]
    expected_bytes = [len(word.encode("utf-8")) for word in drinks]
    expected_chars = [len(word) for word in drinks]
    got_bytes, got_chars = _dense_value(n_bytes, "n_bytes"), _dense_value(n_chars, "n_chars")
    expect(
        got_bytes.shape == (4,) and got_chars.shape == (4,),
        "n_bytes and n_chars should each hold one length per string of drinks (4 numbers).",
    )
    if got_bytes.tolist() == expected_chars and got_chars.tolist() == expected_bytes:
        fail(
            "the two are swapped: one byte is not one character. Which unit does "
            "tf.strings.length use when you give none?"
        )
    if got_chars.tolist() == expected_bytes:
        fail(
            "n_chars counts bytes: '咖啡' is 2 characters but 6 bytes in UTF-8. tf.strings.length "
            "counts bytes unless you choose another unit."
        )
    expect(
        got_bytes.tolist() == expected_bytes,
        f"n_bytes is {got_bytes.tolist()}; compare with Python's len(word.encode('utf-8')) for "
        "each word.",
    )
    expect(
        got_chars.tolist() == expected_chars,
        f"n_chars is {got_chars.tolist()}; compare with Python's len(word) for each word.",
    )


@question(2)
def q2(batch):
    rows = [[4, 0, 7], [2], [5, 0, 0, 1, 3], []]
    width = max(len(row) for row in rows)
    expected = np.array([row + [-1] * (width - len(row)) for row in rows])
    got = _dense_value(batch, "batch")
    expect(
        got.shape == expected.shape,
        f"batch has shape {got.shape}: it needs one row per sentence, as wide "
        "as the longest sentence.",
    )
    if np.array_equal(got, np.where(expected == -1, 0, expected)):
        fail(
            "the padding is 0, but id 0 is a real word here: a model could not tell padding from "
            "the word. Choose the padding value."
        )
    expect(
        np.array_equal(got, expected),
        f"batch is\n{got}\nEach row should start with the sentence's ids, then -1 up to the width.",
    )


@question(3)
def q3(dense):
    expected = np.zeros((2, 4), dtype=np.float32)
    for (row, column), value in zip([[1, 2], [0, 3], [1, 0], [0, 0]], [5.0, 6.0, 7.0, 8.0]):
        expected[row, column] = value
    got = _dense_value(dense, "dense")
    expect(got.shape == (2, 4), f"dense has shape {got.shape}; s's dense_shape is [2, 4].")
    if sorted(got[got != 0].tolist()) == [5.0, 6.0, 7.0, 8.0] and not np.array_equal(got, expected):
        fail(
            "the four values are there, but not at their positions: each value belongs to its "
            "index, so sorting the indices must move the values with them."
        )
    expect(
        np.array_equal(got, expected),
        f"dense is\n{got}\nEvery entry of s should sit at its index, with zeros elsewhere.",
    )


@question(4)
def q4(bow, scores, W):
    docs, vocabulary_size = [[1, 3], [2, 2, 4], [0, 3, 3]], 5
    counts = np.zeros((len(docs), vocabulary_size), dtype=np.float32)
    for row, doc in enumerate(docs):
        for word in doc:
            counts[row, word] += 1
    expect(
        isinstance(bow, tf.SparseTensor),
        "bow should be a tf.SparseTensor(indices=..., values=..., dense_shape=...).",
    )
    shape = bow.dense_shape.numpy().tolist()
    if shape == [vocabulary_size, len(docs)]:
        fail(
            f"bow's dense_shape is {shape}: that is one row per word. A bag of words has one row "
            "per sentence and one column per vocabulary word."
        )
    expect(
        shape == [len(docs), vocabulary_size],
        f"bow's dense_shape is {shape}; it needs one row per sentence "
        "and one column per vocabulary word.",
    )
    try:
        bow_dense = tf.sparse.to_dense(bow).numpy()
    except tf.errors.InvalidArgumentError as error:
        message = str(error).splitlines()[0].split("}} ")[-1]  # without TF's {{function_node ...}}
        fail(
            f"tf.sparse.to_dense(bow) fails: {message} Sparse ops want each index once, in "
            "row-major order."
        )
    if np.array_equal(bow_dense, (counts > 0).astype(np.float32)):
        fail(
            "bow marks each word present with 1, but sentence 1 holds word 2 twice (and sentence "
            "2 word 3): the value is how many times the word occurs."
        )
    expect(
        np.array_equal(bow_dense, counts),
        f"bow's dense form is\n{bow_dense}\nEntry [sentence, word] should "
        "count that word in that sentence.",
    )
    got = _dense_value(scores, "scores")
    expected = counts @ W.numpy()
    expect(
        got.shape == expected.shape,
        f"scores has shape {got.shape}: one row of {W.shape[1]} scores per sentence.",
    )
    expect(
        np.allclose(got, expected, atol=1e-5),
        "scores is not bow times W; compare with NumPy: the dense form of bow @ W.numpy().",
    )


@question(5)
def q5(grad_weights, features, weights):
    if grad_weights is None:
        fail(
            "the gradient is None: the tape only knows the operations that ran inside the with "
            "block. Compute the loss there."
        )
    A, D = tf.sparse.to_dense(features).numpy(), weights.numpy()
    expected = 2 * A.T @ (A @ D)  # d/dD sum((A D)^2) = A^T (2 A D)
    got = _dense_value(grad_weights, "grad_weights")
    expect(
        got.shape == D.shape,
        f"grad_weights has shape {got.shape}; a gradient has the shape of what it is "
        f"taken with respect to, {D.shape}.",
    )
    if np.allclose(got, A.T @ np.ones((A.shape[0], D.shape[1]))):
        fail(
            "that is the gradient of the sum of the scores. The loss is the sum of the squared "
            "scores: square them inside the tape."
        )
    expect(
        np.allclose(got, expected, atol=1e-4),
        "grad_weights does not match the gradient of "
        "sum(square(features @ weights)); check the loss.",
    )


@question(6)
def q6(answer):
    choice(
        answer,
        options=("a", "b", "c"),
        correct="b",
        hints={
            "a": "s + 1.0 fails in the same way, and so does adding any number. Think about what "
            "adding a number does to the entries that are not stored.",
            "c": "s's indices can be in order and s + 1 still fails, while s * 2.0 works on the "
            "same s. What would adding 1 do to the zeros?",
        },
    )
