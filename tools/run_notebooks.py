#!/usr/bin/env python3
"""Execute notebooks top to bottom in a fresh kernel of this Python, in place, normalised.

    python tools/run_notebooks.py [NOTEBOOK ...]   # default: notebooks/*.ipynb (make notebooks)
    python tools/run_notebooks.py --check          # write nothing; exit 1 if one would change

nbclient runs each notebook in its folder (120 s per cell) in nbval's current-env kernel.
An error outside a cell tagged raises-exception, or such a cell that raises nothing, fails
that notebook (left untouched; the others still run). A notebook that differs only in the
outputs of cells tagged nbval-ignore-output or nbval-skip is unchanged, unless --force.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, DeadKernelError
from nbconvert.filters import strip_ansi
from notebook_files import ROOT, load, misplaced_errors, normalise, serialise, write_atomic

VOLATILE = {"nbval-ignore-output", "nbval-skip"}  # nbval's tags
# Quiet start-up; PNGs without matplotlib's version in their metadata.
KERNEL_ARGS = ["--IPKernelApp.log_level=ERROR", "--InlineBackend.print_figure_kwargs="
               "{'bbox_inches': 'tight', 'metadata': {'Software': None}}"]


class NotebookFailed(Exception):
    """A notebook could not be run; the message names the file and the cell."""


def execute(nb, path: Path) -> None:
    """Run every cell of ``nb`` (read from ``path``) in place; raise NotebookFailed."""
    from jupyter_client.manager import AsyncKernelManager
    from nbval.kernel import CURRENT_ENV_KERNEL_NAME, NbvalKernelspecManager

    km = AsyncKernelManager(kernel_name=CURRENT_ENV_KERNEL_NAME,
                            kernel_spec_manager=NbvalKernelspecManager())
    client = NotebookClient(nb, km=km, timeout=120, startup_timeout=60, record_timing=False,
                            coalesce_streams=True, extra_arguments=KERNEL_ARGS,
                            resources={"metadata": {"path": str(path.parent)}})
    try:
        client.execute()    # nbclient lets a cell tagged raises-exception raise
    except (CellExecutionError, DeadKernelError, TimeoutError, RuntimeError) as exc:
        raise NotebookFailed(f"{path}: {type(exc).__name__}\n{strip_ansi(str(exc))}") from exc
    if wrong := misplaced_errors(nb):
        raise NotebookFailed(f"{path}: " + "; ".join(wrong))


def without_volatile_outputs(nb) -> str:
    nb = nbformat.from_dict(nb)     # a deep copy
    for cell in nb.cells:
        if VOLATILE & set(cell.metadata.get("tags", [])):
            cell.outputs = []
    return serialise(nb)


def run(path: Path, check: bool, force: bool) -> str:
    """Execute and normalise one notebook; return 'unchanged', 'updated' or 'would change'."""
    nb = load(path)
    old = without_volatile_outputs(nb)
    execute(nb, path)
    new = serialise(normalise(nb))
    if new == path.read_text(encoding="utf-8") or (
            not force and without_volatile_outputs(nb) == old):
        return "unchanged"
    if check:
        return "would change"
    write_atomic(path, new)
    return "updated"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--check", action="store_true", help="exit 1 if one would change")
    parser.add_argument("--force", action="store_true", help="rewrite even if only "
                        "nbval-ignore-output cells changed")
    args = parser.parse_args(argv)
    found = sorted((ROOT / "notebooks").glob("*.ipynb"))
    paths = args.notebooks or [Path(os.path.relpath(p)) for p in found]
    os.environ["PYTHONHASHSEED"] = "0"     # the kernels inherit it; ipykernel picks the
    os.environ.pop("MPLBACKEND", None)     # inline backend only when MPLBACKEND is unset
    found, total = {"FAILED": [], "would change": []}, time.perf_counter()
    for path in paths:
        start = time.perf_counter()
        try:
            status = run(path, args.check, args.force)
        except NotebookFailed as exc:
            status = "FAILED"
            print(f"\nFAILED: {exc}\n", file=sys.stderr, flush=True)
        found.get(status, []).append(f"  {path}")
        print(f"{time.perf_counter() - start:7.1f} s  {status:<12}  {path}", flush=True)
    print(f"{time.perf_counter() - total:7.1f} s  total, {len(paths)} notebook(s)")
    for title, lines in zip(("Failed (left as they were):", "Would change (run `make "
                             "notebooks`):"), found.values(), strict=True):
        if lines:
            print(f"\n{title}\n" + "\n".join(lines), file=sys.stderr)
    return 1 if any(found.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
