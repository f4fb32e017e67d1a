"""The grader (nnfs.grading): `make grade` for a teacher, `make progress` for a learner.

Fixture submissions are made here from the answer key (notebooks/) and the student
edition (its blanked notebooks, as tools/student_edition.py writes them; unexecuted,
since grading never reads stored outputs). The grader runs as `make grade` runs it
(`python -m nnfs.grading`, in a process of its own). The cheating and misbehaving
submissions each hand in notebook 01 only (its 4 exercises are quick to grade) and are
graded in one run; the whole blank edition is graded once (the whole answer key is
graded in the hand-out, tests/test_release.py).
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.course   # make check leaves it out: see pyproject.toml
sys.path.insert(0, str(ROOT / "tools"))
import student_edition as se  # noqa: E402

from nnfs.grading.course import read_course  # noqa: E402

NB01 = "01_neuron.ipynb"
IDS01 = ["01.1", "01.2", "01.3", "01.4"]
# Small limits keep the misbehaving cases short; notebook 01 runs in a few seconds.
FAST = ["--cell-timeout", "10", "--notebook-timeout", "60", "-j", "2"]


def grader(*args: str, timeout: float = 900) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    done = subprocess.run([sys.executable, "-m", "nnfs.grading", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, done.stderr[-3000:]
    return done


def key(name: str) -> nbformat.NotebookNode:
    return nbformat.read(ROOT / "notebooks" / name, as_version=4)


def blank(name: str) -> nbformat.NotebookNode:
    return se.student_version(key(name), name)[0]


def check_ids(nb) -> list[str]:
    return [c.id for c in nb.cells if "check" in c.metadata.get("tags", [])]


def after(nb, cell_id: str, source: str):
    """``nb`` with a new code cell after the cell ``cell_id``."""
    at = next(i for i, c in enumerate(nb.cells) if c.id == cell_id)
    nb.cells.insert(at + 1, nbformat.v4.new_code_cell(source))
    return nb


def write(folder: Path, name: str, nb) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, folder / name)


@pytest.fixture(scope="session")
def reference(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("student-edition")
    for src in se.course_notebooks():
        nbformat.write(blank(src.name), out / src.name)
    return out


PATCHES = """
import builtins, sys
import nnfs.exercises as exercises
import nnfs.exercises._core as core
real = core.Result
core.Result.__repr__ = lambda self: "Correct!"
core._verdict = lambda func, find, frame: real(True, "fake")
for name, module in list(sys.modules.items()):
    if name.startswith("nnfs.exercises"):
        for attr in dir(module):
            if attr.startswith("check_"):
                setattr(module, attr, lambda *a, **k: real(True, "fake"))
print("Correct! (01.1)")
builtins.print = lambda *a, **k: None
"""
REDEFINES = "from nnfs.exercises import Result\n" + "".join(
    f"def check_{n}(*args):\n    return Result(True, 'fake')\n"
    for n in ("neuron_forward", "central_difference", "loss_gradient_w", "large_learning_rate"))
REWRITES = """
import nnfs.exercises._core as core
with open(core.__file__, "a") as file:
    file.write("\\nResult.__bool__ = lambda self: True\\n")
"""
NUMPY = """
import numpy as np
np.allclose = lambda *args, **kwargs: True
np.isfinite = lambda *args, **kwargs: True
"""
LOOPS = """
import time
while True:            # runs until interrupted (sleeping: a spinning loop would only burn
    time.sleep(0.05)   # a core of the machine that runs the tests for its 10 s)
"""
STUBBORN = """
import time
while True:
    try:
        time.sleep(0.05)
    except KeyboardInterrupt:
        pass
"""


def cases(root: Path) -> dict:
    """Student folder -> the grades (01.1 .. 01.4) it must get, and a phrase of its reason."""
    k = check_ids(key(NB01))
    edited = blank(NB01)
    for cell in edited.cells:
        if cell.id in k:
            cell.source = 'print("Correct! All checks pass.")'
    deleted = key(NB01)
    deleted.cells = [c for c in deleted.cells if c.id not in k]
    made = {
        "edited": (edited, [0, 0, 0, 0], "check cell was edited"),
        "deleted": (deleted, [1, 1, 1, 1], "check cell was missing"),
        "redefines": (after(blank(NB01), blank(NB01).cells[1].id, REDEFINES), [0, 0, 0, 0],
                      "is not written yet"),
        "patches": (after(blank(NB01), k[0], PATCHES), [0, 0, 0, 0], "is not written yet"),
        "rewrites": (after(blank(NB01), k[0], REWRITES), [0, 0, 0, 0], "was changed"),
        "numpy": (after(blank(NB01), k[0], NUMPY), [0, 0, 0, 0], "replaced numpy.allclose"),
        "loops": (after(key(NB01), k[0], LOOPS), [1, 1, 1, 1],
                  "ran out of time (10 s) and was interrupted"),
        "stubborn": (after(key(NB01), k[0], STUBBORN), [1, 0, 0, 0],
                     "still busy 10 s after it was interrupted"),
        "kills": (after(key(NB01), k[1], "import os\nos._exit(1)"), [1, 1, 0, 0],
                  "the kernel died"),
        "floods": (after(key(NB01), k[0], "for _ in range(12):\n    print('x' * 10**6)"),
                   [1, 0, 0, 0], "printed more than 10 MB"),
        "writes": (after(key(NB01), k[3], "open('answers.txt', 'w').write('42')"),
                   [1, 1, 1, 1], "wrote files into its folder"),
    }
    for student, (nb, _, _) in made.items():
        write(root / student, NB01, nb)
    (root / "malformed").mkdir()
    (root / "malformed" / NB01).write_text('{"cells": [{"cell_type": "code", ')
    (root / "missing").mkdir()
    write(root / "missing", "99_my_own.ipynb", blank(NB01))
    return {student: (grades, reason) for student, (_, grades, reason) in made.items()} | {
        "malformed": ([0, 0, 0, 0], "could not be read as a notebook"),
        "missing": ([0, 0, 0, 0], "not handed in")}


def read_grades(folder: Path) -> dict:
    with open(folder / "grades.csv", newline="", encoding="utf-8") as file:
        return {row["student"]: row for row in csv.DictReader(file)}


@pytest.fixture(scope="module")
def misbehaving(tmp_path_factory, reference):
    root = tmp_path_factory.mktemp("class")
    expected = cases(root / "submissions")
    grader("grade", str(root / "submissions"), str(root / "grades"), "--reference",
           str(reference), *FAST)
    return expected, read_grades(root / "grades"), root / "grades"


CASES = ["edited", "deleted", "redefines", "patches", "rewrites", "numpy", "loops", "stubborn",
         "kills", "floods", "writes", "malformed", "missing"]


@pytest.mark.parametrize("student", CASES)
def test_each_submission_gets_its_grade_and_a_reason(misbehaving, student):
    expected, rows, grades = misbehaving
    want, reason = expected[student]
    row = rows[student]
    assert [int(row[i]) for i in IDS01] == want
    assert int(row["score"]) == sum(want) and int(row["of"]) == len(row) - 3
    feedback = (grades / f"{student}.md").read_text(encoding="utf-8")
    assert reason in feedback
    assert "fake" not in feedback


def test_an_extra_notebook_is_named_and_not_graded(misbehaving):
    _, rows, grades = misbehaving
    assert "99_my_own.ipynb: not one of the course's notebooks" in (
        grades / "missing.md").read_text(encoding="utf-8")
    assert set(rows) == set(CASES)


def test_the_blank_edition_scores_none_in_every_notebook(tmp_path, reference):
    """The whole blank edition, graded (every notebook run with the course's checks): no
    exercise passes, each says why. That the answer key passes every check under this
    grader is proven in the hand-out (tests/test_release.py, `start.py --progress`), and
    for notebook 01 by the well-behaved cases above."""
    for src in se.course_notebooks():
        write(tmp_path / "in" / "blank", src.name, blank(src.name))
    start = time.monotonic()
    done = grader("grade", str(tmp_path / "in"), str(tmp_path / "out"), "--reference",
                  str(reference), "-j", "2")
    print(f"whole course, 1 student, -j 2: {time.monotonic() - start:.0f} s", done.stdout)
    row = read_grades(tmp_path / "out")["blank"]
    exercises = [ex for course in read_course(reference).values() for ex in course]
    assert list(row)[1:-2] == [ex.id for ex in exercises]
    assert [row[ex.id] for ex in exercises] == ["0"] * len(exercises)
    assert int(row["score"]) == 0 and int(row["of"]) == len(exercises)
    feedback = (tmp_path / "out" / "blank.md").read_text(encoding="utf-8")
    assert "not written yet" in feedback and f"Score: 0 of {len(exercises)}" in feedback


def test_progress_says_done_not_yet_and_not_tried_and_regrades_only_changes(tmp_path, reference):
    """Fresh work is "not tried" without running anything; then 01 solved (the answer key's
    answers) is done, 02 with an attempt that fails is "not yet", the rest not tried; a
    second call grades nothing again. (The whole answer key passing every check under the
    grader: in the hand-out, tests/test_release.py.)"""
    work, cache = tmp_path / "work", tmp_path / "cache.json"
    shutil.copytree(reference, work)
    args = ["progress", str(work), "--reference", str(reference), "--cache", str(cache)]
    course = read_course(reference)
    n = sum(len(exercises) for exercises in course.values())
    fresh = grader(*args, "-j", "2").stdout
    assert f"Total: 0 of {n} exercises done (0 not yet, {n} not tried)." in fresh
    assert "graded 0" not in fresh and "no notebook changed" in fresh   # nothing ran
    first, second = se.course_notebooks()[:2]
    solved, tried = (nbformat.read(work / p.name, as_version=4) for p in (first, second))
    answers = {c.id: c.source for c in key(first.name).cells}
    for cell in solved.cells:
        if "exercise" in cell.metadata.get("tags", []):
            cell.source = answers[cell.id]
    for cell in tried.cells:
        if "exercise" in cell.metadata.get("tags", []):
            cell.source += "\nmy_attempt = 1"
    nbformat.write(solved, work / first.name)
    nbformat.write(tried, work / second.name)
    done, wrong = len(course[first.name]), len(course[second.name])
    out = grader(*args, "-j", "2").stdout
    assert (f"Total: {done} of {n} exercises done ({wrong} not yet, {n - done - wrong} not "
            "tried).") in out and "graded 2 changed notebook(s)" in out, out
    again = grader(*args).stdout
    assert "no notebook changed since it was last graded" in again and again.startswith(
        out.split("\n(")[0])
