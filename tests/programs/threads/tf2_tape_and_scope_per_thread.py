# A GradientTape records the ops of the thread that opened it, and an eager name scope
# holds for its own thread.
import threading

import tensorflow as tf

x = tf.Variable(2.0)
results = {}


def square_elsewhere():
    results["other"] = x * x
    results["variable name"] = tf.Variable(1.0, name="v").name


with tf.name_scope("outer"):
    with tf.GradientTape(persistent=True) as tape:
        mine = x * x * x
        thread = threading.Thread(target=square_elsewhere)
        thread.start()
        thread.join()
    print("variable made here:", tf.Variable(1.0, name="v").name)
print("variable made in the other thread:", results["variable name"])
print("gradient of this thread's x**3:", tape.gradient(mine, x).numpy())
print("gradient of the other thread's x**2:", tape.gradient(results["other"], x))
