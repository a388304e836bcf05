"""Checks for exercises/23_build_a_gradient.ipynb (lesson 23: a gradient function
`grad(op, upstream)`, registered with tf.RegisterGradient, used through gradient_override_map and
checked against finite differences).

Each check registers the learner's function under a fresh name of its own, builds the op on
inputs the notebook never showed (other shapes, other values, an upstream gradient that weights
every element differently), and compares `tf.gradients` with central differences computed in
NumPy. Before that it calls the function once by hand on the op, to say plainly when it returns
the wrong number of gradients, a Python number, or a gradient of the wrong shape.
"""

import itertools
import re

import numpy as np

from course.checks import expect, explains, fail, question
from course.checks.engine import tf1 as tf

H = 1e-6  # the step of the central differences (float64 throughout)
RNG_SEED = 2323


def _fresh_name(fn):
    """Register `fn` under a name not taken yet (TF's registry takes each name once)."""
    for n in itertools.count(1):
        name = "check23_%s_%d" % (getattr(fn, "__name__", "grad"), n)
        try:
            tf.RegisterGradient(name)(fn)
        except KeyError:
            continue
        return name


def _numerical_gradient(loss, v):
    """Central differences of the number loss(v), one element of v at a time."""
    grad = np.zeros_like(v)
    for i in np.ndindex(v.shape):
        step = np.zeros_like(v)
        step[i] = H
        grad[i] = (loss(v + step) - loss(v - step)) / (2 * H)
    return grad


def _as_list(result):
    return list(result) if isinstance(result, (list, tuple)) else [result]


def _call_by_hand(fn, op, upstream, n_inputs, op_type):
    """Call the learner's function on `op` once; fail with a hint on the count or the types."""
    expect(callable(fn), "the answer should be a function `def name(op, grad): ...`.")
    try:
        grads = _as_list(fn(op, upstream))
    except Exception as error:
        fail(
            f"calling your function on a {op_type} op raised {type(error).__name__}: {error}. "
            "It gets the op (read op.inputs, op.outputs) and the upstream gradient `grad`, a "
            "tensor shaped like the op's output."
        )
    inputs = "1 input" if n_inputs == 1 else f"{n_inputs} inputs"
    expect(
        len(grads) == n_inputs,
        f"a gradient function returns one gradient per input of the op, in the order of "
        f"op.inputs: {op_type} has {inputs}, and your function returned {len(grads)} "
        f"value{'s' if len(grads) != 1 else ''}.",
    )
    for i, g in enumerate(grads):
        if isinstance(g, tf.Tensor) and re.match(r"^gradients(_\d+)?/", g.op.name):
            fail(
                "you skipped the API you are building: your function calls tf.gradients, which "
                f"uses TensorFlow's own {op_type} gradient. Build the derivative yourself, from "
                "the op's tensors and `grad`."
            )
        if g is not None and not isinstance(g, tf.Tensor):
            fail(
                f"the gradient for input {i} is a {type(g).__name__}, not a tensor: a gradient "
                "function builds TensorFlow ops from `grad` and the op's tensors, so the "
                "gradient is right at every point, not one number typed in."
            )
    return grads


def _static_shape(tensor):
    shape = tensor.shape
    return None if shape.rank is None else tuple(shape.as_list())


def _gradients(fn, op_type, build, inputs, weights):
    """tf.gradients of sum(weights * build(*inputs)) with `fn` registered for op_type, and the
    tensors' values: (list of gradients per input or None, the output value)."""
    name = _fresh_name(fn)
    graph = tf.Graph()
    with graph.as_default():
        placeholders = [tf.placeholder(tf.float64, v.shape) for v in inputs]
        with graph.gradient_override_map({op_type: name}):
            out = build(*placeholders)
        w = tf.constant(weights)
        try:
            grads = tf.gradients(w * out, placeholders)
        except ValueError as error:
            if "Incompatible shapes" in str(error):
                fail(
                    "a gradient must have its input's shape, and one of yours does not "
                    f"(tf.gradients says: {str(error).splitlines()[0]}). Sum a broadcast "
                    "input's gradient back over the axes it was broadcast along; reshape a "
                    "reshaped one back."
                )
            raise
        with tf.Session(graph=graph) as sess:
            fetch = [g for g in grads if g is not None]
            values = iter(sess.run(fetch, dict(zip(placeholders, inputs))))
    return [None if g is None else next(values) for g in grads]


def _compare(got, expected, without_upstream, where):
    """Hints for the usual mistakes, then a general one."""
    if np.allclose(got, expected, rtol=1e-5, atol=1e-6):
        return
    if without_upstream is not None and np.allclose(got, without_upstream, atol=1e-6):
        fail(
            f"{where}: your gradient is the op's own derivative, but the upstream gradient "
            "`grad` is left out. By the chain rule d loss/dx = grad * dy/dx: multiply by `grad`."
        )
    if np.allclose(got, -expected, rtol=1e-5, atol=1e-6):
        fail(f"{where}: your gradient has the wrong sign everywhere. Check the derivative's sign.")
    fail(
        f"{where}: your gradient is {np.round(got, 4).tolist()}, but nudging the input changes "
        f"the loss at rates {np.round(expected, 4).tolist()}. Work out the derivative again."
    )


def _looks_typed(got_over_weights, derivative):
    """The gradient divided by the upstream weights is one number, where the derivative varies."""
    return np.ptp(got_over_weights) < 1e-6 and np.ptp(derivative) > 1e-3


_TYPED_Q1 = (
    "your gradient is the same number times `grad` at every x: a number typed in is right at "
    "one point only. Compute the derivative from the op's tensors (tanh's derivative is "
    "1 - tanh(x)², and tanh(x) is op.outputs[0])."
)


@question(1)
def q1(tanh_grad, y1, dy1, x1):
    expect(
        isinstance(y1, tf.Tensor) and y1.op.type == "Tanh",
        "y1 should be the output of tf.tanh(x1), an op of type Tanh.",
    )
    try:
        mapped = y1.op.get_attr("_gradient_op_type")
    except ValueError:
        fail(
            'you skipped the API: y1 was built outside `with g1.gradient_override_map({"Tanh": '
            "name}):`, so tf.gradients uses TensorFlow's own Tanh gradient, not your function. "
            "Register tanh_grad and build y1 inside that block."
        )
    expect(
        isinstance(dy1, tf.Tensor) and re.match(r"^gradients(_\d+)?/", dy1.op.name),
        "dy1 should be the gradient tf.gradients(3 * y1, x1)[0] builds.",
    )
    mapped = mapped.decode() if isinstance(mapped, bytes) else mapped
    rng = np.random.RandomState(RNG_SEED)
    # 1. by hand, on a fresh op
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float64, [2, 3])
        y = tf.tanh(x)
        (g,) = _call_by_hand(tanh_grad, y.op, tf.placeholder(tf.float64, y.shape), 1, "Tanh")
        expect(g is not None, "Tanh's input has a gradient: return it, not None.")
    # 2. the learner's own graph: dy1 = d(3 tanh)/dx at points never shown
    with tf.Session(graph=x1.graph) as sess:
        for v in (np.array([-1.7, 0.3, 2.2]), np.linspace(-2, 2, 5)):
            got = sess.run(dy1, {x1: v})
            if _looks_typed(got / 3, 1 - np.tanh(v) ** 2):
                fail(_TYPED_Q1)
            expected = 3 * _numerical_gradient(lambda u: np.sum(np.tanh(u)), v)
            _compare(got, expected, expected / 3, f"with {mapped!r} at x1 = {v.tolist()}")
    # 3. a fresh registration, another shape, an upstream gradient that varies
    for shape in ((2, 3), (4,)):
        v, w = rng.normal(size=shape) * 1.5, rng.normal(size=shape)
        (got,) = _gradients(tanh_grad, "Tanh", tf.tanh, [v], w)
        derivative = 1 - np.tanh(v) ** 2
        if _looks_typed(got / w, derivative):
            fail(_TYPED_Q1)
        expected = _numerical_gradient(lambda u, w=w: np.sum(w * np.tanh(u)), v)
        _compare(got, expected, derivative, f"for a tensor of shape {shape}")


@question(2)
def q2(squared_difference_grad):
    rng = np.random.RandomState(RNG_SEED + 2)
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float64, [5, 3])
        y = tf.placeholder(tf.float64, [3])
        z = tf.math.squared_difference(x, y)
        grads = _call_by_hand(
            squared_difference_grad,
            z.op,
            tf.placeholder(tf.float64, z.shape),
            2,
            "SquaredDifference",
        )
        for name, g, t in zip(("x", "y"), grads, (x, y)):
            expect(
                g is not None,
                f"{name} has a gradient: return a tensor for it, not None.",
            )
            shape = _static_shape(g)
            expect(
                shape is None or shape == tuple(t.shape.as_list()),
                f"the gradient for {name} has shape {list(shape)}, but {name} has shape "
                f"{t.shape.as_list()}: a gradient has its input's shape. y was broadcast over "
                "the rows of x, so sum its gradient over the rows (axis 0).",
            )
    for x_shape in ((4, 3), (2, 5)):
        xv, yv = rng.normal(size=x_shape), rng.normal(size=x_shape[1:])
        w = rng.normal(size=x_shape)
        gx, gy = _gradients(
            squared_difference_grad, "SquaredDifference", tf.math.squared_difference, [xv, yv], w
        )
        expected_x = _numerical_gradient(lambda u, w=w, yv=yv: np.sum(w * (u - yv) ** 2), xv)
        expected_y = _numerical_gradient(lambda u, w=w, xv=xv: np.sum(w * (xv - u) ** 2), yv)
        plain_x = 2 * (xv - yv)  # the derivative without the upstream gradient
        _compare(gx, expected_x, plain_x, f"x's gradient (x of shape {x_shape})")
        if np.allclose(gy, -expected_y, rtol=1e-5, atol=1e-6):
            fail(
                "y's gradient has the wrong sign: (x - y)² decreases when y grows where x > y. "
                "Differentiate with respect to y: the inner derivative is -1."
            )
        _compare(gy, expected_y, -plain_x.sum(axis=0), f"y's gradient (x of shape {x_shape})")


@question(3)
def q3(reshape_grad):
    rng = np.random.RandomState(RNG_SEED + 3)
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float64, [None, 4])
        r = tf.reshape(x, [-1])
        grads = _call_by_hand(reshape_grad, r.op, tf.placeholder(tf.float64, r.shape), 2, "Reshape")
        expect(
            grads[1] is None,
            "Reshape's second input is the new shape, integers: nothing flows back into it, "
            "so its gradient is None (not zeros: None tells tf.gradients there is no path).",
        )
        expect(grads[0] is not None, "x has a gradient: return a tensor for it, not None.")
        shape = _static_shape(grads[0])
        expect(
            shape is None or len(shape) == 2,
            f"the gradient for x has shape {list(shape)}, but x has rank 2: reshape `grad` "
            "back to the shape x has when the graph runs, tf.shape(op.inputs[0]).",
        )
    for x_shape, new_shape in (((2, 6), [3, 4]), ((3, 2, 2), [-1])):
        v = rng.normal(size=x_shape)
        w = rng.normal(size=(np.zeros(x_shape).reshape(new_shape)).shape)
        (got,) = _gradients(
            reshape_grad, "Reshape", lambda t, s=new_shape: tf.reshape(t, s), [v], w
        )
        expected = _numerical_gradient(lambda u, w=w, s=new_shape: np.sum(w * u.reshape(s)), v)
        _compare(got, expected, np.ones_like(v), f"reshaping a {x_shape} tensor to {new_shape}")


@question(4)
def q4(predicted_3y, predicted_neg_y, explanation, run_3y, run_neg_y, softplus_grad_fixed):
    for name, value in (("predicted_3y", predicted_3y), ("predicted_neg_y", predicted_neg_y)):
        expect(
            isinstance(value, (int, float, np.floating)) and not isinstance(value, bool),
            f"{name} should be a number: your prediction, written before running the cell.",
        )
    sigmoid0 = 0.5  # what the buggy function returns at x = 0, whatever comes after Softplus
    expect(
        np.isclose(run_3y, sigmoid0) and np.isclose(run_neg_y, sigmoid0),
        "the cell that runs the two gradients was changed or not run: run it as given.",
    )
    if np.isclose(predicted_3y, 1.5) or np.isclose(predicted_neg_y, -0.5):
        fail(
            "1.5 and -0.5 are what a correct Softplus gradient gives. Read softplus_grad_bug "
            "again: what does it do with `grad`, the upstream gradient that carries the 3 (or "
            "the -1)?"
        )
    expect(
        np.isclose(predicted_3y, run_3y, atol=0.006)
        and np.isclose(predicted_neg_y, run_neg_y, atol=0.006),
        f"your predictions ({predicted_3y}, {predicted_neg_y}) differ from the run. What does "
        "softplus_grad_bug return at x = 0, and what part of the chain rule does it leave out?",
    )
    explains(
        explanation,
        ("upstream", "grad", "chain", "ignor", "multipl"),
        "your explanation should say what the buggy function does with the gradient that "
        "arrives from the ops after Softplus (the 3, the -1).",
    )
    # the fix: replayed like question 1's function
    rng = np.random.RandomState(RNG_SEED + 4)
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float64, [3])
        y = tf.nn.softplus(x)
        (g,) = _call_by_hand(
            softplus_grad_fixed, y.op, tf.placeholder(tf.float64, y.shape), 1, "Softplus"
        )
        expect(g is not None, "Softplus's input has a gradient: return it, not None.")
    for shape in ((3,), (2, 2)):
        v, w = rng.normal(size=shape) * 2, rng.normal(size=shape)
        (got,) = _gradients(softplus_grad_fixed, "Softplus", tf.nn.softplus, [v], w)
        expected = _numerical_gradient(lambda u, w=w: np.sum(w * np.logaddexp(0, u)), v)
        _compare(got, expected, 1 / (1 + np.exp(-v)), f"softplus_grad_fixed, shape {shape}")
