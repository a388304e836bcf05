"""The parity corpus: short TensorFlow programs, run on real TensorFlow and on learntf.

Each program is a file `tests/programs/<area>/<name>.py`, a complete program in the style of
public TensorFlow code that prints what it computes.  TF 2 programs start with
`import tensorflow as tf`; TF 1 programs call `tf.disable_v2_behavior()` (or
`tf.compat.v1.disable_v2_behavior()`) and build graphs.  A program may end in an uncaught
error: its class and TensorFlow's first line of message are part of what it does.

scripts/record_tf_programs.py runs every program on TensorFlow 2.21 and records, per area,
`tests/data/tf_programs/<area>.json`: what it printed and the error it ended in.
tests/test_programs.py runs the same text on learntf, with `tensorflow` (and `keras`) mapped
to learntf, and compares (`same_output`): text exactly, whitespace aside; numbers within
RTOL/ATOL, integers exactly; the error's class exactly and TensorFlow's words first.

A program where learntf differs by design is listed, with its reason, in
`tests/programs/<area>/KNOWN_DIFFERENCES.json` ({"name": "why"}); the test then asserts it
still differs, so the list cannot go stale.
"""

import contextlib
import dataclasses
import importlib
import importlib.abc
import importlib.util
import io
import json
import math
import os
import pathlib
import re
import sys
import warnings

from op_value_cases import first_line

PROGRAMS = pathlib.Path(__file__).resolve().parent / "programs"
RECORDINGS = pathlib.Path(__file__).resolve().parent / "data" / "tf_programs"
RTOL, ATOL = 1e-4, 1e-5  # float32 results, summed in another order, over a few training steps

_V1_SWITCH = re.compile(r"^\s*tf\.(compat\.v1\.)?disable_v2_behavior\(\)", re.MULTILINE)


@dataclasses.dataclass(frozen=True)
class Program:
    area: str
    name: str
    source: str

    @property
    def mode(self):
        """ "v1" for a TF 1 program (it switches TF 2's behaviour off), else "v2"."""
        return "v1" if _V1_SWITCH.search(self.source) else "v2"

    @property
    def path(self):
        """Its file: the name its code is compiled with, so tf.function's AutoGraph (which
        reads a function's source) finds it."""
        return PROGRAMS / self.area / ("%s.py" % self.name)

    @property
    def key(self):
        return "%s/%s" % (self.area, self.name)


def areas():
    return sorted(path.name for path in PROGRAMS.iterdir() if path.is_dir())


def programs(area):
    """The programs of one area, by name."""
    return [
        Program(area, path.stem, path.read_text(encoding="utf-8"))
        for path in sorted((PROGRAMS / area).glob("*.py"))
    ]


def known_differences(area):
    path = PROGRAMS / area / "KNOWN_DIFFERENCES.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def run_program(program, tf):
    """{"stdout", "error"} of running the program's text as `__main__` in a fresh namespace:
    what it printed, and its uncaught error as {"class", "message"} (None if it finished).
    `tf` is the top-level module its `import tensorflow` gives; each program starts from a
    new default graph and a cleared Keras session, so names and seeds don't leak between
    programs."""
    tf.compat.v1.reset_default_graph()
    tf.keras.backend.clear_session()
    stdout = io.StringIO()
    error = None
    namespace = {"__name__": "__main__", "__file__": str(program.path)}
    # what a program may change for the rest of the process: environment variables
    # (TF_USE_LEGACY_KERAS), the warnings filters, TensorFlow's logging level
    environment, logger = dict(os.environ), tf.get_logger()
    level = logger.level
    with contextlib.redirect_stdout(stdout), warnings.catch_warnings():
        try:
            exec(compile(program.source, str(program.path), "exec"), namespace)
        except Exception as exc:  # the program's own uncaught error, recorded as TF raised it
            error = {"class": type(exc).__name__, "message": first_line(exc)}
        finally:
            os.environ.clear()
            os.environ.update(environment)
            logger.setLevel(level)
    return {"stdout": stdout.getvalue(), "error": error}


# -- comparing outputs ---------------------------------------------------------------------
_NUMBER = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?|[-+]?(?:nan|inf)\b")


def _pieces(text):
    """Text as alternating words and numbers: [word, number, word, ...], whitespace dropped."""
    words = [re.sub(r"\s+", "", word) for word in _NUMBER.split(text)]
    numbers = _NUMBER.findall(text)
    return words, numbers


def _same_number(expected, actual):
    if not any(c in expected + actual for c in ".eEna"):
        return expected.lstrip("+") == actual.lstrip("+")  # integers: exactly
    a, b = float(expected), float(actual)
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return math.isclose(a, b, rel_tol=RTOL, abs_tol=ATOL)


def same_text(expected, actual):
    """Whether `actual` prints what `expected` does: the same words, whitespace aside, and
    the same numbers to RTOL/ATOL."""
    (expected_words, expected_numbers), (words, numbers) = _pieces(expected), _pieces(actual)
    return (
        expected_words == words
        and len(expected_numbers) == len(numbers)
        and all(map(_same_number, expected_numbers, numbers))
    )


def differences(expected, actual):
    """What differs between TensorFlow's record and learntf's, as readable lines ([] if
    nothing does)."""
    found = []
    if not same_text(expected["stdout"], actual["stdout"]):
        found.append(
            "printed output differs:\n--- TensorFlow\n%s--- learntf\n%s"
            % (expected["stdout"], actual["stdout"])
        )
    want, got = expected["error"], actual["error"]
    if (want is None) != (got is None):
        found.append("TensorFlow raised %r; learntf raised %r" % (want, got))
    elif want is not None:
        if want["class"] != got["class"]:
            found.append("error class: TensorFlow %s, learntf %s" % (want["class"], got["class"]))
        if not got["message"].startswith(want["message"]):
            found.append(
                "error words: TensorFlow %r, learntf %r" % (want["message"], got["message"])
            )
    return found


# -- `import tensorflow` on learntf --------------------------------------------------------
class _LearntfAsTensorflow(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Serves `tensorflow[.x.y]` as `learntf[.x.y]` and `keras[.x]` as `learntf.keras[.x]`,
    so a program's text runs unchanged."""

    PREFIXES = (("tensorflow", "learntf"), ("keras", "learntf.keras"))

    def find_spec(self, fullname, path=None, target=None):
        for prefix, replacement in self.PREFIXES:
            if fullname == prefix or fullname.startswith(prefix + "."):
                target_name = replacement + fullname[len(prefix) :]
                if importlib.util.find_spec(target_name) is None:
                    return None
                return importlib.util.spec_from_loader(fullname, self, origin=target_name)
        return None

    def create_module(self, spec):
        return importlib.import_module(spec.origin)

    def exec_module(self, module):
        pass


@contextlib.contextmanager
def tensorflow_is_learntf():
    """Within: `import tensorflow` (and `import keras`) give learntf's modules."""
    try:  # TensorBoard's protos (learntf's summaries) would take learntf for TensorFlow: let
        import tensorboard.compat  # them settle on TensorBoard's stub first, as in a plain run

        dir(tensorboard.compat.tf)
    except ImportError:
        pass
    finder = _LearntfAsTensorflow()
    saved = {
        name: module
        for name, module in sys.modules.items()
        if name.split(".")[0] in ("tensorflow", "keras")
    }
    for name in saved:
        del sys.modules[name]
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)
        for name in [n for n in sys.modules if n.split(".")[0] in ("tensorflow", "keras")]:
            del sys.modules[name]
        sys.modules.update(saved)
