"""Programs that ask for a tensor no machine here holds, for tests/test_out_of_memory.py.

scripts/record_tf_out_of_memory.py runs each on real TensorFlow 2.21 with its address space
capped (so TF's allocator fails at once instead of the machine swapping) into
tests/data/tf_out_of_memory.json; the test runs them on learntf and compares the error class and
TF's first line.  An expression sees `tf` (TF 2's namespace), eagerly.
"""

EXPRESSIONS = [
    "tf.zeros([100000, 100000])",
    "tf.ones([1000000, 1000000], tf.int32)",
    "tf.fill([300000, 300000], 1.5)",
    "tf.random.normal([100000, 100000])",
    "tf.random.uniform([100000, 100000], maxval=5, dtype=tf.int32)",
    "tf.random.stateless_normal([100000, 100000], seed=[1, 2])",
    "tf.tile(tf.ones([1000]), [100000000])",
    "tf.broadcast_to(1.0, [100000, 100000])",
    "tf.range(100000000000)",
    "tf.matmul(tf.ones([1000000, 1]), tf.ones([1, 1000000]))",
]


def evaluate(expression, tf):
    """(error class name, first line of its message), or ("no error", shape)."""
    try:
        result = eval(expression, {"tf": tf})
    except Exception as error:  # (what is compared)
        return [type(error).__name__, str(error).splitlines()[0] if str(error) else ""]
    return ["no error", list(result.shape)]
