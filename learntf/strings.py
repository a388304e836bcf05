"""`tf.strings`: ops on string tensors (unit 16, "tensors in TF2: strings, ragged, sparse").

    t = tf.constant("咖啡")                           # 6 bytes of UTF-8
    tf.strings.length(t)                              # 6
    tf.strings.length(t, unit="UTF8_CHAR")            # 2
    tf.strings.unicode_decode(t, "UTF8")              # [21654 21857]

The ops live in learntf/ops/string_ops.py; those returning ragged tensors in
learntf/ragged/ragged_string_ops.py.
"""

from learntf.ops.logging_ops import string_format as format  # noqa: F401
from learntf.ops.string_ops import (  # noqa: F401
    join,
    length,
    lower,
    reduce_join,
    strip,
    to_number,
    upper,
)
from learntf.ops.text_ops import as_string, regex_full_match, regex_replace, substr  # noqa: F401
from learntf.ragged.ragged_string_ops import split, unicode_decode, unicode_encode  # noqa: F401
from learntf.ragged.ragged_text_ops import bytes_split, ngrams, unicode_split  # noqa: F401
