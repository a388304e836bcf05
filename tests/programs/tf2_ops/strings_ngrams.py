import tensorflow as tf

tokens = tf.ragged.constant([["the", "cat", "sat"], ["on", "the", "mat", "today"], ["hi"]])
print(tf.strings.ngrams(tokens, 2))
print(tf.strings.ngrams(tokens, [1, 3], separator="_"))
print(tf.strings.ngrams(tf.constant(["a", "b", "c", "d"]), 3))
print(tf.strings.ngrams(tokens, 2, pad_values="<s>", padding_width=1))
print(tf.strings.ngrams(tf.constant([["a", "b", "c"], ["d", "e", "f"]]), 2))
print(tf.strings.ngrams(tokens, 3, preserve_short_sequences=True))
