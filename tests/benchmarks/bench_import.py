"""`import learntf` in a fresh interpreter, startup included (learners restart kernels
often): aim < 0.3 s."""

import subprocess
import sys


def test_import_learntf(benchmark):
    def fresh_import():
        subprocess.run([sys.executable, "-c", "import learntf"], check=True)

    benchmark.pedantic(fresh_import, rounds=5, iterations=1)
