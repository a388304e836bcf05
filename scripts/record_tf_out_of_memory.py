"""Record TensorFlow 2.21's error for each tensor too big to allocate (tests/out_of_memory_cases.py)
in tests/data/tf_out_of_memory.json.

    PYTHONPATH=. .venv-tf/bin/python scripts/record_tf_out_of_memory.py           # (re)write
    PYTHONPATH=. .venv-tf/bin/python scripts/record_tf_out_of_memory.py --check  # 1: would change

The process caps its own address space first (RLIMIT_AS, 24 GiB), so that TensorFlow's allocator
fails at once, as it does on a machine without the memory, instead of the operating system
promising memory it does not have.
"""

import json
import os
import pathlib
import resource
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "tests" / "data" / "tf_out_of_memory.json"
NOTE = (
    "Recorded with real TensorFlow by scripts/record_tf_out_of_memory.py from "
    "tests/out_of_memory_cases.py; compared with learntf by tests/test_out_of_memory.py. Do not "
    "edit by hand: change a case, then record again."
)

sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))
import out_of_memory_cases  # noqa: E402
import recording  # noqa: E402


def record_all():
    resource.setrlimit(resource.RLIMIT_AS, (24 * 2**30, resource.RLIM_INFINITY))
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import tensorflow as tf

    tf.get_logger().setLevel("ERROR")
    errors = {e: out_of_memory_cases.evaluate(e, tf) for e in out_of_memory_cases.EXPRESSIONS}
    return {"note": NOTE, "tensorflow_version": tf.__version__, "errors": errors}


def to_json_text(recorded):
    return json.dumps(recorded, indent=1, sort_keys=True) + "\n"


def main(argv=None):
    def summarize(recorded):
        return "%d expressions, TensorFlow %s" % (
            len(recorded["errors"]),
            recorded["tensorflow_version"],
        )

    return recording.main(__doc__, OUTPUT, record_all, to_json_text, summarize, argv)


if __name__ == "__main__":
    sys.exit(main())
