"""The checks hold under ``python -O``: one re-run of the guard tests in an optimised interpreter.

nnfs checks its input with ``if ... raise``, never ``assert`` (which ``-O`` strips),
so every test of ``UNDER_O`` must pass there too. ``test_guards_pass_under_python_O``
runs those files, and this one for its sentinel, once more with ``python -O``; the
sentinel ``test_interpreter_mode_is_as_requested`` proves that the run was optimised.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
UNDER_O_FLAG = "NNFS_TESTS_EXPECT_OPTIMIZED"
# the tests of what nnfs refuses or guards against (this file adds the sentinel)
UNDER_O = ["test_bad_input.py", "test_attributes.py", "test_twins.py", "test_divergence.py",
           "test_extreme_values.py"]


def test_interpreter_mode_is_as_requested():
    """Under the -O run below, prove that the interpreter really was optimised."""
    if os.environ.get(UNDER_O_FLAG) != "1":
        pytest.skip("checked inside the python -O run of test_guards_pass_under_python_O")
    assert __debug__ is False
    assert sys.flags.optimize >= 1


def test_python_O_really_disables_asserts():
    out = subprocess.run(
        [sys.executable, "-O", "-c",
         "import sys\nassert False, 'asserts are on'\nprint(__debug__, sys.flags.optimize)"],
        capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.split() == ["False", "1"]


@pytest.mark.skipif(os.environ.get(UNDER_O_FLAG) == "1", reason="already inside the -O run")
def test_guards_pass_under_python_O():
    # pyproject.toml turns warnings into errors, and pytest itself warns under -O that
    # asserts outside test modules are skipped (nnfs has none: it checks with if/raise);
    # nbval, if installed, is only for notebooks and slow to import: left out here
    quiet = "ignore:assertions not in test modules or plugins:pytest.PytestConfigWarning"
    files = [str(HERE / f) for f in [*UNDER_O, Path(__file__).name]]
    result = subprocess.run(
        [sys.executable, "-O", "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:nbval",
         "-W", quiet, *files, "-k", "not python_O"],
        cwd=HERE.parent, env={**os.environ, UNDER_O_FLAG: "1"}, capture_output=True, text=True,
        timeout=600)
    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    # the sentinel ran (not skipped) and passed, so the run was optimised
    assert "skipped" not in result.stdout and " failed" not in result.stdout, report
    expected = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
         "-p", "no:nbval", *files, "-k", "not python_O"],
        cwd=HERE.parent, capture_output=True, text=True, timeout=300).stdout
    n_expected = int(expected.strip().splitlines()[-1].split()[0].split("/")[0])
    assert int(result.stdout.split(" passed")[0].split()[-1]) == n_expected, report
