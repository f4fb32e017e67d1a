"""A learner's session cannot change or break the course (tools/workspace.py, `make lab`).

The test plays a learner on a copy of this repository, committed to a scratch git
repository: it makes the copies `make lab` opens, runs every notebook there and saves it,
adds an Untitled.ipynb as the Launcher does, edits a cell, leaves checkpoints behind.
Then git must see no change, the stored-notebook test must pass, `make reset` must give
the original back (keeping the learner's version), and a course update must not touch
the learner's copies.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import student_edition  # noqa: E402


def _git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                          text=True, env=env).stdout


def _workspace(repo: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    return subprocess.run([sys.executable, str(repo / "tools" / "workspace.py"), *args],
                          cwd=repo, capture_output=True, text=True, env=env, timeout=600)


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A committed copy of this repository (as it is in the work tree), with work/ made."""
    repo = tmp_path_factory.mktemp("course")
    files = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z", "--cached", "--others",
                            "--exclude-standard"], check=True, capture_output=True,
                           text=True).stdout.split("\0")
    for name in filter(None, files):
        src = ROOT / name
        if src.is_file():
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, repo / name)
    # The student edition is a build artefact (ignored by git): build it here once and
    # hand it over, as a second `make lab` in the same checkout would find it.
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    built = subprocess.run([sys.executable, str(ROOT / "tools" / "student_edition.py")],
                           capture_output=True, text=True, env=env, timeout=600)
    assert built.returncode == 0, built.stderr[-3000:]
    shutil.copytree(ROOT / "build" / "student", repo / "build" / "student")
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "course")
    made = _workspace(repo, "init")
    assert made.returncode == 0, made.stderr
    return repo


def test_make_lab_opens_the_learners_copy_not_the_course():
    dry = subprocess.run(["make", "-n", "lab"], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout.replace("\\\n", " ")
    lab = next(line for line in dry.splitlines() if " lab " in f" {line} " and "jupyter" in line)
    assert "--notebook-dir=work" in shlex.split(lab)
    assert "tools/workspace.py init" in dry, "make lab makes the copies before it opens them"


def test_a_learner_session_leaves_the_course_unchanged(course):
    work = course / "work"
    originals = sorted((course / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    assert sorted(p.name for p in work.glob("*.ipynb")) == [p.name for p in originals]
    before = {p.name: p.read_bytes() for p in originals}

    # Run All in every notebook, then autosave (and JupyterLab's checkpoints).
    # (The course's notebook runner executes and saves each one; its own process, since
    # kernel clients leave sockets for the garbage collector.)
    copies = sorted(work.glob("*.ipynb"))
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    ran = subprocess.run([sys.executable, str(course / "tools" / "run_notebooks.py"),
                          *map(str, copies)], cwd=course, capture_output=True, text=True,
                         env=env, timeout=600)
    assert ran.returncode == 0, ran.stderr[-3000:]
    for path in copies:
        (work / ".ipynb_checkpoints").mkdir(exist_ok=True)
        shutil.copy(path, work / ".ipynb_checkpoints" / f"{path.stem}-checkpoint.ipynb")
    # A scratch notebook from the Launcher, and an edited cell.
    scratch = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")])
    nbformat.write(scratch, work / "Untitled.ipynb")
    third = work / originals[2].name
    nb = nbformat.read(third, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("my_experiment = 'learner was here'"))
    nbformat.write(nb, third)

    assert _git(course, "status", "--porcelain") == ""
    assert {p.name: p.read_bytes() for p in originals} == before
    stored = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                             "tests/test_notebooks_stored.py"], cwd=course, capture_output=True,
                            text=True, timeout=300)
    assert stored.returncode == 0, stored.stdout[-3000:]


def test_reset_gives_the_original_back_and_keeps_the_learners_version(course):
    work = course / "work"
    name = sorted(work.glob("0*.ipynb"))[0].name
    mine = work / name
    nb = nbformat.read(mine, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("# my attempt"))
    nbformat.write(nb, mine)
    edited = mine.read_bytes()
    done = _workspace(course, "reset", name[:2])
    assert done.returncode == 0, done.stderr
    backups = list((work / "backup").glob(f"{Path(name).stem}.*.ipynb"))
    assert [b.read_bytes() for b in backups] == [edited]
    fresh = nbformat.read(mine, as_version=4)
    expected, _ = student_edition.student_version(
        nbformat.read(course / "notebooks" / name, as_version=4), name)
    assert [c.source for c in fresh.cells] == [c.source for c in expected.cells]
    assert _git(course, "status", "--porcelain") == ""


def test_reset_refuses_a_notebook_that_does_not_exist(course):
    done = _workspace(course, "reset", "99")
    assert done.returncode != 0
    assert "NB must be a notebook number" in done.stderr


def test_a_course_update_never_touches_the_learners_copies(course):
    work = course / "work"
    target = sorted((course / "notebooks").glob("0*.ipynb"))[-1]
    mine = work / target.name
    mine_before = mine.read_bytes()
    nb = nbformat.read(target, as_version=4)
    nb.cells[0].source += "\n\nA sentence added by a course update."
    nbformat.write(nb, target)
    _git(course, "commit", "-q", "-am", "course update")
    again = _workspace(course, "init")
    assert again.returncode == 0, again.stderr
    assert mine.read_bytes() == mine_before
    assert target.name in again.stdout and "make reset NB=" in again.stdout
