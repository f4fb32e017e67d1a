"""Input checks shared by the package.

Every public entry point of ``nnfs`` validates what it is given with these
helpers and raises ``TypeError`` or ``ValueError`` with a message that says
what was expected and what arrived. They use ``if ... raise``, never
``assert``, so they still work under ``python -O``.

Checked twins. A method that checks its input (``forward``, ``grads``,
``step``...) has an unchecked private twin with the same name and an
underscore (``_forward``, ``_grads``, ``_step``) that does the arithmetic
only. Inner loops (``Network.train``) check everything once and then call the
twins; an object of your own that has only the public method is called
through it: ``unchecked(obj, name)`` is that one fallback.
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
    try:
        value = float(value)
    except OverflowError:       # an int such as 10**400: too large for any float
        raise ValueError(f"{name} must be a finite number > 0, got an integer too large "
                         f"for a float ({len(str(abs(value)))} digits)") from None
    if not np.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a finite number > 0, got {value}")
    return value


def check_array(value, name, ndim=None, shape=None, dtype=None):
    """Return ``value`` as a finite float array of the expected form.

    ``shape`` may contain ``None`` for a dimension of any length. Lists are
    accepted and converted; strings, objects and complex numbers are not.
    ``dtype``: the float dtype to cast to (a layer's own); None keeps a float
    array's dtype (float32 stays float32) and makes integers float64.
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
    if dtype is None:
        dtype = arr.dtype if arr.dtype.kind == "f" else np.float64
    arr = arr.astype(dtype, copy=False)
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
                        f"got {describe(activation)}")
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


def describe(obj):
    """repr(obj) if its class defines one, else its type name: never an object address."""
    if type(obj).__repr__ is not object.__repr__:
        return repr(obj)
    return f"a {type(obj).__name__} object"


def unchecked(obj, name):
    """``obj._name``, the unchecked twin of method ``name``, or ``obj.name`` if it has none."""
    twin = getattr(obj, "_" + name, None)
    return twin if callable(twin) else getattr(obj, name)
