"""AutoGraph (learntf/autograph): tf.function converts Python `if`, `while` and `for` as
TensorFlow 2.21 does.

Each case of tests/autograph_cases.py runs on learntf through the code that recorded it on real
TensorFlow (scripts/record_tf_autograph.py into tests/data/tf_autograph.json): the same values
(dtype and value), or the same error class with TensorFlow's words, pointing at the same
statement.  The converted source (tf.autograph.to_code) is compared with TensorFlow's.
"""

import json
import pathlib

import autograph_cases
import pytest

import learntf as tf

pytestmark = pytest.mark.usefixtures("v2_behavior")  # (TF 2's defaults: eager, resource variables)

RECORDING = json.loads(
    (pathlib.Path(__file__).resolve().parent / "data" / "tf_autograph.json").read_text(
        encoding="utf-8"
    )
)


def test_the_recording_covers_every_case():
    assert sorted(RECORDING["cases"]) == sorted(autograph_cases.CASES)
    assert RECORDING["tensorflow_version"].startswith("2.21")


@pytest.mark.parametrize("name", sorted(autograph_cases.CASES))
def test_learntf_runs_the_case_as_tensorflow_does(name):
    got = autograph_cases.run_case(autograph_cases.CASES[name], tf)
    assert got == RECORDING["cases"][name]


@pytest.mark.parametrize("function", autograph_cases.to_code_cases(), ids=lambda f: f.__name__)
def test_to_code_writes_tensorflows_code(function):
    got = autograph_cases.normalize_code(tf.autograph.to_code(function))
    assert got == RECORDING["to_code"][function.__name__]


# -- what the conversion builds ------------------------------------------------------------------
def _op_types(function, *args):
    return [op.type for op in function.get_concrete_function(*args).graph.get_operations()]


def test_a_tensor_loop_is_one_while_op_and_a_python_loop_is_unrolled():
    @tf.function
    def count(n):
        i = 0
        while i < n:
            i += 1
        return i

    @tf.function
    def unrolled(x):
        for _ in range(3):
            x = x * 2
        return x

    assert _op_types(count, tf.constant(3)).count("StatelessWhile") == 1
    types = _op_types(unrolled, tf.constant(1))
    assert "StatelessWhile" not in types and types.count("Mul") == 3


def test_a_dataset_loop_runs_the_dataset_at_each_call():
    seen = []

    def record():  # (TF calls a dataset's generator anew for each pass; a map is traced once)
        for i in range(3):
            seen.append(i)
            yield i

    ds = tf.data.Dataset.from_generator(record, output_signature=tf.TensorSpec((), tf.int64))

    @tf.function
    def total(ds):
        s = tf.constant(0, tf.int64)
        for x in ds:
            s += x
        return s

    assert "ReduceDataset" in _op_types(total, ds)
    seen.clear()
    assert int(total(ds)) == 3 and int(total(ds)) == 3
    assert seen == [0, 1, 2, 0, 1, 2]  # one pass over the dataset per call


def test_the_function_is_converted_once_and_keeps_its_defaults_and_closure():
    offset = tf.constant(100)

    @tf.function
    def f(x, scale=2):
        if x > 0:
            x = x * scale
        return x + offset

    assert int(f(tf.constant(3))) == 106
    assert int(f(tf.constant(3), 10)) == 130
    converted = f._converted
    f(tf.constant(-3))
    assert f._converted is converted


def test_a_method_is_converted_with_its_instance():
    class Counter(tf.Module):
        def __init__(self, limit):
            self.limit = limit

        @tf.function
        def count(self, n):
            i = 0
            while i < n and i < self.limit:
                i += 1
            return i

    assert int(Counter(5).count(tf.constant(10))) == 5
    assert int(Counter(50).count(tf.constant(10))) == 10


# -- to_code, do_not_convert, run_functions_eagerly ---------------------------------------------
def test_to_code_of_a_tf_function_is_the_code_of_its_python_function():
    @tf.function
    def f(x):
        while x > 0:
            x -= 1
        return x

    code = tf.autograph.to_code(f)
    assert code.startswith("def tf__f(x):\n    with ag__.FunctionScope('f', 'fscope'")
    assert "ag__.while_stmt(loop_test, loop_body, get_state, set_state, ('x',), {})" in code
    assert "x = ag__.ld(x)\n" in code


def test_to_graph_gives_the_converted_function():
    def f(x):
        return x > 0 and x < 10

    converted = tf.autograph.to_graph(f)
    assert converted(5) is True and converted(50) is False
    assert converted.__name__ == "tf__f"


def test_do_not_convert_leaves_the_function_as_it_is():
    @tf.autograph.experimental.do_not_convert
    def f(x):
        return x

    assert tf.autograph.to_graph(f) is f


def test_run_functions_eagerly_runs_the_python_function_at_each_call():
    calls = []

    @tf.function
    def f(x):
        calls.append(x.numpy())  # (only an eager tensor has a value)
        return x + 1

    tf.config.run_functions_eagerly(True)
    try:
        assert tf.config.functions_run_eagerly() is True
        assert int(f(tf.constant(1))) == 2 and int(f(tf.constant(2))) == 3
    finally:
        tf.config.run_functions_eagerly(False)
    assert calls == [1, 2]
    assert tf.config.functions_run_eagerly() is False


def test_an_error_inside_converted_code_points_at_the_users_line():
    @tf.function
    def f(x):
        if x > 0:
            y = x
        return y

    with pytest.raises(ValueError) as info:
        f(tf.constant(1))
    message = str(info.value)
    assert message.startswith('in user code:\n\n    File "%s"' % __file__)
    assert ", in f  *\n        if x > 0:\n" in message
    assert message.rstrip().endswith("in both branches.)")


def test_a_tensor_if_is_one_if_op_and_a_python_if_is_no_op():
    @tf.function
    def f(x, negate):
        if x > 0:
            x = x * 2
        if negate:
            x = -x
        return x

    types = _op_types(f, tf.constant(1), True)
    assert types.count("StatelessIf") == 1 and types.count("Neg") == 1
    assert "Neg" not in _op_types(f, tf.constant(1), False)


TRACES = 0


def test_a_global_assigned_in_a_converted_statement_stays_global():
    @tf.function
    def f(x, count):
        global TRACES
        if count:
            TRACES = TRACES + 1
        if x > 0:
            x = x * 2
        return x

    assert int(f(tf.constant(4), True)) == 8 and int(f(tf.constant(-4), True)) == -4
    assert TRACES == 1  # (the Python `if` ran while tracing, once)
    assert "global TRACES\n" in tf.autograph.to_code(f)


def test_a_function_defined_inside_is_converted_when_it_is_called():
    def f(x):
        def clip(v):
            if v < 0:
                v = v * 0
            return v

        return clip(x) + 1

    code = tf.autograph.to_code(f)
    assert "            if v < 0:\n" in code  # (its own code is not rewritten in f's)
    assert "ag__.converted_call(ag__.ld(clip), (ag__.ld(x),), None, fscope)" in code
    g = tf.function(f)
    assert int(g(tf.constant(-3))) == 1 and int(g(tf.constant(3))) == 4


def test_learntfs_own_functions_are_not_converted_and_say_nothing(tf2_behaviour, caplog):
    """As TF leaves its own and Keras's code to itself, tf.function does not convert learntf's
    functions (Keras's train step is one): no 'AutoGraph could not transform' warning."""
    import numpy as np

    import learntf

    keras = learntf.keras
    model = keras.Sequential([keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    with caplog.at_level("WARNING"):
        model.fit(np.ones((4, 2), "float32"), np.ones((4, 1), "float32"), epochs=1, verbose=0)
        model.predict(np.ones((2, 2), "float32"), verbose=0)
    assert not [r for r in caplog.records if "AutoGraph" in r.getMessage()]
