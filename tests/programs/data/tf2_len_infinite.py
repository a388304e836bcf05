import tensorflow as tf

ds = tf.data.Dataset.range(3).repeat()
print(ds.cardinality().numpy())
print(len(ds))
