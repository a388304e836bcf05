"""`tf.compat`: `learntf.compat.v1` is the TensorFlow 1 API, as `tf.compat.v1` is in TensorFlow 2.

Importing it changes no global state, in either spelling (`import learntf.compat.v1 as tf` or
`tf.compat.v1.x` from TensorFlow 2 code): graph mode comes only from
`tf.compat.v1.disable_v2_behavior()` / `disable_eager_execution()`, from a
`with tf.Graph().as_default():` block, or from `tf.function` tracing (framework/context.py).
"""


def __getattr__(name):
    if name == "v1":
        import importlib

        return importlib.import_module("learntf.compat.v1")
    raise AttributeError("module 'learntf.compat' has no attribute %r" % name)
