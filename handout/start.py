#!/usr/bin/env python3
"""Open the course in JupyterLab: the one command, the same on Linux, macOS and Windows.

    python start.py               install into .venv/ here (the first time), then open JupyterLab
    python start.py --no-browser  the same, without a browser (JupyterLab prints its address)
    python start.py --setup-only  install and make work/, but do not open JupyterLab
    python start.py --reset 03    put your notebook 03 back as the course has it (or: all);
                                  your version is moved to work/backup/ first
    python start.py --progress    every exercise in work/: done, not yet or not tried
Other options go to JupyterLab as they are. Everything stays in this folder: .venv/, work/
(and, from the teacher's archive, work/solutions/: the answer key, read-only).
"""
# The hand-out's start.py (tools/release.py copies it in), so: the standard library only. In
# the repository, tools/workspace.py (make lab, make reset) reuses its copies, backups and lab.
from __future__ import annotations  # an old Python gets as far as the version check

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
VENV, WORK, COURSE = HERE / ".venv", HERE / "work", HERE / "notebooks"
INPUTS = ("requirements.txt", "constraints.txt")
LAB_SETTINGS = {"@jupyterlab/apputils-extension:notification": {
    "checkForUpdates": False, "fetchNews": "false"}}   # no news pop-up, no update check
MADE_FROM = ".copies.json"   # in work/: notebook name -> sha256 of what its copy was made from
SOLUTIONS_NOTE = """# Solutions

The course's own notebooks, with a solution for every exercise and every output. Try an
exercise in your copy first (one folder up); open its notebook here when you are stuck.
These files are read-only and are refreshed from the course each time you start it: work
in your own copies, not here.
"""


def python_in(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def install() -> None:
    """Make .venv/ and install the course into it; skipped when it is up to date."""
    wanted = hashlib.sha256(b"".join((HERE / n).read_bytes() for n in INPUTS)).hexdigest()
    stamp, python = VENV / ".course-installed", python_in(VENV)
    if python.exists() and stamp.exists() and stamp.read_text() == wanted:
        return
    if not python.exists():
        print(f"Making a Python environment in {VENV} ...", flush=True)
        try:
            import venv
            venv.create(VENV, with_pip=True)
        except Exception as error:      # Debian/Ubuntu: python3-venv not installed
            shutil.rmtree(VENV, ignore_errors=True)
            sys.exit(f"Could not make {VENV} ({error}). On Debian or Ubuntu, install the "
                     "venv module (sudo apt install python3-venv) and run this again.")
    print("Installing what the course needs (the first time takes a few minutes) ...", flush=True)
    pip = [str(python), "-m", "pip", "install", "--disable-pip-version-check"]
    if subprocess.call(pip + ["-r", "requirements.txt", "-c", "constraints.txt"], cwd=HERE):
        sys.exit("The installation failed (see pip's message above). Check the connection "
                 "to the package registry and run this again: it goes on where it stopped.")
    stamp.write_text(wanted)


def write_atomic(path: Path, text: str | bytes) -> None:
    """Write ``path`` through a temporary file beside it: a reader sees all of it or none."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        if isinstance(text, bytes):
            tmp.write_bytes(text)
        else:
            tmp.write_text(text, encoding="utf-8", newline="\n")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def made_from(work: Path) -> dict:
    try:
        return json.loads((work / MADE_FROM).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}


def copy_in(notebooks: list[Path], work: Path) -> None:
    """Copy ``notebooks`` (the student edition) into ``work``, each file atomically, and
    note what each copy was made from."""
    work.mkdir(parents=True, exist_ok=True)
    for nb in notebooks:
        write_atomic(work / nb.name, nb.read_bytes())
    made = made_from(work) | {nb.name: digest(nb) for nb in notebooks}
    write_atomic(work / MADE_FROM, json.dumps(made, indent=1, sort_keys=True) + "\n")


def copy_missing(notebooks: list[Path], work: Path, reset: str) -> list[str]:
    """Your copy of every notebook that has none in ``work`` (an existing one is never
    touched; ``reset`` says how to take a newer version); return the copies made."""
    missing = [nb for nb in notebooks if not (work / nb.name).exists()]
    copy_in(missing, work)
    if missing:
        names = ", ".join(nb.name[:2] for nb in missing)
        print(f"made your copy of notebook(s) {names} in {work.name}/", flush=True)
    made = made_from(work)
    stale = [nb.name for nb in notebooks if made.get(nb.name) not in (None, digest(nb))]
    if stale:      # (no `:=` in this file: an old Python must reach the version check)
        print("The course has a newer version of: " + ", ".join(stale))
        print("Your copies are untouched. To take the new version of one (yours is copied "
              f"to {work.name}/backup/ first):  {reset}")
    return [nb.name for nb in missing]


def solutions(key: list[Path], work: Path) -> None:
    """work/solutions/: the answer ``key``, read-only, each file rewritten only if it changed."""
    folder = work / "solutions"
    folder.mkdir(parents=True, exist_ok=True)
    for src in key:
        dest = folder / src.name
        if not dest.exists() or digest(dest) != digest(src):
            if dest.exists():
                dest.chmod(0o644)   # Windows refuses to replace a read-only file
            write_atomic(dest, src.read_bytes())
            dest.chmod(0o444)
    if not (folder / "README.md").exists():
        write_atomic(folder / "README.md", SOLUTIONS_NOTE)


def keep(mine: Path, folder: Path) -> Path:
    """Copy ``mine`` to a new file in ``folder``, never over an older backup; return it."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for n in range(1, 10_000):
        backup = folder / f"{mine.stem}-{stamp}{'' if n == 1 else f'-{n}'}.ipynb"
        try:
            with open(backup, "xb") as out:     # "x": fails if the name is taken
                out.write(mine.read_bytes())
                os.fsync(out.fileno())
        except FileExistsError:
            continue
        print(f"your version is kept as {folder.parent.name}/{folder.name}/{backup.name}")
        return backup
    sys.exit(f"{folder} has 10 000 backups of {mine.name} stamped {stamp}")


def select(which: str, notebooks: list[Path], option: str = "--reset") -> list[Path]:
    """The notebooks named by ``which``: "all", a number ("3", "03") or a file name."""
    stem = which.removesuffix(".ipynb")
    chosen = [nb for nb in notebooks if which == "all" or nb.stem == stem
              or (stem.isdigit() and nb.name[:2] == f"{int(stem):02d}")]
    if not chosen:
        sys.exit(f"{option} must be a notebook number ({', '.join(nb.name[:2] for nb in notebooks)}"
                 f"), a file name or all; got {which!r}")
    return chosen


def reset(notebooks: list[Path], work: Path) -> list[Path]:
    """Put ``notebooks`` back in ``work`` after a backup of your versions in work/backup/;
    return the backups made."""
    backups = [keep(work / nb.name, work / "backup") for nb in notebooks
               if (work / nb.name).exists()]
    copy_in(notebooks, work)
    for nb in notebooks:
        print(f"{work.name}/{nb.name} is the course's again "
              "(in JupyterLab: File > Reload Notebook from Disk)")
    return backups


def lab(venv: Path, work: Path, extra: list[str]) -> int:
    """JupyterLab (of ``venv``) on ``work`` until it stops; return its exit status."""
    settings = venv / "share" / "jupyter" / "lab" / "settings"
    settings.mkdir(parents=True, exist_ok=True)
    write_atomic(settings / "overrides.json", json.dumps(LAB_SETTINGS) + "\n")
    cmd = [str(python_in(venv)), "-m", "jupyterlab", f"--notebook-dir={work}", *extra]
    cmd += ["--allow-root"] if getattr(os, "geteuid", lambda: 1)() == 0 else []
    env = {k: v for k, v in os.environ.items() if k not in ("MPLBACKEND", "PYTHONPATH")}
    print(f"starting JupyterLab on {work.name}/ (Ctrl+C twice to stop it)", flush=True)
    proc = subprocess.Popen(cmd, cwd=work, env=env)
    while True:
        try:
            return proc.wait()
        except KeyboardInterrupt:       # JupyterLab gets Ctrl-C too, and asks or stops
            continue


def progress() -> int:
    """The course's grading over work/ (nnfs.grading), against the notebooks handed out."""
    cache = VENV / "progress-cache.json"
    return subprocess.run([str(python_in(VENV)), "-m", "nnfs.grading", "progress", str(WORK),
                           "--reference", str(COURSE), "--cache", str(cache)]).returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--setup-only", action="store_true", help="install, do not open JupyterLab")
    parser.add_argument("--reset", metavar="NN", help="put notebook NN (or all) back as it was")
    parser.add_argument("--progress", action="store_true", help="which exercises are done")
    args, extra = parser.parse_known_args()
    if sys.version_info < (3, 11):  # noqa: UP036  (a learner may run any Python)
        sys.exit(f"The course needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    os.chdir(HERE)
    install()
    course, key = sorted(COURSE.glob("*.ipynb")), sorted(HERE.glob("answer-key/*.ipynb"))
    if key:     # the teacher's hand-out
        solutions(key, WORK)
    copy_missing(course, WORK, "python start.py --reset <number>")
    if args.reset:
        reset(select(args.reset, course), WORK)
        return 0
    if args.progress:
        return progress()
    return 0 if args.setup_only else lab(VENV, WORK, extra)


if __name__ == "__main__":
    sys.exit(main())
