"""Writes each learner's blank exercise from its master: `python -m course.generate [--check]`.

    python -m course.generate          rewrite exercises/NN_slug.ipynb from course/masters/
    python -m course.generate --check  only report blanks that differ from their master (exit 1)
    python -m course.generate --execute [NN ...]
                                       first re-run the lessons and masters (all, or units NN) in
                                       place, storing their outputs (and the lessons' slide
                                       metadata, course/slides.py), then write the blanks

Course authors edit a master or lesson, run `--execute`, and commit all three; CI runs `--check`,
and runs the lessons and masters under nbval to compare the stored outputs with fresh ones.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from course import notebooks, slides
from course.syllabus import COURSE_ROOT, load_syllabus


def expected_blanks(root: Path = COURSE_ROOT) -> dict[Path, str]:
    """exercise path -> the text the generator writes there, for every unit that has a master."""
    blanks = {}
    for unit in load_syllabus(root / "course" / "syllabus.toml"):
        master = root / unit.master
        if master.exists():
            blanks[root / unit.exercise] = notebooks.serialize(
                notebooks.make_blank(notebooks.read(master))
            )
    return blanks


def out_of_sync(root: Path = COURSE_ROOT) -> list[Path]:
    return [
        path
        for path, text in expected_blanks(root).items()
        if not path.exists() or path.read_text(encoding="utf-8") != text
    ]


def execute_in_place(path: Path) -> None:
    """Re-run a lesson or master in a fresh kernel and store its outputs (stops at the first
    error)."""
    executed = notebooks.execute(notebooks.read(path), cwd=path.parent, allow_errors=False)
    executed.metadata.get("language_info", {}).pop(
        "version", None
    )  # not the author's Python version
    path.write_text(notebooks.serialize(executed), encoding="utf-8")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m course.generate", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--check", action="store_true", help="only check that the blanks are up to date"
    )
    parser.add_argument(
        "--execute",
        nargs="*",
        metavar="NN",
        help="re-run lessons and masters (all, or these units) and store their outputs first",
    )
    args = parser.parse_args(argv)
    if args.execute is not None:
        chosen = {int(n) for n in args.execute}
        for unit in load_syllabus():
            if unit.ready and (not chosen or unit.number in chosen):
                for relative in (unit.lesson, unit.master):
                    if (COURSE_ROOT / relative).exists():
                        print(f"executing {relative}", flush=True)
                        execute_in_place(COURSE_ROOT / relative)
                if (COURSE_ROOT / unit.lesson).exists():
                    slides.mark_file(COURSE_ROOT / unit.lesson)  # a demo copy presents as slides
    if args.check:
        stale = out_of_sync()
        for path in stale:
            print(f"out of date: {path.relative_to(COURSE_ROOT)} (run python -m course.generate)")
        return 1 if stale else 0
    for path, text in expected_blanks().items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(COURSE_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
