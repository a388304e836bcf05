# One graph, two threads building in it: each thread has its own name scope (TF's Graph keeps
# it per thread), while a TF 1 graph's control dependencies hold for every thread.
import threading

import tensorflow as tf

tf.compat.v1.disable_v2_behavior()

graph = tf.Graph()
inside = threading.Event()
names = {}


def build_elsewhere():
    with graph.as_default():
        inside.wait()
        made = tf.constant(2.0, name="other")
        names["other thread"] = (made.op.name, [c.name for c in made.op.control_inputs])
        names["other scope"] = graph.get_name_scope()


with graph.as_default():
    first = tf.constant(1.0, name="first")
    thread = threading.Thread(target=build_elsewhere)
    thread.start()
    with tf.name_scope("outer"), tf.control_dependencies([first]):
        mine = tf.constant(3.0, name="mine")
        inside.set()
        thread.join()
    print("this thread:", mine.op.name, [c.name for c in mine.op.control_inputs])
print("the other thread:", names["other thread"])
print("the other thread's scope:", repr(names["other scope"]))
