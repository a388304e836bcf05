"""`tf.compat`: `learntf.compat.v1` is the TensorFlow 1 graph API."""
