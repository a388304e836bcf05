"""`tf.saved_model`: save a tf.Module with its variables and tf.functions, in TensorFlow's
layout (save.py), and load it back without its Python class (load.py)."""

from learntf.saved_model.load import load
from learntf.saved_model.save import DEFAULT_SIGNATURE_KEY as DEFAULT_SERVING_SIGNATURE_DEF_KEY
from learntf.saved_model.save import SERVING_TAG as SERVING
from learntf.saved_model.save import save

__all__ = ["load", "save", "SERVING", "DEFAULT_SERVING_SIGNATURE_DEF_KEY"]
