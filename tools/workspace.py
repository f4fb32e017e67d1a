#!/usr/bin/env python3
"""The learner's own copy of the course, in work/ (make lab, make reset).

    python tools/workspace.py lab [ARGS] | init | reset NN|all

JupyterLab opens work/, never notebooks/: nothing a learner does there changes the course
in git. A copy is the student edition of its notebook (build/student/). Copies, backups,
work/solutions/ (the course's own notebooks, read-only, refreshed at every `make lab`) and
the lab are the hand-out's start.py (handout/start.py): `reset` first copies the learner's
version to a new file in work/backup/ (never over an older one), then replaces it atomically.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from notebook_files import ROOT, course_notebooks, start  # start: handout/start.py

WORK = ROOT / "work"


def edition(work: Path, sources: list[Path]) -> list[Path]:
    """The student edition of ``sources`` (what `make student` writes), up to date."""
    import student_edition

    return student_edition.ensure(work.parent / "build" / "student", sources)


def init(work: Path = WORK, sources: list[Path] | None = None) -> list[str]:
    """Refresh work/solutions/ and make the copy of every course notebook that has none;
    return the names of the copies made."""
    sources = sources or course_notebooks()
    start.solutions(sources, work)
    return start.copy_missing(edition(work, sources), work, "make reset NB=<number>")


def reset(which: str, work: Path = WORK, sources: list[Path] | None = None) -> list[Path]:
    """Put the chosen notebooks back as the course has them; return the backups made."""
    sources = sources or course_notebooks()
    names = [s.name for s in start.select(which, sources, option="NB")]
    return start.reset([p for p in edition(work, sources) if p.name in names], work)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("lab", "init", "reset"))
    parser.add_argument("which", nargs="?", help='reset: a number such as 03, or "all"')
    args, extra = parser.parse_known_args(argv)
    if (extra and args.command != "lab") or (args.command == "reset") != bool(args.which):
        parser.error("usage: lab [ARGS] | init | reset NN|all")
    try:
        if args.command == "reset":
            reset(args.which)
            return 0
        init()
    except ValueError as exc:   # student_edition.MarkerError: a marker left unpaired
        sys.exit(f"FAILED: {exc}")
    return start.lab(Path(sys.prefix), WORK, extra) if args.command == "lab" else 0


if __name__ == "__main__":
    sys.exit(main())
