import numpy as np
import tensorflow as tf

tf.keras.utils.set_random_seed(5)
emb = tf.keras.layers.Embedding(input_dim=10, output_dim=3)
ids = np.array([[1, 2, 2], [0, 9, 4]])
out = emb(ids)
print(out.shape, out.dtype.name)
print(emb.embeddings.shape, emb.embeddings.path)
print(np.allclose(out.numpy()[0, 1], out.numpy()[0, 2]))
emb.set_weights([np.arange(30, dtype="float32").reshape(10, 3)])
print(emb(np.array([3, 7])).numpy())
