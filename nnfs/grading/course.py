"""The course as the grader sees it: which exercises each notebook has, and their checks.

Read from the reference notebooks (the student edition): a markdown heading
``### Exercise 03.1: <title>`` opens an exercise; a code cell tagged ``exercise`` is an
answer cell of the exercise above it, and its source there is the blank skeleton; a code
cell tagged ``check`` (or, in an older notebook, a code cell calling ``check_*``) is one
of its check cells. Each call ``check_xxx(...)`` at the top level of a check cell is one
check; an exercise passes when all its checks pass.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

HEADING = re.compile(r"^#+\s+Exercise\s+(\d\d)\.(\d+)\b:?\s*(.*)$", re.M)
NOTEBOOK = re.compile(r"^\d\d_.*\.ipynb$")


@dataclass
class Check:
    cell_id: str          # the check cell's id in the reference
    source: str           # the check cell, as the course has it
    setup: str            # its statements other than the check calls (imports)
    calls: list           # [(name in the cell, module, name there, call source)]
    answer_id: str | None  # the answer cell just above it, if any


@dataclass
class Exercise:
    id: str               # "03.1"
    title: str
    notebook: str         # "03_layer_of_neurons.ipynb"
    checks: list = field(default_factory=list)
    skeletons: dict = field(default_factory=dict)  # answer cell id -> blank source


def check_calls(source: str) -> list[ast.Call] | None:
    """The top-level ``check_*(...)`` calls of a code cell (None if it does not parse)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    return [node.value for node in tree.body
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)
            and isinstance(node.value.func, ast.Name) and node.value.func.id.startswith("check_")]


def is_check_cell(cell) -> bool:
    if cell.get("cell_type") != "code":
        return False
    tags = cell.get("metadata", {}).get("tags", [])
    return "check" in tags or bool(check_calls(cell.get("source", "")))


def _imports(nb) -> dict:
    """check name -> module it is imported from, over every cell of the notebook."""
    where = {}
    for cell in nb.cells:
        try:
            tree = ast.parse(cell.source) if cell.cell_type == "code" else None
        except SyntaxError:
            continue
        for node in ast.walk(tree) if tree else ():
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("nnfs"):
                for alias in node.names:
                    where[alias.asname or alias.name] = (node.module, alias.name)
    return where


def read_notebook(path: Path) -> list[Exercise]:
    """The exercises of one reference notebook, in order."""
    nb = nbformat.read(path, as_version=4)
    imports = _imports(nb)
    exercises: list[Exercise] = []
    answer_id = None
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for match in HEADING.finditer(cell.source):
                nn, k, title = match.groups()
                exercises.append(Exercise(f"{nn}.{k}", title.strip(), path.name))
                answer_id = None
            continue
        if cell.cell_type != "code" or not exercises:
            continue
        current = exercises[-1]
        if "exercise" in cell.metadata.get("tags", []):
            current.skeletons[cell.get("id")] = cell.source
            answer_id = cell.get("id")
        elif is_check_cell(cell):
            calls = check_calls(cell.source) or []
            lines = cell.source.splitlines()
            skip = {n for c in calls for n in range(c.lineno, c.end_lineno + 1)}
            setup = "\n".join(t for n, t in enumerate(lines, 1) if n not in skip).strip()
            current.checks.append(Check(
                cell.get("id"), cell.source, setup,
                [(c.func.id, *imports.get(c.func.id, ("nnfs.exercises", c.func.id)),
                  ast.unparse(c)) for c in calls],
                answer_id))
    return [e for e in exercises if e.checks]


def read_course(reference: Path) -> dict[str, list[Exercise]]:
    """Notebook file name -> its exercises, for every ``NN_*.ipynb`` in ``reference``."""
    notebooks = sorted(p for p in Path(reference).glob("*.ipynb") if NOTEBOOK.match(p.name))
    if not notebooks:
        raise FileNotFoundError(f"no course notebooks (NN_name.ipynb) in {reference}: "
                                f"make the student edition first (make student)")
    return {p.name: read_notebook(p) for p in notebooks}
