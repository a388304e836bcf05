"""Record, with real TensorFlow 2.21, what every program of the parity corpus prints and the
error it ends in (tests/programs/<area>/*.py, see tests/programs_corpus.py), into
tests/data/tf_programs/<area>.json.

    .venv-tf/bin/python scripts/record_tf_programs.py                # (re)write every area
    .venv-tf/bin/python scripts/record_tf_programs.py --area keras   # one area
    .venv-tf/bin/python scripts/record_tf_programs.py --check        # exit 1 if any would change

Each area runs in a process of its own (two at a time): its TF 2 programs first, then, after
disable_v2_behavior() (which TensorFlow cannot undo), its TF 1 ones, each on a new default
graph.
"""

import argparse
import os
import pathlib
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")  # TensorFlow's start-up lines
ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
import programs_corpus  # noqa: E402  (tests/programs_corpus.py, shared with the learntf test)
import recording  # noqa: E402  (scripts/recording.py: write or --check)

NOTE = (
    "Recorded with real TensorFlow by scripts/record_tf_programs.py from the programs of "
    "tests/programs/%s/; compared with learntf by tests/test_programs.py. Do not edit by hand: "
    "change a program, then record again."
)


def record_area(area):
    """{name: {"mode", "source", "stdout", "error"}} for one area's programs, in this process."""
    import tensorflow as tf

    results = {}
    for mode in ("v2", "v1"):
        if mode == "v1":
            tf.compat.v1.disable_v2_behavior()
        for program in programs_corpus.programs(area):
            if program.mode == mode:
                outcome = programs_corpus.run_program(program, tf)
                results[program.name] = dict(outcome, mode=mode, source=program.source)
    return results


def record(selected_areas):
    """{area: record_area(area)}, each area in a process of its own (two at a time): what one
    area's programs leave behind in TensorFlow (a mode, a Keras loaded) never reaches another."""
    import concurrent.futures
    import json
    import subprocess
    import tempfile

    def run_child(area):
        with tempfile.NamedTemporaryFile(suffix=".json") as out:
            child = subprocess.run(
                [sys.executable, __file__, "--child", area, out.name],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
            if child.returncode:
                raise RuntimeError("recording %s failed:\n%s" % (area, child.stderr[-3000:]))
            return json.loads(pathlib.Path(out.name).read_text(encoding="utf-8"))

    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip(selected_areas, pool.map(run_child, selected_areas)))


def keep_same_prints(output, cases):
    """`cases`, with the recorded case kept wherever only the printed text changed and it
    prints the same within the corpus's tolerance: TensorFlow's printed floats differ in their
    last digits from one CPU to another (oneDNN's kernels), which is no change in TensorFlow."""
    if not output.exists():
        return cases
    import json

    old_cases = json.loads(output.read_text(encoding="utf-8"))["cases"]
    kept = {}
    for name, case in cases.items():
        old = old_cases.get(name)
        if (
            old is not None
            and {k: v for k, v in old.items() if k != "stdout"}
            == {k: v for k, v in case.items() if k != "stdout"}
            and programs_corpus.same_text(old["stdout"], case["stdout"])
        ):
            case = old
        kept[name] = case
    return kept


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:  # one area, in this process: write its record to a file
        import json

        _, area, path = argv
        pathlib.Path(path).write_text(json.dumps(record_area(area)), encoding="utf-8")
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 on change")
    parser.add_argument("--area", action="append", help="record only this area (repeatable)")
    args = parser.parse_args(argv)
    selected = args.area or programs_corpus.areas()
    import tensorflow as tf

    status = 0
    for area, cases in record(selected).items():
        recorded = {"tensorflow_version": tf.__version__, "note": NOTE % area, "cases": cases}
        errors = sum(case["error"] is not None for case in cases.values())
        summary = "%s: %d programs (%d end in an error)" % (area, len(cases), errors)
        output = programs_corpus.RECORDINGS / ("%s.json" % area)
        recorded["cases"] = keep_same_prints(output, cases)
        text = recording.one_case_per_line(recorded)
        status |= recording.write_or_check(output, text, summary, args.check)
    return status


if __name__ == "__main__":
    sys.exit(main())
