"""Versions: TensorFlow's, which learntf's API follows, and learntf's own.

`tf.__version__` is the TensorFlow release whose API and behaviour learntf reproduces, so a
program that checks it runs unchanged; learntf's own release (the one notebooks record in
their metadata, and `pip` installs) is `__learntf_version__`.
"""

__version__ = "2.21.0"  # the TensorFlow version learntf follows
__learntf_version__ = "0.1.0"
VERSION = __version__  # tf.version.VERSION
