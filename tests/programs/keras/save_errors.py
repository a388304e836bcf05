import tensorflow as tf

model = tf.keras.Sequential([tf.keras.Input(shape=(2,)), tf.keras.layers.Dense(1)])
try:
    model.save("model.tf")
except ValueError as error:
    print(type(error).__name__, str(error)[:60])
tf.keras.models.load_model("missing_model.keras")
