import tensorflow as tf

text = tf.constant(["Hello, World!", "tf.data  is   fast", "2024-01-15"])
print(tf.strings.regex_replace(text, r"[^a-zA-Z ]", ""))
print(tf.strings.regex_replace(text, r"\s+", " "))
print(tf.strings.regex_replace(text, r"(\d+)-(\d+)-(\d+)", r"\3/\2/\1"))
print(tf.strings.regex_replace("aaa", "a", "b", replace_global=False))
print(tf.strings.regex_full_match(text, r"\d{4}-\d{2}-\d{2}"))
print(tf.strings.regex_full_match(["abc", "abd"], "ab[c]"))
