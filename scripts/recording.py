"""What every scripts/record_tf_*.py shares: write its recording, or check that it is current.

Each script runs its programs on real TensorFlow (in .venv-tf) and hands `main` the JSON text
of what TensorFlow did, with a one-line summary. Run plainly, the script writes the file under
tests/data/; with `--check` it writes nothing and exits 1 if the file would change (the file no
longer matches its programs, or TensorFlow answers differently)."""
import argparse
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent


def main(description, output, make_text, argv=None):
    """Write or check `output`; `make_text()` records and returns (json text, summary)."""
    parser = argparse.ArgumentParser(description=description.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if the recording would change")
    parser.add_argument("--output", type=pathlib.Path, default=output,
                        help="where to write (default: %(default)s)")
    args = parser.parse_args(argv)
    text, summary = make_text()
    old = args.output.read_text(encoding="utf-8") if args.output.exists() else None
    if args.check:
        print(("unchanged: " if text == old else "WOULD CHANGE: ") + summary)
        return 0 if text == old else 1
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    shown = args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output
    print("wrote %s: %s" % (shown, summary))
    return 0
