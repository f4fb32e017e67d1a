"""Checks for notebook 02 (assertions): a shape check, and which check fires first.

* ``check_column(x, n)``, written by the learner: it returns (anything) when x is
  a column of shape (n, 1) and raises ``ValueError`` with a message otherwise,
  for any n. An ``assert`` is refused: it vanishes under ``python -O``.
* ``answer_2``: four labels ("input_size", "x", "error" or "none"), the
  CheckedNeuron check that fires first on each of four lines (graded by
  ``check_first_check_that_fires``; labels read without regard to case or quotes).
"""

import re
import warnings

import numpy as np

from ._core import NotYet, answer, check, error_text, need_callable
from ._values import label, shown

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


MAX_MESSAGE = 200       # characters: a message read at a glance, one line


def _says_shape(message, shape):
    """The text of ``shape`` as the message writes it ("(3,)", "(1, 3)", "[1, 3]"), or None."""
    inner = r"\s*,\s*".join(str(k) for k in shape) + (r"\s*,?" if len(shape) == 1 else "")
    found = re.search(r"[(\[]\s*" + inner + r"\s*[)\]]", message)
    return found.group(0) if found else None


def _check_message(message, what, n, shape):
    """NotYet unless the ValueError's message says what was expected (n) and what arrived."""
    if not message.strip():
        raise NotYet(f"{what} raised ValueError without a message: say what was expected "
                     f"and what arrived.")
    if len(message) > MAX_MESSAGE or "\n" in message.strip():
        raise NotYet(f"{what} raised a ValueError whose message runs to {len(message)} "
                     f"characters over {message.strip().count(chr(10)) + 1} line(s): say what "
                     f"was expected and what arrived in one short line.")
    got = _says_shape(message, shape)
    expected = re.search(rf"(?<![\d.]){n}(?![\d.])", message.replace(got, "", 1) if got else "")
    if not (got and expected):
        missing = ("the shape x arrived with" if not got else
                   f"what was expected, which depends on n ({n} here)")
        raise NotYet(f"{what} raised {error_text(ValueError(message))}. The message should "
                     f"say what was expected and what arrived; it does not say {missing}.")


@check("check_column")
def check_check_column(check_column):
    """Grade ``check_column(x, n)`` on right and wrong inputs for n = 3, 5, 2 and 7."""
    need_callable(check_column, "check_column")
    refusals = []
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
            refusals.append((str(value), what, n, shape))
    for refusal in refusals:        # what it lets through first, then what its messages say
        _check_message(*refusal)
    return ("check_column accepts a column of shape (n, 1) and raises ValueError for a 1-D "
            "array, a row, a wrong length and two columns, for n = 3, 5, 2 and 7.")


# exercise 2: a value, not code ----------------------------------------------------

_LABELS = ("input_size", "x", "error", "none")
_FIRST_CHECKS = ("input_size", "none", "error", "x")
_LINE_HINTS = (
    "CheckedNeuron(5.0): which method runs when a neuron is made, and what does its first "
    "check ask of the size?",
    "neuron.forward(x[3:4].T): work the shape out step by step. x[3:4] slices rows of x, "
    ".T swaps the two sizes; then compare with what forward asks for.",
    "neuron.backward(np.array(0.2), 0.1): what is np.array(0.2).shape? Compare it with "
    "what backward's checks ask for, in their order.",
    "neuron.forward(x[3:5].T): how many samples does x[3:5] hold, and what shape is its "
    "transpose?",
)


@answer("answer_2")
def check_first_check_that_fires(answer_2):
    """Grade four labels: the CheckedNeuron check that fires first on each of four lines."""
    labels = '"input_size", "x", "error" or "none"'
    if not isinstance(answer_2, (tuple, list)) or len(answer_2) != 4:
        raise NotYet(f"set answer_2 to a tuple of 4 labels, one per line, each {labels}; "
                     f"got {shown(answer_2)}.")
    for k, given in enumerate(answer_2, start=1):
        if given is None:
            raise NotYet(f'line {k}: None is not a label. For a line that runs without an '
                         f'error, write the string "none".')
        if label(given) not in _LABELS:
            raise NotYet(f"line {k}: {shown(given)} is not one of the labels {labels}.")
    wrong = [k for k, given in enumerate(answer_2) if label(given) != _FIRST_CHECKS[k]]
    if wrong:
        raise NotYet(f"{4 - len(wrong)} of 4 lines are right. Look again at line "
                     f"{wrong[0] + 1}, {_LINE_HINTS[wrong[0]]}")
    return "each line stops at the check that names what is wrong with its argument."
