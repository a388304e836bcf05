"""Checks for exercises/09_meta_graphs.ipynb (lesson 09: meta graphs and graph formats).

The checks call the learner's loading function on a model the check saves itself (with another
formula and other tensor names, so that only the imported graph and its collections give the
right numbers), inspect the gradients of the learner's graph, work out the op names an import
gives from the rules of name scopes, and replay the op the learner imported from a file."""

import os
import tempfile

import numpy as np

from course.checks import expect, fail, question
from course.checks._graphs import ops_needed
from course.checks.engine import tf1 as tf


def _save_model(prefix, slope, intercept, squared):
    """A model whose input and output tensors are named net/features and net/score (not x and
    prediction), listed in the collections "inputs" and "outputs", saved with its values."""
    with tf.Graph().as_default():
        a = tf.Variable(0.0, name="slope")  # the variables keep q1's names
        b = tf.Variable(0.0, name="intercept")
        with tf.name_scope("net"):
            x = tf.placeholder(tf.float32, shape=(None,), name="features")
            output = tf.add(a * (x * x if squared else x), b, name="score")
        tf.add_to_collection("inputs", x)
        tf.add_to_collection("outputs", output)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            sess.run([tf.assign(a, slope), tf.assign(b, intercept)])
            tf.train.Saver().save(sess, prefix)


@question(1)
def q1(predict):
    expect(callable(predict), "predict should be a function of (prefix, inputs).")
    inputs = np.array([1.0, 2.0, 3.0, -1.5], dtype=np.float32)
    slope, intercept = -2.0, 0.5
    with tempfile.TemporaryDirectory() as folder:
        prefix = os.path.join(folder, "other")
        _save_model(prefix, slope, intercept, squared=True)
        try:
            result = np.asarray(predict(prefix, inputs))
        except Exception as error:
            message = str(error)
            if "x:0" in message or "prediction:0" in message or "'x'" in message:
                fail(
                    "predict looks the tensors up by the names q1's model gives them (x:0, "
                    "prediction:0); the check's model names them otherwise. Find the input and "
                    "the output through the collections 'inputs' and 'outputs'."
                )
            fail(f"predict(prefix, inputs) raised {type(error).__name__}: {error}"[:300])
    expect(result.shape == inputs.shape, "predict should return one prediction per input.")
    if np.allclose(result, 0.0):
        fail(
            "these are the predictions of the variables' initial values: a graph imported from a "
            ".meta file has the variables but not their trained values."
        )
    if np.allclose(result, slope * inputs + intercept):
        fail(
            "your function computes slope * x + intercept itself; the check's model, with the "
            "same variables, computes something else. Skipped the API? Import the graph the .meta "
            "file holds and run the tensor its 'outputs' collection lists."
        )
    if np.allclose(result, 3.0 * inputs - 1.0):
        fail(
            "given another model, predict still gives q1's model: typed numbers or a fixed path. "
            "Import and restore the `prefix` the function is given."
        )
    expect(
        np.allclose(result, slope * inputs * inputs + intercept),
        "given another model, predict gives neither its initial nor its trained predictions: "
        "feed the inputs into the tensor of the 'inputs' collection and fetch the one of "
        "'outputs'.",
    )


@question(2)
def q2(loss):
    expect(isinstance(loss, tf.Tensor) and loss.shape.ndims == 0, "loss should be a scalar tensor.")
    needed = {op.name for op in ops_needed(loss)}
    expect("head_w" in needed, "loss does not use a variable named head_w.")
    if "base_w" not in needed:
        fail("loss does not use the pre-trained layer at all: build the new layer on `features`.")
    with loss.graph.as_default():
        variables = tf.trainable_variables()
        grads = tf.gradients(loss, variables)
    reached = {v.op.name for v, g in zip(variables, grads) if g is not None}
    if "base_w" in reached:
        fail(
            "a gradient reaches base_w, so training loss would change the pre-trained weights. "
            "Cut the gradient's path between the pre-trained part and your layer."
        )
    expect(
        "head_w" in reached, "no gradient reaches head_w, so training could not change it either."
    )


@question(3)
def q3(predicted_names, why, names):
    nodes = ["a", "two", "double"]
    expected = sorted(
        f"{scope}/{node}" for scope in ("import", "copy", "import_1") for node in nodes
    )
    expect(
        sorted(names) == expected,
        "run the cell that runs the program (below your prediction) before the check.",
    )
    expect(
        isinstance(predicted_names, (list, tuple, set))
        and all(isinstance(name, str) for name in predicted_names),
        "predicted_names should be a list of op names (strings).",
    )
    predicted = sorted(predicted_names)
    if len(predicted) == 3:
        fail(
            "three names for three imports: each import_graph_def adds all of the GraphDef's "
            "nodes again. How many ops does the graph end with?"
        )
    if not any("/" in name for name in predicted):
        fail(
            "names without a prefix: import_graph_def puts what it adds under a name scope. "
            "What is it called when you give no name?"
        )
    if predicted.count("import/a") > 1 or len(set(predicted)) < len(predicted):
        fail(
            "your prediction lists the same op name twice; a graph's op names are unique. What "
            "does a name scope that is already taken become?"
        )
    expect(
        predicted == expected,
        f"you predicted {predicted}; the program printed {sorted(names)}.",
    )
    words = str(why).lower()
    expect(
        any(word in words for word in ("prefix", "scope", "unique", "taken", "_1")),
        "your prediction is right; now say why in `why`: what happens to the prefix `import` "
        "the second time?",
    )


def _imported_doubles(graph):
    """The names of the ops `double` that an import put under a prefix, with their `a`."""
    names = {op.name for op in graph.get_operations()}
    return sorted(
        name for name in names if name.endswith("/double") and name[: -len("double")] + "a" in names
    )


@question(4)
def q4(pb_bytes, result):
    expect(
        isinstance(pb_bytes, bytes),
        "pb_bytes should be the bytes of q4/small.pb, read in binary mode ('rb').",
    )
    if pb_bytes.lstrip().startswith(b"node {"):
        fail(
            "q4/small.pb holds the graph as text: tf.train.write_graph writes text unless told "
            "otherwise (as_text=False), and ParseFromString reads the binary form only."
        )
    graph_def = tf.GraphDef()
    try:
        graph_def.ParseFromString(pb_bytes)
    except Exception:
        fail("pb_bytes is not a GraphDef in binary form: write small_def with write_graph.")
    expect(
        sorted(node.name for node in graph_def.node) == ["a", "double", "two"],
        "q4/small.pb does not hold small_def's three nodes.",
    )
    graph = tf.get_default_graph()
    doubles = _imported_doubles(graph)
    if not doubles:
        fail(
            "the default graph has no imported op .../double: result did not come from the "
            "graph read back from the file. Import the parsed GraphDef and run its double:0."
        )
    prefix = doubles[0][: -len("double")]
    value = 7.25
    with tf.Session(graph=graph) as sess:
        replayed = sess.run(prefix + "double:0", feed_dict={prefix + "a:0": value})
    expect(np.isclose(replayed, 2 * value), f"{prefix}double:0 does not double its input.")
    expect(
        np.ndim(result) == 0 and np.isclose(result, 42.0),
        f"result should be {prefix}double:0's value when a is 21: which name does the op get "
        "when import_graph_def adds it?",
    )
