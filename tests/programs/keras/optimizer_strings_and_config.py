import tensorflow as tf

for name in [
    "sgd",
    "adam",
    "adamw",
    "nadam",
    "rmsprop",
    "adagrad",
    "adadelta",
    "adamax",
    "ftrl",
    "lion",
]:
    opt = tf.keras.optimizers.get(name)
    print(name, type(opt).__name__, opt.name, round(float(opt.learning_rate.numpy()), 6))
opt = tf.keras.optimizers.Adam(learning_rate=0.01, clipnorm=1.0)
config = opt.get_config()
print(sorted(k for k in config if k in ("learning_rate", "clipnorm", "beta_1", "name")))
print(config["clipnorm"], round(config["learning_rate"], 6))
opt.learning_rate = 0.05
print(round(float(opt.learning_rate.numpy()), 6))
try:
    tf.keras.optimizers.SGD(lr=0.1)
except ValueError as error:
    print(type(error).__name__, str(error).splitlines()[0])
