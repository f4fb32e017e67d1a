"""Shared test set-up: a headless matplotlib backend and a deterministic Hypothesis.

The backend must be chosen before anything imports ``matplotlib.pyplot``, so
it is set here, at the top of the first file pytest loads.
"""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402

# derandomize=True: every run draws the same examples (a seed derived from each test),
# so a test is red or green for the code, never for the draw; a new example is added
# with @example, not found by luck. No example database: the tests leave no
# .hypothesis/ folder in the repository. deadline=None: the first call of a NumPy
# routine can be slow on a busy machine.
settings.register_profile("nnfs", database=None, deadline=None, derandomize=True)
settings.load_profile("nnfs")


@pytest.fixture(autouse=True)
def _close_figures():
    """Close every figure a test opened, so figures never pile up between tests."""
    yield
    plt.close("all")
