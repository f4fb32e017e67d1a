"""Where grading kernels run: a folder per grading run, outside the repository.

The run's folder holds a copy of ``nnfs`` (each notebook then gets a copy of that copy),
the sha256 of each of its files, taken before any submission runs, and a kernel spec
that starts ``python -S``: no ``.pth`` file runs in the kernel, so an editable install
does not put the repository's path on its ``sys.path``; PYTHONPATH is the nnfs copy
and the site-packages. HOME, TMPDIR and IPython's profile are the notebook's own empty
folder; matplotlib draws nothing (Agg); BLAS uses one thread, as -j runs kernels side
by side.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
from pathlib import Path

import nnfs


def runtime_env(runtime: dict, cwd: Path) -> dict:
    """The whole environment of a kernel working in ``cwd`` (nothing else is inherited)."""
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(cwd),
            "TMPDIR": str(cwd), "IPYTHONDIR": str(cwd / ".ipython"), "MPLCONFIGDIR": runtime["mpl"],
            "MPLBACKEND": "Agg", "PYTHONHASHSEED": "0", "PYTHONDONTWRITEBYTECODE": "1",
            "PYTHONPATH": os.pathsep.join(runtime["path"]), "LANG": "C.UTF-8",
            "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def setup(root: Path) -> dict:
    """Make ``root`` ready for kernels: the nnfs copy, its digests, a kernel spec."""
    lib = root / "lib"
    shutil.copytree(Path(nnfs.__file__).parent, lib / "nnfs",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    digests = {p.relative_to(lib).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
               for p in sorted((lib / "nnfs").rglob("*.py"))}
    spec = root / "kernels" / "nnfs-grader"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-S", "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "nnfs grader", "language": "python"}), encoding="utf-8")
    sites = [p for p in sys.path if p.endswith(("site-packages", "dist-packages"))]
    (root / "mpl").mkdir()
    return {"root": str(root), "lib": str(lib), "digests": digests, "mpl": str(root / "mpl"),
            "kernels": str(root / "kernels"), "path": [str(lib), *sites]}
