"""The learner's progress over their own copy of the course (work/), cached.

A notebook is graded again only when its bytes, its reference notebook or the nnfs
package (checks and grader) changed: the verdicts are kept in a JSON cache, by the
sha256 of those. Grading itself is the teacher's (grade.py), so "done" here means
exactly what it means in a teacher's grades.csv.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import asdict
from pathlib import Path

import nnfs

from . import grade, report, submission


def _package_digest() -> str:
    root = Path(nnfs.__file__).parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


def _untouched(data: bytes, reference: Path) -> bool:
    """True if the notebook's code is the student edition's, cell for cell (no answer yet:
    the blank edition passes no check, which tests/test_grading.py proves)."""
    try:
        mine = submission.read(data)
    except submission.Unreadable:
        return False
    theirs = submission.read(reference.read_bytes())
    return [c.source for c in mine.cells if c.cell_type == "code"] == [
        c.source for c in theirs.cells if c.cell_type == "code"]


def progress(work: Path, reference: Path, course: dict, cache: Path, jobs: int,
             limits: dict = grade.LIMITS) -> str:
    """The progress table for the notebooks in ``work``; grades only what changed."""
    try:
        kept = json.loads(cache.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        kept = {}
    package = _package_digest()
    keys, todo, graded = {}, {}, {}
    for name in course:
        mine = work / name
        data = mine.read_bytes() if mine.is_file() else None
        key = hashlib.sha256(b"|".join([
            package.encode(), hashlib.sha256((reference / name).read_bytes()).digest(),
            hashlib.sha256(data).digest() if data is not None else b"missing"])).hexdigest()
        keys[name] = key
        if key in kept:
            graded[name] = grade.Graded(**{k: v for k, v in kept[key].items()
                                           if k in ("notes", "tried", "seconds")},
                                        results={i: tuple(r) for i, r in
                                                 kept[key]["results"].items()})
        elif data is not None and _untouched(data, reference / name):
            graded[name] = grade.Graded({ex.id: (False, "not tried yet") for ex in course[name]},
                                        tried={ex.id: False for ex in course[name]})
        elif data is None:
            graded[name] = grade.grade_notebook(None, course[name], {}, limits)
            graded[name].notes = [f"you have no {name} in {work.name}/ yet (make lab makes it)"]
        else:
            todo[name] = (name, data)
    start = time.monotonic()
    graded.update(grade.grade_all(todo, course, jobs, limits) if todo else {})
    fresh = {keys[name]: asdict(graded[name]) for name in course}
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps(fresh, indent=1, sort_keys=True), encoding="utf-8")
    table = report.progress_table(course, graded, f"{work.name}/")
    if todo:
        return (f"{table}\n(graded {len(todo)} changed notebook(s) in "
                f"{time.monotonic() - start:.0f} s; the others as graded before)")
    return f"{table}\n(no notebook changed since it was last graded)"
