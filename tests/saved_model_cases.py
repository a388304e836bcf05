"""Modules saved as SavedModels, shared by scripts/record_tf_saved_models.py (TensorFlow saves
them into tests/data/tf_saved_models/ and records what the loaded functions return) and
tests/test_saved_model.py (learntf loads TensorFlow's, and saves and loads its own).

Each case takes the `tf` module and returns (module, signatures, calls): `calls` are
(function name, argument lists) to run on the loaded object, in order; a name starting with
"signatures/" calls that signature with keyword arguments.
"""


def dense(tf):
    class Dense(tf.Module):
        def __init__(self):
            super().__init__(name="dense")
            self.w = tf.Variable([[1.0, -2.0], [3.0, 0.5]], name="w")
            self.b = tf.Variable([0.25, -4.0], name="b")

        @tf.function(input_signature=[tf.TensorSpec([None, 2], tf.float32, name="x")])
        def __call__(self, x):
            return tf.nn.relu(tf.matmul(x, self.w) + self.b)

    module = Dense()
    calls = [
        ("__call__", [[[1.0, 1.0], [2.0, -1.0]]]),
        ("signatures/serving_default", {"x": [[0.5, 2.0]]}),
    ]
    return module, module.__call__, calls


def containers_and_traces(tf):
    class Block(tf.Module):
        def __init__(self, scale):
            super().__init__()
            self.scale = tf.Variable(scale, name="scale")

    class Model(tf.Module):
        def __init__(self):
            super().__init__(name="model")
            self.blocks = [Block(2.0), Block(-1.5)]
            self.offsets = {"low": tf.Variable(1.0), "high": tf.Variable(10.0)}

        @tf.function
        def apply(self, x):
            for block in self.blocks:
                x = x * block.scale
            return {"low": x + self.offsets["low"], "high": x + self.offsets["high"]}

    model = Model()
    model.apply(tf.constant([1.0, 2.0]))  # two traces: a vector and a matrix of float32
    model.apply(tf.constant([[1.0], [3.0]]))
    calls = [("apply", [[4.0, -1.0]]), ("apply", [[[0.5], [1.0]]])]
    return model, None, calls


def counter(tf):
    class Counter(tf.Module):
        def __init__(self):
            super().__init__()
            self.count = tf.Variable(5, name="count")

        @tf.function(input_signature=[tf.TensorSpec([], tf.int32)])
        def add(self, amount):
            self.count.assign_add(amount)
            return self.count.read_value()

    # (no signatures= given: its one tf.function with an input_signature is serving_default)
    calls = [("add", [3]), ("add", [4]), ("signatures/serving_default", {"amount": 2})]
    return Counter(), None, calls


def control_flow(tf):
    class Powers(tf.Module):
        def __init__(self):
            super().__init__()
            self.base = tf.Variable(2.0, name="base")

        @tf.function(input_signature=[tf.TensorSpec([], tf.float32), tf.TensorSpec([], tf.int32)])
        def power(self, x, n):
            # a loop and a branch on tensors: AutoGraph makes a While and an If, whose bodies
            # are functions of the SavedModel's library
            i = tf.constant(0)
            while i < n:
                x = x * self.base
                i += 1
            if x > 10.0:
                x = x - 10.0
            return x

    calls = [
        ("power", [1.5, 3]),
        ("power", [1.5, 1]),
        ("signatures/serving_default", {"x": 1.0, "n": 4}),
    ]
    return Powers(), None, calls


CASES = [dense, containers_and_traces, counter, control_flow]


def run_calls(tf, loaded, calls):
    """What each call of a loaded object returns, as plain lists (dicts stay dicts)."""

    def plain(value):
        if isinstance(value, dict):
            return {k: plain(v) for k, v in sorted(value.items())}
        return value.numpy().tolist()

    results = []
    for name, arguments in calls:
        if name.startswith("signatures/"):
            function = loaded.signatures[name.split("/", 1)[1]]
            results.append(plain(function(**{k: tf.constant(v) for k, v in arguments.items()})))
        else:
            function = getattr(loaded, name)
            results.append(plain(function(*[tf.constant(a) for a in arguments])))
    return results
