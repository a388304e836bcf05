"""Record, with real TensorFlow 2.21, the random numbers of tests/random_cases.py into
tests/data/tf_random_values.json.

    .venv-tf/bin/python scripts/record_tf_random.py           # (re)write the recording
    .venv-tf/bin/python scripts/record_tf_random.py --check   # exit 1 if it would change

TensorFlow lives only in .venv-tf (scripts/ensure-tf-venv.sh makes it).  Each case's program
runs as its mode says (tests/random_cases.py): the "eager" cases first, with TensorFlow 2's
behaviour, then disable_v2_behavior() and the "v1" cases, each in a fresh tf.Graph.  Every value
is written down by random_cases.encode, the code the learntf test uses too: floats as their bit
patterns, so the test can ask for equality to the last bit.  The output is deterministic (sorted
keys, one case per line), so recording again with the same TensorFlow gives no diff.

The numbers of TF's normal distributions go through the C library's logf and sincosf, so they
are those of this machine's C library (glibc on Linux), as are learntf's.
"""

import json
import os
import pathlib
import platform
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "tests" / "data" / "tf_random_values.json"
NOTE = (
    "Recorded with real TensorFlow by scripts/record_tf_random.py from the programs of "
    "tests/random_cases.py; compared with learntf, bit for bit, by "
    "tests/test_random_parity.py. Do not edit by hand: change a case, then record again."
)

sys.path.insert(0, str(ROOT / "tests"))
import random_cases  # noqa: E402  (tests/random_cases.py, shared with the learntf test)
import recording  # noqa: E402  (scripts/recording.py: write or --check)


def record_all():
    """{case name: {"mode", "source_sha256", "result"}} for every case, and TF's version."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import tensorflow as tf
    import tensorflow.compat.v1 as tf1

    tf.get_logger().setLevel("ERROR")

    def record(random_case):
        result = random_cases.run_case(random_case, tf1, tf)
        return {
            "mode": random_case.mode,
            "source_sha256": random_cases.source_digest(random_case),
            "result": random_cases.encode(result),
        }

    cases = {}
    # TF2's behaviour can't come back after disable_v2_behavior(): the v1 cases go last.
    for random_case in random_cases.CASES:
        if random_case.mode == "eager":
            cases[random_case.name] = record(random_case)
    tf1.disable_v2_behavior()
    for random_case in random_cases.CASES:
        if random_case.mode == "v1":
            cases[random_case.name] = record(random_case)
    return {
        "tensorflow_version": tf.__version__,
        "keras_version": tf.keras.__version__,
        "platform": "%s %s (%s)"
        % (platform.system(), platform.machine(), " ".join(platform.libc_ver())),
        "note": NOTE,
        "cases": cases,
    }


def dumps(recording):
    """JSON with one case per line: small diffs when a case changes."""
    lines = ["{"]
    for key in ("tensorflow_version", "keras_version", "platform", "note"):
        lines.append("  %s: %s," % (json.dumps(key), json.dumps(recording[key])))
    lines.append('  "cases": {')
    names = sorted(recording["cases"])
    for i, name in enumerate(names):
        comma = "," if i < len(names) - 1 else ""
        lines.append(
            "    %s: %s%s"
            % (json.dumps(name), json.dumps(recording["cases"][name], sort_keys=True), comma)
        )
    lines.append("  }")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv=None):
    return recording.main(
        __doc__,
        OUTPUT,
        record_all,
        dumps,
        lambda recording: "%d cases" % len(recording["cases"]),
        argv,
    )


if __name__ == "__main__":
    sys.exit(main())
