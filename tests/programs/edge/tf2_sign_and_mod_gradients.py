import tensorflow as tf

x = tf.Variable([-2.0, 0.5, 3.0])
y = tf.Variable([1.5, 2.0, -2.0])

with tf.GradientTape(persistent=True) as tape:
    s = tf.sign(x) * 3.0
    m = tf.math.floormod(x, y)
    p = x % 2.0
    r = tf.round(x)

print("d sign", tape.gradient(s, x))
print("d mod / dx", tape.gradient(m, x))
print("d mod / dy", tape.gradient(m, y))
print("d % / dx", tape.gradient(p, x))
print("d round", tape.gradient(r, x))
