"""Save tests/saved_model_cases.py's modules with learntf, for TensorFlow to load.

    .venv/bin/python scripts/write_learntf_saved_models.py DIR
    .venv-tf/bin/python scripts/record_tf_saved_models.py --load-learntf DIR

(`make test-tf` runs both.)
"""

import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
import saved_model_cases  # noqa: E402

import learntf as tf  # noqa: E402


def main(directory):
    for case in saved_model_cases.CASES:
        module, signatures, _ = case(tf)
        tf.saved_model.save(module, str(pathlib.Path(directory) / case.__name__), signatures)
        print("learntf saved %s" % case.__name__)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
