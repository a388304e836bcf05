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
    "foundation (issue 2)": ["s000_0[1-7]_*", "s000_1[34]_*", "s000_2[78]_*", "s001_01_*",
                             "s002_01_*", "s002_03_*"],
}


@pytest.mark.skipif(not os.path.exists(RUNNER),
                    reason="../shared/conformance is not beside this checkout")
@pytest.mark.parametrize("issue", sorted(RESOLVED_CASES))
def test_conformance_cases_pass(issue):
    result = subprocess.run([sys.executable, RUNNER, "-j", "2", *RESOLVED_CASES[issue]],
                            cwd=ROOT, capture_output=True, text=True, timeout=1800)
    assert result.returncode == 0, result.stdout + result.stderr
    assert " 0 failed" in result.stdout
