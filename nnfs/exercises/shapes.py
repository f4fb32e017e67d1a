"""Check for notebook 02 (assertions): a shape check that guards a column input.

The learner writes ``check_column(x, n)``: it returns (anything) when x is a
column of shape (n, 1) and raises ``ValueError`` with a message otherwise, for
any n. An ``assert`` is refused: it vanishes under ``python -O``.
"""

import warnings

import numpy as np

from ._core import NotYet, check, error_text, need_callable

_HINTS = {
    "a 1-D array": " A 1-D array has x.ndim == 1: compare the whole shape x.shape with (n, 1).",
    "a row": " Compare the whole shape x.shape with (n, 1).",
    "a column of the wrong length": " The length must be n: compare x.shape with (n, 1).",
    "a matrix of two columns": " Compare the whole shape x.shape with (n, 1).",
}


def _bad_inputs(n):
    yield "a 1-D array", (n,)
    yield "a row", (1, n)
    yield "a column of the wrong length", (n + 1, 1)
    yield "a column of the wrong length", (n - 1, 1)
    yield "a matrix of two columns", (n, 2)


def _refusal(check_column, x, n):
    """What check_column(x, n) did: ("raised", error) or ("returned", value)."""
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            return "returned", check_column(x, n)
    except Exception as error:
        return "raised", error


@check("check_column")
def check_check_column(check_column):
    """Grade ``check_column(x, n)`` on right and wrong inputs for n = 3, 5, 2 and 7."""
    need_callable(check_column, "check_column")
    for n in (3, 5, 2, 7):
        good = np.linspace(0.1, 0.9, n).reshape(-1, 1)
        outcome, value = _refusal(check_column, good, n)
        if outcome == "raised":
            if isinstance(value, NotImplementedError):
                raise NotYet(f"check_column is not written yet: it raised "
                             f"{error_text(value)}.")
            raise NotYet(f"check_column(x, {n}) refused a right column of shape ({n}, 1): "
                         f"it raised {error_text(value)}")
        for kind, shape in _bad_inputs(n):
            what = f"check_column(x, {n}) with {kind} of shape {shape}"
            outcome, value = _refusal(check_column, np.full(shape, 0.5), n)
            if outcome == "returned":
                if value is False:
                    raise NotYet(f"{what} returned False: a False is easy to ignore. "
                                 f"Raise ValueError(...) instead.")
                raise NotYet(f"{what} got through without an error.{_HINTS[kind]}")
            if isinstance(value, AssertionError):
                raise NotYet(f"{what} raised AssertionError. An assert disappears under "
                             f"`python -O`, so it cannot guard input: raise ValueError(...).")
            if not isinstance(value, ValueError):
                hint = (" Check x.ndim (or compare the whole shape) before reading x.shape[1]."
                        if isinstance(value, IndexError) else "")
                raise NotYet(f"{what} raised {error_text(value)}; a wrong shape is a "
                             f"ValueError.{hint}")
            if not str(value).strip():
                raise NotYet(f"{what} raised ValueError without a message: say what was "
                             f"expected and what arrived.")
    return ("check_column accepts a column of shape (n, 1) and raises ValueError for a 1-D "
            "array, a row, a wrong length and two columns, for n = 3, 5, 2 and 7.")
