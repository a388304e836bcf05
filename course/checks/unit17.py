"""Checks for exercises/17_sparse_tensors.ipynb (lesson 17: sparse tensors, reorder and
densify, sparse_dense_matmul, its gradient, and bag-of-words features).

Questions 1-3 ask for functions. A check calls each on the exercise's data, then once more on
fresh data inside a graph (lesson 16's `with graph.as_default()`), where tensors have no values
until a session runs them: numbers typed in for the exercise's data, or computed with NumPy from
`.numpy()`, fail there, and the graph shows which operations the function used (a product
through the dense form instead of `tf.sparse.sparse_dense_matmul`, for one).
"""

import re

import numpy as np

from course.checks import choice, expect, fail, question
from course.checks._replay import first_line, op_types, replay, run
from course.checks.engine import tf2 as tf


def _dense_value(value, what):
    """A NumPy array from an eager tensor or an array; fails on ragged and sparse tensors."""
    if value is None:
        fail(f"{what} is None.")
    if isinstance(value, tf.SparseTensor):
        fail(f"{what} is a tf.SparseTensor; the question asks for its dense form.")
    return np.asarray(value.numpy() if hasattr(value, "numpy") else value)


def _dense(indices, values, shape):
    dense = np.zeros(shape, dtype=np.float32)
    for index, value in zip(indices, values):
        dense[tuple(index)] += value
    return dense


def _sparse(indices, values, shape):
    return tf.SparseTensor(
        indices=tf.constant(indices, dtype=tf.int64),
        values=tf.constant(values, dtype=tf.float32),
        dense_shape=tf.constant(shape, dtype=tf.int64),
    )


def _replay(function, make_inputs, name, skipped):
    """replay() with this unit's advice; `skipped` names the operation the function must use."""
    advice = (
        "Does it compute with NumPy or Python from .numpy()? Use TensorFlow's operations "
        f"instead: {skipped}."
    )
    return replay(function, make_inputs, name, advice)


@question(1)
def q1(densify):
    expect(callable(densify), "densify should be a function: def densify(s): ...")
    indices, values = [[1, 2], [0, 3], [1, 0], [0, 0]], [5.0, 6.0, 7.0, 8.0]
    expected = _dense(indices, values, (2, 4))
    got = _dense_value(densify(_sparse(indices, values, [2, 4])), "densify(s)")
    expect(got.shape == (2, 4), f"densify(s) has shape {got.shape}; s's dense_shape is [2, 4].")
    if sorted(got[got != 0].tolist()) == sorted(values) and not np.array_equal(got, expected):
        fail(
            "the four values are there, but not at their positions: each value belongs to its "
            "index, so sorting the indices must move the values with them."
        )
    expect(
        np.array_equal(got, expected),
        f"densify(s) is\n{got}\nEvery entry of s should sit at its index, with zeros elsewhere.",
    )
    fresh_indices, fresh_values = (
        [[2, 1], [0, 4], [1, 1], [0, 0], [2, 0]],
        [1.0, 2.0, 3.0, 4.0, 5.0],
    )
    graph, dense = _replay(
        densify,
        lambda: (_sparse(fresh_indices, fresh_values, [3, 5]),),
        "densify",
        "tf.sparse.reorder and tf.sparse.to_dense",
    )
    got = np.asarray(run(graph, dense))
    expect(
        got.shape == (3, 5) and np.array_equal(got, _dense(fresh_indices, fresh_values, (3, 5))),
        f"on another unordered sparse tensor (dense_shape [3, 5]) densify gives\n{got}\nThe "
        "numbers were typed in for s, or densify does not use its argument.",
    )


@question(2)
def q2(bag_of_words, scores_of):
    expect(
        callable(bag_of_words) and callable(scores_of),
        "bag_of_words and scores_of should both be functions.",
    )
    docs, vocabulary_size = [[1, 3], [2, 2, 4], [0, 3, 3]], 5
    counts = np.zeros((len(docs), vocabulary_size), dtype=np.float32)
    for row, doc in enumerate(docs):
        for word in doc:
            counts[row, word] += 1
    bow = bag_of_words(docs, vocabulary_size)
    expect(
        isinstance(bow, tf.SparseTensor),
        "bag_of_words should return a tf.SparseTensor(indices=..., values=..., dense_shape=...).",
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
        fail(
            f"tf.sparse.to_dense(bow) fails: {first_line(error)} Sparse ops want each index "
            "once, in row-major order."
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
    fresh_docs = [[0], [4, 4, 4, 1], [], [2, 0, 2]]
    fresh = tf.sparse.to_dense(bag_of_words(fresh_docs, 6)).numpy()
    fresh_counts = np.zeros((4, 6), dtype=np.float32)
    for row, doc in enumerate(fresh_docs):
        for word in doc:
            fresh_counts[row, word] += 1
    expect(
        np.array_equal(fresh, fresh_counts),
        f"for the documents {fresh_docs} and 6 words, bag_of_words gives\n{fresh}\nThe "
        "numbers were typed in for docs, or the function does not use its arguments.",
    )
    W = tf.constant(np.random.default_rng(4).normal(size=(vocabulary_size, 2)), dtype=tf.float32)
    got = _dense_value(scores_of(bow, W), "scores_of(bow, W)")
    expect(
        got.shape == (len(docs), 2) and np.allclose(got, counts @ W.numpy(), atol=1e-5),
        f"scores_of(bow, W) has shape {got.shape} and is not bow times W; compare with NumPy: "
        "the dense form of bow @ W.numpy().",
    )
    graph, scores = _replay(
        scores_of,
        lambda: (
            _sparse([[0, 1], [1, 0], [1, 2]], [2.0, 1.0, 3.0], [2, 3]),
            tf.constant([[1.0, 0.0], [0.0, 1.0], [2.0, -1.0]]),
        ),
        "scores_of",
        "tf.sparse.sparse_dense_matmul",
    )
    types = op_types(graph)
    if "SparseTensorDenseMatMul" not in types:
        if "SparseToDense" in types:
            fail(
                "scores_of makes bow dense first, then multiplies: it stores and multiplies "
                "every zero. tf.sparse.sparse_dense_matmul visits only the stored values."
            )
        fail(
            "on another bag of words, scores_of multiplies nothing: the scores were typed in. "
            "Multiply with tf.sparse.sparse_dense_matmul."
        )
    got = np.asarray(run(graph, scores))
    expect(
        np.allclose(got, [[0.0, 2.0], [7.0, -3.0]], atol=1e-5),
        f"on another bag of words, scores_of gives\n{got}\nIt should be bow times W.",
    )


def _gradient(indices, values, shape, weights):
    A = _dense(indices, values, shape)
    return 2 * A.T @ (A @ weights)  # d/dW sum((A W)^2) = A^T (2 A W)


@question(3)
def q3(loss_gradient):
    expect(callable(loss_gradient), "loss_gradient should be a function.")
    indices = [[0, 1], [0, 4], [1, 0], [1, 2], [2, 2]]
    values, shape = [1.0, 2.0, 1.0, 3.0, 1.0], [3, 5]
    D = np.array([[0.5, -1.0], [1.0, 0.0], [-0.5, 2.0], [3.0, 1.0], [0.0, 0.5]], np.float32)
    grad = loss_gradient(_sparse(indices, values, shape), tf.Variable(D))
    if grad is None:
        fail(
            "the gradient is None: the tape only knows the operations that ran inside the with "
            "block. Compute the loss there."
        )
    got = _dense_value(grad, "the gradient")
    expect(
        got.shape == D.shape,
        f"the gradient has shape {got.shape}; a gradient has the shape of what it is "
        f"taken with respect to, {D.shape}.",
    )
    A = _dense(indices, values, shape)
    if np.allclose(got, A.T @ np.ones((A.shape[0], D.shape[1]))):
        fail(
            "that is the gradient of the sum of the scores. The loss is the sum of the squared "
            "scores: square them inside the tape."
        )
    expect(
        np.allclose(got, _gradient(indices, values, shape, D), atol=1e-4),
        "the gradient does not match that of sum(square(features times weights)); check the loss.",
    )
    fresh_indices, fresh_values = [[0, 0], [0, 2], [1, 1]], [2.0, -1.0, 4.0]
    fresh_D = np.array([[1.0, 2.0, 0.0], [0.5, -1.0, 1.0], [3.0, 0.0, -2.0]], np.float32)
    graph, grad = _replay(
        loss_gradient,
        lambda: (_sparse(fresh_indices, fresh_values, [2, 3]), tf.constant(fresh_D)),
        "loss_gradient",
        "tf.GradientTape around tf.sparse.sparse_dense_matmul",
    )
    if grad is None:
        fail(
            "with a constant tensor for weights, the gradient is None: a tape watches variables "
            "by itself, but a constant only after tape.watch(weights)."
        )
    expect(
        "SparseTensorDenseMatMul" in op_types(graph),
        "on other features, loss_gradient runs no tf.sparse.sparse_dense_matmul: the gradient "
        "was typed in. Compute the loss in a tf.GradientTape and ask the tape for the gradient.",
    )
    got = np.asarray(run(graph, grad))
    expect(
        np.allclose(got, _gradient(fresh_indices, fresh_values, [2, 3], fresh_D), atol=1e-4),
        f"on other features and weights, loss_gradient gives\n{got}\nwhich is not the gradient "
        "of the sum of the squared scores. Does it use its arguments?",
    )


@question(4)
def q4(predicted_stored, explanation):
    s = tf.SparseTensor(
        indices=[[0, 1], [1, 0], [2, 3]], values=[1.0, 2.0, 3.0], dense_shape=[3, 4]
    )
    stored = int(tf.size((s * 0.0).values))
    expect(
        isinstance(predicted_stored, (int, np.integer)),
        f"predicted_stored should be a whole number (you gave {predicted_stored!r}).",
    )
    if predicted_stored == 0:
        fail(
            "you predicted that the zeros are dropped. Run the cell below the answer: multiplying "
            "by a number scales each stored value where it is; does it look at what the results "
            "are?"
        )
    if predicted_stored == 12:
        fail(
            "12 is the number of entries of the dense form. Multiplying by a number never "
            "touches the entries that are not stored."
        )
    expect(
        predicted_stored == stored,
        f"you predicted {predicted_stored}. Run the cell below the answer and count the values "
        "it prints.",
    )
    expect(
        isinstance(explanation, str) and len(explanation.split()) >= 5,
        "explain in a sentence (at least five words) why that many values are stored.",
    )
    expect(
        re.search(r"\b(index|indices|indexes|positions?)\b", explanation.lower()) is not None,
        "say in your explanation what happens to the indices of s: which positions does "
        "s * 0.0 store, and does it check whether a result is zero?",
    )


# -- question 5 (optional): the engine's index checks, lesson 17's "Under the hood" ---------------
_Q5_INDICES = [[0, 2], [1, 3], [1, 0], [1, 0]]
_Q5_SHAPE = [2, 3]
_Q5_LETTERS = {"out of bounds": "b", "out of order": "c", "is repeated": "d"}


def _q5_outcome():
    """The letter for what learntf's SparseToDense check says of question 5's indices: read from
    the live engine, so the expected answer follows the code the lesson prints."""
    from learntf import errors
    from learntf.sparse import sparse_ops

    try:
        sparse_ops._check_indices(np.array(_Q5_INDICES), np.array(_Q5_SHAPE))
    except errors.InvalidArgumentError as error:
        return next(letter for words, letter in _Q5_LETTERS.items() if words in str(error))
    return "a"


@question(5, optional=True)
def q5(answer):
    choice(
        answer,
        ["a", "b", "c", "d"],
        _q5_outcome(),
        {
            "a": "to_dense runs _check_indices before it writes any value: a repeated index, an "
            "index outside the shape or one out of order stops it with an error. Which one?",
            "b": "the loop takes the indices in order and stops at the first index that fails a "
            "test: go through them one by one, with the three tests for each.",
            "c": "[1,0] does come after [1,3], but the loop takes the indices one at a time and "
            "stops at the first index that fails any of its three tests. Does an earlier index "
            "fail one?",
            "d": "[1,0] is repeated, but the loop takes the indices one at a time and stops at "
            "the first index that fails any of its three tests. Does an earlier index fail one?",
        },
    )
