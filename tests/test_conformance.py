"""The seed conformance suite (../shared/conformance): learntf must print what real
TensorFlow printed for every case of a resolved issue.

Each resolved issue adds its case globs to RESOLVED_CASES; they then stay green forever."""

import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUNNER = os.path.join(ROOT, "..", "shared", "conformance", "run.py")

RESOLVED_CASES = {
    "foundation (issue 2)": [
        "s000_0[1-7]_*",
        "s000_1[34]_*",
        "s000_2[78]_*",
        "s001_01_*",
        "s002_01_*",
        "s002_03_*",
    ],
    "autodiff and optimizers (issue 4)": [
        "s000_0[89]_*",
        "s000_1[0-2]_*",
        "s000_15_*",
        "s003_0[1-3]_*",
    ],
    "sharing variables (issue 5)": ["s000_19_*", "s000_2[0-6]_*", "s001_0[2-5]_*"],
    "checkpoints (issue 6)": ["s000_1[67]_*", "s001_0[6-9]_*", "s003_0[4-8]_*"],
    "summaries (issue 7)": ["s000_18_*", "s001_1[01]_*"],
    "eager and tape (issue 8)": [
        "s002_02_*",
        "s002_0[4-9]_*",
        "s002_1[0-2]_*",
        "s004_1[12]_*",
        "s004_2[1-7]_*",
    ],
    "tf.function (issue 9)": ["s004_1[5-9]_*", "s004_20_*"],
    "tensor types (issue 10)": ["s004_0[1-9]_*", "s004_10_*"],
    "keras (issue 11)": ["s004_01_*", "s004_1[34]_*", "s004_2[89]_*", "s004_30_*"],
}


@pytest.mark.skipif(
    not os.path.exists(RUNNER), reason="../shared/conformance is not beside this checkout"
)
@pytest.mark.parametrize("issue", sorted(RESOLVED_CASES))
def test_conformance_cases_pass(issue):
    result = subprocess.run(
        [sys.executable, RUNNER, "-j", "2", *RESOLVED_CASES[issue]],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert " 0 failed" in result.stdout
