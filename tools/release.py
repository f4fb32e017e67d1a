#!/usr/bin/env python3
"""Write the hand-out: build/release/nnfs-layers-course-<version>-student.zip (make release).

Inside its folder: START.txt and start.py (from handout/, as they are),
LICENSE, requirements.txt and constraints.txt (pinned), wheels/ (the course's nnfs) and
notebooks/ (the student edition). The -teacher.zip beside it adds answer-key/.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import student_edition
from notebook_files import ROOT, course_notebooks, write_atomic

NAME, OUT, HERE = "nnfs-layers-course", ROOT / "build" / "release", Path(__file__).parent
HANDOUT = ROOT / "handout"   # the hand-out's own files: START.txt, start.py
# What a learner installs besides the course's wheel (which brings numpy and matplotlib).
LEARNER_PACKAGES = ("numpy", "matplotlib", "jupyterlab", "ipykernel")
STAMP = (1980, 1, 1, 0, 0, 0)   # every entry's date: the same archive for the same files


def version() -> str:
    text = (ROOT / "nnfs" / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'^__version__ = "([^"]+)"', text, re.M).group(1)


def pins() -> dict[str, str]:
    """{normalised package name: 'package==version'} from constraints.txt."""
    lines = (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
    return {re.sub(r"[-_.]+", "-", s.split("==")[0].lower()) + s.partition(";")[2]: s.strip()
            for s in lines if "==" in s and not s.startswith("#")}   # a marker keeps its line


def build_wheel(dest: Path) -> Path:
    """The course's nnfs as a wheel, built from a clean copy (no stale build/ files)."""
    src = dest / "src"
    shutil.copytree(ROOT / "nnfs", src / "nnfs", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copyfile(ROOT / name, src / name)
    if importlib.util.find_spec("pip") is None:   # a venv that uv filled has no pip
        subprocess.run([sys.executable, "-m", "ensurepip"], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                    "--disable-pip-version-check", "-w", str(dest), str(src)], check=True)
    (wheel,) = dest.glob("nnfs_layers_course-*.whl")
    return wheel


def zip_bytes(top: str, files: dict[str, bytes]) -> bytes:
    """A zip of ``files`` under the folder ``top``, the same bytes for the same files."""
    with tempfile.TemporaryFile() as raw:
        with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as zf:
            for name in sorted(files):
                info = zipfile.ZipInfo(f"{top}/{name}", STAMP)
                info.external_attr = (0o755 if name.endswith(".py") else 0o644) << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(info, files[name])
        raw.seek(0)
        return raw.read()


def build(out: Path = OUT) -> tuple[Path, Path]:
    """Write the student and the teacher archive into ``out``; return their paths."""
    v, pinned = version(), pins()
    with tempfile.TemporaryDirectory(prefix="release-") as tmp:
        wheel = build_wheel(Path(tmp))
        files = {
            "START.txt": (HANDOUT / "START.txt").read_text(encoding="utf-8")
                          .format(version=v).encode(),
            "LICENSE": (ROOT / "LICENSE").read_bytes(),
            "start.py": (HANDOUT / "start.py").read_bytes(),
            "requirements.txt": "\n".join([
                "# What the course needs, pinned (start.py installs it with constraints.txt).",
                f"wheels/{wheel.name}", *(pinned[p] for p in LEARNER_PACKAGES), ""]).encode(),
            "constraints.txt": "\n".join(["# Every package, pinned as the course's tests ran "
                                          "it.", *pinned.values(), ""]).encode(),
            f"wheels/{wheel.name}": wheel.read_bytes()}
    files |= {f"notebooks/{p.name}": p.read_bytes() for p in student_edition.ensure()}
    keys = {f"answer-key/{p.name}": p.read_bytes() for p in course_notebooks()}
    out.mkdir(parents=True, exist_ok=True)
    paths = out / f"{NAME}-{v}-student.zip", out / f"{NAME}-{v}-teacher.zip"
    for path, content in zip(paths, (files, files | keys), strict=True):
        write_atomic(path, zip_bytes(f"{NAME}-{v}", content))
    return paths


def ensure(out: Path = OUT) -> list[Path]:
    """The two archives in ``out``, built only when one is missing or older than an input."""
    paths = [out / f"{NAME}-{version()}-{kind}.zip" for kind in ("student", "teacher")]
    inputs = [*student_edition.ensure(), *(ROOT / "nnfs").rglob("*.py"), *course_notebooks(),
              *(HANDOUT / n for n in ("START.txt", "start.py")), HERE / "release.py",
              HERE / "notebook_files.py",
              *(ROOT / n for n in ("LICENSE", "constraints.txt", "pyproject.toml", "README.md"))]
    newest = max(p.stat().st_mtime for p in inputs)
    if all(p.exists() and p.stat().st_mtime >= newest for p in paths):
        return paths
    return list(build(out))


if __name__ == "__main__":
    try:
        for path in build():
            print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")
    except student_edition.MarkerError as exc:
        sys.exit(f"FAILED: {exc}")
