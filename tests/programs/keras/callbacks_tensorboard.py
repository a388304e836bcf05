import os
import tempfile

import numpy as np
import tensorflow as tf

tf.keras.utils.set_random_seed(17)
x = np.ones((8, 2), dtype="float32")
y = np.zeros((8, 1), dtype="float32")
model = tf.keras.Sequential([tf.keras.Input(shape=(2,)), tf.keras.layers.Dense(1)])
model.compile(optimizer="sgd", loss="mse")
with tempfile.TemporaryDirectory() as tmp:
    tb = tf.keras.callbacks.TensorBoard(log_dir=tmp, write_graph=False)
    model.fit(x, y, epochs=2, verbose=0, validation_data=(x, y), callbacks=[tb])
    print(sorted(os.listdir(tmp)))
    for kind in ["train", "validation"]:
        files = os.listdir(os.path.join(tmp, kind))
        print(kind, len(files), all(f.startswith("events.out.tfevents") for f in files))
