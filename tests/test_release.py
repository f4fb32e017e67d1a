"""The hand-out (`make release`, tools/release.py) as a learner meets it, far from this repository.

The student archive is built, unpacked into a temporary folder outside the repository,
set up there by its own start.py (from the archive alone, plus the package registry),
and every notebook is executed (Run All) in that folder's environment: errors only in
cells tagged ``raises-exception``, and every check says "Not yet". With the answer key's
solutions written into the learner's copies, `start.py --progress` (the course's grader,
run there) finds every exercise done. The same environment proves that the built wheel gives
the course's nnfs, and a stand-in package that the first cell's guard names a wrong one.
The temporary folder (with its .venv/, some hundred MB) is removed at the end.

Slow (a fresh venv and the course run twice: minutes on a loaded machine): marked
``course``, so `pytest -m "not course"` (make check) leaves it out.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import tomllib
import urllib.request
import zipfile
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import notebook_files  # noqa: E402
import release  # noqa: E402
import student_edition  # noqa: E402

pytestmark = pytest.mark.course

# The guard that each notebook's first import cell starts with (the lead puts it in at
# merge, see test_every_notebook_starts_with_the_guard). PyPI's "nnfs" is an unrelated
# package with the same import name; an older copy of the course's lacks the marker.
GUARD = '''\
try:  # the course's own nnfs (PyPI's "nnfs" is an unrelated package with the same name)
    from nnfs import course_api_2  # noqa: F401
except ImportError:
    raise ImportError("This is not the course's nnfs, or an older copy of it: open the "
                      "course with `python start.py` in its folder (or `make lab` in a "
                      "clone of its repository).") from None
'''
WRONG_NNFS = "ImportError: This is not the course's nnfs, or an older copy of it"
CHECK_CALL = re.compile(r"(?m)^check_\w+\(")
KEYS = student_edition.course_notebooks()

# Run in the archive's own environment: execute notebooks with nbclient (which comes
# with JupyterLab), in place, errors recorded in the outputs, never raised.
EXECUTE = """
import sys, nbformat
from nbclient import NotebookClient
for path in sys.argv[1:]:
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=300, allow_errors=True, kernel_name="python3",
                   resources={"metadata": {"path": str(__import__("pathlib").Path(path).parent)}}
                   ).execute()
    nbformat.write(nb, path)
"""


def clean_env(tmp: Path) -> dict:
    """The caller's environment without what would reach into this repository or its venv.

    One BLAS thread: `make test` runs its jobs side by side, and OpenBLAS's second thread
    spins waiting for a busy core (a Run All of the course cost 39 core-s instead of 31 on
    a loaded 2-core machine). Nothing here compares numbers: nbval runs the course with
    BLAS's own thread count."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "VIRTUAL_ENV", "MPLBACKEND", "PYTHONHOME")}
    env |= {"PYTHONHASHSEED": "0", "IPYTHONDIR": str(tmp / "ipython"),
            "JUPYTER_CONFIG_DIR": str(tmp / "jconfig"), "JUPYTER_DATA_DIR": str(tmp / "jdata"),
            "JUPYTER_RUNTIME_DIR": str(tmp / "jruntime"), "PIP_DISABLE_PIP_VERSION_CHECK": "1",
            "OPENBLAS_NUM_THREADS": "1"}
    return env


@pytest.fixture(scope="module")
def archives():
    with tempfile.TemporaryDirectory(prefix="nnfs-release-") as tmp:
        yield release.build(Path(tmp) / "out")


def oldest_python() -> str:
    """The oldest Python >= 3.11 on this machine (the hand-out promises 3.11 or newer: on
    Debian 12, 3.11.2), else the one that runs the tests (outside its venv)."""
    found = {}
    for name in ("python3", "python3.11", "python3.12", "python3.13"):
        for folder in ("/usr/bin", "/usr/local/bin"):
            exe = Path(folder) / name
            if exe.exists():
                done = subprocess.run([exe, "-c", "import sys; print(*sys.version_info[:3])"],
                                      capture_output=True, text=True)
                version = tuple(map(int, done.stdout.split() or (0,)))
                if done.returncode == 0 and version >= (3, 11):
                    found.setdefault(version, str(exe))
    return found[min(found)] if found else getattr(sys, "_base_executable", sys.executable)


@pytest.fixture(scope="module")
def handout(archives):
    """The student archive unpacked outside the repository and set up by its start.py."""
    tmp = Path(tempfile.mkdtemp(prefix="nnfs-handout-"))
    try:
        assert not tmp.resolve().is_relative_to(ROOT)
        with zipfile.ZipFile(archives[0]) as zf:
            zf.extractall(tmp)
        folder = next(tmp.iterdir())
        env = clean_env(tmp)
        base = oldest_python()                                     # not this repo's venv
        done = subprocess.run([base, "start.py", "--setup-only"], cwd=folder, env=env,
                              capture_output=True, text=True, timeout=1800)
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
        python = folder / ".venv" / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
        yield folder, python, env
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run(python, env, *args, cwd=None):
    return subprocess.run([str(python), *args], env=env, cwd=cwd, capture_output=True,
                          text=True, timeout=1800)


def execute(python, env, paths):
    done = run(python, env, "-c", EXECUTE, *map(str, paths))
    assert done.returncode == 0, done.stderr[-3000:]
    return {p.name: nbformat.read(p, as_version=4) for p in paths}


def check_cells(key: Path) -> set[str]:
    """Ids of the cells of an answer-key notebook that call a check."""
    nb = nbformat.read(key, as_version=4)
    return {c.id for c in nb.cells if c.cell_type == "code" and (
        "check" in c.metadata.get("tags", []) or CHECK_CALL.search(c.source))}


def text_of(cell) -> str:
    parts = []
    for out in cell.get("outputs", []):
        parts.append(out.get("text", "") + str(out.get("data", {}).get("text/plain", "")))
        if out.output_type == "error":
            parts.append(f"{out.ename}: {out.evalue}")
    return "\n".join(parts)


# ------------------------------------------------------------------ the archives

def assert_every_check_says(done, verdict, never):
    """Each executed notebook: errors in tagged cells only, and there always; every check
    cell shows ``verdict`` and not ``never``."""
    for key in KEYS:
        nb = done[key.name]
        assert not notebook_files.misplaced_errors(nb), key.name
        cells = {c.id: c for c in nb.cells}
        for cell_id in check_cells(key):
            shown = text_of(cells[cell_id])
            assert verdict in shown and never not in shown, (key.name, cell_id, shown)


def test_archive_holds_the_course_and_no_solution(archives):
    student, teacher = archives
    removed = [line for key in KEYS
               for line in student_edition.student_version(
                   student_edition.load(key), key.name)[1]]
    with zipfile.ZipFile(student) as zf:
        names = zf.namelist()
        top = names[0].split("/")[0]
        assert top == f"nnfs-layers-course-{release.version()}"
        inside = {n.removeprefix(f"{top}/") for n in names}
        for needed in ("START.txt", "start.py", "LICENSE", "requirements.txt",
                       "constraints.txt", f"wheels/nnfs_layers_course-{release.version()}"
                       "-py3-none-any.whl", *(f"notebooks/{k.name}" for k in KEYS)):
            assert needed in inside, f"the archive lacks {needed}"
        assert not any(n.startswith("answer-key/") for n in inside)
        texts = {n: zf.read(n) for n in names if not n.endswith(".whl")}
        wheel = zf.read(next(n for n in names if n.endswith(".whl")))
    whl = Path(tempfile.mkdtemp()) / "w.whl"
    try:
        whl.write_bytes(wheel)
        with zipfile.ZipFile(whl) as zf:
            texts |= {f"wheel:{n}": zf.read(n) for n in zf.namelist()}
    finally:
        shutil.rmtree(whl.parent)
    for name, data in texts.items():
        text = data.decode("utf-8", errors="replace")
        assert "BEGIN SOLUTION" not in text and "END SOLUTION" not in text, name
        if name.endswith(".ipynb"):
            assert not student_edition.leftover_solution_lines(text, removed), name
    with zipfile.ZipFile(teacher) as zf:
        keys = {n.split("/", 1)[1] for n in zf.namelist() if "/answer-key/" in n}
    assert keys == {f"answer-key/{k.name}" for k in KEYS}


def test_the_learners_requirements_are_pinned(archives):
    with zipfile.ZipFile(archives[0]) as zf:
        reqs = zf.read(next(n for n in zf.namelist() if n.endswith("/requirements.txt")))
    lines = [s for s in reqs.decode().splitlines() if s and not s.startswith("#")]
    assert lines[0].startswith("wheels/nnfs_layers_course-")
    assert {s.split("==")[0] for s in lines[1:]} == set(release.LEARNER_PACKAGES)
    assert all("==" in s for s in lines[1:]), lines


# ------------------------------------------------------------------ set up far away

def test_the_wheel_gives_the_courses_nnfs(handout):
    folder, python, env = handout
    done = run(python, env, "-c", "import importlib.metadata as m, nnfs; print(nnfs.__file__); "
               "print(nnfs.__version__, m.version('nnfs-layers-course'))", cwd=folder)
    assert done.returncode == 0, done.stderr
    file, versions = done.stdout.splitlines()
    assert Path(file).resolve().is_relative_to((folder / ".venv").resolve()), file
    assert versions.split() == [release.version()] * 2


def test_start_copies_the_notebooks_to_work_and_reset_keeps_the_learners_version(handout):
    folder, python, env = handout
    assert sorted(p.name for p in (folder / "work").glob("*.ipynb")) == [k.name for k in KEYS]
    mine = folder / "work" / KEYS[0].name
    mine.write_text(mine.read_text(encoding="utf-8").replace("YOUR CODE HERE", "MY WORK"),
                    encoding="utf-8")
    done = run(python, env, "start.py", "--reset", KEYS[0].name[:2], cwd=folder)
    assert done.returncode == 0, done.stderr
    kept = list((folder / "work" / "backup").glob(f"{KEYS[0].stem}-*.ipynb"))
    assert len(kept) == 1 and "MY WORK" in kept[0].read_text(encoding="utf-8")
    assert mine.read_bytes() == (folder / "notebooks" / KEYS[0].name).read_bytes()


def test_start_opens_jupyterlab_on_the_learners_work(handout):
    folder, python, env = handout
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    token = secrets.token_hex(8)
    proc = subprocess.Popen(
        [str(python), "start.py", "--no-browser", f"--ServerApp.port={port}",
         "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={token}"],
        cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True)
    try:
        deadline, contents = time.monotonic() + 120, None
        while contents is None and time.monotonic() < deadline and proc.poll() is None:
            try:
                req = urllib.request.Request(f"http://127.0.0.1:{port}/api/contents",
                                             headers={"Authorization": f"token {token}"})
                with urllib.request.urlopen(req, timeout=5) as resp:
                    contents = json.load(resp)
            except OSError:
                time.sleep(0.5)
        assert contents, f"JupyterLab did not answer (exit code {proc.poll()})"
        served = sorted(c["name"] for c in contents["content"] if c["type"] == "notebook")
        assert served == [k.name for k in KEYS]    # work/, the learner's copies
    finally:
        os.killpg(proc.pid, signal.SIGTERM)        # the group start.py leads: only ours
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def test_every_notebook_runs_and_every_check_says_not_yet(handout):
    folder, python, env = handout
    runs = folder / "run-student"
    shutil.copytree(folder / "notebooks", runs)
    done = execute(python, env, sorted(runs.glob("*.ipynb")))
    assert sorted(done) == [k.name for k in KEYS]
    assert_every_check_says(done, "Not yet", "Correct!")


def progress_total(python, env, folder) -> tuple[int, int, str]:
    done = run(python, env, "start.py", "--progress", cwd=folder)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    total = re.search(r"Total: (\d+) of (\d+) exercises done \((\d+) not yet", done.stdout)
    assert total, done.stdout[-2000:]
    return int(total[1]), int(total[2]), done.stdout


def test_start_progress_grades_fresh_work_and_the_answer_keys_solutions(handout):
    """`start.py --progress` over the learner's copies in work/: none done at first; with the
    answer key's solutions written in, every exercise is done: the course's grader ran each
    notebook in the hand-out's own environment, with the course's checks."""
    folder, python, env = handout
    done, of, _ = progress_total(python, env, folder)
    assert done == 0 and of > 0
    for key in KEYS:
        solved = nbformat.read(folder / "notebooks" / key.name, as_version=4)
        answers = {c.id: c.source for c in nbformat.read(key, as_version=4).cells
                   if "BEGIN SOLUTION" in c.source}
        for cell in solved.cells:
            if cell.id in answers and cell.cell_type == "code":
                cell.source = answers[cell.id]
        nbformat.write(solved, folder / "work" / key.name)
    done, of, shown = progress_total(python, env, folder)
    assert done == of and f"graded {len(KEYS)} changed notebook(s)" in shown, shown[-3000:]


# ------------------------------------------------------------------ the wrong nnfs

@pytest.mark.parametrize("stand_in", [
    '"""PyPI\'s unrelated nnfs."""\n__version__ = "0.5.1"\ndef init(): pass\n',
    '"""An older copy of the course\'s nnfs."""\n__version__ = "0.1.0"\nclass Layer: pass\n',
    None,   # no nnfs at all
], ids=["pypi-nnfs", "older-copy", "none"])
def test_the_guard_names_a_wrong_nnfs_in_one_sentence(handout, tmp_path, stand_in):
    folder, python, env = handout
    if stand_in is not None:
        (tmp_path / "nnfs").mkdir()
        (tmp_path / "nnfs" / "__init__.py").write_text(stand_in)
        code = f"import sys; sys.path.insert(0, {str(tmp_path)!r}); exec({GUARD!r})"
    else:   # the course's nnfs made unfindable
        code = ("import sys, importlib.abc\nclass Hide(importlib.abc.MetaPathFinder):\n"
                "    def find_spec(self, name, *a):\n"
                "        if name.split('.')[0] == 'nnfs': raise ModuleNotFoundError(name)\n"
                f"sys.meta_path.insert(0, Hide()); exec({GUARD!r})")
    done = run(python, env, "-c", code, cwd=tmp_path)
    assert done.returncode == 1
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith(WRONG_NNFS) and "python start.py" in last and "make lab" in last, last
    assert "Traceback" in done.stderr and "During handling" not in done.stderr   # `from None`


def test_the_guard_lets_the_courses_nnfs_through(handout):
    folder, python, env = handout
    done = run(python, env, "-c", GUARD + "import nnfs\nprint(nnfs.Layer.__name__)", cwd=folder)
    assert done.returncode == 0 and done.stdout == "Layer\n", done.stderr


def test_every_notebook_starts_with_the_guard():
    for key in KEYS:
        nb = nbformat.read(key, as_version=4)
        first = next(c for c in nb.cells if c.cell_type == "code" and "nnfs" in c.source)
        assert first.source.startswith(GUARD), key.name


# ------------------------------------------------------------------ the package's papers

def test_licence_citation_and_metadata_agree():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["name"] == "nnfs-layers-course" and project["requires-python"] == ">=3.11"
    assert project["license"] == "MIT" and project["authors"] and project["urls"]
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "MIT License" in licence and "CC BY 4.0" in licence
    cff = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert re.search(rf"(?m)^version: {re.escape(release.version())}$", cff)
    assert json.dumps(project["classifiers"]).count("Python :: 3.1") == 3
