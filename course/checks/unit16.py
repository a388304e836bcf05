"""Checks for exercises/16_strings_and_ragged_tensors.ipynb (lesson 16: string tensors
and UTF-8, ragged tensors, how they are stored, padding and means).

Questions 1, 3 and 4 ask for a function. A check calls it on the exercise's data, then once
more on fresh data inside a graph (lesson 16's `with graph.as_default()`), where tensors have no
values until a session runs them: numbers typed in for the exercise's data, or computed in
Python from `.numpy()`, fail there with a hint naming the TensorFlow operation that was skipped.
Question 2 is a prediction, compared with the same program run by the check.
"""

import math

import numpy as np

from course.checks import expect, fail, question
from course.checks._replay import op_types, replay, run
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


def _replay(function, make_inputs, name, skipped):
    """replay() with this unit's advice; `skipped` names the operation the function must use."""
    advice = (
        "Does it read values in Python (.numpy(), .to_list(), a loop)? Compute with TensorFlow's "
        f"operations instead: {skipped}."
    )
    return replay(function, make_inputs, name, advice)


@question(1)
def q1(lengths):
    expect(callable(lengths), "lengths should be a function: def lengths(words): ...")
    drinks = ["tea", "café", "咖啡", "☕"]
    result = lengths(tf.constant(drinks))
    expect(
        isinstance(result, (tuple, list)) and len(result) == 2,
        "lengths should return two tensors: return n_bytes, n_chars",
    )
    expected_bytes = [len(word.encode("utf-8")) for word in drinks]
    expected_chars = [len(word) for word in drinks]
    got_bytes, got_chars = _dense_value(result[0], "n_bytes"), _dense_value(result[1], "n_chars")
    expect(
        got_bytes.shape == (4,) and got_chars.shape == (4,),
        "for drinks, n_bytes and n_chars should each hold one length per string (4 numbers).",
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
        f"for drinks, n_bytes is {got_bytes.tolist()}; compare with Python's "
        "len(word.encode('utf-8')) for each word.",
    )
    expect(
        got_chars.tolist() == expected_chars,
        f"for drinks, n_chars is {got_chars.tolist()}; compare with Python's len(word) for each "
        "word.",
    )
    fresh = ["naïve", "ß", "日本語", "", "tea ☕"]
    graph, (n_bytes, n_chars) = _replay(
        lengths, lambda: (tf.constant(fresh),), "lengths", "tf.strings.length"
    )
    expect(
        "StringLength" in op_types(graph),
        "lengths gives the right numbers for drinks, but on other strings it runs no "
        "tf.strings.length: the numbers were typed in. Count with tf.strings.length, so "
        "that lengths works for any strings.",
    )
    got_bytes, got_chars = run(graph, [n_bytes, n_chars])
    expect(
        np.asarray(got_bytes).tolist() == [len(w.encode("utf-8")) for w in fresh]
        and np.asarray(got_chars).tolist() == [len(w) for w in fresh],
        f"on the strings {fresh}, lengths gives {np.asarray(got_bytes).tolist()} bytes and "
        f"{np.asarray(got_chars).tolist()} characters. Does it depend on its argument `words`?",
    )


def _padded(rows, value):
    width = max(len(row) for row in rows)
    return np.array([row + [value] * (width - len(row)) for row in rows])


def _join_and_pad(first, second):
    """Question 2's program, run by the check itself: (joined rows, padded table)."""
    joined = tf.concat([tf.ragged.constant(first), tf.ragged.constant(second)], axis=1)
    return joined.to_list(), np.asarray(joined.to_tensor(default_value=-1).numpy())


@question(2)
def q2(predicted, why):
    first, second = [[4, 0, 7], [2], []], [[1], [5, 0, 0, 3], []]
    joined, padded = _join_and_pad(first, second)
    try:
        rows = [list(row) for row in predicted]
        guess = np.array(rows)
    except (TypeError, ValueError):
        guess = None
    expect(
        guess is not None
        and guess.ndim == 2
        and all(len(row) == len(rows[0]) for row in rows)
        and np.issubdtype(guess.dtype, np.integer),
        "predicted should be a list of lists of whole numbers, all of the same length: one list "
        "per row of padded.",
    )
    if guess.shape[0] != padded.shape[0]:
        fail(
            f"padded does not have {guess.shape[0]} rows: tf.concat with axis=1 joins row i of "
            "the first with row i of the second, so the joined tensor has as many rows as each "
            "of them."
        )
    if guess.shape[1] != padded.shape[1]:
        fail(
            f"padded is not {guess.shape[1]} wide: to_tensor makes the table as wide as the "
            "widest row of the joined tensor, not of first or second. Write out the joined rows "
            "first, then count."
        )
    if np.array_equal(guess, _padded(joined, 0)):
        fail(
            "the missing entries are not 0 here: 0 is a real word in this vocabulary, so the "
            "program chose the padding value with default_value."
        )
    expect(
        np.array_equal(guess, padded),
        "the shape is right, but not every entry: each row starts with row i of first, then "
        "row i of second, and the missing entries come after them.",
    )
    text = why.lower() if isinstance(why, str) else ""
    expect(
        len(text.split()) >= 4
        and any(word in text for word in ("longest", "widest", "longer", "most", "maximum"))
        and any(word in text for word in ("-1", "default", "minus one")),
        "the table is right; now say in why, in a sentence, how to_tensor decides the width of "
        "padded (which row sets it?) and what fills the missing entries.",
    )


def _mean_lengths(sentences):
    means = []
    for sentence in sentences:
        words = sentence.split()
        means.append(sum(len(w) for w in words) / len(words) if words else math.nan)
    return np.array(means)


@question(3)
def q3(mean_word_length):
    expect(callable(mean_word_length), "mean_word_length should be a function.")
    sentences = ["the cat sat", "a hippopotamus", "咖啡 很 好喝"]
    got = _dense_value(mean_word_length(tf.constant(sentences)), "mean_word_length(sentences)")
    expected = _mean_lengths(sentences)
    expect(got.shape == (3,), f"the result has shape {got.shape}: one mean per sentence.")
    padded_mean = np.array([3.0, 13 / 3, 5 / 3])
    if np.allclose(got, padded_mean, atol=1e-4):
        fail(
            "the means are the buggy program's: 'a hippopotamus' has 2 words, but its mean is "
            "taken over 3 entries. The padding still counts: take the mean of each row of the "
            "ragged lengths, before any padding."
        )
    bytes_mean = np.array([np.mean([len(w.encode("utf-8")) for w in s.split()]) for s in sentences])
    if np.allclose(got, bytes_mean, atol=1e-4):
        fail(
            "'咖啡 很 好喝' gets a mean of 6 per word: those are bytes, not characters. Which unit "
            "does tf.strings.length use when you give none?"
        )
    expect(
        np.allclose(got, expected, atol=1e-4),
        f"the means are {got.tolist()}; each should be the number of characters in the "
        "sentence's words over its number of words.",
    )
    fresh = ["x yy zzz", "ü", "日本 語 a b", "one two three four five"]
    graph, means = _replay(
        mean_word_length,
        lambda: (tf.constant(fresh),),
        "mean_word_length",
        "tf.strings.split, tf.strings.length and tf.reduce_mean on the ragged result",
    )
    got = np.asarray(run(graph, means), dtype=float)
    expect(
        got.shape == (4,) and np.allclose(got, _mean_lengths(fresh), atol=1e-4),
        f"on the sentences {fresh}, mean_word_length gives {got.tolist()}: the numbers for "
        "sentences were typed in, or the function does not use its argument.",
    )


def _daily(readings, counts):
    rows, start = [], 0
    for count in counts:
        rows.append(readings[start : start + count])
        start += count
    return rows


@question(4)
def q4(daily_means):
    expect(callable(daily_means), "daily_means should be a function.")
    readings = [12.5, 14.0, 13.0, 9.0, 11.5, 15.0, 16.0, 14.5]
    counts = [3, 0, 2, 3]
    result = daily_means(tf.constant(readings), tf.constant(counts))
    expect(
        isinstance(result, (tuple, list)) and len(result) == 2,
        "daily_means should return two things: return days, means",
    )
    days, means = result
    expect(
        isinstance(days, tf.RaggedTensor),
        f"days is a {type(days).__name__}; it should be a tf.RaggedTensor with one row per day.",
    )
    lengths = days.row_lengths().numpy().tolist()
    expect(
        lengths == counts and np.allclose(days.values.numpy(), readings),
        f"days has row lengths {lengths}; it should hold the readings in order, {counts} of "
        "them on each day.",
    )
    got = _dense_value(means, "means")
    expect(
        got.ndim == 1,
        f"means has shape {got.shape}: the mean of all the readings at once. Take the mean "
        "within each day: one mean per row of days.",
    )
    expected = np.array([np.mean(r) if r else math.nan for r in _daily(readings, counts)])
    padded = np.array([np.sum(r) / 3 for r in _daily(readings, counts)])
    if np.allclose(got, padded, atol=1e-4):
        fail(
            "the means divide by 3 on every day, as if each day had 3 readings: padding counts "
            "in the mean. Take the mean of each row of the ragged tensor."
        )
    expect(
        got.shape == (4,) and np.allclose(got, expected, atol=1e-4, equal_nan=True),
        f"means is {got.tolist()}; each day's mean is the sum of its readings over their "
        "number (and a day with no readings has no mean: nan, as for the lesson's empty row).",
    )
    fresh_readings, fresh_counts = [1.0, 2.0, 4.0, 8.0, 16.0], [1, 2, 0, 2]
    graph, (days, means) = _replay(
        daily_means,
        lambda: (tf.constant(fresh_readings), tf.constant(fresh_counts)),
        "daily_means",
        "tf.RaggedTensor.from_row_lengths and tf.reduce_mean",
    )
    expect(
        isinstance(days, tf.RaggedTensor),
        "on other readings, days is not a tf.RaggedTensor: build it from the function's "
        "arguments with tf.RaggedTensor.from_row_lengths.",
    )
    values, row_splits, got = run(graph, [days.values, days.row_splits, means])
    expected = [np.mean(r) if r else math.nan for r in _daily(fresh_readings, fresh_counts)]
    expect(
        np.asarray(row_splits).tolist() == [0, 1, 3, 3, 5]
        and np.allclose(values, fresh_readings)
        and np.allclose(got, expected, equal_nan=True),
        f"on the readings {fresh_readings} with counts {fresh_counts}, days or means is wrong: "
        "the days were typed in for the exercise's readings. Build them from the arguments "
        "with tf.RaggedTensor.from_row_lengths.",
    )
