"""`tf.compat.v1.layers`: TF1's functional layers (learntf/layers/legacy.py).

TensorFlow 2.21 serves them only when the program has set the environment variable
TF_USE_LEGACY_KERAS to 1 (or true) before using them: they then come from the tf_keras
package.  Otherwise (Keras 3), any name raises AttributeError; learntf does the same.
"""

import os

_CLASSES = (
    "AveragePooling2D",
    "BatchNormalization",
    "Conv2D",
    "Dense",
    "Dropout",
    "Flatten",
    "Layer",
    "MaxPooling2D",
)
_LEGACY_NAMES = (
    "average_pooling2d",
    "batch_normalization",
    "conv2d",
    "dense",
    "dropout",
    "flatten",
    "max_pooling2d",
)


def __getattr__(name):
    if name.startswith("__"):
        raise AttributeError(name)
    if os.environ.get("TF_USE_LEGACY_KERAS", None) not in ("true", "True", "1"):
        raise AttributeError(
            "`%s` is not available with Keras 3.\n"
            "(learntf: TF 1's layers need os.environ['TF_USE_LEGACY_KERAS'] = '1' set before "
            "they are used, as TensorFlow 2.21 with the tf_keras package needs it.)" % name
        )
    if name in _CLASSES:
        from learntf.layers import classes

        return getattr(classes, name)
    if name not in _LEGACY_NAMES:
        raise AttributeError("module 'tf.compat.v1.layers' has no attribute %r" % name)
    from learntf.layers import legacy

    return getattr(legacy, name)
