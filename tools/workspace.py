#!/usr/bin/env python3
"""The learner's own copy of the course, in work/ (make lab, make reset).

    python tools/workspace.py lab [ARGS] | init | status | reset NN|all

JupyterLab opens work/, never notebooks/: nothing a learner does there changes the course
in git. A copy is the student edition of its notebook. Copies, backups and the lab are the
hand-out's (release_start.py, its start.py): `reset` first copies the learner's version to
a new file in work/backup/ (never over an older one), then replaces it atomically.
work/solutions/ holds the course's own notebooks, read-only, refreshed from notebooks/ at
every `make lab`: the solution of the exercise a learner is on is one click away in the lab.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import release_start as start
from notebook_files import ROOT, course_notebooks, digest

WORK = ROOT / "work"
MANIFEST = ".course.json"  # notebook name -> sha256 of the course notebook it was made from
SOLUTIONS_NOTE = """# Solutions

The course's own notebooks, with a solution for every exercise and every output. Try an
exercise in your copy first (one folder up); open its notebook here when you are stuck.
These files are read-only and are refreshed from the course at every `make lab`: work in
your own copies, not here.
"""


def _manifest(work: Path) -> dict:
    try:
        return json.loads((work / MANIFEST).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}


def _edition(work: Path, sources: list[Path]) -> list[Path]:
    """The student edition of ``sources`` (what `make student` writes), up to date."""
    import student_edition  # nbformat only when a copy is made: `make lab` starts at once

    return student_edition.ensure(work.parent / "build" / "student", sources)


def _record(work: Path, sources: list[Path], names: list[str]) -> None:
    """Note which course notebook each copy in ``names`` was made from (for `status`)."""
    manifest = _manifest(work) | {s.name: digest(s) for s in sources if s.name in names}
    start.write_atomic(work / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True) + "\n")


def solutions(work: Path, sources: list[Path]) -> None:
    """Refresh work/solutions/: each course notebook, read-only, rewritten only if it changed."""
    folder = work / "solutions"
    folder.mkdir(exist_ok=True)
    for src in sources:
        dest = folder / src.name
        if not dest.exists() or digest(dest) != digest(src):
            start.write_atomic(dest, src.read_bytes())
            dest.chmod(0o444)
    if not (folder / "README.md").exists():
        start.write_atomic(folder / "README.md", SOLUTIONS_NOTE)


def init(work: Path = WORK, sources: list[Path] | None = None) -> list[str]:
    """Make the copy of every course notebook that has none, and refresh work/solutions/;
    return the names of the copies made."""
    sources = sources or course_notebooks()
    work.mkdir(parents=True, exist_ok=True)
    solutions(work, sources)
    made = []
    if any(not (work / s.name).exists() for s in sources):
        made = start.copy_missing(_edition(work, sources), work)
        _record(work, sources, made)
    if stale := status(work, sources):
        print("The course has a newer version of: " + ", ".join(stale))
        print("Your copies are untouched. To take the new version of one (yours is copied "
              "to work/backup/ first):  make reset NB=<number>")
    return made


def status(work: Path = WORK, sources: list[Path] | None = None) -> list[str]:
    """Names of the copies whose course notebook has changed since they were made."""
    manifest = _manifest(work)
    return [s.name for s in sources or course_notebooks()
            if (work / s.name).exists() and manifest.get(s.name) not in (None, digest(s))]


def reset(which: str, work: Path = WORK, sources: list[Path] | None = None) -> list[Path]:
    """Put the chosen notebooks back as the course has them; return the backups made."""
    sources = sources or course_notebooks()
    names = [s.name for s in start.select(which, sources, option="NB")]
    backups = start.reset([p for p in _edition(work, sources) if p.name in names], work)
    _record(work, sources, names)
    return backups


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("lab", "init", "status", "reset"))
    parser.add_argument("which", nargs="?", help='reset: a number such as 03, or "all"')
    args, extra = parser.parse_known_args(argv)
    if (extra and args.command != "lab") or (args.command == "reset") != bool(args.which):
        parser.error("usage: lab [ARGS] | init | status | reset NN|all")
    try:
        if args.command in ("lab", "init"):
            init()
        if args.command == "lab":
            return start.lab(Path(sys.prefix), WORK, extra)
        if args.command == "status":
            print("\n".join(status()) or "Every copy matches the course.")
        elif args.command == "reset":
            reset(args.which)
    except ValueError as exc:   # student_edition.MarkerError: a marker left unpaired
        sys.exit(f"FAILED: {exc}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
