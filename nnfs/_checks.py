"""Input checks shared by the package.

Every public entry point of ``nnfs`` validates what it is given with these
helpers and raises ``TypeError`` or ``ValueError`` with a message that says
what was expected and what arrived. They use ``if ... raise``, never
``assert``, so they still work under ``python -O``.
"""

import numbers

import numpy as np


def check_size(value, name):
    """Return ``value`` as a Python int if it is a positive integer.

    Python and NumPy integers are accepted; bools, floats and strings are not.
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be a positive integer, got {value!r} "
                        f"of type {type(value).__name__}")
    if value < 1:
        raise ValueError(f"{name} must be a positive integer, got {value}")
    return int(value)


def check_positive_number(value, name):
    """Return ``value`` as a float if it is a finite number > 0."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a positive number, got {value!r} "
                        f"of type {type(value).__name__}")
    value = float(value)
    if not np.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a finite number > 0, got {value}")
    return value


def check_array(value, name, ndim=None, shape=None):
    """Return ``value`` as a finite float64 array of the expected form.

    ``shape`` may contain ``None`` for a dimension of any length. Lists are
    accepted and converted; strings, objects and complex numbers are not.
    """
    if isinstance(value, (str, bytes)) or value is None:
        raise TypeError(f"{name} must be an array of numbers, got {type(value).__name__}")
    arr = np.asarray(value)
    if arr.dtype == bool or arr.dtype.kind not in "iuf":
        raise TypeError(f"{name} must hold real numbers, got an array of dtype {arr.dtype}")
    if shape is not None:
        ndim = len(shape)
    if ndim is not None and arr.ndim != ndim:
        want = f"have shape {_shape_text(shape)}" if shape is not None else f"be a {ndim}-D array"
        raise ValueError(f"{name} must {want}, got {arr.shape} ({arr.ndim}-D)")
    if shape is not None and any(want not in (None, got)
                                 for want, got in zip(shape, arr.shape, strict=True)):
        raise ValueError(f"{name} must have shape {_shape_text(shape)}, got {arr.shape}")
    arr = arr.astype(np.float64, copy=False)
    if not np.all(np.isfinite(arr)):
        bad = int(np.size(arr) - np.count_nonzero(np.isfinite(arr)))
        raise ValueError(f"{name} must be finite, got {bad} NaN or inf value(s) "
                         f"in an array of shape {arr.shape}")
    return arr


def _shape_text(shape):
    parts = ["any" if d is None else str(d) for d in shape]
    return "(" + ", ".join(parts) + ("," if len(parts) == 1 else "") + ")"


def check_activation(activation):
    """Check that ``activation`` is an activation object, not a class or string."""
    if isinstance(activation, type):
        raise TypeError(f"activation must be an instance such as {activation.__name__}(), "
                        f"got the class {activation.__name__}")
    if not (callable(getattr(activation, "forward", None))
            and callable(getattr(activation, "backward", None))):
        raise TypeError("activation must have forward(Z) and backward(Z, dLdA) methods, "
                        f"got {activation!r}")
    return activation


def make_rng(rng, name="rng"):
    """Return a ``numpy.random.Generator`` from None, a seed or a Generator."""
    if rng is None or isinstance(rng, numbers.Integral) and not isinstance(rng, bool):
        return np.random.default_rng(rng)
    if isinstance(rng, np.random.Generator):
        return rng
    got = f"{rng!r}" if isinstance(rng, (numbers.Number, str)) else f"a {type(rng).__name__}"
    raise TypeError(f"{name} must be None, an int seed or a numpy.random.Generator, got {got}")


def check_clip(clip):
    """Return ``clip`` as a float > 0, or None for no clipping."""
    if clip is None:
        return None
    return check_positive_number(clip, "clip")
