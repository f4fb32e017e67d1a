#!/usr/bin/env python3
"""The learner's own copy of the course, in work/ (make lab, make reset).

    python tools/workspace.py lab [ARGS] | init | status | reset NN|all

JupyterLab opens work/, never notebooks/: nothing a learner does there changes the course
in git. A copy is the student edition of its notebook. `reset` first copies the learner's
version to a new file in work/backup/ (never over an older one), then replaces it atomically.
work/solutions/ holds the course's own notebooks, read-only, refreshed from notebooks/ at
every `make lab`: the solution of the exercise a learner is on is one click away in the lab.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from notebook_files import ROOT, course_notebooks, digest, write_atomic
from release_start import keep  # the hand-out's start.py: one rule for backups

WORK = ROOT / "work"
MANIFEST = ".course.json"  # notebook name -> sha256 of the course notebook it was made from
LAB_SETTINGS = {"@jupyterlab/apputils-extension:notification": {
    "checkForUpdates": False, "fetchNews": "false"}}   # no news pop-up, no update check


def _manifest(work: Path) -> dict:
    try:
        return json.loads((work / MANIFEST).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}


def _make_copies(sources: list[Path], wanted: list[Path], work: Path) -> None:
    """Copy the student edition of ``wanted`` into ``work``, each file atomically."""
    import student_edition  # nbformat only when a copy is made: `make lab` starts at once

    edition = work.parent / "build" / "student"       # what `make student` writes
    student_edition.ensure(edition, sources)
    manifest = _manifest(work)
    for src in wanted:
        write_atomic(work / src.name, (edition / src.name).read_text(encoding="utf-8"))
        manifest[src.name] = digest(src)
    write_atomic(work / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    names = ", ".join(s.name[:2] for s in wanted)
    print(f"[lab] made your copy of notebook(s) {names} in {work.name}/", flush=True)


SOLUTIONS_NOTE = """# Solutions

The course's own notebooks, with a solution for every exercise and every output. Try an
exercise in your copy first (one folder up); open its notebook here when you are stuck.
These files are read-only and are refreshed from the course at every `make lab`: work in
your own copies, not here.
"""


def solutions(work: Path, sources: list[Path]) -> None:
    """Refresh work/solutions/: each course notebook, read-only, rewritten only if it changed."""
    folder = work / "solutions"
    folder.mkdir(exist_ok=True)
    for src in sources:
        dest = folder / src.name
        if not dest.exists() or digest(dest) != digest(src):
            write_atomic(dest, src.read_bytes())
            dest.chmod(0o444)
    if not (folder / "README.md").exists():
        write_atomic(folder / "README.md", SOLUTIONS_NOTE)


def init(work: Path = WORK, sources: list[Path] | None = None) -> list[str]:
    """Make the copy of every course notebook that has none, and refresh work/solutions/;
    return the names of the copies made."""
    sources = sources or course_notebooks()
    work.mkdir(parents=True, exist_ok=True)
    solutions(work, sources)
    if missing := [s for s in sources if not (work / s.name).exists()]:
        _make_copies(sources, missing, work)
    if stale := status(work, sources):
        print("The course has a newer version of: " + ", ".join(stale))
        print("Your copies are untouched. To take the new version of one (yours is copied "
              "to work/backup/ first):  make reset NB=<number>")
    return [s.name for s in missing]


def status(work: Path = WORK, sources: list[Path] | None = None) -> list[str]:
    """Names of the copies whose course notebook has changed since they were made."""
    manifest = _manifest(work)
    return [s.name for s in sources or course_notebooks()
            if (work / s.name).exists() and manifest.get(s.name) not in (None, digest(s))]


def select(which: str, sources: list[Path]) -> list[Path]:
    """The notebooks named by ``which``: "all", a number ("3", "03") or a file name."""
    stem = which.removesuffix(".ipynb")
    chosen = [s for s in sources if which == "all" or s.stem == stem
              or (stem.isdigit() and s.name[:2] == f"{int(stem):02d}")]
    if not chosen:
        raise SystemExit(f"NB must be a notebook number ({', '.join(s.name[:2] for s in sources)}"
                         f"), a file name or all; got {which!r}")
    return chosen


def reset(which: str, work: Path = WORK, sources: list[Path] | None = None) -> list[Path]:
    """Put the chosen notebooks back as the course has them; return the backups made."""
    sources = sources or course_notebooks()
    chosen = select(which, sources)
    work.mkdir(parents=True, exist_ok=True)
    backups = [keep(work / s.name, work / "backup") for s in chosen if (work / s.name).exists()]
    _make_copies(sources, chosen, work)
    return backups


def lab(args: list[str]) -> None:
    """Make the missing copies, then replace this process with JupyterLab on work/."""
    init()
    settings = Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings"
    settings.mkdir(parents=True, exist_ok=True)
    write_atomic(settings / "overrides.json", json.dumps(LAB_SETTINGS) + "\n")
    root = ["--allow-root"] if os.geteuid() == 0 else []
    jupyter = str(Path(sys.executable).with_name("jupyter"))
    print("[lab] starting JupyterLab on work/ (Ctrl+C twice to stop it)", flush=True)
    os.execv(jupyter, [jupyter, "lab", f"--notebook-dir={WORK}", *root, *args])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("lab", "init", "status", "reset"))
    parser.add_argument("which", nargs="?", help='reset: a number such as 03, or "all"')
    args, extra = parser.parse_known_args(argv)
    if (extra and args.command != "lab") or (args.command == "reset") != bool(args.which):
        parser.error("usage: lab [ARGS] | init | status | reset NN|all")
    try:
        if args.command == "lab":
            lab(extra)
        elif args.command == "init":
            init()
        elif args.command == "status":
            print("\n".join(status()) or "Every copy matches the course.")
        else:
            reset(args.which)
    except ValueError as exc:   # student_edition.MarkerError: a marker left unpaired
        sys.exit(f"FAILED: {exc}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
