"""What the grader executes for one submitted notebook: its cells, with the course's checks.

Every check cell of the reference is put back: in place of the submitted cell with the
same cell id, else of the submitted check cells left over (in order, when there are as
many), else right after the submission's answer cell of that exercise, else at the end.
A submitted check cell that a course check replaces is never run; what was edited or
missing is said in the notes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import nbformat

from .course import is_check_cell


@dataclass
class Step:
    source: str                 # code run as a cell of the notebook
    check: tuple | None = None  # or (exercise id, index of the check in it, call tuple)


@dataclass
class Plan:
    steps: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    tried: dict = field(default_factory=dict)  # exercise id -> answer cells edited?


class Unreadable(ValueError):
    """The submitted file is not a notebook the grader can read."""


def read(data: bytes) -> nbformat.NotebookNode:
    """The notebook in ``data``, or Unreadable saying why (never another exception)."""
    try:
        nb = nbformat.reads(data.decode("utf-8"), as_version=4)
        cells = [c for c in nb.cells if c.cell_type in ("code", "markdown", "raw")]
        if any(not isinstance(c.source, str) for c in cells):
            raise ValueError("a cell's source is not text")
        return nb
    except Exception as error:
        text = " ".join(str(error).split())[:120]
        raise Unreadable(f"{type(error).__name__}: {text}") from None


def _skeleton(source: str) -> str:
    return "\n".join(line.rstrip() for line in source.strip().splitlines())


def plan(nb: nbformat.NotebookNode, exercises: list) -> Plan:
    """The steps to run for notebook ``nb`` against the reference ``exercises``."""
    cells = [c for c in nb.cells if c.cell_type == "code"]
    by_id = {c.get("id"): i for i, c in enumerate(cells) if c.get("id")}
    checks = [(ex, k, check) for ex in exercises for k, check in enumerate(ex.checks)]
    placed, left = {}, []      # index of a submitted cell -> the checks run in its place
    for item in checks:
        where = by_id.get(item[2].cell_id)
        if where is not None and where not in placed:
            placed[where] = [item]
        else:
            left.append(item)
    spare = [i for i, c in enumerate(cells) if is_check_cell(c) and i not in placed]
    out = Plan()
    if left and len(spare) == len(left):
        placed.update({i: [item] for i, item in zip(spare, left, strict=True)})
        left = []
    after = {}
    for item in left:
        where = by_id.get(item[2].answer_id)
        after.setdefault(where if where is not None else len(cells) - 1, []).append(item)
        out.notes.append(f"{item[0].id}: its check cell was missing; the course's check "
                         f"ran {'after your answer' if where is not None else 'at the end'}.")
    for i, cell in enumerate(cells):
        if i not in placed:
            out.steps.append(Step(cell.source))
        for item in placed.get(i, []):
            if cell.source.strip() != item[2].source.strip():
                out.notes.append(f"{item[0].id}: its check cell was edited; the course's "
                                 f"own check ran instead.")
            _add_check(out, item)
        for item in after.get(i, []):
            _add_check(out, item)
    for item in after.get(-1, []):   # a notebook without code cells
        _add_check(out, item)
    for ex in exercises:
        present = [i for i in ex.skeletons if i in by_id]
        out.tried[ex.id] = len(present) < len(ex.skeletons) or any(
            _skeleton(cells[by_id[i]].source) != _skeleton(ex.skeletons[i]) for i in present)
    return out


def _add_check(out: Plan, item) -> None:
    exercise, k, check = item
    if check.setup:
        out.steps.append(Step(check.setup))
    for call in check.calls:
        out.steps.append(Step("", (exercise.id, k, call)))
