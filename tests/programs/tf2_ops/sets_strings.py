import tensorflow as tf

liked = tf.constant([["tea", "jazz", "cats"]])
disliked = tf.constant([["cats", "rain", "tea"]])
print(tf.sparse.to_dense(tf.sets.intersection(liked, disliked), default_value=""))
print(tf.sets.union(liked, disliked).values)
