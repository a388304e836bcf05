"""Small tf.function programs whose Python control flow AutoGraph converts, run on TensorFlow 2.21
and on learntf with the same code.

scripts/record_tf_autograph.py runs each case on real TensorFlow into tests/data/tf_autograph.json;
tests/test_autograph.py runs them on learntf and compares.  A case is a function of the `tf`
module; it defines a tf.function (AutoGraph needs the source: these are ordinary functions in a
file) and returns what its calls return.  `run_case` turns that into plain JSON: each tensor as
its dtype and value, or the error as its class, TensorFlow's words (the line after "in user
code:" names the error) and the user's statement it points at.

TO_CODE lists functions whose converted source (tf.autograph.to_code) is recorded too.
"""

import re

import numpy as np


# -- if ----------------------------------------------------------------------------------------
def if_on_a_tensor(tf):
    @tf.function
    def f(x):
        if x > 0:
            y = x * 2
        else:
            y = -x
        return y

    return [f(tf.constant(3)), f(tf.constant(-2))]


def if_on_a_python_bool(tf):
    @tf.function
    def f(x, double):
        if double:
            x = x * 2
        return x

    return [f(tf.constant(3.0), True), f(tf.constant(3.0), False)]


def if_elif_else_on_tensors(tf):
    @tf.function
    def sign(x):
        if x > 0:
            s = 1.0
        elif x < 0:
            s = -1.0
        else:
            s = 0.0
        return s

    return [sign(tf.constant(5.0)), sign(tf.constant(-5.0)), sign(tf.constant(0.0))]


def return_in_both_branches(tf):
    @tf.function
    def f(x):
        if x > 0:
            return x
        else:
            return -x

    return [f(tf.constant(-4)), f(tf.constant(4))]


def return_then_more_statements(tf):
    @tf.function
    def f(x):
        if x > 0:
            return x * 10
        x = x - 1
        return x

    return [f(tf.constant(2)), f(tf.constant(-2))]


def variable_set_in_one_branch_only(tf):
    @tf.function
    def f(x):
        if x > 0:
            y = x
        return y

    return [f(tf.constant(1))]


def return_in_one_branch_only(tf):
    @tf.function
    def f(x):
        if x > 0:
            return x

    return [f(tf.constant(1))]


def branches_of_different_dtypes(tf):
    @tf.function
    def f(x):
        if x > 0:
            y = 1
        else:
            y = 1.5
        return y

    return [f(tf.constant(1))]


def condition_that_is_not_a_bool(tf):
    @tf.function
    def f(x):
        if x:
            x = x + 1
        return x

    return [f(tf.constant(1))]


def local_variable_of_a_branch(tf):
    @tf.function
    def f(x):
        if x > 0:
            t = x * 3
            x = t + 1
        return x

    return [f(tf.constant(2)), f(tf.constant(-2))]


def if_with_a_variable_update(tf):
    v = tf.Variable(0)

    @tf.function
    def f(x):
        if x > 0:
            v.assign_add(x)
        return v.read_value()

    return [f(tf.constant(5)), f(tf.constant(-3)), v]


def conditional_expression_on_a_tensor(tf):
    @tf.function
    def f(x):
        return x if x > 0 else -x

    return [f(tf.constant(-7)), f(tf.constant(7))]


def conditional_expression_of_two_dtypes(tf):
    @tf.function
    def f(x):
        return 1 if x > 0 else 2.0

    return [f(tf.constant(1))]


# -- while -------------------------------------------------------------------------------------
def while_on_a_tensor(tf):
    @tf.function
    def f(n):
        i = 0
        total = 0
        while i < n:
            i += 1
            total += i
        return i, total

    return [f(tf.constant(4)), f(tf.constant(0))]


def while_on_python_values_is_unrolled(tf):
    @tf.function
    def f(x):
        i = 0
        while i < 3:
            x = x * 2.0
            i += 1
        return x

    return [f(tf.constant(1.5))]


def while_with_break_and_continue(tf):
    @tf.function
    def f(n):
        s = 0
        i = 0
        while i < n:
            i += 1
            if i % 2 == 0:
                continue
            if s > 10:
                break
            s += i
        return s

    return [f(tf.constant(20)), f(tf.constant(3))]


def loop_variable_changes_dtype(tf):
    @tf.function
    def f(n):
        x = 0
        i = 0
        while i < n:
            x = 1.5
            i += 1
        return x

    return [f(tf.constant(3))]


def loop_variable_changes_shape(tf):
    @tf.function
    def f(n):
        x = tf.constant([1.0])
        i = 0
        while i < n:
            x = tf.concat([x, x], 0)
            i += 1
        return x

    return [f(tf.constant(3))]


def loop_variable_changes_structure(tf):
    @tf.function
    def f(n):
        pair = (0, 0)
        i = 0
        while i < n:
            pair = i
            i += 1
        return pair

    return [f(tf.constant(3))]


def loop_variable_with_a_shape_invariant(tf):
    @tf.function
    def f(n):
        x = tf.constant([1.0])
        i = 0
        while i < n:
            tf.autograph.experimental.set_loop_options(
                shape_invariants=[(x, tf.TensorShape([None]))]
            )
            x = tf.concat([x, x * 2.0], 0)
            i += 1
        return x

    return [f(tf.constant(2))]


def shape_invariant_that_does_not_fit(tf):
    @tf.function
    def f(n):
        x = tf.constant([1.0])
        for _ in tf.range(n):
            tf.autograph.experimental.set_loop_options(shape_invariants=[(x, tf.TensorShape([1]))])
            x = tf.concat([x, x], 0)
        return x

    return [f(tf.constant(2))]


def loop_variable_defined_in_the_loop(tf):
    @tf.function
    def f(n):
        i = 0
        while i < n:
            y = i * 2
            i += 1
        return y

    return [f(tf.constant(3))]


def loop_variable_read_before_it_is_defined(tf):
    @tf.function
    def f(n):
        i = 0
        while i < n:
            z = y + 1  # noqa: F821  (y: set later in the loop, read too early)
            y = i  # noqa: F841
            i += 1
        return z

    return [f(tf.constant(3))]


def loop_variable_that_is_none(tf):
    @tf.function
    def f(n):
        i = 0
        last = None
        while i < n:
            last = i
            i += 1
        return last

    return [f(tf.constant(3))]


def python_while_whose_condition_becomes_a_tensor(tf):
    @tf.function
    def f(x):
        i = 0
        while i < 3:
            i = i + x
        return i

    return [f(tf.constant(1))]


# -- for ---------------------------------------------------------------------------------------
def for_over_a_tensor(tf):
    @tf.function
    def f(xs):
        total = 0.0
        for x in xs:
            total += x * x
        return total

    return [f(tf.constant([1.0, 2.0, 3.0])), f(tf.constant([4.0]))]


def for_over_the_rows_of_a_matrix(tf):
    @tf.function
    def f(xs):
        total = tf.zeros([2])
        for row in xs:
            total += row
        return total

    return [f(tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]))]


def loop_over_rows_changes_a_scalars_shape(tf):
    @tf.function
    def f(xs):
        total = 0.0
        for x in xs:
            total += x * x
        return total

    return [f(tf.constant([[1.0], [4.0]]))]


def for_over_tf_range(tf):
    @tf.function
    def f(n):
        total = tf.constant(0)
        for i in tf.range(n):
            total += i * i
        return total

    return [f(tf.constant(4)), f(tf.constant(0))]


def for_over_tf_range_with_a_step(tf):
    @tf.function
    def f(n):
        seen = tf.constant(0)
        for i in tf.range(n, 0, -2):
            seen = seen * 10 + i
        return seen

    return [f(tf.constant(7))]


def for_over_a_python_range_is_unrolled(tf):
    @tf.function
    def f(x):
        for i in range(3):
            x = x + i
        return x

    return [f(tf.constant(10))]


def for_with_break_on_a_tensor(tf):
    @tf.function
    def f(xs):
        total = 0
        for x in xs:
            if x < 0:
                break
            total += x
        return total

    return [f(tf.constant([1, 2, -1, 5])), f(tf.constant([1, 2]))]


def for_with_continue_on_a_tensor(tf):
    @tf.function
    def f(xs):
        total = 0
        for x in xs:
            if x % 2 == 1:
                continue
            total += x
        return total

    return [f(tf.constant([1, 2, 3, 4, 6]))]


def return_inside_a_tensor_loop(tf):
    @tf.function
    def first_big(xs):
        for x in xs:
            if x > 2:
                return x
        return -1

    return [first_big(tf.constant([1, 5, 3])), first_big(tf.constant([1, 2]))]


def python_loop_with_a_break_on_a_tensor(tf):
    @tf.function
    def f(x):
        for i in range(5):
            if x > i:
                break
        return x

    return [f(tf.constant(1))]


def nested_loops(tf):
    @tf.function
    def f(n):
        total = 0
        for i in tf.range(n):
            j = 0
            while j < i:
                total += j
                j += 1
        return total

    return [f(tf.constant(5))]


def for_over_a_dataset(tf):
    @tf.function
    def f(ds):
        total = tf.constant(0, tf.int64)
        for x in ds:
            total += x
        return total

    ds = tf.data.Dataset.range(5)
    return [f(ds), f(ds.map(lambda x: x * 10))]


def gradient_through_converted_loops_and_ifs(tf):
    @tf.function
    def f(x):
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = x
            i = 0
            while i < 3:
                y = y * x
                i += 1
            if y > 10:
                y = y * 2.0
        return y, tape.gradient(y, x)

    return [f(tf.constant(2.0)), f(tf.constant(1.0))]


def gradient_through_a_for_over_a_tensor(tf):
    @tf.function
    def f(xs):
        with tf.GradientTape() as tape:
            tape.watch(xs)
            total = 0.0
            for x in xs:
                total += x * x
        return tape.gradient(total, xs)

    return [f(tf.constant([1.0, -2.0, 3.0]))]


# -- calls -------------------------------------------------------------------------------------
def _clip_at_zero(x):  # (a helper the tf.function calls: converted too)
    if x < 0:
        x = x * 0
    return x


def helper_with_a_tensor_if(tf):
    @tf.function
    def f(x):
        return _clip_at_zero(x) + 1

    return [f(tf.constant(-5)), f(tf.constant(5))]


def python_range_of_a_tensor(tf):
    @tf.function
    def f(n):
        total = 0
        for i in range(n):
            total += i
        return total

    return [f(tf.constant(5))]


def len_of_a_tensor(tf):
    @tf.function
    def f(xs):
        return len(xs) * 10

    return [f(tf.constant([1.0, 2.0, 3.0]))]


# -- and, or, not ------------------------------------------------------------------------------
def and_or_not_on_tensors(tf):
    @tf.function
    def f(x):
        inside = x > 0 and x < 5
        outside = not inside
        either = x < -5 or x > 5
        return inside, outside, either

    return [f(tf.constant(3)), f(tf.constant(9))]


def and_or_on_python_values(tf):
    @tf.function
    def f(x, a, b):
        if a and not b:
            x = x + 1
        if a or b:
            x = x * 10
        return x

    return [f(tf.constant(1), True, False), f(tf.constant(1), False, False)]


# -- switched off --------------------------------------------------------------------------------
def python_if_without_autograph(tf):
    @tf.function(autograph=False)
    def f(x):
        if x > 0:
            return x
        return -x

    return [f(tf.constant(1))]


def python_for_over_a_tensor_without_autograph(tf):
    @tf.function(autograph=False)
    def f(xs):
        total = 0
        for x in xs:
            total += x
        return total

    return [f(tf.constant([1, 2]))]


def do_not_convert(tf):
    @tf.function
    @tf.autograph.experimental.do_not_convert
    def f(x):
        if x > 0:
            return x
        return -x

    return [f(tf.constant(1))]


def run_functions_eagerly(tf):
    @tf.function
    def f(x):
        if x > 0:
            y = x
        return y

    tf.config.run_functions_eagerly(True)
    try:
        return [f(tf.constant(1)), tf.config.functions_run_eagerly()]
    finally:
        tf.config.run_functions_eagerly(False)


CASES = {
    name: case
    for name, case in dict(globals()).items()
    if callable(case) and getattr(case, "__module__", None) == __name__ and not name.startswith("_")
}


# -- the converted code --------------------------------------------------------------------------
def to_code_cases(tf=None, helper=None):
    """Functions whose tf.autograph.to_code is compared."""

    def abs_value(x):
        if x > 0:
            y = x
        else:
            y = -x
        return y

    def odd_sum(n):
        s = 0
        i = 0
        while i < n:
            i += 1
            if i % 2 == 0:
                continue
            if s > 10:
                break
            s += i
        return s

    def first_big(xs):
        for x in xs:
            if x > 2:
                return x
        return -1

    def in_range(x):
        return x > 0 and x < 5 or not x

    def magnitude(x):
        return x if x > 0 else -x

    def calls(x, *args, **kw):
        y = tf.square(x)
        print(y)
        for _ in range(3):
            y = helper(y, b=2)
        helper(*args, **kw)
        helper(x, *args)
        return tf.reduce_sum(y, axis=0) + abs(x)

    return [abs_value, odd_sum, first_big, in_range, magnitude, calls]


def normalize_code(code):
    """Converted code with each `nonlocal` list sorted (TF lists them in set order)."""

    def sort_names(match):
        return match.group(1) + ", ".join(sorted(match.group(2).split(", ")))

    return re.sub(r"(nonlocal )(.*)", sort_names, code)


# -- running a case ------------------------------------------------------------------------------
def run_case(case, tf):
    """{"values": [...]} or {"error": class name, "message": TF's words, "where": statement}."""
    try:
        results = case(tf)
    except Exception as e:  # the error is the recorded outcome
        return _error_outcome(e)
    return {"values": [_plain(r) for r in results]}


def _plain(value):
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if hasattr(value, "numpy"):
        array = np.asarray(value.numpy())
        return {"dtype": value.dtype.name, "value": array.tolist()}
    return value


def _error_outcome(error):
    name = type(error).__name__
    text = str(error)
    where = None
    if text.startswith("in user code:"):
        lines = text.splitlines()
        files = [i for i, line in enumerate(lines) if "  File " in line]
        where = lines[files[0] + 1].strip() if files else None
        marker = "    %s: " % name
        start = next(i for i, line in enumerate(lines) if line.startswith(marker))
        message = lines[start][len(marker) :]
    else:
        message = text.splitlines()[0] if text else ""
    return {"error": name, "message": message, "where": where}
