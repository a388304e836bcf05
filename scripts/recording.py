"""What every scripts/record_tf_*.py shares: write its recording, or check that it is current.

Each script runs its programs on real TensorFlow (in .venv-tf) and hands `main` the JSON text
of what TensorFlow did, with a one-line summary. Run plainly, the script writes the file under
tests/data/; with `--check` it writes nothing and exits 1 if the file would change (the file no
longer matches its programs, or TensorFlow answers differently; floats count as the same
within 1e-5, as TensorFlow's last bits differ from one CPU to another)."""

import argparse
import json
import math
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent


def main(description, output, record_all, to_json_text, summarize, argv=None):
    """Write or check `output`: `record_all()` runs the programs on TensorFlow, `to_json_text`
    lays the recording out (its text must read back as the same data), and `summarize` says
    in one line what it holds."""
    parser = argparse.ArgumentParser(description=description.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if the recording would change"
    )
    parser.add_argument(
        "--output", type=pathlib.Path, default=output, help="where to write (default: %(default)s)"
    )
    args = parser.parse_args(argv)
    recording = record_all()
    text = to_json_text(recording)
    assert json.loads(text) == json.loads(json.dumps(recording))  # (plain JSON, same data)
    return write_or_check(args.output, text, summarize(recording), args.check)


def write_or_check(output, text, summary, check):
    """Write `text` to `output` (0), or with `check` only say whether it would change (1 if
    it would); print one line with `summary` either way."""
    old = output.read_text(encoding="utf-8") if output.exists() else None
    if old is not None and text != old and same_data(json.loads(old), json.loads(text)):
        # TensorFlow's float results differ in their last bits from one CPU to another
        # (oneDNN's kernels): the recording is still current.
        text = old
    if check:
        print(("unchanged: " if text == old else "WOULD CHANGE: ") + summary)
        return 0 if text == old else 1
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    shown = output.relative_to(ROOT) if output.is_relative_to(ROOT) else output
    print("wrote %s: %s" % (shown, summary))
    return 0


def same_data(old, new, rel=1e-5, abs_=1e-5):
    """Whether two recordings hold the same data, floats within rel/abs_ of each other
    (everything else exactly)."""
    if isinstance(old, float) and isinstance(new, float):
        return math.isclose(old, new, rel_tol=rel, abs_tol=abs_) or (old != old and new != new)
    if type(old) is not type(new):
        return False
    if isinstance(old, dict):
        return old.keys() == new.keys() and all(same_data(old[k], new[k]) for k in old)
    if isinstance(old, list):
        return len(old) == len(new) and all(map(same_data, old, new))
    return old == new


def cases_json_text(recording, scalar_keys, list_keys):
    """A recording {..., "cases": {name: {...}}} as JSON text with sorted keys: each case's
    `scalar_keys` on one line each, then its `list_keys` lists one item per line (short diffs
    when a recording changes)."""
    lines = ["{"]
    for key in sorted(k for k in recording if k != "cases"):
        lines.append(" %s: %s," % (json.dumps(key), json.dumps(recording[key])))
    lines.append(' "cases": {')
    names = sorted(recording["cases"])
    for case_index, name in enumerate(names):
        entry = recording["cases"][name]
        lines.append("  %s: {" % json.dumps(name))
        for key in scalar_keys:
            lines.append("   %s: %s," % (json.dumps(key), json.dumps(entry[key])))
        for list_index, key in enumerate(list_keys):
            lines.append("   %s: [" % json.dumps(key))
            items = entry[key]
            lines.extend(
                "    " + json.dumps(item, sort_keys=True) + ("," if index < len(items) - 1 else "")
                for index, item in enumerate(items)
            )
            lines.append("   ]" + ("," if list_index < len(list_keys) - 1 else ""))
        lines.append("  }" + ("," if case_index < len(names) - 1 else ""))
    lines.append(" }")
    lines.append("}")
    return "\n".join(lines) + "\n"


def one_case_per_line(recording):
    """A recording {"tensorflow_version", "note", "cases": {name: {...}}} as JSON text: one
    case per line, keys sorted (a stable, reviewable file)."""
    lines = [
        '{"tensorflow_version": %s,' % json.dumps(recording["tensorflow_version"]),
        ' "note": %s,' % json.dumps(recording["note"]),
        ' "cases": {',
    ]
    items = sorted(recording["cases"].items())
    for i, (name, case) in enumerate(items):
        comma = "," if i < len(items) - 1 else ""
        lines.append("  %s: %s%s" % (json.dumps(name), json.dumps(case, sort_keys=True), comma))
    lines.append(" }}")
    return "\n".join(lines) + "\n"


def record_eager_then_v1(cases_module, tf):
    """{name: record} of a cases module whose cases are "eager" or "v1" (each has .name, .mode,
    .source; `cases_module.run_case(case, tf)`): the eager ones first, then, after
    disable_v2_behavior() (which cannot be undone), the v1 ones, each in a fresh graph."""
    cases = {}
    for case in cases_module.CASES:
        if case.mode == "eager":
            cases[case.name] = dict(cases_module.run_case(case, tf), source=case.source)
    tf.compat.v1.disable_v2_behavior()
    for case in cases_module.CASES:
        if case.mode == "v1":
            with tf.Graph().as_default():
                record = cases_module.run_case(case, tf.compat.v1)
            cases[case.name] = dict(record, source=case.source)
    return cases
