"""The course's notebooks as files: where they are, reading, normalising, writing atomically."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
# The hand-out's start.py (standard library only) holds the learner's copies, backups and
# lab, and the atomic write: tools/ use it as it is handed out.
sys.path.insert(0, str(ROOT / "handout"))
import start  # noqa: E402

digest, write_atomic = start.digest, start.write_atomic

if TYPE_CHECKING:   # nbformat is imported where it is used: `make lab` starts without it
    import nbformat

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
# What ipykernel reports, minus "version" (a Python patch release must not change the bytes).
LANGUAGE_INFO = {"codemirror_mode": {"name": "ipython", "version": 3}, "file_extension": ".py",
                 "mimetype": "text/x-python", "name": "python", "nbconvert_exporter": "python",
                 "pygments_lexer": "ipython3"}
KEPT_NOTEBOOK_METADATA = ("title", "authors")
# nbformat's code-cell keys without "execution" (timings), and JupyterLab's lock flags.
KEPT_CELL_METADATA = ("tags", "jupyter", "collapsed", "scrolled", "name", "editable", "deletable")


def course_notebooks(folder: Path = ROOT / "notebooks") -> list[Path]:
    """The course notebooks NN_name.ipynb in ``folder``, in course order."""
    return sorted(Path(folder).glob("[0-9][0-9]_*.ipynb"))


def misplaced_errors(nb) -> list[str]:
    """The course's rule for executed notebooks: an error output in every code cell tagged
    raises-exception and in no other. Returns what breaks it, one line per cell."""
    wrong = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        raised = [o for o in cell.get("outputs", []) if o.output_type == "error"]
        if "raises-exception" in cell.metadata.get("tags", []):
            wrong += [] if raised else [f"cell {i} is tagged raises-exception but raised nothing"]
        else:
            wrong += [f"cell {i} raised {o.ename}: {o.evalue}; fix it or tag it "
                      "raises-exception" for o in raised]
    return wrong


def load(path: Path) -> nbformat.NotebookNode:
    """A v4 notebook as 4.5; a cell without a (unique) id gets sha1("<file>:<index>")[:8].

    Read as JSON first: nbformat itself would fill in *random* ids.
    """
    import nbformat

    raw = json.loads(path.read_text(encoding="utf-8"))
    raw["nbformat_minor"] = max(5, raw.get("nbformat_minor", 0))
    seen = set()
    for index, cell in enumerate(raw.get("cells", [])):
        if not cell.get("id") or cell["id"] in seen:
            cell["id"] = hashlib.sha1(f"{path.name}:{index}".encode()).hexdigest()[:8]
        seen.add(cell["id"])
    return nbformat.reads(json.dumps(raw), as_version=4)  # validates, joins source lines


def normalise(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Fixed kernel metadata, kept metadata only, empty code cells cleared (in place)."""
    import nbformat

    keep = {k: nb.metadata[k] for k in KEPT_NOTEBOOK_METADATA if k in nb.metadata}
    nb.metadata = nbformat.from_dict({**keep, "kernelspec": KERNELSPEC,
                                      "language_info": LANGUAGE_INFO})
    nb.nbformat, nb.nbformat_minor = 4, 5
    for cell in nb.cells:
        cell.metadata = nbformat.from_dict({k: cell.metadata[k] for k in KEPT_CELL_METADATA
                                            if k in cell.metadata})
        if cell.cell_type == "code" and not cell.source.strip():
            cell.outputs, cell.execution_count = [], None
    nbformat.validate(nb)
    return nb


def serialise(nb: nbformat.NotebookNode) -> str:
    """Exactly the text nbformat.write() puts in a file."""
    import nbformat

    text = nbformat.writes(nb, version=nbformat.NO_CONVERT)
    return text if text.endswith("\n") else text + "\n"
