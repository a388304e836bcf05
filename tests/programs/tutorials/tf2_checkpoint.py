import os
import tempfile

import tensorflow as tf


class Net(tf.Module):
    def __init__(self):
        super().__init__()
        self.v = tf.Variable([1.0, 2.0])
        self.step = tf.Variable(0, dtype=tf.int64)


net = Net()
ckpt = tf.train.Checkpoint(model=net)
manager = tf.train.CheckpointManager(ckpt, tempfile.mkdtemp(), max_to_keep=2)
for i in range(3):
    net.v.assign_add([1.0, 1.0])
    net.step.assign_add(1)
    path = manager.save()
    print(os.path.basename(path))
print([os.path.basename(p) for p in manager.checkpoints])
net.v.assign([0.0, 0.0])
status = ckpt.restore(manager.latest_checkpoint)
print(net.v.numpy(), net.step.numpy())
print([name for name, shape in tf.train.list_variables(manager.latest_checkpoint)])
