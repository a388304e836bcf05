"""`tf.compat`: `learntf.compat.v1` is the TensorFlow 1 graph API.

`import learntf.compat.v1 as tf` switches the process to graph mode, as TensorFlow 1 worked
(see framework/context.py).  Reaching it as an attribute from TensorFlow 2 code,
`tf.compat.v1.some_function`, imports it without changing the mode, as in TensorFlow 2.
"""
importing_as_attribute = False


def __getattr__(name):
    global importing_as_attribute
    if name == "v1":
        import importlib
        importing_as_attribute = True
        try:
            return importlib.import_module("learntf.compat.v1")
        finally:
            importing_as_attribute = False
    raise AttributeError("module 'learntf.compat' has no attribute %r" % name)
