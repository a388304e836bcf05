import tensorflow as tf


@tf.function
def whiten(x):
    mean, variance = tf.nn.moments(x, axes=[0])
    return (x - mean) / tf.sqrt(variance + 1e-6)


@tf.function
def solve_and_sort(a, b):
    x = tf.linalg.solve(a, b)
    return tf.sort(tf.reshape(x, [-1]), direction="DESCENDING")


data = tf.constant([[1.0, 2.0], [3.0, 6.0], [5.0, 10.0]])
print(whiten(data))
print(solve_and_sort(tf.constant([[2.0, 0.0], [0.0, 4.0]]), tf.constant([[2.0], [8.0]])))
concrete = solve_and_sort.get_concrete_function(tf.TensorSpec([2, 2]), tf.TensorSpec([2, 1]))
print(
    [
        op.type
        for op in concrete.graph.get_operations()
        if op.type in ("MatrixSolve", "TopKV2", "Neg")
    ]
)
