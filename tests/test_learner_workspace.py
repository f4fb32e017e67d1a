"""A learner's session cannot change or break the course, nor lose a line of their work.

The test plays a learner on a copy of this repository, committed to a scratch git repository
in a temporary folder (removed at the end), with $HOME an empty folder and the Makefile's
environment (every command runs through `make`'s exported variables): it makes the copies
`make lab` opens, runs two of them there and saves them (an error is allowed only in a cell
tagged raises-exception; the whole student edition runs, in the same way, in the hand-out
test, tests/test_release.py),
adds an Untitled.ipynb, edits cells, leaves checkpoints, opens JupyterLab, resets notebooks
twice in the same second, interrupts a reset, runs `make clean`. Then git sees no change,
every version the learner wrote is still there, and $HOME is still empty.
"""

from __future__ import annotations

import http.client
import json
import os
import secrets
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.course   # make check leaves it out: see pyproject.toml
sys.path.insert(0, str(ROOT / "tools"))
import student_edition  # noqa: E402
import workspace  # noqa: E402

GIT = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
       "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                          text=True, env={**os.environ, **GIT}).stdout


class Course:
    """A committed copy of the repository, and an empty $HOME for the learner."""

    def __init__(self, tmp: Path):
        self.repo, self.home = tmp / "course", tmp / "home"
        self.work = self.repo / "work"
        self.home.mkdir()
        files = _git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
        for name in filter(None, files.split("\0")):
            if (ROOT / name).is_file():
                (self.repo / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(ROOT / name, self.repo / name)
        # This repository's virtualenv, so that `make` finds its stamps up to date.
        (self.repo / ".venv").symlink_to(ROOT / ".venv", target_is_directory=True)
        _git(self.repo, "init", "-q")
        (self.repo / ".git" / "info" / "exclude").write_text(".venv\n")
        _git(self.repo, "add", "-A")
        _git(self.repo, "commit", "-q", "-m", "course")

    def make(self, *args: str, timeout=600) -> subprocess.CompletedProcess:
        """`make` in the copy, with $HOME empty."""
        return subprocess.run(["make", "-s", "--no-print-directory", *args], cwd=self.repo,
                              capture_output=True, text=True, timeout=timeout,
                              env={**os.environ, "HOME": str(self.home)})

    def run(self, *command: str, timeout=600) -> subprocess.CompletedProcess:
        """A command with the Makefile's exported environment (and $HOME empty)."""
        recipe = " ".join(shlex.quote(c) for c in command)
        return self.make("--eval", f"_run: ; @{recipe}", "_run", timeout=timeout)

    def workspace(self, *args: str) -> subprocess.CompletedProcess:
        return self.run(".venv/bin/python", "tools/workspace.py", *args)


@pytest.fixture(scope="module")
def course():
    with tempfile.TemporaryDirectory(prefix="nnfs-course-") as tmp:
        course = Course(Path(tmp))
        made = course.workspace("init")
        assert made.returncode == 0, made.stderr
        yield course


def _home_is_empty(course):
    left = sorted(str(p.relative_to(course.home)) for p in course.home.rglob("*"))
    assert not left, f"written to $HOME: {left}"


def _edit(path: Path, line: str) -> bytes:
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(line))
    nbformat.write(nb, path)
    return path.read_bytes()


def test_make_lab_runs_the_workspace_lab():
    dry = subprocess.run(["make", "-n", "lab"], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout
    assert "tools/workspace.py lab" in dry


def test_a_learner_session_leaves_the_course_unchanged(course):
    originals = student_edition.course_notebooks()
    assert sorted(p.name for p in course.work.glob("*.ipynb")) == [p.name for p in originals]
    before = {p.name: p.read_bytes() for p in sorted((course.repo / "notebooks").glob("*"))}

    # Run All in two notebooks, then autosave: the course's runner fails on an error in a
    # cell not tagged raises-exception, and on a raises-exception cell that does not raise.
    copies = sorted(course.work.glob("*.ipynb"))
    ran = course.run(".venv/bin/python", "tools/run_notebooks.py", *map(str, copies[:2]))
    assert ran.returncode == 0, ran.stderr[-3000:]
    for path in copies[:2]:
        nb = nbformat.read(path, as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]
        assert [c.execution_count for c in code] == list(range(1, len(code) + 1)), path.name
        (course.work / ".ipynb_checkpoints").mkdir(exist_ok=True)
        shutil.copy(path, course.work / ".ipynb_checkpoints" / f"{path.stem}-checkpoint.ipynb")
    scratch = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")])
    nbformat.write(scratch, course.work / "Untitled.ipynb")
    _edit(copies[2], "my_experiment = 'learner was here'")

    assert _git(course.repo, "status", "--porcelain") == ""
    assert {p.name: p.read_bytes() for p in sorted((course.repo / "notebooks").glob("*"))} \
        == before
    stored = course.run(".venv/bin/python", "-m", "pytest", "-q", "-p", "no:cacheprovider",
                        "tests/test_notebooks_stored.py", timeout=300)
    assert stored.returncode == 0, stored.stdout[-3000:]
    _home_is_empty(course)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_jupyterlab_opens_work_without_news_and_writes_nothing_in_home(course):
    port, token = _free_port(), secrets.token_hex(8)
    args = (f"--no-browser --ServerApp.port={port} --ServerApp.port_retries=0 "
            f"--IdentityProvider.token={token}")
    lab = subprocess.Popen(["make", "-s", "lab", f"LAB_ARGS={args}"],
                           cwd=course.repo, env={**os.environ, "HOME": str(course.home)},
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           start_new_session=True)

    def get(path):
        req = urllib.request.Request(f"http://127.0.0.1:{port}{path}",
                                     headers={"Authorization": f"token {token}"})
        with urllib.request.urlopen(req, timeout=10) as resp:
            return json.loads(resp.read())

    try:
        for _ in range(200):
            try:
                listing = get("/api/contents")
                break
            except (OSError, http.client.HTTPException):
                assert lab.poll() is None, "make lab exited"
                time.sleep(0.2)
        names = {item["name"] for item in listing["content"]}
        assert {p.name for p in student_edition.course_notebooks()} <= names
        news = get("/lab/api/settings/@jupyterlab/apputils-extension:notification")
        defaults = {k: v.get("default") for k, v in news["schema"]["properties"].items()}
        assert defaults["fetchNews"] == "false" and defaults["checkForUpdates"] is False
    finally:
        os.killpg(lab.pid, 15)
        lab.wait(timeout=30)
    _home_is_empty(course)


def test_two_resets_in_one_second_keep_every_version(course, monkeypatch):
    mine = sorted(course.work.glob("0*.ipynb"))[0]
    monkeypatch.setattr(time, "strftime", lambda _: "20260101-120000")  # one second
    sources = sorted((course.repo / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    first = _edit(mine, "# attempt 1")
    workspace.reset(mine.name[:2], work=course.work, sources=sources)
    second = _edit(mine, "# attempt 2")
    workspace.reset(mine.name[:2], work=course.work, sources=sources)
    third = _edit(mine, "# attempt 3")
    done = course.workspace("reset", mine.name[:2])      # and once more through make
    assert done.returncode == 0, done.stderr
    kept = {b.read_bytes() for b in (course.work / "backup").glob(f"{mine.stem}-*.ipynb")}
    assert {first, second, third} <= kept
    fresh = nbformat.read(mine, as_version=4)
    expected, _ = student_edition.student_version(
        nbformat.read(course.repo / "notebooks" / mine.name, as_version=4), mine.name)
    assert [c.source for c in fresh.cells] == [c.source for c in expected.cells]
    assert _git(course.repo, "status", "--porcelain") == ""


def test_an_interrupted_reset_loses_nothing(course, monkeypatch):
    mine = sorted(course.work.glob("0*.ipynb"))[1]
    edited = _edit(mine, "# a long afternoon of work")

    def interrupted(path, text):
        raise KeyboardInterrupt

    monkeypatch.setattr(workspace.start, "write_atomic", interrupted)  # the copy over mine
    sources = sorted((course.repo / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    with pytest.raises(KeyboardInterrupt):
        workspace.reset(mine.name[:2], work=course.work, sources=sources)
    assert mine.read_bytes() == edited, "the learner's copy is whole"
    kept = [b.read_bytes() for b in (course.work / "backup").glob(f"{mine.stem}-*.ipynb")]
    assert kept == [edited]
    assert not list(course.work.glob(".*.tmp")), "no half-written file left"


def test_make_clean_keeps_everything_in_work(course):
    (course.work / ".ipynb_checkpoints").mkdir(exist_ok=True)
    (course.work / ".ipynb_checkpoints" / "x-checkpoint.ipynb").write_text("{}")
    before = {p: p.read_bytes() for p in course.work.rglob("*") if p.is_file()}
    done = course.make("clean")
    assert done.returncode == 0, done.stderr
    assert {p: p.read_bytes() for p in course.work.rglob("*") if p.is_file()} == before


def test_reset_refuses_a_notebook_that_does_not_exist(course):
    done = course.workspace("reset", "99")
    assert done.returncode != 0
    assert "NB must be a notebook number" in done.stderr


def test_a_course_update_never_touches_the_learners_copies(course):
    target = sorted((course.repo / "notebooks").glob("0*.ipynb"))[-1]
    mine = course.work / target.name
    mine_before = mine.read_bytes()
    nb = nbformat.read(target, as_version=4)
    nb.cells[0].source += "\n\nA sentence added by a course update."
    nbformat.write(nb, target)
    _git(course.repo, "commit", "-q", "-am", "course update")
    again = course.workspace("init")
    assert again.returncode == 0, again.stderr
    assert mine.read_bytes() == mine_before
    assert target.name in again.stdout and "make reset NB=" in again.stdout
    # work/solutions/ follows the course: the updated answer key, still read-only
    solution = course.work / "solutions" / target.name
    assert solution.read_bytes() == target.read_bytes()
    assert not os.access(solution, os.W_OK) or os.geteuid() == 0
    assert not solution.stat().st_mode & 0o222


def test_the_solutions_are_one_folder_away_read_only_and_only_in_work(course):
    course_nbs = sorted((course.repo / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    folder = course.work / "solutions"
    assert sorted(p.name for p in folder.glob("*.ipynb")) == [p.name for p in course_nbs]
    for src in course_nbs:
        assert (folder / src.name).read_bytes() == src.read_bytes()
        assert not (folder / src.name).stat().st_mode & 0o222, src.name   # read-only
    assert "Try an" in (folder / "README.md").read_text()
    # the learner's copies are the student edition, not the solutions: no solution text
    for mine in sorted(course.work.glob("[0-9][0-9]_*.ipynb")):
        assert "# BEGIN SOLUTION" not in mine.read_text(encoding="utf-8"), mine.name


READER = """
import json, sys, time
from pathlib import Path
end = time.monotonic() + float(sys.argv[2])
while time.monotonic() < end:
    for path in Path(sys.argv[1]).glob("*.ipynb"):
        try:
            json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            pass
"""


def test_two_builds_of_the_student_edition_at_once_never_show_half_a_file(tmp_path):
    """`make lab` and `make test` at the same time: each file is whole at every moment."""
    build = [sys.executable, "-c",
             "import sys; sys.path.insert(0, 'tools'); import student_edition as se\n"
             f"for _ in range(3): se.ensure(se.Path({str(tmp_path)!r}), force=True)"]
    reader = subprocess.Popen([sys.executable, "-c", READER, str(tmp_path), "5"],
                              stderr=subprocess.PIPE, text=True)
    builders = [subprocess.Popen(build, cwd=ROOT, stderr=subprocess.PIPE, text=True)
                for _ in range(2)]
    for proc in [*builders, reader]:
        errors = proc.communicate(timeout=120)[1]
        assert proc.returncode == 0, errors
    names = sorted(p.name for p in tmp_path.glob("*.ipynb"))
    assert names == [p.name for p in student_edition.course_notebooks()]
    assert all(p.read_text() == student_edition.edition(ROOT / "notebooks" / p.name)
               for p in tmp_path.glob("*.ipynb"))
