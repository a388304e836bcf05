# The default session is kept per thread too, and so is the global default graph: another
# thread's eval() needs a session of its own, on the tensor's graph.
import threading

import tensorflow as tf

tf.compat.v1.disable_v2_behavior()

x = tf.constant(3.0)
y = x * 2.0
out = {}


def evaluate():
    out["default session"] = tf.compat.v1.get_default_session()
    try:
        out["value"] = y.eval()
    except ValueError as error:
        out["value"] = "ValueError: " + str(error).splitlines()[0]
    out["same global graph"] = tf.compat.v1.get_default_graph() is y.graph
    try:
        with tf.compat.v1.Session() as own:
            y.eval(session=own)
    except ValueError as error:
        out["a session of its default graph"] = "ValueError: " + str(error).splitlines()[0]
    with tf.compat.v1.Session(graph=y.graph) as own:
        out["own session"] = y.eval(session=own)


with tf.compat.v1.Session() as sess:
    print("main thread:", y.eval())
    thread = threading.Thread(target=evaluate)
    thread.start()
    thread.join()
print("the other thread's default session:", out["default session"])
print("its eval():", out["value"])
print("its default graph is the main thread's:", out["same global graph"])
print("eval() in a session of that graph:", out["a session of its default graph"])
print("in a session of the tensor's graph:", out["own session"])
