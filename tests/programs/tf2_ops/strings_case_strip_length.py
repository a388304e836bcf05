import tensorflow as tf

words = tf.constant(["  Hello ", "WORLD", "café"])
print(tf.strings.lower(words))
print(tf.strings.upper(words))
print(tf.strings.strip(words))
print(tf.strings.length(words))
print(tf.strings.length(words, unit="UTF8_CHAR"))
print(tf.strings.join([tf.strings.strip(words), "!"], separator=""))
