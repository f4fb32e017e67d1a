#!/usr/bin/env python3
"""Write the course's hand-out: build/release/nnfs-layers-course-<version>-student.zip.

    python tools/release.py [--out build/release]        (make release)

The archive needs nothing but Python 3.11+ and the package registry. Inside its folder:
START.txt (what to do), start.py (the one command: a venv here, the install, JupyterLab),
LICENSE, requirements.txt (the learner's packages, pinned) with constraints.txt (all they
pull in, pinned as the tests ran them), wheels/ (the course's nnfs) and notebooks/ (the
student edition of `make student`: exercises blank, no solutions). The teacher's
variant, ...-teacher.zip, adds answer-key/ (the notebooks with their solutions).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import student_edition  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
NAME = "nnfs-layers-course"
# What a learner installs besides the course's wheel (which brings numpy and matplotlib).
LEARNER_PACKAGES = ("numpy", "matplotlib", "jupyterlab", "ipykernel")
START_SCRIPT = Path(__file__).resolve().parent / "release_start.py"
STAMP = (1980, 1, 1, 0, 0, 0)   # every entry's date: the same archive for the same files


def version() -> str:
    text = (ROOT / "nnfs" / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'^__version__ = "([^"]+)"', text, re.M).group(1)


def pins() -> dict[str, str]:
    """{package: 'package==version'} from constraints.txt (names compared normalised)."""
    found = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if "==" in line and not line.startswith("#"):
            found[re.sub(r"[-_.]+", "-", line.split("==")[0].lower())] = line.strip()
    return found


def build_wheel(dest: Path) -> Path:
    """The course's nnfs as a wheel, built from a clean copy (no stale build/ files)."""
    with tempfile.TemporaryDirectory(prefix="wheel-") as tmp:
        src = Path(tmp) / "src"
        shutil.copytree(ROOT / "nnfs", src / "nnfs",
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        for name in ("pyproject.toml", "README.md", "LICENSE"):
            shutil.copyfile(ROOT / name, src / name)
        subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                        "--disable-pip-version-check", "-w", str(dest), str(src)], check=True)
    wheels = sorted(dest.glob("nnfs_layers_course-*.whl"))
    if len(wheels) != 1:
        raise SystemExit(f"expected one wheel in {dest}, found {[w.name for w in wheels]}")
    return wheels[0]


def start_text(v: str) -> str:
    return f"""Neural Networks from Scratch, part 4: Layers -- the course, version {v}

You need Python 3.11 or newer (https://www.python.org) and, the first time, a connection
to the Python package registry (PyPI). Nothing is installed outside this folder.

1. Unzip this archive where you want to work.
2. Open a terminal in the unzipped folder and run
       python start.py          (Windows: py start.py; some systems: python3 start.py)
   The first time it installs what the course needs into .venv/ in this folder
   (a few minutes; TODO-TIMING: measured by the lead), then opens JupyterLab in your
   browser. Later runs open it at once.
3. Your work lives in work/: your copy of each notebook. Fill in the cells marked
   "# YOUR CODE HERE" and run the check cell after each one.

Stop JupyterLab: File > Shut Down in JupyterLab, or Ctrl-C twice in the terminal.
Start a notebook again: python start.py --reset 03 (your version moves to work/backup/).
Debian/Ubuntu: if start.py says venv is missing, install it: sudo apt install python3-venv
Licence: LICENSE (code: MIT; prose and figures: CC BY 4.0).
"""


def requirements(wheel: Path) -> str:
    pinned = pins()
    lines = ["# What the course needs, pinned (start.py installs it with constraints.txt).",
             f"wheels/{wheel.name}"]
    return "\n".join(lines + [pinned[p] for p in LEARNER_PACKAGES]) + "\n"


def write_zip(path: Path, top: str, files: dict[str, bytes]) -> None:
    """Write the archive beside ``path``, then rename it: a reader never sees half a zip."""
    part = path.with_name(f".{path.name}.{os.getpid()}.part")
    with zipfile.ZipFile(part, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(files):
            info = zipfile.ZipInfo(f"{top}/{name}", STAMP)
            info.external_attr = (0o755 if name.endswith(".py") else 0o644) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, files[name])
    os.replace(part, path)


def build(out: Path) -> tuple[Path, Path]:
    """Write the student and the teacher archive into ``out``; returns their paths."""
    v = version()
    edition = student_edition.ensure()          # build/student/, rebuilt if out of date
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="release-") as tmp:
        wheel = build_wheel(Path(tmp))
        constraints = "\n".join(p for p in pins().values()) + "\n"
        files = {
            "START.txt": start_text(v).encode(), "LICENSE": (ROOT / "LICENSE").read_bytes(),
            "start.py": START_SCRIPT.read_bytes(),
            "requirements.txt": requirements(wheel).encode(),
            "constraints.txt": b"# Every package, pinned as the course's tests ran it.\n"
                               + constraints.encode(),
            f"wheels/{wheel.name}": wheel.read_bytes(),
        }
    files |= {f"notebooks/{p.name}": p.read_bytes() for p in edition}
    top = f"{NAME}-{v}"
    student = out / f"{top}-student.zip"
    teacher = out / f"{top}-teacher.zip"
    write_zip(student, top, files)
    keys = student_edition.course_notebooks()
    write_zip(teacher, top, files | {f"answer-key/{p.name}": p.read_bytes() for p in keys})
    return student, teacher


def ensure(out: Path = ROOT / "build" / "release") -> list[Path]:
    """The two archives in ``out``, built only when one is missing or older than an input."""
    edition = student_edition.ensure()
    paths = [out / f"{NAME}-{version()}-{kind}.zip" for kind in ("student", "teacher")]
    inputs = [*edition, *(ROOT / "nnfs").rglob("*.py"), *student_edition.course_notebooks(),
              START_SCRIPT, Path(__file__).resolve(),
              *(ROOT / n for n in ("LICENSE", "constraints.txt", "pyproject.toml", "README.md"))]
    newest = max(p.stat().st_mtime for p in inputs)
    if all(p.exists() and p.stat().st_mtime >= newest for p in paths):
        return paths
    return list(build(out))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "release")
    args = parser.parse_args(argv)
    try:
        for path in build(args.out):
            print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")
    except (student_edition.MarkerError, student_edition.run_notebooks.NotebookFailed) as exc:
        print(f"FAILED: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
