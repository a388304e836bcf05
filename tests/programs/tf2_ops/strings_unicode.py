import tensorflow as tf

s = tf.constant("Grüße 🙂")
print(tf.strings.length(s), tf.strings.length(s, unit="UTF8_CHAR"))
chars = tf.strings.unicode_split(s, "UTF-8")
print(chars)
codes = tf.strings.unicode_decode(s, "UTF-8")
print(codes)
print(tf.strings.unicode_encode(codes, "UTF-8"))
batch = tf.strings.unicode_split(["añb", "xy"], "UTF-8")
print(batch)
print(tf.strings.unicode_decode(["añb", "xy"], "UTF-8"))
