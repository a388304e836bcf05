"""The ops: each module registers its op types once (see framework/op_registry.py) and
defines the public functions (`tf.add`, `tf.matmul`, ...) that create them."""
