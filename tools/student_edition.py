#!/usr/bin/env python3
"""Write the student edition: exercises blank, checks kept, no outputs (make student).

    python tools/student_edition.py [--out DIR] [--force] [NOTEBOOK ...]

Markers in the answer key (notebooks/), refused when unpaired:
* code: ``# BEGIN SOLUTION`` ... ``# END SOLUTION`` becomes ``# YOUR CODE HERE`` and
  ``raise NotImplementedError("your code here")``; ``# BEGIN SOLUTION: z = None`` puts
  ``z = None  # YOUR CODE HERE`` there instead (a value question);
* markdown: ``<!-- BEGIN SOLUTION -->`` ... ``<!-- END SOLUTION -->`` becomes
  ``*Your answer here.*``;
* a cell tagged ``solution`` is left out.
nbgrader's ClearSolutions is not used: it has no stub for value questions, and it would pull
a database stack (SQLAlchemy, alembic) into the learner's install. An edition is rebuilt only
when its inputs changed (.inputs.json), under a lock, each file written atomically.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from notebook_files import ROOT, course_notebooks, digest, load, normalise, serialise, write_atomic

if TYPE_CHECKING:   # nbformat is imported when an edition is built: `make lab` starts at once
    import nbformat

__all__ = ["course_notebooks"]
DEFAULT_OUT = ROOT / "build" / "student"
SOLUTION_TAG, STAMP = "solution", ".inputs.json"
MARKDOWN_PLACEHOLDER = "*Your answer here.*"
CODE_BEGIN = re.compile(r"^(?P<indent>[ \t]*)# BEGIN SOLUTION(?::[ \t]*(?P<stub>.*\S))?[ \t]*$")
CODE_END = re.compile(r"^[ \t]*# END SOLUTION[ \t]*$")
MD_BEGIN = re.compile(r"^[ \t]*<!-- BEGIN SOLUTION -->[ \t]*$")
MD_END = re.compile(r"^[ \t]*<!-- END SOLUTION -->[ \t]*$")


class MarkerError(ValueError):
    """A solution marker left unpaired, or solution text left in an edition."""


def _code_stub(match):
    indent, stub = match.group("indent", "stub")
    if stub:
        return [f"{indent}{stub}  # YOUR CODE HERE"]
    return [f"{indent}# YOUR CODE HERE", f'{indent}raise NotImplementedError("your code here")']


def blank_source(source: str, begin: re.Pattern, end: re.Pattern, stub, where: str):
    """Return (source with every solution block replaced by ``stub(match)``, removed lines)."""
    out, removed, open_at = [], [], None
    for number, line in enumerate(source.splitlines(), start=1):
        opens, closes = begin.match(line), end.match(line)
        if opens and open_at:
            raise MarkerError(f"{where}, line {number}: BEGIN SOLUTION inside another one")
        if closes and not open_at:
            raise MarkerError(f"{where}, line {number}: END SOLUTION without BEGIN")
        if opens:
            open_at = number
            out.extend(stub(opens))
        elif closes:
            open_at = None
        else:
            (removed if open_at else out).append(line)
    if open_at:
        raise MarkerError(f"{where}, line {open_at}: BEGIN SOLUTION is never closed")
    return "\n".join(out), removed


def student_version(nb: nbformat.NotebookNode, name: str):
    """A copy of ``nb`` with its solutions and outputs removed, and the removed lines."""
    import nbformat

    nb, removed = nbformat.from_dict(nb), []   # a deep copy
    markers = {"code": (CODE_BEGIN, CODE_END, _code_stub),
               "markdown": (MD_BEGIN, MD_END, lambda _: [MARKDOWN_PLACEHOLDER])}
    for index, cell in enumerate(nb.cells):
        if SOLUTION_TAG in cell.metadata.get("tags", []):
            removed += cell.source.splitlines()
        elif cell.cell_type in markers:
            cell.source, lines = blank_source(cell.source, *markers[cell.cell_type],
                                              f"{name}, cell {index}")
            removed += lines
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nb.cells = [c for c in nb.cells if SOLUTION_TAG not in c.metadata.get("tags", [])]
    return nb, removed


def leftover_solution_lines(text: str, removed: list[str]) -> list[str]:
    """Removed solution lines (12 characters or more, not comments) still found in ``text``."""
    telling = {s.strip() for s in removed if len(s.strip()) >= 12}
    present = {s.strip() for s in text.splitlines()}
    return sorted(s for s in telling if s in present and not s.startswith("#"))


def edition(src: Path) -> str:
    """The text of the student edition of ``src``; MarkerError if a solution is left."""
    nb, removed = student_version(load(src), src.name)
    text = serialise(normalise(nb))
    if left := leftover_solution_lines(text, removed):
        raise MarkerError(f"{src.name}: solution text left in the student edition: {left}")
    return text


def inputs_digest(sources: list[Path]) -> dict:
    """What an edition depends on: the notebooks and these tools (sha256)."""
    tools = [Path(__file__).resolve(), Path(__file__).resolve().with_name("notebook_files.py")]
    return {p.name: digest(p) for p in [*sources, *tools]}


def ensure(out: Path = DEFAULT_OUT, sources: list[Path] | None = None,
           force: bool = False) -> list[Path]:
    """The student edition of ``sources`` in ``out``, rebuilt only if its inputs changed."""
    sources = sources or course_notebooks()
    out.mkdir(parents=True, exist_ok=True)
    paths, stamp = [out / s.name for s in sources], out / STAMP
    with open(out / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)   # `make lab` and `make test` may build at once
        wanted = inputs_digest(sources)
        fresh = stamp.exists() and stamp.read_text(encoding="utf-8") == json.dumps(wanted)
        if fresh and not force and all(p.exists() for p in paths):
            return paths
        texts = [edition(src) for src in sources]   # a MarkerError writes none
        stamp.unlink(missing_ok=True)
        for path, text in zip(paths, texts, strict=True):
            write_atomic(path, text)
        write_atomic(stamp, json.dumps(wanted))
    return paths


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--force", action="store_true", help="rebuild even if nothing changed")
    args = parser.parse_args(argv)
    try:
        paths = ensure(args.out, [p.resolve() for p in args.notebooks] or None, args.force)
    except MarkerError as exc:
        sys.exit(f"FAILED: {exc}")
    print(f"student edition of {len(paths)} notebook(s) in {args.out} (up to date)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
