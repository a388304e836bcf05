"""Checks for exercises/19_tf_function.ipynb (lesson 19: tf.function, tf.where, and what
AutoGraph makes of loops and of print/tf.print)."""

import numpy as np

from course.checks import expect, fail, question
from course.checks.engine import tf2 as tf


def _is_tf_function(fn):
    return callable(fn) and hasattr(fn, "python_function") and hasattr(fn, "get_concrete_function")


@question(1)
def q1(poly_tf, poly, poly_graph):
    if not _is_tf_function(poly_tf):
        fail(
            "poly_tf is a plain Python function: it runs eagerly, op by op. Wrap poly with "
            "tf.function to get a function that traces it into a graph."
        )
    expect(
        poly_tf.python_function is poly,
        "poly_tf should wrap poly itself: its python_function should be poly.",
    )
    for value in (5.0, -1.5):
        got = poly_tf(tf.constant(value)).numpy()
        expect(
            np.isclose(got, value**2 - 3 * value),
            f"poly_tf({value}) gives {got}, not poly's value.",
        )
    expect(
        isinstance(poly_graph, tf.Graph),
        f"poly_graph should be a graph (a concrete function's .graph); it is a "
        f"{type(poly_graph).__name__}.",
    )
    inputs = [op for op in poly_graph.get_operations() if op.type == "Placeholder"]
    expect(
        len(inputs) == 1,
        "poly_graph holds no input placeholder: it was not traced from poly. Ask poly_tf for "
        "its concrete function, and take that function's graph.",
    )
    shape, dtype = inputs[0].outputs[0].shape, inputs[0].outputs[0].dtype
    expect(
        shape.as_list() == [3] and dtype == tf.float32,
        f"poly_graph's input is {dtype.name} of shape {shape}: ask for the concrete function of "
        "a float32 vector of length 3 (any such tensor will do).",
    )


@question(2)
def q2(relu_tf):
    expect(
        _is_tf_function(relu_tf), "relu_tf should be a tf.function (decorate it with @tf.function)."
    )
    for values in ([-2.0, 3.0, 0.0], [1.5, -0.5]):
        x = np.array(values, dtype=np.float32)
        try:
            got = relu_tf(tf.constant(x)).numpy()
        except Exception as error:
            fail(
                "relu_tf failed on the vector "
                + str(values)
                + ": for a vector, x > 0 is a vector of true and false, one per element, and an "
                "`if` (or tf.cond) needs one single condition. Choose element by element with "
                "tf.where. (Calling it raised " + type(error).__name__ + ".)"
            )
        got = np.asarray(got, dtype=np.float64)
        expect(
            got.shape == x.shape,
            f"relu_tf({values}) has shape {got.shape}: one value per element, please.",
        )
        if np.allclose(got, np.where(x > 0, 0.0, x)):
            fail(
                f"relu_tf({values}) gave {got.tolist()}: the positive elements became 0 and the "
                "others were kept. Which value does tf.where take where the condition is true?"
            )
        expect(np.allclose(got, np.where(x > 0, x, 0.0)), f"relu_tf({values}) gave {got.tolist()}.")


def _op_types(concrete):
    return [op.type for op in concrete.graph.get_operations()]


def _count_whiles(types):
    return sum(t in ("While", "StatelessWhile") for t in types)


@question(3)
def q3(mystery, while_ops, mul_ops):
    for name, value in (("while_ops", while_ops), ("mul_ops", mul_ops)):
        expect(isinstance(value, (int, np.integer)), f"{name} should be a whole number.")
    types = _op_types(mystery.get_concrete_function(tf.constant(1.0), tf.constant(4)))
    expected_whiles, expected_muls = _count_whiles(types), types.count("Mul")
    if while_ops > expected_whiles:
        fail(
            "too many While ops: `range(3)` is a range of a Python number, so that loop runs in "
            "Python while tracing. Only a loop over a tensor, or a `while` on a tensor, becomes "
            "a While op."
        )
    if while_ops < expected_whiles:
        fail(
            "too few While ops: a `for` over `tf.range(n)` of a tensor is a loop on a tensor, as "
            "much as a `while` whose condition is a tensor; each becomes one While op."
        )
    if mul_ops != expected_muls:
        fail(
            "the While ops are right, the Mul ops not: the loop over `range(3)` is unrolled, and "
            "each pass of an unrolled loop adds its own ops to the graph. (The ops inside a "
            "While op's body are not in the function's graph itself.)"
        )


def _collatz(n):
    steps = 0
    while n > 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps


@question(4)
def q4(collatz_steps):
    if not _is_tf_function(collatz_steps):
        fail(
            "collatz_steps is a plain Python function: its loop runs eagerly, in Python. Make it "
            "a tf.function (decorate it with @tf.function), so the loop becomes part of a graph."
        )
    for n in (1, 6, 7, 27):
        try:
            got = collatz_steps(tf.constant(n))
        except Exception as error:
            fail(
                f"collatz_steps(tf.constant({n})) failed while tracing: there, n is a symbolic "
                "tensor with no value yet, so it cannot become a Python number. Let the `while` "
                "and the `if` test the tensor itself; AutoGraph turns them into graph ops. "
                f"(Calling it raised {type(error).__name__}.)"
            )
        got = np.asarray(got)
        expect(
            got.shape == () and got == _collatz(n),
            f"collatz_steps({n}) gave {got.tolist()}: follow the rule by hand for a small n, and "
            "count the steps (the number of times n changes).",
        )
    types = _op_types(collatz_steps.get_concrete_function(tf.TensorSpec([], tf.int32)))
    expect(
        _count_whiles(types) >= 1,
        "collatz_steps gives the right numbers, but its graph has no While op: no loop runs in "
        f"the graph (its ops: {', '.join(types)}). Count the steps with a `while` on the tensor "
        "n, so the loop works for any n.",
    )


def _count_prints():
    """Run `shout` with a Python side effect in place of print and an op (assign_add) in place
    of tf.print: like tf.print, an op of the graph runs at every call."""
    traced = []
    calls = tf.Variable(0)

    @tf.function
    def shout(x):
        traced.append(x)  # Python: runs while tracing
        calls.assign_add(1)  # an op: runs whenever the graph runs
        return x + 1

    for x in (tf.constant(1), tf.constant(2), tf.constant([1, 2]), tf.constant(3)):
        shout(x)  # two traces in four calls: too few for the retracing warning
    return len(traced), int(calls.numpy())


@question(5)
def q5(print_lines, tf_print_lines):
    for name, value in (("print_lines", print_lines), ("tf_print_lines", tf_print_lines)):
        expect(isinstance(value, (int, np.integer)), f"{name} should be a whole number.")
    expected_print, expected_tf_print = _count_prints()
    if print_lines > expected_print:
        fail(
            "too many print lines: Python's print runs only while tracing, and a call that reuses "
            "a trace runs the graph, not your Python code."
        )
    if print_lines < expected_print:
        fail(
            "too few print lines: an int32 tensor of a new shape is a new kind of input, so a new "
            "trace, which runs the Python code again."
        )
    expect(
        tf_print_lines == expected_tf_print,
        "print is right, tf.print not: tf.print is an op of the graph, so it runs whenever the "
        "graph runs, at every call.",
    )
