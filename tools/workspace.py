#!/usr/bin/env python3
"""The learner's own copy of the course, in work/ (ignored by git).

    python tools/workspace.py lab [ARGS]    # init, then JupyterLab on work/ (make lab)
    python tools/workspace.py init          # make the copies that are missing
    python tools/workspace.py reset 03      # put notebook 03 back as the course has it
    python tools/workspace.py reset all     # every notebook
    python tools/workspace.py status        # which copies the course has changed since

`make lab` opens JupyterLab on work/, never on notebooks/: whatever a learner does
there (run, edit, autosave, new notebooks from the Launcher) cannot change the course
as stored in git, and a `git pull` of a newer course never conflicts with it. A copy
is the student edition of its notebook (tools/student_edition.py: exercises blank,
checks kept, no outputs). Nothing the learner wrote is ever lost: `reset` first copies
the learner's version to a new file in work/backup/ (never over an older backup), then
replaces it atomically, so an interrupted reset leaves one or the other whole.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from pathlib import Path

# tools/student_edition.py (and nbformat, a second to import) only when a copy is made:
# a later `make lab` starts JupyterLab at once.
sys.path.insert(0, str(Path(__file__).resolve().parent))

REPO_ROOT = Path(__file__).resolve().parent.parent
WORK = REPO_ROOT / "work"
MANIFEST = ".course.json"  # notebook name -> sha256 of the course notebook it was made from


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _manifest(work: Path) -> dict:
    try:
        return json.loads((work / MANIFEST).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file beside it: all of it or nothing."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8", newline="\n")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def course_notebooks() -> list[Path]:
    return sorted((REPO_ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def _save_manifest(work: Path, manifest: dict) -> None:
    write_atomic(work / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True)
                               + "\n")


def _make_copies(sources: list[Path], wanted: list[Path], work: Path) -> None:
    """Copy the student edition of ``wanted`` into ``work``, each file atomically."""
    import student_edition

    manifest = _manifest(work)
    edition = work.parent / "build" / "student"       # what `make student` writes
    student_edition.ensure(edition, sources)
    for src in wanted:
        text = (edition / src.name).read_text(encoding="utf-8")
        write_atomic(work / src.name, text)
        manifest[src.name] = _digest(src)
    _save_manifest(work, manifest)
    names = ", ".join(s.name.split("_")[0] for s in wanted)
    print(f"[lab] made your copy of notebook(s) {names} in {work.name}/", flush=True)


def init(work: Path = WORK, sources: list[Path] | None = None) -> list[str]:
    """Make the learner's copy of every course notebook that has none; return their names."""
    sources = sources or course_notebooks()
    work.mkdir(parents=True, exist_ok=True)
    missing = [s for s in sources if not (work / s.name).exists()]
    if missing:
        _make_copies(sources, missing, work)
    stale = status(work, sources)
    if stale:
        print("The course has a newer version of: " + ", ".join(stale))
        print("Your copies are untouched. To take the new version of one (yours is copied "
              "to work/backup/ first):  make reset NB=<number>")
    return [s.name for s in missing]


def status(work: Path = WORK, sources: list[Path] | None = None) -> list[str]:
    """Names of the learner's copies whose course notebook has changed since they were made."""
    sources = sources or course_notebooks()
    manifest = _manifest(work)
    return [s.name for s in sources
            if (work / s.name).exists() and manifest.get(s.name) not in (None, _digest(s))]


def select(which: str, sources: list[Path]) -> list[Path]:
    """The notebooks named by ``which``: "all", a number ("3", "03") or a file name."""
    if which == "all":
        return list(sources)
    stem = which.removesuffix(".ipynb")
    chosen = [s for s in sources
              if s.stem == stem or (stem.isdigit() and s.name[:2] == f"{int(stem):02d}")]
    if not chosen:
        names = ", ".join(s.name[:2] for s in sources)
        raise SystemExit(f"NB must be a notebook number ({names}), a file name or all; "
                         f"got {which!r}")
    return chosen


def reset(which: str, work: Path = WORK, sources: list[Path] | None = None) -> list[Path]:
    """Put the chosen notebooks back as the course has them; return the backups made."""
    sources = sources or course_notebooks()
    chosen = select(which, sources)
    work.mkdir(parents=True, exist_ok=True)
    backups = [keep(work / src.name, work / "backup") for src in chosen
               if (work / src.name).exists()]
    _make_copies(sources, chosen, work)
    return backups


def keep(mine: Path, folder: Path) -> Path:
    """Copy ``mine`` to a new file in ``folder``, never over an existing one; return it."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for n in range(1, 10_000):
        backup = folder / f"{mine.stem}.{stamp}{'' if n == 1 else f'-{n}'}.ipynb"
        try:
            with open(backup, "xb") as out:     # "x": fails if the name is taken
                out.write(mine.read_bytes())
                out.flush()
                os.fsync(out.fileno())
        except FileExistsError:
            continue
        print(f"  your version is kept as work/backup/{backup.name}")
        return backup
    raise SystemExit(f"work/backup/ has 10 000 backups of {mine.name} stamped {stamp}")


LAB_SETTINGS = {"@jupyterlab/apputils-extension:notification": {
    "checkForUpdates": False, "fetchNews": "false"}}   # no news pop-up, no update check


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
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("init", help="make the copies that are missing")
    sub.add_parser("lab", help="init, then open JupyterLab on work/")
    sub.add_parser("status", help="list copies the course has changed since")
    r = sub.add_parser("reset", help="put a notebook back as the course has it")
    r.add_argument("which", help='a number such as 03, a file name, or "all"')
    args, extra = parser.parse_known_args(argv)
    if extra and args.command != "lab":
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    try:
        if args.command == "lab":
            lab(extra)
        elif args.command == "init":
            init()
        elif args.command == "status":
            stale = status()
            print("\n".join(stale) if stale else "Every copy matches the course.")
        else:
            reset(args.which)
    except ValueError as exc:   # student_edition.MarkerError: a marker left unpaired
        print(f"FAILED: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
