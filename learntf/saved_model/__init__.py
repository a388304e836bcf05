"""SavedModel: a tf.Module saved with its variables and tf.functions, in TensorFlow's layout."""
