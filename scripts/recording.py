"""What every scripts/record_tf_*.py shares: write its recording, or check that it is current.

Each script runs its programs on real TensorFlow (in .venv-tf) and hands `main` the JSON text
of what TensorFlow did, with a one-line summary. Run plainly, the script writes the file under
tests/data/; with `--check` it writes nothing and exits 1 if the file would change (the file no
longer matches its programs, or TensorFlow answers differently)."""

import argparse
import json
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
    summary = summarize(recording)
    old = args.output.read_text(encoding="utf-8") if args.output.exists() else None
    if args.check:
        print(("unchanged: " if text == old else "WOULD CHANGE: ") + summary)
        return 0 if text == old else 1
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    shown = args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output
    print("wrote %s: %s" % (shown, summary))
    return 0
