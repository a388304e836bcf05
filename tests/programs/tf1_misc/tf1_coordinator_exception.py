import threading

import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

coord = tf.train.Coordinator()


def reader(n):
    with coord.stop_on_exception():
        if n == 2:
            raise ValueError("bad record in shard %d" % n)
        coord.wait_for_stop()


threads = [threading.Thread(target=reader, args=(i,)) for i in range(3)]
for t in threads:
    coord.register_thread(t)
    t.start()
try:
    coord.join()
except ValueError as e:
    print("join raised:", e)
print(coord.should_stop())

# OutOfRangeError is a clean stop: join raises nothing.
clean = tf.train.Coordinator()
with clean.stop_on_exception():
    raise tf.errors.OutOfRangeError(None, None, "end of input")
clean.join([])
print("clean stop:", clean.should_stop())
coord.request_stop(RuntimeError("after join"))
