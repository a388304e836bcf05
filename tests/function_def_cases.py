"""Programs whose traced functions are compared as FunctionDefs with TensorFlow's.

Shared by scripts/record_tf_function_defs.py (which runs them on TensorFlow 2.21 and records
each function's FunctionDef) and tests/test_saved_model_function_def.py (which runs them on
learntf).  Each case takes the `tf` module and returns a ConcreteFunction.
"""

_KEEP_ALIVE = []


def matmul_relu(tf):
    class Dense(tf.Module):
        def __init__(self):
            super().__init__()
            self.w = tf.Variable([[1.0, 2.0], [3.0, 4.0]], name="w")
            self.b = tf.Variable([0.5, 0.5], name="b")

        @tf.function(input_signature=[tf.TensorSpec([None, 2], tf.float32, name="x")])
        def __call__(self, x):
            return tf.nn.relu(tf.matmul(x, self.w) + self.b)

    layer = Dense()
    _KEEP_ALIVE.append(layer)  # (a method's tf.function holds its object weakly)
    return layer.__call__.get_concrete_function()


def two_results_and_a_sum(tf):
    @tf.function(input_signature=[tf.TensorSpec([3, 4], tf.float32)])
    def f(x):
        return tf.reduce_sum(x, axis=1), tf.reduce_mean(x) * 2.0

    return f.get_concrete_function()


def lists_in_and_out(tf):
    @tf.function(input_signature=[tf.TensorSpec([4, 6], tf.float32)])
    def f(x):
        parts = tf.split(x, 3, axis=1)
        return tf.concat([parts[2], parts[0]], axis=0), tf.add_n(parts)

    return f.get_concrete_function()


def casts_and_shapes(tf):
    @tf.function(input_signature=[tf.TensorSpec([None], tf.int32, name="ids")])
    def f(ids):
        as_float = tf.cast(ids, tf.float32)
        return tf.reshape(as_float, [-1, 1]) / tf.cast(tf.shape(ids)[0], tf.float32)

    return f.get_concrete_function()


def variable_update(tf):
    counter = tf.Variable(0, name="counter")

    @tf.function(input_signature=[])
    def step():
        counter.assign_add(1)
        return counter.read_value()

    return step.get_concrete_function()


CASES = [matmul_relu, two_results_and_a_sum, lists_in_and_out, casts_and_shapes, variable_update]
