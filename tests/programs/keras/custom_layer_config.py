import os
import tempfile

import numpy as np
import tensorflow as tf


@tf.keras.utils.register_keras_serializable(package="MyLayers")
class Scale(tf.keras.layers.Layer):
    def __init__(self, factor=2.0, **kwargs):
        super().__init__(**kwargs)
        self.factor = factor

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1],), initializer="ones", name="w")

    def call(self, inputs):
        return inputs * self.w * self.factor

    def get_config(self):
        config = super().get_config()
        config.update({"factor": self.factor})
        return config


layer = Scale(3.0, name="scale")
config = layer.get_config()
print(sorted(config), config["factor"], config["name"])
clone = Scale.from_config(config)
print(type(clone).__name__, clone.name, clone.factor)
print(tf.keras.utils.get_registered_name(Scale))
model = tf.keras.Sequential([tf.keras.Input(shape=(2,)), Scale(0.5, name="half")])
model.layers[0].w.assign([1.0, 4.0])
with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "scale.keras")
    model.save(path)
    loaded = tf.keras.models.load_model(path)
print(
    loaded.layers[0].factor, loaded.layers[0].w.numpy(), loaded(np.ones((1, 2), "float32")).numpy()
)
