"""`tf.data`: input pipelines (lesson 09 iterates one in eager mode)."""

from learntf.data.dataset import Dataset
