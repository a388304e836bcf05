"""Record, with real TensorFlow 2.21, what tf.print writes for the cases of tests/print_cases.py,
into tests/data/tf_print.json.

    .venv-tf/bin/python scripts/record_tf_print.py           # (re)write the recording
    .venv-tf/bin/python scripts/record_tf_print.py --check   # exit 1 if it would change

TensorFlow's print kernels write to the process's own stdout and stderr (C++ streams, not
Python's sys.stdout), so the cases run in a child process (this script, called with
--mode MODE FILE; one per mode) whose two streams are caught, with a marker line before
each case; the child writes what each program bound (result, ops, error) to FILE.
TensorFlow's start-up lines are dropped and log lines' times replaced
(print_cases.clean_stderr), so recording again gives no diff.
"""

import concurrent.futures
import json
import os
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "tests" / "data" / "tf_print.json"
NOTE = (
    "Recorded with real TensorFlow by scripts/record_tf_print.py from the programs of "
    "tests/print_cases.py; compared with learntf by tests/test_print.py. Do not edit by hand: "
    "change a case, then record again."
)

sys.path.insert(0, str(ROOT / "tests"))
import print_cases  # noqa: E402  (tests/print_cases.py, shared with the learntf test)
import recording  # noqa: E402  (scripts/recording.py: write or --check)


def _marker(name):
    return "\n@@ case %s @@\n" % name


def run_child(mode, path):
    """In a child process: run the cases of `mode` on TensorFlow, one after the other, writing a
    marker line to both streams before each; what each bound goes to `path`."""
    import numpy as np
    import tensorflow as tf

    tf.get_logger().setLevel("ERROR")  # (tf.Print's deprecation warning)
    if mode == "v1":
        tf.compat.v1.disable_v2_behavior()
    records = {}
    for case in print_cases.CASES:
        if case.mode != mode:
            continue
        sys.stdout.flush()
        sys.stderr.flush()
        os.write(1, _marker(case.name).encode())
        os.write(2, _marker(case.name).encode())
        if mode == "v1":
            with tf.Graph().as_default():
                records[case.name] = print_cases.run_case(case, tf.compat.v1, np, sys)
        else:
            records[case.name] = print_cases.run_case(case, tf, np, sys)
    sys.stdout.flush()
    sys.stderr.flush()
    pathlib.Path(path).write_text(json.dumps(records), encoding="utf-8")


def _split(text):
    """{case name: its text} from a child's stream with markers."""
    pieces = text.split("\n@@ case ")
    found = {}
    for piece in pieces[1:]:
        name, _, rest = piece.partition(" @@\n")
        found[name] = rest
    return found


def record_mode(mode):
    with tempfile.TemporaryDirectory() as directory:
        path = os.path.join(directory, "records.json")
        env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="0", PYTHONHASHSEED="0")
        done = subprocess.run(
            [sys.executable, __file__, "--mode", mode, path],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        if not os.path.exists(path):
            raise RuntimeError("the %s cases failed:\n%s" % (mode, done.stderr))
        records = json.loads(pathlib.Path(path).read_text(encoding="utf-8"))
    stdouts, stderrs = _split(done.stdout), _split(done.stderr)
    for name, record in records.items():
        record["stdout"] = stdouts[name]
        record["stderr"] = print_cases.clean_stderr(stderrs[name])
        record["mode"] = mode
        record["source"] = {c.name: c for c in print_cases.CASES}[name].source
    return records


def record_all():
    import tensorflow as tf

    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        cases = {}
        for records in pool.map(record_mode, print_cases.MODES):
            cases.update(records)
    return {"tensorflow_version": tf.__version__, "note": NOTE, "cases": cases}


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--mode"]:
        return run_child(argv[1], argv[2])
    return recording.main(
        __doc__,
        OUTPUT,
        record_all,
        recording.one_case_per_line,
        lambda r: "%d cases" % len(r["cases"]),
        argv,
    )


if __name__ == "__main__":
    sys.exit(main())
