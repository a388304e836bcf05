"""Run the generator's programs under TensorFlow and under learntf, and compare what each did.

    python tests/differential/runner.py --seed 0 -n 2000      # (make difftest SEED=0 N=2000)

TensorFlow runs in its own virtual environment (.venv-tf), in ONE subprocess that runs every
program in a loop; learntf runs in another subprocess of this Python with `tensorflow` mapped
to `learntf`. A graph-mode program builds its own `tf.Graph().as_default()` block and runs it
in a v1 Session, so neither process switches modes globally. Per program the two outcomes must
agree: both a value or both an error; for an error, its class; for a value, the same structure
and, for each array, the same dtype, shape and values (floats within TOLERANCE; NaNs equal),
for each static shape the same dimensions. The runner prints the agreement and the
disagreements grouped by the program's category and the kind of disagreement.
"""

import argparse
import collections
import json
import math
import os
import pathlib
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
TF_PYTHON = pathlib.Path(os.environ.get("TF_PYTHON", ROOT / ".venv-tf" / "bin" / "python"))
if not TF_PYTHON.exists():  # a worktree shares the main checkout's .venv-tf
    TF_PYTHON = pathlib.Path("/work/main/.venv-tf/bin/python")

# (rtol, atol) per dtype; integers and bools must be equal
TOLERANCE = {
    "float16": (1e-2, 1e-2),
    "bfloat16": (2e-2, 2e-2),
    "float32": (1e-4, 1e-5),
    "complex64": (1e-4, 1e-5),
    "float64": (1e-7, 1e-9),
    "complex128": (1e-7, 1e-9),
}


# ---------------------------------------------------------------- in the child process


def normalize(value):
    """What a program put in `out`, as plain JSON the other backend's result can be compared
    with: tensors and arrays as {"dtype", "shape", "value"}, TensorShapes as {"dims"},
    DTypes as {"dtype_name"}."""
    import numpy as np

    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if type(value).__name__ in ("IndexedSlices", "IndexedSlicesValue"):
        # TF's sparse gradient of a gather; learntf has no IndexedSlices and gives the dense
        # tensor TF would make of it: compare that
        values, indices = np.asarray(value.values), np.asarray(value.indices)
        dense = np.zeros(tuple(np.asarray(value.dense_shape)), dtype=values.dtype)
        np.add.at(dense, indices, values)
        return array_record(dense, str(values.dtype))
    if isinstance(value, (list, tuple)):
        return [normalize(v) for v in value]
    if isinstance(value, dict):
        return {str(k): normalize(v) for k, v in sorted(value.items())}
    if hasattr(value, "as_list") and hasattr(value, "rank"):  # TensorShape
        return {"dims": None if value.rank is None else list(value.as_list())}
    if hasattr(value, "as_numpy_dtype") and hasattr(value, "is_floating"):  # DType
        return {"dtype_name": value.name}
    if hasattr(value, "_fields"):  # a namedtuple
        return [normalize(v) for v in value]
    if hasattr(value, "numpy") and hasattr(value, "dtype"):  # an eager tensor
        return array_record(np.asarray(value.numpy()), value.dtype.name)
    if isinstance(value, (np.ndarray, np.generic)):
        array = np.asarray(value)
        return array_record(array, str(array.dtype))
    return {"object": type(value).__name__}


def array_record(array, dtype):
    import numpy as np

    if array.dtype.kind == "c":
        flat = [[float(v.real), float(v.imag)] for v in array.ravel()]
    elif array.dtype.kind in "SO":
        flat = [
            v.decode("utf-8", "replace") if isinstance(v, bytes) else str(v) for v in array.ravel()
        ]
    elif array.dtype.kind == "b":
        flat = [bool(v) for v in array.ravel()]
    elif array.dtype.kind in "iu":
        flat = [int(v) for v in array.ravel()]
    else:
        flat = [float(v) for v in np.asarray(array, np.float64).ravel()]
    return {"dtype": dtype, "shape": list(array.shape), "value": flat}


def run_programs(programs, backend):
    """{id: {"ok": out} or {"error": class name, "message": first line}} for each program."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import warnings

    warnings.simplefilter("ignore")
    if backend == "learntf":
        import learntf

        sys.modules["tensorflow"] = learntf
    import tensorflow as tf

    tf.get_logger().setLevel("ERROR")
    results = {}
    for program in programs:
        namespace = {"__name__": "__difftest__"}
        try:
            exec(compile(program["text"], program["id"], "exec"), namespace)
            results[program["id"]] = {"ok": normalize(namespace["out"])}
        except Exception as error:
            message = str(error).strip().splitlines()
            results[program["id"]] = {
                "error": type(error).__name__,
                "message": message[0][:300] if message else "",
            }
    return results


# ---------------------------------------------------------------- comparing


def values_differ(a, b, dtype):
    rtol, atol = TOLERANCE.get(dtype, (0.0, 0.0))
    for x, y in zip(a, b):
        if isinstance(x, list):  # complex
            if values_differ(x, y, dtype):
                return True
            continue
        if isinstance(x, float) or isinstance(y, float):
            x, y = float(x), float(y)
            if math.isnan(x) or math.isnan(y):
                if not (math.isnan(x) and math.isnan(y)):
                    return True
                continue
            if math.isinf(x) or math.isinf(y):
                if x != y:
                    return True
                continue
            if abs(x - y) > atol + rtol * abs(x):
                return True
        elif x != y:
            return True
    return False


def difference(expected, actual, where="out"):
    """None if `actual` (learntf's) agrees with `expected` (TensorFlow's), else (kind, detail)."""
    if isinstance(expected, dict) and "dtype" in expected and "value" in expected:
        if not (isinstance(actual, dict) and "value" in actual):
            return "structure", "%s: TF gave an array, learntf %s" % (where, brief(actual))
        if expected["dtype"] != actual["dtype"]:
            return "dtype", "%s: TF %s, learntf %s" % (where, expected["dtype"], actual["dtype"])
        if expected["shape"] != actual["shape"]:
            return "shape", "%s: TF %s, learntf %s" % (where, expected["shape"], actual["shape"])
        if values_differ(expected["value"], actual["value"], expected["dtype"]):
            return "value", "%s: TF %s, learntf %s" % (
                where,
                expected["value"][:6],
                actual["value"][:6],
            )
        return None
    if isinstance(expected, dict) and "dims" in expected:
        if expected != actual:
            return "static shape", "%s: TF %s, learntf %s" % (
                where,
                expected["dims"],
                brief(actual),
            )
        return None
    if isinstance(expected, dict):
        if not isinstance(actual, dict) or sorted(expected) != sorted(actual):
            return "structure", "%s: TF %s, learntf %s" % (where, brief(expected), brief(actual))
        for key in expected:
            found = difference(expected[key], actual[key], "%s[%r]" % (where, key))
            if found:
                return found
        return None
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(expected) != len(actual):
            return "structure", "%s: TF %s, learntf %s" % (where, brief(expected), brief(actual))
        for i, (e, a) in enumerate(zip(expected, actual)):
            found = difference(e, a, "%s[%d]" % (where, i))
            if found:
                return found
        return None
    if expected != actual:
        kind = "gradient None" if (expected is None) != (actual is None) else "structure"
        return kind, "%s: TF %s, learntf %s" % (where, brief(expected), brief(actual))
    return None


def brief(value):
    if isinstance(value, dict) and "dtype" in value and "value" in value:
        return "array(%s, %s)" % (value["dtype"], value["shape"])
    text = json.dumps(value)
    return text if len(text) < 80 else text[:77] + "..."


def compare(program, expected, actual):
    """None if they agree, else (kind, detail)."""
    if "error" in expected or "error" in actual:
        if "error" not in actual:
            return "TF raised, learntf did not", "TF %s: %s" % (
                expected["error"],
                expected["message"][:120],
            )
        if "error" not in expected:
            return "learntf raised, TF did not", "learntf %s: %s" % (
                actual["error"],
                actual["message"][:120],
            )
        if expected["error"] != actual["error"]:
            return "error class", "TF %s, learntf %s: %s" % (
                expected["error"],
                actual["error"],
                actual["message"][:100],
            )
        return None
    return difference(expected["ok"], actual["ok"])


# ---------------------------------------------------------------- driving both backends


def run_backend(programs, backend):
    """Run every program under `backend` ("tensorflow" or "learntf") in one subprocess."""
    with tempfile.TemporaryDirectory() as tmp:
        source = pathlib.Path(tmp) / "programs.json"
        target = pathlib.Path(tmp) / "results.json"
        source.write_text(json.dumps(programs))
        python = str(TF_PYTHON) if backend == "tensorflow" else sys.executable
        env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", PYTHONPATH=str(ROOT))
        command = [
            python,
            str(pathlib.Path(__file__).resolve()),
            "--child",
            backend,
            str(source),
            str(target),
        ]
        subprocess.run(command, env=env, check=True, stderr=subprocess.DEVNULL)
        return json.loads(target.read_text())


def report(programs, expected, actual, show=3, out=sys.stdout):
    groups = collections.defaultdict(list)
    for program in programs:
        found = compare(program, expected[program["id"]], actual[program["id"]])
        if found:
            groups[(program["category"], found[0])].append((program, found[1]))
    disagreeing = sum(len(v) for v in groups.values())
    agreement = 100.0 * (len(programs) - disagreeing) / max(1, len(programs))
    for (category, kind), items in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        print("\n== %s: %s (%d)" % (category, kind, len(items)), file=out)
        for program, detail in items[:show]:
            print("  %s [%s] %s" % (program["id"], program["mode"], detail), file=out)
    print(
        "\nagreement: %.2f%% (%d of %d programs agree)"
        % (agreement, len(programs) - disagreeing, len(programs)),
        file=out,
    )
    return agreement, groups


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("-n", type=int, default=2000)
    parser.add_argument("--show", type=int, default=3, help="programs shown per group")
    parser.add_argument("--dump", type=pathlib.Path, help="write programs and both results here")
    parser.add_argument(
        "--child", nargs=3, metavar=("BACKEND", "PROGRAMS", "RESULTS"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    if args.child:
        backend, source, target = args.child
        programs = json.loads(pathlib.Path(source).read_text())
        pathlib.Path(target).write_text(json.dumps(run_programs(programs, backend)))
        return 0
    sys.path.insert(0, str(HERE))
    import generator

    programs = generator.generate(args.seed, args.n)
    expected = run_backend(programs, "tensorflow")
    actual = run_backend(programs, "learntf")
    if args.dump:
        args.dump.write_text(
            json.dumps({"programs": programs, "tf": expected, "learntf": actual}, indent=0)
        )
    print("seed %d, %d programs" % (args.seed, len(programs)))
    report(programs, expected, actual, show=args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
