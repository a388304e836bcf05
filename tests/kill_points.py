"""Killing a saving process at every point where it touches the disk (SIGKILL: no cleanup runs).

`ARM` is Python source for a child process.  It defines `arm(kill_at)`: from then on, the child
counts its file-system steps -- a write (half of its bytes are written first), an fsync, a
rename, a replace or a delete -- and kills itself just before step `kill_at`; `steps[0]` is the
count so far.  A test runs its saving program after `ARM` for kill_at = 1, 2, ... until one run
finishes, and checks what each killed run left on disk.
"""

import os
import subprocess
import sys
import textwrap

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

ARM = textwrap.dedent("""
    import builtins, os, signal, sys

    steps = [0]

    def arm(kill_at):
        def die_at_step():
            steps[0] += 1
            if steps[0] == kill_at:
                os.kill(os.getpid(), signal.SIGKILL)

        def wrap(function):
            def wrapped(*args, **kwargs):
                die_at_step()
                return function(*args, **kwargs)
            return wrapped

        for name in ("replace", "fsync", "remove", "rename", "unlink"):
            setattr(os, name, wrap(getattr(os, name)))
        real_open = builtins.open

        class HalfWriter:
            def __init__(self, handle):
                self.handle = handle
            def write(self, data):
                self.handle.write(data[:len(data) // 2])
                self.handle.flush()
                die_at_step()
                return self.handle.write(data[len(data) // 2:])
            def __getattr__(self, name):
                return getattr(self.handle, name)
            def __enter__(self):
                return self
            def __exit__(self, *exc):
                return self.handle.__exit__(*exc)

        def opening(path, mode="r", *args, **kwargs):
            handle = real_open(path, mode, *args, **kwargs)
            return HalfWriter(handle) if "w" in mode else handle

        builtins.open = opening
""")


def run_child(program, args, cwd, timeout=60):
    """Run `ARM` + `program` with `args` in `cwd`; the CompletedProcess."""
    return subprocess.run(
        [sys.executable, "-c", ARM + textwrap.dedent(program)] + [str(a) for a in args],
        cwd=cwd,
        env=dict(os.environ, PYTHONPATH=ROOT),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
