#!/usr/bin/env python3
"""Open the course in JupyterLab: the one command, the same on Linux, macOS and Windows.

    python start.py               install into .venv/ here (the first time), then open JupyterLab
    python start.py --no-browser  the same, without a browser (JupyterLab prints its address)
    python start.py --setup-only  install and make work/, but do not open JupyterLab
    python start.py --reset 03    put your notebook 03 back as the course has it (or: all);
                                  your version is moved to work/backup/ first
    python start.py --progress    every exercise in work/: done, not yet or not tried
Other options go to JupyterLab as they are. Everything stays in this folder: .venv/, work/.
"""

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
VENV, WORK, COURSE = HERE / ".venv", HERE / "work", HERE / "notebooks"
INPUTS = ("requirements.txt", "constraints.txt")
PYTHON = VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def install() -> None:
    """Make .venv/ and install the course into it; skipped when it is up to date."""
    digest = hashlib.sha256(b"".join((HERE / n).read_bytes() for n in INPUTS)).hexdigest()
    stamp = VENV / ".course-installed"
    if PYTHON.exists() and stamp.exists() and stamp.read_text() == digest:
        return
    if not PYTHON.exists():
        print(f"Making a Python environment in {VENV} ...", flush=True)
        try:
            import venv
            venv.create(VENV, with_pip=True)
        except Exception as error:      # Debian/Ubuntu: python3-venv not installed
            shutil.rmtree(VENV, ignore_errors=True)
            sys.exit(f"Could not make {VENV} ({error}). On Debian or Ubuntu, install the "
                     "venv module (sudo apt install python3-venv) and run this again.")
    print("Installing what the course needs (the first time takes a few minutes) ...", flush=True)
    pip = [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check"]
    if subprocess.call(pip + ["-r", "requirements.txt", "-c", "constraints.txt"], cwd=HERE):
        sys.exit("The installation failed (see pip's message above). Check the connection "
                 "to the package registry and run this again: it goes on where it stopped.")
    stamp.write_text(digest)


def copy_missing() -> None:
    """Your copy of every course notebook in work/; an existing copy is never touched."""
    WORK.mkdir(exist_ok=True)
    for nb in sorted(COURSE.glob("*.ipynb")):
        if not (WORK / nb.name).exists():
            shutil.copyfile(nb, WORK / nb.name)


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
        print(f"your version is kept as work/backup/{backup.name}")
        return backup
    sys.exit(f"work/backup/ has 10 000 backups of {mine.name} stamped {stamp}")


def reset(which: str) -> None:
    chosen = [nb for nb in sorted(COURSE.glob("*.ipynb"))
              if which == "all" or nb.name.startswith(f"{which.zfill(2)}_")]
    if not chosen:
        sys.exit(f"--reset: no notebook {which!r}; give a number such as 03, or all")
    for nb in chosen:
        if (WORK / nb.name).exists():
            keep(WORK / nb.name, WORK / "backup")
        shutil.copyfile(nb, WORK / nb.name)
        print(f"work/{nb.name} is the course's again (in JupyterLab: File > Reload from Disk)")


def lab(extra: list[str]) -> int:
    cmd = [str(PYTHON), "-m", "jupyterlab", f"--notebook-dir={WORK}", *extra]
    cmd += ["--allow-root"] if getattr(os, "geteuid", lambda: 1)() == 0 else []
    env = {k: v for k, v in os.environ.items() if k not in ("MPLBACKEND", "PYTHONPATH")}
    proc = subprocess.Popen(cmd, cwd=WORK, env=env)
    while True:
        try:
            return proc.wait()
        except KeyboardInterrupt:       # JupyterLab gets Ctrl-C too, and asks or stops
            continue


def progress() -> int:
    """The course's grading over work/ (nnfs.grading), against the notebooks handed out."""
    cache = VENV / "progress-cache.json"
    return subprocess.run([str(PYTHON), "-m", "nnfs.grading", "progress", str(WORK),
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
    copy_missing()
    if args.reset:
        reset(args.reset)
        return 0
    if args.progress:
        return progress()
    return 0 if args.setup_only else lab(extra)


if __name__ == "__main__":
    sys.exit(main())
