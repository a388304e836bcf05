import tensorflow as tf

ds = tf.data.Dataset.range(7)
kept = ds.batch(3, drop_remainder=True)
print(kept.element_spec, len(kept))
for b in kept:
    print(b)
loose = ds.batch(3)
print(loose.element_spec, len(loose))
print([b.shape.as_list() for b in loose])
