"""learntf without the optional `tensorboard` package: `import learntf` never loads it, and a
summary asked for without it fails with an ImportError that says what to install."""

import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _python(code):
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )


def test_import_learntf_does_not_import_tensorboard():
    result = _python(
        "import sys, learntf, learntf.compat.v1, learntf.viz\nprint('tensorboard' in sys.modules)"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_missing_tensorboard_raises_a_clear_import_error():
    result = _python(
        "import sys; sys.modules['tensorboard'] = None  # as if not installed\n"
        "import learntf.compat.v1 as tf, learntf.viz as viz\n"
        "tf.disable_v2_behavior()\n"
        "for attempt in (lambda: tf.summary.scalar('MSE', tf.constant(1.0)),\n"
        "                lambda: tf.summary.FileWriter('logs'), lambda: viz.scalars('.')):\n"
        "    try:\n"
        "        attempt()\n"
        "    except ImportError as e:\n"
        "        print(type(e).__name__, e)\n"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("ImportError TensorBoard summaries need") == 3
    assert result.stdout.count("pip install tensorboard") == 3
    assert "learntf[summaries]" in result.stdout
