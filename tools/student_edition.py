#!/usr/bin/env python3
"""Write the student edition of the course: exercises blank, checks kept, no outputs.

    python tools/student_edition.py                    # every notebook -> build/student/
    python tools/student_edition.py --out DIR NB ...   # some notebooks, elsewhere

The notebooks in notebooks/ are the answer key: each exercise cell holds its solution
between marker lines, and the check cell after it passes. The student edition blanks what
lies between the markers and clears every output (the answer key's outputs show answers,
and the learner's Run All makes them; nbgrader's assign clears outputs too). It is not
executed here: `make lab` takes a second, and tests/test_learner_workspace.py runs every
notebook of it as a learner would (an error only in a cell tagged ``raises-exception``).

Markers (the same in every notebook; `make student` fails on a marker left unpaired):

* code, inside a function or method body: ``# BEGIN SOLUTION`` ... ``# END SOLUTION``
  becomes ``# YOUR CODE HERE`` and ``raise NotImplementedError("your code here")`` at
  the marker's indentation; ``# BEGIN SOLUTION: z = None`` puts ``z = None`` there
  instead (for a solution that is not in a function body);
* markdown: ``<!-- BEGIN SOLUTION -->`` ... ``<!-- END SOLUTION -->`` becomes
  ``*Your answer here.*``;
* a cell tagged ``solution`` is left out.

nbgrader's ClearSolutions does the same with other markers, but has no stub variant for
value questions and pulls a database stack (SQLAlchemy, alembic) into the learner's install.
An edition is rebuilt only when its inputs changed (digests in .inputs.json beside it),
under a lock and with atomic writes: `make lab` and `make test` may run at once.
"""

from __future__ import annotations

import argparse
import fcntl
import hashlib
import json
import re
import sys
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run_notebooks  # noqa: E402  (the course's notebook reader and writer, next to this file)
import workspace  # noqa: E402  (write_atomic)

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO_ROOT / "build" / "student"
SOLUTION_TAG = "solution"
PLACEHOLDER = 'raise NotImplementedError("your code here")'
MARKDOWN_PLACEHOLDER = "*Your answer here.*"

CODE_BEGIN = re.compile(r"^(?P<indent>[ \t]*)# BEGIN SOLUTION(?::[ \t]*(?P<stub>.*\S))?[ \t]*$")
CODE_END = re.compile(r"^[ \t]*# END SOLUTION[ \t]*$")
MD_BEGIN = re.compile(r"^[ \t]*<!-- BEGIN SOLUTION -->[ \t]*$")
MD_END = re.compile(r"^[ \t]*<!-- END SOLUTION -->[ \t]*$")


class MarkerError(ValueError):
    pass


def blank_source(source: str, begin: re.Pattern, end: re.Pattern, stub, where: str):
    """Return (source with every solution block replaced, the removed solution lines)."""
    out, removed, open_at = [], [], None
    for number, line in enumerate(source.splitlines(), start=1):
        if open_at is None:
            match = begin.match(line)
            if match:
                open_at = number
                out.extend(stub(match))
            elif end.match(line):
                raise MarkerError(f"{where}, line {number}: END SOLUTION without BEGIN")
            else:
                out.append(line)
        elif end.match(line):
            open_at = None
        elif begin.match(line):
            raise MarkerError(f"{where}, line {number}: BEGIN SOLUTION inside another one "
                              f"(opened at line {open_at})")
        else:
            removed.append(line)
    if open_at is not None:
        raise MarkerError(f"{where}, line {open_at}: BEGIN SOLUTION is never closed")
    return "\n".join(out), removed


def _code_stub(match):
    indent = match.group("indent")
    if match.group("stub"):
        return [f"{indent}{match.group('stub')}  # YOUR CODE HERE"]
    return [f"{indent}# YOUR CODE HERE", f"{indent}{PLACEHOLDER}"]


def student_version(nb: nbformat.NotebookNode, name: str):
    """The notebook with its solutions and outputs removed, and the removed lines."""
    nb = nbformat.from_dict(nb)  # a deep copy
    cells, removed = [], []
    for index, cell in enumerate(nb.cells):
        where = f"{name}, cell {index}"
        if SOLUTION_TAG in cell.metadata.get("tags", []):
            removed.extend(cell.source.splitlines())
            continue
        if cell.cell_type == "code":
            cell.source, lines = blank_source(cell.source, CODE_BEGIN, CODE_END,
                                              _code_stub, where)
            cell.outputs, cell.execution_count = [], None
        elif cell.cell_type == "markdown":
            cell.source, lines = blank_source(cell.source, MD_BEGIN, MD_END,
                                              lambda m: [MARKDOWN_PLACEHOLDER], where)
        else:
            lines = []
        removed.extend(lines)
        cells.append(cell)
    nb.cells = cells
    return nb, removed


def leftover_solution_lines(text: str, removed: list[str]) -> list[str]:
    """Removed solution lines (of some length, not comments) still found in ``text``."""
    lines = {s.strip() for s in removed}
    telling = [s for s in lines if len(s) >= 12 and not s.startswith("#")]
    present = {s.strip() for s in text.splitlines()}
    return sorted(s for s in telling if s in present)


def edition(src: Path) -> str:
    """The text of the student edition of ``src``; raises MarkerError if a solution is left."""
    nb, removed = student_version(run_notebooks.load(src), src.name)
    text = run_notebooks.serialise(run_notebooks.normalise(nb))
    left = leftover_solution_lines(text, removed)
    if left:
        raise MarkerError(f"{src.name}: solution text left in the student edition: {left}")
    return text


course_notebooks = workspace.course_notebooks


STAMP = ".inputs.json"


def inputs_digest(sources: list[Path]) -> dict:
    """What an edition depends on: the notebooks and these tools (sha256)."""
    files = list(sources) + [Path(__file__).resolve(), Path(run_notebooks.__file__).resolve()]
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


def ensure(out: Path = DEFAULT_OUT, sources: list[Path] | None = None,
           force: bool = False) -> list[Path]:
    """The student edition of ``sources`` in ``out``, rebuilt only if its inputs changed.

    Under an exclusive lock on ``out``/.lock, each file replaced atomically: a reader
    sees an old or a new notebook, never half of one. Raises MarkerError.
    """
    sources = sources or course_notebooks()
    out.mkdir(parents=True, exist_ok=True)
    paths = [out / s.name for s in sources]
    with open(out / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        wanted, stamp = inputs_digest(sources), out / STAMP
        try:
            fresh = json.loads(stamp.read_text(encoding="utf-8")) == wanted
        except (FileNotFoundError, ValueError):
            fresh = False
        if fresh and not force and all(p.exists() for p in paths):
            return paths
        texts = [edition(src) for src in sources]   # all or nothing: a MarkerError writes none
        stamp.unlink(missing_ok=True)
        for path, text in zip(paths, texts, strict=True):
            workspace.write_atomic(path, text)
        workspace.write_atomic(stamp, json.dumps(wanted, indent=1, sort_keys=True) + "\n")
    return paths


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: notebooks/NN_*.ipynb")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="default: build/student")
    parser.add_argument("--force", action="store_true", help="rebuild even if nothing changed")
    args = parser.parse_args(argv)
    try:
        paths = ensure(args.out, [p.resolve() for p in args.notebooks] or None, args.force)
    except (MarkerError, run_notebooks.NotebookFailed) as exc:
        print(f"FAILED: {exc}", file=sys.stderr)
        return 1
    print(f"student edition of {len(paths)} notebook(s) in {args.out} (up to date)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
