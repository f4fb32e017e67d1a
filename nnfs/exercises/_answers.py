"""Reading what the learner's code returned, and comparing it with the right answer.

Every helper raises ``NotYet`` with a message that says what is wrong (a
type, a shape, a NaN, a relative error) and never the expected values.
"""

import numbers

import numpy as np

from ..gradcheck import relative_error
from ._core import NotYet, a_name


def kind_of(value):
    """A short description of a value: "None", "an array of shape (3,)", "a tuple of length 2"."""
    if value is None:
        return "None"
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}"
    if isinstance(value, (tuple, list)):
        return f"{a_name(value)} of length {len(value)}"
    return a_name(value)


def returned_array(value, subject, shape, hint="", finite=True):
    """``value`` as a float64 array of ``shape``, or NotYet saying what is wrong with it.

    ``subject`` ends with its verb: "neuron_forward(w, x, b) returned",
    "after backward, W is".
    """
    if value is None:
        missing = ": is a `return` line missing?" if subject.endswith("returned") else "."
        raise NotYet(f"{subject} None{missing}")
    if not isinstance(value, np.ndarray):
        raise NotYet(f"{subject} {kind_of(value)}, expected a NumPy array of shape "
                     f"{shape}.{hint}")
    if value.dtype == bool or value.dtype.kind not in "iuf":
        raise NotYet(f"{subject} an array of dtype {value.dtype}, expected numbers.")
    if value.shape != shape:
        raise NotYet(f"{subject} an array of shape {value.shape}, expected {shape}.{hint}")
    if finite and not np.all(np.isfinite(value)):
        raise NotYet(f"{subject} an array with NaN or inf.")
    return value.astype(np.float64)


def returned_arrays(value, names, what, shape):
    """A tuple of arrays named ``names``, each of ``shape`` (NaN allowed), or NotYet."""
    if not isinstance(value, (tuple, list)) or len(value) != len(names):
        raise NotYet(f"{what} should return ({', '.join(names)}), got {kind_of(value)}.")
    return [returned_array(a, f"{what} returned {name} as", shape, finite=False)
            for a, name in zip(value, names, strict=True)]


def finite(array, subject):
    """NotYet unless every entry of ``array`` is finite: "{subject} an array with NaN or inf"."""
    if not np.all(np.isfinite(array)):
        raise NotYet(f"{subject} an array with NaN or inf.")


def returned_number(value, what):
    """``value`` as a float if it is one real number (a 0-d array counts), else NotYet."""
    if value is None:
        raise NotYet(f"{what} returned None: is a `return` line missing?")
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value[()]
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise NotYet(f"{what} returned {kind_of(value)}, expected one number (a float).")
    if not np.isfinite(value):
        raise NotYet(f"{what} returned NaN or inf.")
    return float(value)


rel = relative_error     # ||a - b|| / (||a|| + ||b||), arrays of one shape


def rel_text(err):
    """A relative error, coarse enough to print the same on every machine."""
    return f"relative error {err:.0e}"


def same(a, b, tol=1e-7):
    """True if arrays a and b agree to relative error ``tol``."""
    return np.shape(a) == np.shape(b) and rel(a, b) < tol


def check_update(got, before, grad, learning_rate, what, name):
    """NotYet unless ``got`` (a parameter after backward) is before - learning_rate * grad."""
    got = returned_array(got, f"{what}: after backward, {name} is", before.shape)
    want = before - learning_rate * grad
    for wrong, hint in ((before, "did not change"),
                        (before + learning_rate * grad, "moved uphill: subtract "
                         "learning_rate times the gradient"),
                        (before - grad, "moved without the learning rate")):
        if same(got, wrong, 1e-9) and not same(got, want, 1e-9):
            raise NotYet(f"{what}: after backward, {name} {hint}.")
    if not same(got, want, 1e-9):
        raise NotYet(f"{what}: after backward, {name} is not its old value minus "
                     f"learning_rate times its gradient ({rel_text(rel(got, want))}).")
