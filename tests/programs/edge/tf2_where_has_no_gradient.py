import tensorflow as tf

x = tf.constant([0.0, -1.5, 2.0])
with tf.GradientTape(persistent=True) as tape:
    tape.watch(x)
    positions = tf.where(x)
    chosen = tf.where(x > 0, x, tf.zeros_like(x))
print(positions.numpy().tolist())
print(tape.gradient(chosen, x).numpy())
try:
    tape.gradient(positions, x)
except LookupError as error:
    print("LookupError:", str(error).splitlines()[0])
