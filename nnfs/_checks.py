"""Input checks shared by the package.

Every public entry point of ``nnfs`` validates what it is given with these
helpers and raises ``TypeError`` or ``ValueError`` with a message that says
what was expected and what arrived. They use ``if ... raise``, never
``assert``, so they still work under ``python -O``. (What a checked method
calls once its input is checked: ``_twins.py``.)
"""

import math
import numbers

import numpy as np


def describe(value, with_type=False):
    """``value`` for an error message: its short repr (``with_type``: "... of type T"),
    a huge integer's order of magnitude, or its type; never an object address."""
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        value = int(value)
        if abs(value) >= 10**20:
            return f"an integer of about {'-' * (value < 0)}10**{round(math.log10(abs(value)))}"
    text = repr(value)
    if len(text) > 60 or " at 0x" in text:
        return f"an instance of {type(value).__name__}"
    return f"{text} of type {type(value).__name__}" if with_type else text


def _real_number(value, name, kind):
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be {kind}, got {describe(value, with_type=True)}")
    try:
        return float(value)
    except OverflowError:
        raise ValueError(f"{name} must be {kind} that fits in a float (< 1.8e308), got "
                         f"{describe(value)}") from None


def check_size(value, name):
    """Return ``value`` as a Python int if it is a positive integer (not a bool or float)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be a positive integer, got "
                        f"{describe(value, with_type=True)}")
    if value < 1:
        raise ValueError(f"{name} must be a positive integer, got {describe(value)}")
    return int(value)


def check_positive_number(value, name, *, allow_zero=False):
    """Return ``value`` as a float if it is a finite number > 0 (>= 0 with ``allow_zero``)."""
    value = _real_number(value, name, "a number >= 0" if allow_zero else "a positive number")
    if not np.isfinite(value) or value < 0 or value == 0 and not allow_zero:
        raise ValueError(f"{name} must be a finite number {'>=' if allow_zero else '>'} 0, "
                         f"got {value}")
    return value


def check_array(value, name, ndim=None, shape=None, dtype=None):
    """Return ``value`` as a finite float array of the expected form.

    ``shape`` may hold ``None`` for a dimension of any length. Lists are converted.
    ``dtype``: the float dtype to cast to (a layer's own); None keeps a float
    array's dtype (float32 stays float32) and makes integers float64.
    """
    arr = as_real_array(value, name)
    if shape is not None:
        ndim = len(shape)
    if ndim is not None and arr.ndim != ndim:
        want = f"have shape {_shape_text(shape)}" if shape is not None else f"be a {ndim}-D array"
        raise ValueError(f"{name} must {want}, got {arr.shape} ({arr.ndim}-D)")
    if shape is not None and not _fits(arr.shape, shape):
        fix = f"{name}.T" if " " not in name else "its transpose (.T)"
        hint = f": did you mean {fix}?" if arr.ndim == 2 and _fits(arr.shape[::-1], shape) else ""
        raise ValueError(f"{name} must have shape {_shape_text(shape)}, got {arr.shape}{hint}")
    if dtype is None:
        dtype = arr.dtype if arr.dtype.kind == "f" else np.float64
    with np.errstate(over="ignore"):      # a longdouble beyond float64 becomes inf: refused
        arr = arr.astype(dtype, copy=False)
    if not np.all(np.isfinite(arr)):
        bad = int(np.size(arr) - np.count_nonzero(np.isfinite(arr)))
        raise ValueError(f"{name} must be finite, got {bad} NaN or inf value(s) "
                         f"in an array of shape {arr.shape}")
    return arr


def as_real_array(value, name):
    """``value`` as an array of real numbers, any shape, NaN allowed; no ragged lists."""
    if isinstance(value, (str, bytes)) or value is None:
        raise TypeError(f"{name} must be an array of numbers, got {type(value).__name__}")
    try:
        arr = np.asarray(value)
    except ValueError:
        raise ValueError(f"{name} must be a rectangular array of numbers (every row the same "
                         f"length), got a ragged {type(value).__name__}") from None
    if arr.dtype == bool or arr.dtype.kind not in "iuf":
        raise TypeError(f"{name} must hold real numbers, got an array of dtype {arr.dtype}")
    return arr


def _fits(got, shape):
    return all(want in (None, g) for want, g in zip(shape, got, strict=True))


def _shape_text(shape):
    parts = ["any" if d is None else str(d) for d in shape]
    return "(" + ", ".join(parts) + ("," if len(parts) == 1 else "") + ")"


def make_rng(rng, name="rng"):
    """Return a ``numpy.random.Generator`` from None, a seed (an int >= 0) or a Generator."""
    if rng is None or isinstance(rng, np.random.Generator):
        return np.random.default_rng(rng)
    if isinstance(rng, numbers.Integral) and not isinstance(rng, bool):
        if rng >= 0:
            return np.random.default_rng(int(rng))
        raise ValueError(f"{name} must be None, an int seed >= 0 or a numpy.random.Generator, "
                         f"got {describe(rng)}")
    got = describe(rng) if isinstance(rng, (numbers.Number, str)) else f"a {type(rng).__name__}"
    raise TypeError(f"{name} must be None, an int seed or a numpy.random.Generator, got {got}")


def check_clip(clip):
    """Return ``clip`` as a float > 0, or None for no clipping."""
    return None if clip is None else check_positive_number(clip, "clip")
