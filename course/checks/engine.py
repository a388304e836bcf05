"""Which TensorFlow the checks talk to: learntf (the default) or real TensorFlow.

A check compares the learner's objects with what it expects, so it must use the same engine as
the learner's notebook: `isinstance(f, tf.Tensor)` is False for a real TensorFlow tensor tested
against learntf's class. The course runs a notebook on real TensorFlow 2.21 in two places, and
both set LEARNTF_COURSE_ENGINE=tensorflow in the kernel's environment:

- `python -m course open N --engine tensorflow` (a learner trying the lesson on TensorFlow);
- `python -m course.tf_parity` (`make test-tf`: the whole course on TensorFlow, in CI).

Checks import the engine from here instead of importing learntf directly:

    from course.checks.engine import tf1 as tf     # the TF1 API (graphs and sessions)
    from course.checks.engine import tf2 as tf     # the TF2 API (eager, tf.function, keras)
"""

import os

ENGINE = os.environ.get("LEARNTF_COURSE_ENGINE", "learntf")
if ENGINE not in ("learntf", "tensorflow"):
    raise ValueError(f"LEARNTF_COURSE_ENGINE must be 'learntf' or 'tensorflow', not {ENGINE!r}")

if ENGINE == "tensorflow":
    import tensorflow as tf2
    import tensorflow.compat.v1 as tf1
else:
    import learntf as tf2  # noqa: F401
    import learntf.compat.v1 as tf1  # noqa: F401
