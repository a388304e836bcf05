"""Where learntf builds graphs and where it runs ops at once: exactly where TensorFlow 2.21 does.

Importing the TF1 API changes nothing (as importing `tensorflow.compat.v1` changes nothing);
graph mode comes from `disable_v2_behavior()` / `disable_eager_execution()`, from
`with tf.Graph().as_default():`, or from `tf.function` tracing. TF1-only calls made while eager
raise TensorFlow's error with TensorFlow's words first, then learntf's line on the fix. The
expected texts were read from TensorFlow 2.21 (tensorflow-cpu) in .venv-tf.
Each case runs in a fresh interpreter: the execution mode is process-wide.
"""

import subprocess
import sys
import textwrap

import pytest

FIX = "Call tf.compat.v1.disable_v2_behavior() right after the imports"


def run(code):
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()


def first_error(code):
    """The class and message of the error `code` raises, in a fresh interpreter."""
    program = (
        "import learntf as tf\nimport learntf.compat.v1 as tf1\ntry:\n"
        + textwrap.indent(textwrap.dedent(code), "    ")
        + "\nexcept Exception as error:\n    print(type(error).__name__)\n    print(str(error))\n"
        "else:\n    print('no error')\n"
    )
    return run(program)


@pytest.mark.parametrize(
    "imports",
    [
        "import learntf.compat.v1 as tf",
        "import learntf as tf\nimport learntf.compat.v1 as tf1",
        "from learntf.compat import v1 as tf",
        "import learntf as tf\ntf.compat.v1.placeholder_with_default",
    ],
)
def test_importing_the_tf1_api_leaves_eager_execution_on(imports):
    assert run(imports + "\nimport learntf\nprint(learntf.executing_eagerly())") == ["True"]


def test_disable_v2_behavior_and_disable_eager_execution_turn_graph_building_on():
    assert run("""
        import learntf.compat.v1 as tf
        tf.disable_v2_behavior()
        print(tf.executing_eagerly())
        tf.enable_v2_behavior()       # nothing built yet: TensorFlow lets the program switch back
        print(tf.executing_eagerly())
        tf.disable_eager_execution()
        print(tf.executing_eagerly(), tf.constant(1.0).name)
    """) == ["False", "True", "False Const:0"]


def test_a_program_that_built_a_graph_cannot_switch_back_to_eager():
    """TF 2.21: ValueError "tf.enable_eager_execution must be called at program startup." once
    the global default graph holds ops (enable_v2_behavior() says the same)."""
    lines = run("""
        import learntf.compat.v1 as tf
        tf.disable_v2_behavior()
        x = tf.constant(1)
        for switch in (tf.enable_v2_behavior, tf.enable_eager_execution):
            try:
                switch()
            except ValueError as error:
                print(str(error).splitlines()[0])
        print(tf.executing_eagerly())
    """)
    assert lines == ["tf.enable_eager_execution must be called at program startup."] * 2 + ["False"]


def test_a_graph_block_builds_a_graph_and_eager_execution_resumes_after_it():
    assert run("""
        import learntf as tf
        with tf.Graph().as_default() as g:
            print(tf.executing_eagerly(), tf.constant(2.0).graph is g)
        print(tf.executing_eagerly())
    """) == ["False True", "True"]


def test_tf_function_traces_in_graph_mode():
    assert run("""
        import learntf as tf
        @tf.function
        def f(x):
            print("tracing, eager:", tf.executing_eagerly())
            return x + 1
        print(f(tf.constant(1)).numpy(), tf.executing_eagerly())
    """) == ["tracing, eager: False", "2 True"]


@pytest.mark.parametrize(
    "call, error_class, tf_words",
    [
        (
            "tf1.placeholder(tf.float32)",
            "RuntimeError",
            "tf.placeholder() is not compatible with eager execution.",
        ),
        (
            "tf1.Session().run(tf.constant(1))",
            "RuntimeError",
            "The Session graph is empty. Add operations to the graph before calling run().",
        ),
        (
            "tf1.gradients(tf.constant(1.), [tf.constant(2.)])",
            "RuntimeError",
            "tf.gradients is not supported when eager execution is enabled. Use tf.GradientTape "
            "instead.",
        ),
        (
            "tf1.train.Saver()",
            "RuntimeError",
            "When eager execution is enabled, `var_list` must specify a list or dict of variables "
            "to save",
        ),
        (
            "tf1.train.GradientDescentOptimizer(0.1).minimize(tf.Variable(1.) * 2)",
            "RuntimeError",
            "`loss` passed to Optimizer.compute_gradients should be a function when eager "
            "execution is enabled.",
        ),
        (
            "tf1.summary.FileWriter('logs')",
            "RuntimeError",
            "v1.summary.FileWriter is not compatible with eager execution. Use "
            "`tf.summary.create_file_writer`,or a `with v1.Graph().as_default():` context",
        ),
    ],
)
def test_tf1_only_calls_in_eager_mode_raise_tensorflows_error_then_the_fix(
    call, error_class, tf_words
):
    lines = first_error(call)
    assert lines[0] == error_class
    assert lines[1] == tf_words
    assert FIX in lines[2]


def test_eval_of_an_eager_tensor_points_to_numpy():
    lines = first_error("tf.constant(1.0).eval()")
    assert lines[:2] == [
        "NotImplementedError",
        "eval is not supported when eager execution is enabled, is .numpy() what you're looking "
        "for?",
    ]
    assert "disable_v2_behavior()" in lines[2]


def test_an_empty_graph_in_graph_mode_says_what_to_build():
    lines = first_error("tf1.disable_v2_behavior()\nwith tf1.Session() as sess:\n    sess.run([])")
    assert lines[:2] == [
        "RuntimeError",
        "The Session graph is empty. Add operations to the graph before calling run().",
    ]
    assert "build the ops in this session's graph first" in lines[2]
