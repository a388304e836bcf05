"""Checks for exercises/13_sharing_variables.ipynb (lesson 13: sharing variables with
get_variable, variable_scope and reuse; one filter for two images; the notebook re-run trap).

Sharing is told from accidental duplication by counting the variables an output depends on, and
`get_variable` from `tf.Variable` by asking the graph's variable store for the variable: only a
variable `get_variable` created can be fetched again with reuse=True. A prediction is compared
with a run of the same program, which the check builds itself in a graph of its own."""

import numpy as np

from course.checks import expect, fail, question
from course.checks._graphs import base_name, ops_needed, variable_ops
from course.checks.engine import tf1 as tf


def _variable_names(tensor):
    return sorted(op.name for op in variable_ops(tensor))


def _first_line(error):
    """An error's first line, without the "Originally defined at:" that TensorFlow's "already
    exists" message (for TF1 reference variables) puts before a list of code lines."""
    return str(error).splitlines()[0].replace(" Originally defined at:", "")


def _short(op_name):
    """'relu_3/threshold' -> 'threshold', 'threshold_2' -> 'threshold'."""
    return base_name(op_name.rsplit("/", 1)[-1])


def _made_by_get_variable(graph, op_name):
    """True when `get_variable` created the variable `op_name` in `graph`: fetching it again
    with reuse=True works then (and adds nothing to the graph); for a tf.Variable it raises
    "does not exist, or was not created with tf.get_variable()"."""
    scope, _, name = op_name.rpartition("/")
    with graph.as_default():
        try:
            # auxiliary_name_scope=False: no name scope opened, so no name used up
            with tf.variable_scope(scope, reuse=True, auxiliary_name_scope=False):
                found = tf.get_variable(name)
        except ValueError:
            return False
    return found.op.name == op_name


def _session_values(graph, fetches, variables, feed_dict=None):
    """Run `fetches` in a new session of `graph`, with `variables` initialized by their own
    initializers (this adds nothing to the learner's graph)."""
    with tf.Session(graph=graph) as sess:
        sess.run([v.initializer for v in variables])
        return sess.run(fetches, feed_dict=feed_dict)


def _variables_named(graph, names):
    with graph.as_default():
        return [v for v in tf.global_variables() if v.op.name in names]


@question(1)
def q1(code, reconstruction, X):
    expect(
        all(isinstance(t, tf.Tensor) for t in (code, reconstruction)),
        "code and reconstruction should be tensors: code = encode(X), reconstruction = "
        "decode(code).",
    )
    needed = ops_needed(reconstruction)
    expect(
        any(op is X.op for op in ops_needed(code)) and any(op is code.op for op in needed),
        "code should be computed from X, and reconstruction from code.",
    )
    names = _variable_names(reconstruction)
    weights = [name for name in names if _short(name) == "weights"]
    if len(weights) > 1:
        fail(
            f"reconstruction depends on {len(weights)} weights variables ({', '.join(weights)}): "
            "decode made a matrix of its own, which training would move apart from encode's. "
            "Tied means one variable that both functions use."
        )
    expect(
        len(weights) == 1,
        "no variable named weights: create the shared matrix as a variable called weights.",
    )
    (w_name,) = weights
    expect(
        w_name in _variable_names(code),
        f"code does not use {w_name}: encode should multiply X by the shared matrix.",
    )
    others = [name for name in names if name != w_name]
    expect(
        len(others) == 2,
        f"besides {w_name}, reconstruction depends on {len(others)} variables "
        f"({', '.join(others)}): each function should have one bias of its own, and nothing "
        "else.",
    )
    if not _made_by_get_variable(reconstruction.graph, w_name):
        fail(
            f"{w_name} is shared, but it was made with tf.Variable, so a variable scope with "
            "reuse=True cannot fetch it. This question asks for TensorFlow's own way: encode "
            "creates it with tf.get_variable, decode fetches it with tf.get_variable."
        )
    # Replay: fresh rows through both functions, compared with the formulas, computed in NumPy
    # from the values the variables take in a new session.
    graph = reconstruction.graph
    variables = _variables_named(graph, names)
    (W,) = [v for v in variables if v.op.name == w_name]
    biases = {tuple(v.shape.as_list()): v for v in variables if v is not W}
    expect(
        tuple(W.shape.as_list()) == (3, 2) and set(biases) == {(2,), (3,)},
        "W should have shape (3, 2), encode's bias shape (2,) and decode's bias shape (3,).",
    )
    rows = np.random.RandomState(13).randn(5, 3).astype(np.float32)
    w, b_code, b_out, got_code, got = _session_values(
        graph,
        [W, biases[(2,)], biases[(3,)], code, reconstruction],
        variables,
        feed_dict={X: rows},
    )
    expect(
        np.allclose(got_code, rows @ w + b_code, atol=1e-4),
        "on other rows of X, code is not X·W + code_bias.",
    )
    expect(
        np.allclose(got, got_code @ w.T + b_out, atol=1e-4),
        "on other rows of X, reconstruction is not code·Wᵀ + output_bias: decode should "
        "multiply by the transpose of the shared matrix.",
    )


def _run_the_program():
    """Question 2's program in a graph of its own: (outcomes, number of global variables)."""
    graph = tf.Graph()
    with graph.as_default():
        outcomes = []
        for _ in range(2):
            try:
                with tf.variable_scope("layer"):
                    v = tf.Variable(tf.zeros([2]), name="v")
                    w = tf.get_variable("w", shape=[2], initializer=tf.constant_initializer(0.0))
                outcomes.append([v.name, w.name])
            except ValueError:
                outcomes.append("ValueError")
        return outcomes, len(tf.global_variables())


@question(2)
def q2(predicted_outcomes, predicted_count, explanation):
    outcomes, count = _run_the_program()
    expect(
        isinstance(predicted_outcomes, (list, tuple)) and len(predicted_outcomes) == 2,
        "predicted_outcomes should be a list of two items, one per run: a list of two names "
        "or the string 'ValueError'.",
    )
    predicted = [
        list(item) if isinstance(item, (list, tuple)) else item for item in predicted_outcomes
    ]
    expect(
        predicted[0] == outcomes[0],
        f"the first run's names are not {predicted[0]}: on an empty graph nothing is taken, so "
        "both variables get the names asked for inside the scope.",
    )
    if predicted[1] != outcomes[1]:
        if isinstance(predicted[1], list) and predicted[1][1:] == ["layer/w:0"]:
            fail(
                "the second run does not get layer/w back: get_variable returns an existing "
                "variable only when the scope reuses, and this scope's reuse is off."
            )
        if isinstance(predicted[1], list):
            fail(
                "what does get_variable do when its name is taken and the scope does not "
                "reuse? (It never makes the name unique the way tf.Variable does.)"
            )
        fail("look again at the second run: which line stops it, and what does it print?")
    expect(
        isinstance(predicted_count, int) and not isinstance(predicted_count, bool),
        "predicted_count should be a whole number.",
    )
    if predicted_count != count:
        fail(
            f"the graph does not hold {predicted_count} variables after the two runs. Count "
            "what each run created before it stopped: the line that raises comes after "
            "another line that succeeded."
        )
    expect(
        isinstance(explanation, str) and len(explanation.split()) >= 4,
        "explain in a short sentence why the second run fails.",
    )
    expect(
        any(word in explanation.lower() for word in ("exist", "reuse", "taken", "already")),
        "the explanation should say why get_variable refuses the second time (what about w "
        "is different then, and what the scope would need).",
    )


@question(3)
def q3(result1, result2, image1, image2):
    expect(
        all(isinstance(t, tf.Tensor) for t in (result1, result2)),
        "result1 and result2 should be tensors.",
    )

    def depends_on(tensor, placeholder):
        return any(op is placeholder.op for op in ops_needed(tensor))

    expect(depends_on(result1, image1), "result1 should be computed from image1.")
    if not depends_on(result2, image2) or result1 is result2:
        fail(
            "result2 does not depend on image2: build a second tower, by calling my_image_filter "
            "on image2, instead of reusing result1's ops."
        )
    convolutions = {op.name for op in ops_needed(result2) if op.type == "Conv2D"}
    expect(
        len(convolutions - {op.name for op in ops_needed(result1)}) == 2,
        "result2 should be a second tower of two convolutions of its own, fed by image2.",
    )
    names = sorted(set(_variable_names(result1)) | set(_variable_names(result2)))
    if len(names) > 4:
        fail(
            f"the two towers use {len(names)} variables ({', '.join(names)}): the second call "
            "created its own instead of sharing the first call's 4. Reuse the same variable "
            "scopes."
        )
    expect(len(names) == 4, f"the towers use {len(names)} variables; the filter has 4.")
    with result1.graph.as_default():
        reusing = tf.get_variable_scope().reuse
    if reusing is True:
        fail(
            "the towers share, but the top-level variable scope now reuses, so every later "
            "get_variable of this graph fails to create a variable. Reuse only inside a with "
            "block around the second call."
        )
    data = np.random.RandomState(0).rand(1, 8, 8, 32).astype(np.float32)
    graph = result1.graph
    with graph.as_default():
        variables = [v for v in tf.global_variables() if v.op.name in names]
    with tf.Session(graph=graph) as sess:
        sess.run([v.initializer for v in variables])
        r1, r2 = sess.run([result1, result2], feed_dict={image1: data, image2: data})
    expect(np.array_equal(r1, r2), "fed the same image, the two towers give different results.")


@question(4)
def q4(build_cell):
    expect(callable(build_cell), "build_cell should be a function, called with no arguments.")
    tf.reset_default_graph()
    try:
        build_cell()
    except ValueError as error:
        fail(
            f"the first run fails: {_first_line(error)} On the first run there is nothing to reuse "
            "yet: the variables must be created then."
        )
    try:
        result = build_cell()
    except ValueError as error:
        fail(
            f"the second run fails: {_first_line(error)} Make the second run of the cell either "
            "start from an empty graph or reuse the variables."
        )
    expect(
        isinstance(result, (tuple, list))
        and len(result) == 2
        and all(isinstance(t, tf.Tensor) for t in result),
        "build_cell should return the placeholder and the network's output: return X, output",
    )
    X, output = result
    names = _variable_names(output)
    if len(names) < 4:
        fail(
            f"the network uses {len(names)} variables ({', '.join(names)}): the two layers are "
            "one, since both fetch the same names. AUTO_REUSE never complains about that: give "
            "each layer variables of its own."
        )
    variables = tf.global_variables()
    expect(
        len(variables) == 4,
        f"after two runs the graph holds {len(variables)} variables "
        f"({', '.join(v.op.name for v in variables)}): the second run duplicated the first "
        "one's. The network needs 4.",
    )
    expect(
        sorted(v.op.name for v in variables) == names,
        "the network's output should use the 4 variables the graph holds.",
    )
    for name in names:
        if not _made_by_get_variable(tf.get_default_graph(), name):
            fail(
                f"{name} was made with tf.Variable: the question asks for get_variable, which "
                "refuses a clash instead of making a second copy."
            )
    # Replay: other inputs through the second run's network, compared with two ReLU layers
    # computed in NumPy from the variables' values (in either order of the layers).
    layers = {}
    for v in variables:
        layers.setdefault(v.op.name.rpartition("/")[0], {})[_short(v.op.name)] = v
    expect(
        len(layers) == 2 and all(sorted(layer) == ["bias", "weights"] for layer in layers.values()),
        "each layer should have its own scope, holding its weights and its bias.",
    )
    rows = np.random.RandomState(4).randn(6, 4).astype(np.float32)
    first, second = layers.values()
    values = _session_values(
        output.graph,
        [first["weights"], first["bias"], second["weights"], second["bias"], output],
        variables,
        feed_dict={X: rows},
    )
    w1, b1, w2, b2, got = values

    def relu_layer(inputs, w, b):
        return np.maximum(inputs @ w + b, 0.0)

    expected = [
        relu_layer(relu_layer(rows, w1, b1), w2, b2),
        relu_layer(relu_layer(rows, w2, b2), w1, b1),
    ]
    expect(
        any(np.allclose(got, e, atol=1e-4) for e in expected),
        "on other inputs, the network's output is not two dense layers applied in turn: keep "
        "dense(X, 4) followed by dense(hidden, 4).",
    )


@question(5)
def q5(model):
    tf2 = _tf2()
    expect(callable(model), "model should be a Siamese object, called as model(a, b).")
    rng = np.random.RandomState(5)
    a = tf2.constant(rng.randn(2, 3).astype(np.float32))
    b = tf2.constant(rng.randn(2, 3).astype(np.float32))
    encodings = model(a, b)
    expect(
        isinstance(encodings, (tuple, list)) and len(encodings) == 2,
        "model(a, b) should return the two encodings, (encoding of a, encoding of b).",
    )
    variables = list(model.trainable_variables)
    if not variables:
        fail(
            "the model holds no trainable variables: an encoder made inside __call__ is a new "
            "one at every call, and the module does not hold it. Create the encoder once, in "
            "__init__, as an attribute."
        )
    if len(variables) > 2:
        fail(
            f"the model holds {len(variables)} trainable variables: each input has its own "
            "encoder, whose variables only start equal. One encoder, called on both inputs, "
            "holds one weights variable and one bias."
        )
    expect(
        len(variables) == 2,
        f"the model holds {len(variables)} trainable variables; one encoder has 2.",
    )
    kernel = next((v for v in variables if len(v.shape) == 2), None)
    bias = next((v for v in variables if len(v.shape) == 1), None)
    expect(
        kernel is not None and bias is not None and tuple(kernel.shape) == (3, 2),
        "the model's variables should be one encoder's weights (3, 2) and bias (2,).",
    )
    # Replay: new values in the shared variables must change both encodings the same way.
    new_kernel = rng.randn(3, 2).astype(np.float32)
    new_bias = rng.randn(2).astype(np.float32)
    kernel.assign(new_kernel)
    bias.assign(new_bias)
    got_a, got_b = (np.asarray(t) for t in model(a, b))
    for got, x, which in ((got_a, a, "a"), (got_b, b, "b")):
        expected = np.asarray(x) @ new_kernel + new_bias
        expect(
            got.shape == expected.shape and np.allclose(got, expected, atol=1e-5),
            f"after new values are assigned to the model's weights and bias, the encoding of "
            f"{which} does not follow them: both inputs should go through the one encoder the "
            "model holds.",
        )


def _tf2():
    from course.checks.engine import tf2

    return tf2
