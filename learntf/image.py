"""`tf.image`: resizing, flips, dtype conversion, grayscale, standardization, crops.

The ops live in learntf/ops/image_ops.py.
"""

from learntf.ops.image_ops import (  # noqa: F401
    ResizeMethod,
    central_crop,
    convert_image_dtype,
    flip_left_right,
    flip_up_down,
    grayscale_to_rgb,
    per_image_standardization,
    resize,
    rgb_to_grayscale,
)
