"""The student edition (tools/student_edition.py, `make student`).

The marker handling is tested on small sources; the whole course is built once per
session into a scratch folder and checked as a teacher would: every notebook is there,
every exercise is blank, no solution and no output is left. That every notebook of it runs
(errors only in tagged cells) is tested by the learner's session, which runs each one once
(tests/test_learner_workspace.py).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.course   # make check leaves it out: see pyproject.toml
sys.path.insert(0, str(ROOT / "tools"))
import student_edition as se  # noqa: E402


def _blank_code(source):
    return se.blank_source(source, se.CODE_BEGIN, se.CODE_END, se._code_stub, "test")


def test_code_solution_becomes_a_placeholder_at_its_indentation():
    source = ("def f(x):\n"
              "    # BEGIN SOLUTION\n"
              "    y = 2 * x\n"
              "    return y\n"
              "    # END SOLUTION\n")
    blanked, removed = _blank_code(source)
    assert blanked == ('def f(x):\n'
                       '    # YOUR CODE HERE\n'
                       '    raise NotImplementedError("your code here")')
    assert removed == ["    y = 2 * x", "    return y"]
    compile(blanked, "blanked", "exec")


def test_a_stub_after_the_marker_replaces_the_solution():
    blanked, removed = _blank_code("# BEGIN SOLUTION: answer = None\nanswer = 42\n"
                                   "# END SOLUTION\nprint(answer)")
    assert blanked == "answer = None  # YOUR CODE HERE\nprint(answer)"
    assert removed == ["answer = 42"]


def test_several_blocks_in_one_cell_are_all_blanked():
    blanked, removed = _blank_code("def f():\n  # BEGIN SOLUTION\n  return 1\n  # END SOLUTION\n"
                                   "def g():\n  # BEGIN SOLUTION\n  return 2\n  # END SOLUTION")
    assert "return" not in blanked
    assert blanked.count("NotImplementedError") == 2
    assert removed == ["  return 1", "  return 2"]


@pytest.mark.parametrize("source, words", [
    ("# BEGIN SOLUTION\nx = 1\n", "never closed"),
    ("x = 1\n# END SOLUTION\n", "without BEGIN"),
    ("# BEGIN SOLUTION\n# BEGIN SOLUTION\n# END SOLUTION\n", "inside another"),
])
def test_unpaired_markers_are_refused_with_the_line(source, words):
    with pytest.raises(se.MarkerError, match=words):
        _blank_code(source)


def test_markdown_answers_and_solution_cells_are_removed():
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("Question?\n<!-- BEGIN SOLUTION -->\nThe answer is 7."
                                      "\n<!-- END SOLUTION -->"),
        nbformat.v4.new_code_cell("print('worked solution')", metadata={"tags": ["solution"]}),
        nbformat.v4.new_code_cell("def f():\n    # BEGIN SOLUTION\n    return 7\n"
                                  "    # END SOLUTION"),
    ]
    nb.cells[2].outputs = [nbformat.v4.new_output("stream", text="7\n")]
    nb.cells[2].execution_count = 3
    student, removed = se.student_version(nb, "x.ipynb")
    assert len(student.cells) == 2
    assert student.cells[0].source == "Question?\n" + se.MARKDOWN_PLACEHOLDER
    assert "return 7" not in student.cells[1].source
    assert student.cells[1].outputs == [] and student.cells[1].execution_count is None
    assert "    return 7" in removed and "print('worked solution')" in removed
    assert len(nb.cells) == 3, "the answer key itself is not changed"


def test_leftover_solution_lines_are_found():
    removed = ["    dLdW = dLdZ @ self.X.T", "    return y", "    # a comment long enough"]
    assert se.leftover_solution_lines("x = 1\n  dLdW = dLdZ @ self.X.T\n", removed) == [
        "dLdW = dLdZ @ self.X.T"]
    # Short lines and comments are too common to count as a leak.
    assert se.leftover_solution_lines("return y\n# a comment long enough", removed) == []


# ------------------------------------------------------------------ the real course


@pytest.fixture(scope="module")
def student_dir(tmp_path_factory):
    """The student edition of every course notebook, as `make student` makes it."""
    out = tmp_path_factory.mktemp("student")
    se.ensure(out)
    return out


def test_every_course_notebook_has_a_student_edition(student_dir):
    names = sorted(p.name for p in student_dir.glob("*.ipynb"))
    assert names == [p.name for p in se.course_notebooks()]
    assert json.loads((student_dir / se.STAMP).read_text()) == se.inputs_digest(
        se.course_notebooks()), "the edition is the one of today's notebooks and tools"


def test_every_course_notebook_has_a_write_the_code_exercise_graded_by_a_check():
    for path in se.course_notebooks():
        code = [c.source for c in nbformat.read(path, as_version=4).cells
                if c.cell_type == "code"]
        blocks = [s for s in code if any(se.CODE_BEGIN.match(ln) for ln in s.splitlines())]
        assert blocks, f"{path.name} has no exercise cell with a # BEGIN SOLUTION block"
        assert any("nnfs.exercises" in s for s in code), (
            f"{path.name} grades no exercise with a check from nnfs.exercises")


@pytest.mark.parametrize("source", se.course_notebooks(), ids=lambda p: p.name)
def test_student_notebook_is_blank_with_nothing_left(student_dir, source):
    key = nbformat.read(source, as_version=4)
    _, removed = se.student_version(key, source.name)
    path = student_dir / source.name
    text = path.read_text(encoding="utf-8")
    nb = nbformat.reads(text, as_version=4)
    assert "BEGIN SOLUTION" not in text and "END SOLUTION" not in text
    assert not se.leftover_solution_lines(text, removed)
    assert not any(se.SOLUTION_TAG in c.metadata.get("tags", []) for c in nb.cells)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.outputs == [] and c.execution_count is None for c in code), (
        "the answer key's outputs are not in the student edition")
    assert [c.source for c in nb.cells if c.cell_type == "code"] != [
        c.source for c in key.cells if c.cell_type == "code"], "some exercise was blanked"


def test_a_rebuild_is_skipped_when_nothing_changed_and_forced_otherwise(tmp_path):
    source = se.course_notebooks()[0]
    (path,) = se.ensure(tmp_path, [source])
    path.write_text("stale", encoding="utf-8")
    se.ensure(tmp_path, [source])
    assert path.read_text(encoding="utf-8") == "stale", "inputs unchanged: nothing rebuilt"
    se.ensure(tmp_path, [source], force=True)
    assert path.read_text(encoding="utf-8") == se.edition(source)


def test_a_marker_error_writes_nothing(tmp_path):
    good, bad = se.course_notebooks()[0], tmp_path / "99_bad.ipynb"
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("# BEGIN SOLUTION\nx = 1")])
    nbformat.write(nb, bad)
    with pytest.raises(se.MarkerError, match="never closed"):
        se.ensure(tmp_path / "out", [good, bad])
    assert not list((tmp_path / "out").glob("*.ipynb"))
