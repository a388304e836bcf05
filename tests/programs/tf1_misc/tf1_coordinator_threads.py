import threading

import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

coord = tf.train.Coordinator()
counts = [0, 0, 0]
lock = threading.Lock()


def worker(index):
    while not coord.should_stop():
        with lock:
            counts[index] += 1
            if sum(counts) >= 30:
                coord.request_stop()


threads = [threading.Thread(target=worker, args=(i,)) for i in range(3)]
for t in threads:
    t.start()
coord.join(threads)
print(coord.should_stop(), coord.joined, sum(counts) >= 30)
print(all(not t.is_alive() for t in threads))
coord.clear_stop()
print(coord.should_stop())
