import tensorflow as tf

model = tf.keras.Sequential(
    [
        tf.keras.Input(shape=(16, 16, 3)),
        tf.keras.layers.Conv2D(8, 3, padding="same", use_bias=False),
        tf.keras.layers.BatchNormalization(),
        tf.keras.layers.Activation("relu"),
        tf.keras.layers.MaxPooling2D(2),
        tf.keras.layers.Conv2D(16, (3, 3), strides=(2, 2), activation="relu"),
        tf.keras.layers.GlobalAveragePooling2D(),
        tf.keras.layers.Dropout(0.5),
        tf.keras.layers.Dense(10, activation="softmax"),
    ],
    name="small_cnn",
)
model.summary()
for layer in model.layers:
    print(layer.name, [tuple(w.shape) for w in layer.weights], layer.count_params())
print(len(model.trainable_weights), len(model.non_trainable_weights))
print([w.path for w in model.non_trainable_weights])
