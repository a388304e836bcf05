import tensorflow as tf

lines = tf.constant(["the quick brown fox", "jumps over", "the lazy dog"])
words = tf.strings.split(lines)
print(words)
print(words.row_lengths())
print(tf.strings.split("a,b,,c", sep=","))
print(tf.strings.bytes_split("hello"))
print(tf.strings.bytes_split(["ab", "cde", ""]))
