#!/usr/bin/env python3
"""Execute the course notebooks top to bottom, in place, and normalise them.

    python tools/run_notebooks.py                  # every notebooks/*.ipynb, sorted
    python tools/run_notebooks.py notebooks/02_x.ipynb
    python tools/run_notebooks.py --check          # write nothing; exit 1 if any would change

Each notebook runs in a fresh kernel of the Python running this script (not whatever
kernelspec named "python3" a user has registered), with the notebook's folder as the
working directory and a timeout of 120 s per cell. A cell may raise only if it is tagged
``raises-exception``, and such a cell must raise. Any other error stops that notebook,
which is then left untouched, and is reported with its file and cell; the script goes
on with the next notebook and exits 1 at the end.

Normalisation, so that running twice gives byte-identical files:
  * nbformat 4.5; every cell has an id (existing ids are kept; a missing or duplicate
    one becomes sha1("<file name>:<cell index>")[:8]);
  * cell metadata: ``execution`` (nbclient timings), ``ExecuteTime`` and ``trusted`` go;
  * empty code cells: no outputs, no execution count;
  * consecutive stream outputs of a cell are merged (nbclient's coalesce_streams);
  * notebook metadata: only ``kernelspec`` (fixed: python3) and ``language_info``
    (fixed, without the Python version), plus ``title``/``authors`` if present;
  * figures: PNGs are written without matplotlib's "Software" (version) tag.

A notebook whose new version differs only in the outputs of cells nbval does not compare
(``# NBVAL_IGNORE_OUTPUT`` / ``# NBVAL_SKIP`` comment, or ``nbval-ignore-output`` /
``nbval-skip`` tag: timings, say) is left as it is and counts as unchanged; ``--force``
rewrites it anyway.

Needs only the standard library and nbformat + nbclient (and jupyter_client, which
nbclient is built on).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import time
from pathlib import Path

import nbformat
from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellControlSignal, CellExecutionError, DeadKernelError

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GLOB = "notebooks/*.ipynb"
CELL_TIMEOUT = 120  # seconds, per cell
STARTUP_TIMEOUT = 60  # seconds, kernel start
KERNEL_NAME = "python3"
RAISES = "raises-exception"

KERNELSPEC = {
    "display_name": "Python 3 (ipykernel)",
    "language": "python",
    "name": KERNEL_NAME,
}
# What ipykernel reports, minus "version" (the Python patch version must not change bytes).
LANGUAGE_INFO = {
    "codemirror_mode": {"name": "ipython", "version": 3},
    "file_extension": ".py",
    "mimetype": "text/x-python",
    "name": "python",
    "nbconvert_exporter": "python",
    "pygments_lexer": "ipython3",
}
# nbval's markers for cells whose output is not compared (as a tag, or a comment line).
VOLATILE_TAGS = {"nbval-ignore-output", "nbval-skip"}
VOLATILE_MARKERS = {"NBVAL_IGNORE_OUTPUT", "NBVAL_SKIP", "PYTEST_VALIDATE_IGNORE_OUTPUT"}
KEPT_NOTEBOOK_METADATA = ("title", "authors")
DROPPED_CELL_METADATA = ("execution", "ExecuteTime", "trusted")

# Passed to the kernel: quiet start-up, PNGs without the matplotlib version in their metadata.
KERNEL_ARGS = [
    "--IPKernelApp.log_level=ERROR",
    "--InlineBackend.print_figure_kwargs={'bbox_inches': 'tight', 'metadata': {'Software': None}}",
]

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


class CurrentEnvKernelSpecManager(KernelSpecManager):
    """Resolves "python3" to an ipykernel of *this* interpreter (like nbval --nbval-current-env)."""

    def get_kernel_spec(self, kernel_name: str) -> KernelSpec:
        if kernel_name != KERNEL_NAME:
            return super().get_kernel_spec(kernel_name)
        return KernelSpec(
            argv=[sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            display_name=KERNELSPEC["display_name"],
            language="python",
            metadata={"debugger": False},
            resource_dir="",
        )


class NotebookFailed(Exception):
    pass


def _stable_id(name: str, index: int, taken: set[str]) -> str:
    salt = 0
    while True:
        key = f"{name}:{index}" + (f":{salt}" if salt else "")
        cell_id = hashlib.sha1(key.encode()).hexdigest()[:8]
        if cell_id not in taken:
            return cell_id
        salt += 1


def load(path: Path) -> nbformat.NotebookNode:
    """Read a v4 notebook, giving cells without an id a deterministic one.

    Read as plain JSON first: nbformat itself would fill in *random* ids.
    """
    raw = json.loads(path.read_text(encoding="utf-8"))
    if raw.get("nbformat") != 4:
        raise NotebookFailed(f"{path}: nbformat {raw.get('nbformat')} (only 4 is supported)")
    raw["nbformat_minor"] = max(5, raw.get("nbformat_minor", 0))
    cells = raw.get("cells", [])
    taken = {c["id"] for c in cells if isinstance(c.get("id"), str) and c["id"]}
    seen: set[str] = set()
    for index, cell in enumerate(cells):
        cell_id = cell.get("id")
        if not isinstance(cell_id, str) or not cell_id or cell_id in seen:
            cell_id = _stable_id(path.name, index, taken)
            taken.add(cell_id)
            cell["id"] = cell_id
        seen.add(cell_id)
    return nbformat.reads(json.dumps(raw), as_version=4)  # validates, joins source lines


def normalise(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    nb.nbformat = 4
    nb.nbformat_minor = 5
    old = nb.metadata
    meta = {k: old[k] for k in KEPT_NOTEBOOK_METADATA if k in old}
    meta["kernelspec"] = dict(KERNELSPEC)
    meta["language_info"] = json.loads(json.dumps(LANGUAGE_INFO))
    nb.metadata = nbformat.from_dict(meta)
    for cell in nb.cells:
        for key in DROPPED_CELL_METADATA:
            cell.metadata.pop(key, None)
        if cell.cell_type == "code" and not cell.source.strip():
            cell.outputs = []
            cell.execution_count = None
    nbformat.validate(nb)
    return nb


def serialise(nb: nbformat.NotebookNode) -> str:
    """Exactly the text nbformat.write() puts in a file (indent 1, trailing newline)."""
    text = nbformat.writes(nb, version=nbformat.NO_CONVERT)
    return text if text.endswith("\n") else text + "\n"


def execute(nb: nbformat.NotebookNode, path: Path) -> None:
    current = {"index": None}

    def on_cell_start(cell, cell_index):
        current["index"] = cell_index

    km = AsyncKernelManager(
        kernel_name=KERNEL_NAME, kernel_spec_manager=CurrentEnvKernelSpecManager()
    )
    client = NotebookClient(
        nb,
        km=km,
        kernel_name=KERNEL_NAME,
        timeout=CELL_TIMEOUT,
        startup_timeout=STARTUP_TIMEOUT,
        allow_errors=False,  # errors only in cells tagged raises-exception (nbclient honours it)
        record_timing=False,
        coalesce_streams=True,
        extra_arguments=list(KERNEL_ARGS),
        resources={"metadata": {"path": str(path.parent)}},
        on_cell_start=on_cell_start,
    )
    try:
        client.execute()
    except (CellExecutionError, CellControlSignal, DeadKernelError, TimeoutError) as exc:
        index = current["index"]
        where = f"cell {index}" if index is not None else "kernel start-up"
        if index is not None:
            cell = nb.cells[index]
            where += f" (id {cell.get('id')}, first line: {cell.source.splitlines()[0]!r})"
        message = ANSI.sub("", str(exc)).rstrip()
        raise NotebookFailed(f"{path}: {where}: {type(exc).__name__}\n{message}") from exc

    for index, cell in enumerate(nb.cells):
        if RAISES in cell.metadata.get("tags", []):
            if not any(o.output_type == "error" for o in cell.get("outputs", [])):
                raise NotebookFailed(f"{path}: cell {index} is tagged {RAISES} but raised nothing")


def is_volatile(cell: nbformat.NotebookNode) -> bool:
    """A cell whose output nbval does not compare (timings, say): tag or comment marker."""
    if cell.cell_type != "code":
        return False
    if VOLATILE_TAGS & set(cell.metadata.get("tags", [])):
        return True
    comments = (line.strip().lstrip("#").strip() for line in cell.source.splitlines())
    return any(c in VOLATILE_MARKERS for c in comments if c)


def without_volatile_outputs(text: str) -> str:
    nb = nbformat.reads(text, as_version=nbformat.NO_CONVERT)
    for cell in nb.cells:
        if is_volatile(cell):
            cell.outputs = []
    return serialise(nb)


def run(path: Path, check: bool, force: bool) -> str:
    """Execute and normalise one notebook; return 'unchanged', 'updated' or 'would change'.

    A notebook that differs only in the outputs of volatile cells (NBVAL_IGNORE_OUTPUT,
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
    nbformat.write(nb, path)
    return "updated"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help=f"default: {DEFAULT_GLOB}")
    parser.add_argument(
        "--check",
        action="store_true",
        help="execute in memory only; list notebooks that would change and exit 1 if any",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="rewrite a notebook even if only its NBVAL_IGNORE_OUTPUT cells' outputs changed",
    )
    args = parser.parse_args(argv)

    cwd = Path.cwd()
    found = sorted(REPO_ROOT.glob(DEFAULT_GLOB))
    paths = args.notebooks or [p.relative_to(cwd) if p.is_relative_to(cwd) else p for p in found]
    if not paths:
        print(f"no notebooks found ({DEFAULT_GLOB})", file=sys.stderr)
        return 1

    # The kernels inherit this environment: fixed hash seed, and matplotlib's inline
    # backend (ipykernel only picks it when MPLBACKEND is unset).
    os.environ["PYTHONHASHSEED"] = "0"
    os.environ.pop("MPLBACKEND", None)

    failed: list[Path] = []
    changed: list[Path] = []
    total = time.perf_counter()
    for path in paths:
        start = time.perf_counter()
        try:
            status = run(path, args.check, args.force)
        except NotebookFailed as exc:
            status = "FAILED"
            failed.append(path)
            print(f"\nFAILED: {exc}\n", file=sys.stderr, flush=True)
        elapsed = time.perf_counter() - start
        if status in ("would change", "updated"):
            changed.append(path)
        print(f"{elapsed:7.1f} s  {status:<12}  {path}", flush=True)
    print(f"{time.perf_counter() - total:7.1f} s  total, {len(paths)} notebook(s)", flush=True)

    if failed:
        print(f"\n{len(failed)} notebook(s) failed (left as they were):", file=sys.stderr)
        for path in failed:
            print(f"  {path}", file=sys.stderr)
    if args.check and changed:
        print("\nWould change (run `make notebooks`):", file=sys.stderr)
        for path in changed:
            print(f"  {path}", file=sys.stderr)
    return 1 if failed or (args.check and changed) else 0


if __name__ == "__main__":
    sys.exit(main())
