"""Checks on the notebooks as they are stored in git (no kernel is started here).

The notebooks are committed executed, top to bottom in one go, by
`make notebooks` (tools/run_notebooks.py); `make test` re-runs them with nbval and
compares the outputs. These tests catch what nbval would report late or confusingly:
out-of-order or partial runs, stray errors, volatile text, missing cell ids.
"""

from __future__ import annotations

import json
import re
import sys
import warnings
from pathlib import Path

import nbformat
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
import notebook_files  # noqa: E402  (the course's rule for error outputs)

NOTEBOOK_DIR = Path(__file__).resolve().parent.parent / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
NAME = re.compile(r"^(\d{2})_[A-Za-z0-9][A-Za-z0-9_-]*\.ipynb$")
MEMORY_ADDRESS = re.compile(r" at 0x[0-9A-Fa-f]+")
# Text that differs from one machine or run to the next (and so breaks nbval elsewhere):
# ipykernel's per-process cell file names, installed-package paths, this checkout's path.
MACHINE_SPECIFIC = [
    re.compile(r"/tmp/ipykernel_\d+"),
    re.compile(r"site-packages"),
    re.compile(re.escape(str(NOTEBOOK_DIR.parent))),
]


def _raw(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _load(path: Path) -> nbformat.NotebookNode:
    with warnings.catch_warnings():
        # nbformat warns about (and patches) missing or duplicate cell ids;
        # test_cell_ids_present_and_unique reports those from the raw file.
        warnings.simplefilter("ignore")
        return nbformat.reads(path.read_text(encoding="utf-8"), as_version=nbformat.NO_CONVERT)


def _is_code(cell) -> bool:
    return cell.cell_type == "code" and bool(cell.source.strip())


def _tags(cell) -> list[str]:
    return list(cell.metadata.get("tags", []))


def _texts(output) -> list[str]:
    """Every piece of text in one output (images, which are base64, are skipped)."""
    kind = output.get("output_type")
    if kind == "stream":
        return [output.get("text", "")]
    if kind == "error":
        return [output.get("ename", ""), output.get("evalue", ""), *output.get("traceback", [])]
    texts = []
    for mime, value in output.get("data", {}).items():
        if mime.startswith("text/") or mime.endswith("json") or mime.endswith("+xml"):
            texts.append(value if isinstance(value, str) else str(value))
    return texts


def _where(path: Path, index: int) -> str:
    return f"{path.name}, cell {index}"


def test_course_has_notebooks():
    assert NOTEBOOKS, f"no notebooks in {NOTEBOOK_DIR}"


def test_notebook_names_are_numbered_consecutively():
    names = [p.name for p in NOTEBOOKS]
    bad = [n for n in names if not NAME.match(n)]
    assert not bad, f"names must look like NN_name.ipynb: {bad}"
    numbers = [int(NAME.match(n).group(1)) for n in names]
    assert numbers == list(range(1, len(names) + 1)), f"expected 01, 02, ... without gaps: {names}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
class TestStoredNotebook:
    def test_is_valid_nbformat(self, path):
        raw = _raw(path)
        version = (raw.get("nbformat"), raw.get("nbformat_minor"))
        assert version >= (4, 5), f"needs nbformat 4.5 or later (cell ids), got {version}"
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # nbformat only warns about some violations
            nbformat.validate(nbformat.from_dict(raw))

    def test_starts_with_markdown(self, path):
        cells = _load(path).cells
        assert cells and cells[0].cell_type == "markdown", "first cell must be markdown"

    def test_cell_ids_present_and_unique(self, path):
        ids = [cell.get("id") for cell in _raw(path).get("cells", [])]
        missing = [i for i, cell_id in enumerate(ids) if not cell_id]
        assert not missing, f"cells without an id: {missing}"
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        assert not duplicates, f"duplicate cell ids: {duplicates}"

    def test_executed_in_order_in_one_go(self, path):
        counts = [cell.get("execution_count") for cell in _load(path).cells if _is_code(cell)]
        expected = list(range(1, len(counts) + 1))
        assert counts == expected, (
            "code cells must be stored executed top to bottom in a fresh kernel "
            f"(run `make notebooks`); execution counts are {counts}"
        )

    def test_errors_only_where_tagged(self, path):
        wrong = notebook_files.misplaced_errors(_load(path))
        assert not wrong, f"{path.name}: {wrong}"

    def test_no_volatile_output_text(self, path):
        for index, cell in enumerate(_load(path).cells):
            for output in cell.get("outputs", []):
                for text in _texts(output):
                    match = MEMORY_ADDRESS.search(text)
                    assert not match, f"{_where(path, index)}: memory address in output: {text!r}"
                    if output.get("output_type") == "error":
                        continue  # tracebacks name files; nbval does not compare them
                    for pattern in MACHINE_SPECIFIC:
                        match = pattern.search(text)
                        assert not match, (
                            f"{_where(path, index)}: machine-specific text {match.group(0)!r} "
                            f"in output: {text!r}"
                        )

    def test_no_execution_timestamps(self, path):
        for index, cell in enumerate(_load(path).cells):
            assert "execution" not in cell.metadata, (
                f"{_where(path, index)} has metadata.execution timestamps (run `make notebooks`)"
            )


def test_misplaced_errors_names_an_untagged_error_and_a_tagged_cell_that_did_not_raise():
    error = nbformat.v4.new_output("error", ename="ValueError", evalue="bad", traceback=[])
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("1 / 0", outputs=[error]),
        nbformat.v4.new_code_cell("x = 1", metadata={"tags": ["raises-exception"]}),
        nbformat.v4.new_code_cell("f()", outputs=[error],
                                  metadata={"tags": ["raises-exception"]}),
        nbformat.v4.new_markdown_cell("text")])
    assert notebook_files.misplaced_errors(nb) == [
        "cell 0 raised ValueError: bad; fix it or tag it raises-exception",
        "cell 1 is tagged raises-exception but raised nothing"]
