#!/usr/bin/env python3
"""Execute the course notebooks top to bottom, in place, and normalise them.

    python tools/run_notebooks.py                  # every notebooks/*.ipynb, sorted
    python tools/run_notebooks.py notebooks/02_x.ipynb
    python tools/run_notebooks.py --check          # write nothing; exit 1 if any would change

nbconvert's ExecutePreprocessor (nbclient) runs each notebook in a fresh kernel of this
Python, started as nbval's ``--nbval-current-env`` starts it, in the notebook's folder,
120 s per cell; ClearMetadataPreprocessor drops the metadata we do not keep; nbval's own
marker functions say which cells must raise and whose outputs are not compared. Ours:
  * a cell nbval expects to raise must raise; an error anywhere else stops that notebook,
    which is left untouched and reported with its cell; the others still run; exit 1;
  * byte-stable files: nbformat 4.5, a missing or duplicate cell id becomes
    sha1("<file>:<index>")[:8], a fixed kernelspec and language_info (no Python version),
    only KEPT_CELL_METADATA, empty code cells without outputs, PNGs without matplotlib's
    version tag;
  * a notebook that differs only in the outputs nbval does not compare (timings) counts
    as unchanged and is not rewritten, unless --force.
Importable: load, execute (raises NotebookFailed), normalise, serialise.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import sys
import time
import warnings
from pathlib import Path

import nbformat
import workspace  # noqa: I001  (tools/workspace.py: write_atomic)
from nbclient.exceptions import CellControlSignal, DeadKernelError
from nbconvert.filters import strip_ansi
from nbconvert.preprocessors import ClearMetadataPreprocessor, ExecutePreprocessor

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GLOB = "notebooks/*.ipynb"

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
# What ipykernel reports, minus "version" (the Python patch version must not change bytes).
LANGUAGE_INFO = {
    "codemirror_mode": {"name": "ipython", "version": 3},
    "file_extension": ".py",
    "mimetype": "text/x-python",
    "name": "python",
    "nbconvert_exporter": "python",
    "pygments_lexer": "ipython3",
}
KEPT_NOTEBOOK_METADATA = {"title", "authors"}
# nbformat's code-cell keys without "execution" (timings), and JupyterLab's lock flags.
KEPT_CELL_METADATA = {"tags", "jupyter", "collapsed", "scrolled", "name", "editable",
                      "deletable"}

EXECUTOR = {
    "timeout": 120,  # seconds, per cell
    "startup_timeout": 60,
    "record_timing": False,
    "coalesce_streams": True,
    # Quiet start-up, PNGs without the matplotlib version in their metadata.
    "extra_arguments": [
        "--IPKernelApp.log_level=ERROR",
        "--InlineBackend.print_figure_kwargs="
        "{'bbox_inches': 'tight', 'metadata': {'Software': None}}",
    ],
}


class NotebookFailed(Exception):
    """A notebook could not be read or run; the message names the file and the cell."""


def nbval_options(cell: nbformat.NotebookNode) -> dict:
    """nbval's reading of a code cell's tags and comment markers (comments win, as in nbval)."""
    from nbval.plugin import find_comment_markers, find_metadata_tags  # a maintainer's tool

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # nbval's warnings about conflicting markers
        options = dict(find_metadata_tags(cell.metadata))
        options.update(find_comment_markers(cell.source))
    return options


def is_volatile(cell: nbformat.NotebookNode) -> bool:
    """A cell whose output nbval does not compare (timings, say)."""
    if cell.cell_type != "code":
        return False
    options = nbval_options(cell)
    return bool(options.get("skip")) or not options.get("check", True)


def _stable_id(name: str, index: int, taken: set) -> str:
    keys = (f"{name}:{index}" + (f":{salt}" if salt else "") for salt in itertools.count())
    return next(i for i in (hashlib.sha1(k.encode()).hexdigest()[:8] for k in keys)
                if i not in taken)


def load(path: Path) -> nbformat.NotebookNode:
    """Read a v4 notebook as 4.5, giving cells without a (unique) id a deterministic one.

    Read as plain JSON first: nbformat itself would fill in *random* ids.
    """
    raw = json.loads(path.read_text(encoding="utf-8"))
    if raw.get("nbformat") != 4:
        raise NotebookFailed(f"{path}: nbformat {raw.get('nbformat')} (only 4 is supported)")
    raw["nbformat_minor"] = max(5, raw.get("nbformat_minor", 0))
    cells = raw.get("cells", [])
    taken = {c.get("id") for c in cells}
    seen: set[str] = set()
    for index, cell in enumerate(cells):
        cell_id = cell.get("id")
        if not isinstance(cell_id, str) or not cell_id or cell_id in seen:
            cell["id"] = cell_id = _stable_id(path.name, index, taken)
            taken.add(cell_id)
        seen.add(cell_id)
    return nbformat.reads(json.dumps(raw), as_version=4)  # validates, joins source lines


def normalise(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Fixed notebook metadata, kept cell metadata only, empty code cells cleared (in place)."""
    ClearMetadataPreprocessor(preserve_nb_metadata_mask=KEPT_NOTEBOOK_METADATA,
                              preserve_cell_metadata_mask=KEPT_CELL_METADATA).preprocess(nb, {})
    nb.nbformat, nb.nbformat_minor = 4, 5
    nb.metadata = nbformat.from_dict({**nb.metadata, "kernelspec": KERNELSPEC,
                                      "language_info": LANGUAGE_INFO})
    for cell in nb.cells:
        cell.metadata = nbformat.from_dict(cell.metadata)  # the preprocessor leaves dicts
        if cell.cell_type == "code" and not cell.source.strip():
            cell.outputs = []
            cell.execution_count = None
    nbformat.validate(nb)
    return nb


def serialise(nb: nbformat.NotebookNode) -> str:
    """Exactly the text nbformat.write() puts in a file (indent 1, trailing newline)."""
    text = nbformat.writes(nb, version=nbformat.NO_CONVERT)
    return text if text.endswith("\n") else text + "\n"


class _Executor(ExecutePreprocessor):
    """nbconvert's executor; names the failing cell, and a raises-exception cell must raise."""

    def preprocess_cell(self, cell, resources, index):
        where = f"{self.notebook_path}: cell {index} (id {cell.get('id')}, first line: " \
                f"{(cell.source.splitlines() or [''])[0]!r})"
        must_raise = cell.cell_type == "code" and bool(nbval_options(cell).get("check_exception"))
        self.allow_errors = must_raise  # nbval's markers, not only the tag nbclient knows
        try:
            cell, resources = super().preprocess_cell(cell, resources, index)
        except (CellControlSignal, DeadKernelError, TimeoutError) as exc:
            raise NotebookFailed(f"{where}: {type(exc).__name__}\n"
                                 f"{strip_ansi(str(exc)).rstrip()}") from exc
        if must_raise and not any(o.output_type == "error" for o in cell.outputs):
            raise NotebookFailed(f"{where}: is marked raises-exception but raised nothing")
        return cell, resources


def execute(nb: nbformat.NotebookNode, path: Path) -> None:
    """Run every cell of ``nb`` (read from ``path``) in place; raise NotebookFailed on error."""
    from jupyter_client.manager import AsyncKernelManager
    from nbval.kernel import CURRENT_ENV_KERNEL_NAME, NbvalKernelspecManager

    executor = _Executor(**EXECUTOR)
    executor.notebook_path = path
    km = AsyncKernelManager(kernel_name=CURRENT_ENV_KERNEL_NAME,
                            kernel_spec_manager=NbvalKernelspecManager())
    try:
        executor.preprocess(nb, {"metadata": {"path": str(path.parent)}}, km=km)
    except (CellControlSignal, DeadKernelError, TimeoutError, RuntimeError) as exc:
        raise NotebookFailed(f"{path}: kernel: {type(exc).__name__}\n"
                             f"{strip_ansi(str(exc)).rstrip()}") from exc


def without_volatile_outputs(text: str) -> str:
    nb = nbformat.reads(text, as_version=nbformat.NO_CONVERT)
    for cell in nb.cells:
        if is_volatile(cell):
            cell.outputs = []
    return serialise(nb)


def run(path: Path, check: bool, force: bool) -> str:
    """Execute and normalise one notebook; return 'unchanged', 'updated' or 'would change'.

    A notebook that differs only in the outputs of volatile cells (nbval-ignore-output,
    e.g. timings) counts as unchanged and is not rewritten, unless force is set.
    """
    nb = load(path)
    execute(nb, path)
    new = serialise(normalise(nb))
    old = path.read_text(encoding="utf-8")
    if new == old:
        return "unchanged"
    if not force and without_volatile_outputs(new) == without_volatile_outputs(old):
        return "unchanged"
    if check:
        return "would change"
    workspace.write_atomic(path, new)
    return "updated"


def run_all(paths: list[Path], check: bool, force: bool) -> tuple[list, list]:
    """Run each notebook, one line each; return (the failed ones, the changed ones)."""
    # The kernels inherit this environment: fixed hash seed, and matplotlib's inline
    # backend (ipykernel only picks it when MPLBACKEND is unset).
    os.environ["PYTHONHASHSEED"] = "0"
    os.environ.pop("MPLBACKEND", None)
    failed, changed, total = [], [], time.perf_counter()
    for path in paths:
        start = time.perf_counter()
        try:
            status = run(path, check, force)
        except NotebookFailed as exc:
            status = "FAILED"
            failed.append(path)
            print(f"\nFAILED: {exc}\n", file=sys.stderr, flush=True)
        if status in ("would change", "updated"):
            changed.append(path)
        print(f"{time.perf_counter() - start:7.1f} s  {status:<12}  {path}", flush=True)
    print(f"{time.perf_counter() - total:7.1f} s  total, {len(paths)} notebook(s)", flush=True)
    return failed, changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help=f"default: {DEFAULT_GLOB}")
    parser.add_argument("--check", action="store_true", help="execute in memory only; list "
                        "notebooks that would change and exit 1 if any")
    parser.add_argument("--force", action="store_true", help="rewrite a notebook even if only "
                        "its ignored-output cells' outputs changed")
    args = parser.parse_args(argv)
    cwd = Path.cwd()
    found = sorted(REPO_ROOT.glob(DEFAULT_GLOB))
    paths = args.notebooks or [p.relative_to(cwd) if p.is_relative_to(cwd) else p for p in found]
    if not paths:
        print(f"no notebooks found ({DEFAULT_GLOB})", file=sys.stderr)
        return 1
    failed, changed = run_all(paths, args.check, args.force)
    if failed:
        print(f"\n{len(failed)} notebook(s) failed (left as they were):", file=sys.stderr)
        print("\n".join(f"  {path}" for path in failed), file=sys.stderr)
    if args.check and changed:
        print("\nWould change (run `make notebooks`):", file=sys.stderr)
        print("\n".join(f"  {path}" for path in changed), file=sys.stderr)
    return 1 if failed or (args.check and changed) else 0


if __name__ == "__main__":
    sys.exit(main())
