"""SavedModels written by TensorFlow 2.21 for tests/saved_model_cases.py, and what they compute.

    .venv-tf/bin/python scripts/record_tf_saved_models.py            # (re)record
    .venv-tf/bin/python scripts/record_tf_saved_models.py --check    # exit 1 if it would change
    .venv-tf/bin/python scripts/record_tf_saved_models.py --load-learntf DIR

Recording saves each case's module with tf.saved_model.save into
tests/data/tf_saved_models/<case>/ (learntf's tests load these), loads it back in TensorFlow and
writes what its functions return into tests/data/tf_saved_models.json.  `--load-learntf DIR`
goes the other way: TensorFlow loads the SavedModels learntf wrote into DIR/<case>/ (by
scripts/write_learntf_saved_models.py) and checks that they compute the recorded values.
"""

import json
import os
import pathlib
import shutil
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "scripts"))
import recording  # noqa: E402
import saved_model_cases  # noqa: E402  (shared with the learntf test)

MODELS = ROOT / "tests" / "data" / "tf_saved_models"


def record_all(write=True):
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import tensorflow as tf

    recorded = {}
    for case in saved_model_cases.CASES:
        module, signatures, calls = case(tf)
        directory = MODELS / case.__name__
        if write:
            shutil.rmtree(directory, ignore_errors=True)
            tf.saved_model.save(module, str(directory), signatures=signatures)
        recorded[case.__name__] = saved_model_cases.run_calls(
            tf, tf.saved_model.load(str(directory)), calls
        )
    return {"tensorflow": tf.__version__, "results": recorded}


def load_learntf(directory):
    """TensorFlow loads learntf's SavedModels; 0 when each computes the recorded values."""
    import tensorflow as tf

    expected = json.loads((ROOT / "tests" / "data" / "tf_saved_models.json").read_text())
    failures = 0
    for case in saved_model_cases.CASES:
        _, _, calls = case(tf)
        try:
            loaded = tf.saved_model.load(str(pathlib.Path(directory) / case.__name__))
            got = saved_model_cases.run_calls(tf, loaded, calls)
        except Exception as exc:  # report every case, then fail
            got = "%s: %s" % (type(exc).__name__, str(exc).splitlines()[0][:300])
        same = got == expected["results"][case.__name__]
        failures += not same
        print("%s %s%s" % ("ok  " if same else "FAIL", case.__name__, "" if same else ": %s" % got))
    print(
        "TensorFlow loaded %d of %d learntf SavedModels correctly"
        % (len(saved_model_cases.CASES) - failures, len(saved_model_cases.CASES))
    )
    return 1 if failures else 0


def to_json_text(data):
    return json.dumps(data, indent=1, sort_keys=True) + "\n"


def summarize(data):
    return "%d SavedModels from TensorFlow %s" % (len(data["results"]), data["tensorflow"])


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--load-learntf":
        sys.exit(load_learntf(sys.argv[2]))
    write = "--check" not in sys.argv
    sys.exit(
        recording.main(
            __doc__,
            ROOT / "tests" / "data" / "tf_saved_models.json",
            lambda: record_all(write),
            to_json_text,
            summarize,
        )
    )
