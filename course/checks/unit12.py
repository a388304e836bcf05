"""Checks for exercises/12_tf_function.ipynb (lesson 12: tf.function, tracing and retracing, tf.cond,
variables, input signatures, where the speed comes from)."""

import warnings

import numpy as np

import learntf as tf
from course.checks import choice, expect, fail, question


def _is_tf_function(fn):
    return callable(fn) and hasattr(fn, "python_function") and hasattr(fn, "get_concrete_function")


@question(1)
def q1(poly_tf, poly):
    if not _is_tf_function(poly_tf):
        fail("poly_tf is a plain Python function: it runs eagerly, op by op. Wrap poly with tf.function to "
             "get a function that traces it into a graph.")
    expect(poly_tf.python_function is poly, "poly_tf should wrap poly itself: its python_function should be poly.")
    for value in (5.0, -1.5):
        got = poly_tf(tf.constant(value)).numpy()
        expect(np.isclose(got, value ** 2 - 3 * value), f"poly_tf({value}) gives {got}, not poly's value.")


def _count_traces():
    f = tf.function(lambda x: x + 1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for arg in (tf.constant(1.0), tf.constant(2.0), tf.constant([1.0, 2.0]), tf.constant([3.0, 4.0]),
                    1.0, 1.0, 2.0, tf.constant(1)):
            f(arg)
    return f.experimental_get_tracing_count()


@question(2)
def q2(traces):
    expect(isinstance(traces, (int, np.integer)), "traces should be a whole number.")
    expected = _count_traces()
    if traces > expected:
        fail("too many: tensors with the same dtype and shape share one trace, and a Python value seen before "
             "reuses its trace too. Group the eight calls by what a trace depends on.")
    if traces < expected:
        fail("too few: for a Python value, the value itself is part of the trace's key, unlike a tensor, whose "
             "dtype and shape are. And an int32 tensor is not a float32 tensor.")


@question(3)
def q3(relu_tf):
    expect(_is_tf_function(relu_tf), "relu_tf should be a tf.function (decorate it with @tf.function).")
    try:
        results = [float(relu_tf(tf.constant(v)).numpy()) for v in (-2.0, 3.0, 0.0)]
    except TypeError as error:
        fail("tracing failed on a Python `if`: while tracing, the comparison is a symbolic tensor with no value. "
             "Choose inside the graph with tf.cond (or tf.where). "
             f"The error began: {str(error).splitlines()[0]}")
    expect(np.allclose(results, [0.0, 3.0, 0.0]), f"relu_tf(-2.), relu_tf(3.), relu_tf(0.) gave {results}.")


@question(4)
def q4(increment):
    expect(_is_tf_function(increment), "increment should be a tf.function (decorate it with @tf.function).")
    try:
        first = int(increment().numpy())
    except ValueError as error:
        fail("tf.function refused to create a variable on every call: create it once, outside the function, and "
             "let the function only update it. " + str(error).splitlines()[0])
    second = int(increment().numpy())
    third = int(increment().numpy())
    expect(second == first + 1 and third == second + 1,
           f"three calls returned {first}, {second}, {third}: each call should add 1 to the same variable and "
           "return its new value (assign_add does both).")


@question(5)
def q5(square):
    expect(_is_tf_function(square), "square should be a tf.function.")
    for length in (3, 2, 5):
        x = np.arange(length, dtype=np.float32)
        try:
            got = square(tf.constant(x)).numpy()
        except (TypeError, ValueError):
            fail(f"square refused a float32 vector of length {length}: make the signature accept any length "
                 "(None in the shape).")
        expect(np.allclose(got, x * x), f"square of {x.tolist()} gave {got.tolist()}.")
    count = square.experimental_get_tracing_count()
    expect(count == 1, f"square traced {count} times for vectors of lengths 3, 2 and 5: without a fixed "
                       "signature, each new shape is a new trace. Declare the inputs with input_signature.")
    try:
        square(tf.constant([1, 2]))
    except (TypeError, ValueError):
        return
    fail("square accepted an int32 tensor: its signature should admit float32 vectors only.")


@question(6)
def q6(answer):
    choice(answer, options=("a", "b", "c"), correct="b", hints={
        "a": "learntf's traced graph runs the same NumPy kernels as eager operations do: the arithmetic costs "
             "the same. Then why would small tensors gain and large ones not?",
        "c": "a traced function runs its graph again on every call: it would read a variable's new value, or new "
             "inputs. What is done once, while tracing, and never again?",
    })
