# Which names a graph accepts for its ops, and in which words it refuses the others.
import tensorflow as tf

tf.compat.v1.disable_v2_behavior()


def attempt(what, build, name):
    try:
        print(what % name, "->", build(name).name)
    except ValueError as error:
        print(what, "-> ValueError:", str(error).splitlines()[0])


for name in ["a b", "-a", "_a", "/a", "a:0", "é", "a b/", ".a", "1a", "a/b", "x-y", "a>b", "a\\b"]:
    graph = tf.Graph()
    with graph.as_default():
        attempt("constant %r", lambda n: tf.constant(1.0, name=n), name)
        attempt("add %r", lambda n: tf.add(tf.constant(1.0), 2.0, name=n), name)
        attempt("placeholder %r", lambda n: tf.compat.v1.placeholder(tf.float32, name=n), name)
        with graph.name_scope("outer"):
            attempt("add in a scope %r", lambda n: tf.add(1.0, 2.0, name=n), name)
            attempt("constant in a scope %r", lambda n: tf.constant(1.0, name=n), name)
