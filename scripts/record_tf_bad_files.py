"""Record what TensorFlow 2.21 does with damaged files: the cases of tests/bad_file_cases.py.

Each case's files (a checkpoint TF wrote, damaged; GraphDefs with attrs of the wrong type; event
files with bad CRCs; a meta graph that is not one) are read with TF's public API, and the result
or the error's class and message go to tests/data/tf_bad_files.json.  tests/test_fuzz_parsers.py
reads the same files with learntf and compares the class and TF's first words.  Run with
TensorFlow's venv:

    PYTHONPATH=. .venv-tf/bin/python scripts/record_tf_bad_files.py [--check]
"""

import json
import os
import pathlib
import signal
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

from recording import ROOT, main

OUTPUT = ROOT / "tests" / "data" / "tf_bad_files.json"


def record_all():
    """Each case in a process of its own: TensorFlow aborts on some damaged checkpoints (a
    CHECK failure in its reader), recorded as {"crash": the signal}."""
    recording = {}
    for case in sorted(cases().CASES):
        run = subprocess.run(
            [sys.executable, __file__, "--one", case], capture_output=True, text=True
        )
        if run.returncode < 0:
            recording[case] = {"crash": signal.Signals(-run.returncode).name}
        elif run.returncode != 0:
            raise RuntimeError("case %s: %s" % (case, run.stderr[-2000:]))
        else:
            recording[case] = json.loads(run.stdout.strip().splitlines()[-1])
    return recording


def cases():
    sys.path.insert(0, str(ROOT / "tests"))
    sys.path.insert(0, str(ROOT))
    import bad_file_cases

    return bad_file_cases


def record_one(case):
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import tensorflow as tf
    from google.protobuf import text_format

    with tempfile.TemporaryDirectory() as folder:
        print(json.dumps(cases().outcome(case, tf.compat.v1, text_format.Parse, folder)))


def to_json_text(recording):
    lines = ["  %s: %s" % (json.dumps(k), json.dumps(v)) for k, v in sorted(recording.items())]
    return "{\n" + ",\n".join(lines) + "\n}\n"


def summarize(recording):
    errors = sum("error" in outcome for outcome in recording.values())
    return "%d damaged files, %d refused" % (len(recording), errors)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        sys.exit(record_one(sys.argv[2]))
    sys.exit(main(__doc__, OUTPUT, record_all, to_json_text, summarize))
