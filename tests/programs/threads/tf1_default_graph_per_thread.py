# The default graph is kept per thread: a thread starts outside the main thread's
# `as_default()` block, and threads building their own graphs never mix their ops.
import threading

import tensorflow as tf

tf.compat.v1.disable_v2_behavior()

seen = {}
main_graph = tf.Graph()
with main_graph.as_default():
    tf.constant(0.0, name="main_op")

    def look():
        default = tf.compat.v1.get_default_graph()
        seen["main graph"] = default is main_graph
        seen["ops there"] = [op.name for op in default.get_operations()]

    thread = threading.Thread(target=look)
    thread.start()
    thread.join()
print("a new thread sees the main thread's graph:", seen["main graph"])
print("ops in the graph it sees:", seen["ops there"])

barrier = threading.Barrier(3)
names = {}


def build(k):
    graph = tf.Graph()
    with graph.as_default():
        x = tf.constant(float(k), name="x%d" % k)
        barrier.wait()  # the three threads are all inside their blocks now
        y = tf.multiply(x, 10.0, name="y%d" % k)
        with tf.compat.v1.Session() as sess:
            names[k] = ([op.name for op in graph.get_operations()], sess.run(y))


threads = [threading.Thread(target=build, args=(k,)) for k in range(3)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
for k in range(3):
    print(k, names[k])
