"""`tf.contrib`: the parts of TensorFlow 1's contrib that the course uses (`tf.contrib.eager`)."""

from learntf.contrib import eager
