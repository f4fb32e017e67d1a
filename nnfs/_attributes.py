"""Checked attributes shared by ``Neuron``, ``NeuronLayer`` and ``Layer``, and their one guard.

Sizes and the dtype are fixed when the object is made. Weights, ``clip`` and
``activation`` may be set again later; every assignment is checked as the
constructor checks it, and a refused one changes nothing. ``Unit.after_forward``
is the "call forward first" guard of ``grads`` and ``backward``.
"""

import numpy as np

from ._checks import check_array, check_clip, check_size, describe
from ._twins import unchecked
from .activations import Softmax

MAX_SIZE = 2**16        # inputs, or units, of one layer: 65 536
MAX_WEIGHTS = 2**26     # numbers in one weight matrix: 67 108 864 (512 MiB in float64)
DTYPES = (np.dtype(np.float32), np.dtype(np.float64))


def check_activation(activation):
    """Check that ``activation`` is an activation object, not a class or string.

    Public ``forward(Z)`` and ``backward(Z, dLdA)`` suffice: layers call them through
    ``unchecked``, which falls back to them when there is no private twin.
    """
    if isinstance(activation, type):
        raise TypeError(f"activation must be an instance such as {activation.__name__}(), "
                        f"got the class {activation.__name__}")
    if not all(callable(getattr(activation, m, None)) and callable(unchecked(activation, m))
               for m in ("forward", "backward")):
        raise TypeError("activation must have forward(Z) and backward(Z, dLdA) methods, "
                        f"got {describe(activation)}")
    return activation


def check_sizes(input_size, layer_size=1):
    """(input_size, layer_size) as ints, each in [1, MAX_SIZE], product <= MAX_WEIGHTS."""
    sizes = check_size(input_size, "input_size"), check_size(layer_size, "layer_size")
    for name, value in zip(("input_size", "layer_size"), sizes, strict=True):
        if value > MAX_SIZE:
            raise ValueError(f"{name} must be at most {MAX_SIZE} (the largest layer nnfs "
                             f"builds), got {value}")
    if sizes[0] * sizes[1] > MAX_WEIGHTS:
        raise ValueError(f"input_size * layer_size must be at most {MAX_WEIGHTS} weights, got "
                         f"{sizes[0]} * {sizes[1]} = {sizes[0] * sizes[1]}")
    return sizes


def check_dtype(dtype):
    """np.dtype('float32') or np.dtype('float64') from np.float32, "float32", ..."""
    try:
        got = np.dtype(dtype)
    except TypeError:
        raise TypeError(f"dtype must be np.float32 or np.float64, got {describe(dtype)}") from None
    if got not in DTYPES:
        raise ValueError(f"dtype must be np.float32 or np.float64, got {got}")
    return got


def weights(name, shape_of):
    """A property for a trainable array, checked on assignment.

    The value must have shape ``shape_of(owner)`` and be real and finite; it
    is cast to the owner's dtype and kept as is (no copy) unless it is
    read-only, so that the optimizer can change it in place.
    """
    private = "_" + name

    def assign(self, value):
        arr = check_array(value, name, shape=shape_of(self), dtype=self.dtype)
        setattr(self, private, arr if arr.flags.writeable else arr.copy())

    return property(lambda self: getattr(self, private), assign,
                    doc=f"{name}: trainable array (assignments are checked)")


def fixed(name, doc):
    """A read-only property: sizes and dtype are fixed when the object is made."""
    def refuse(self, value):
        raise AttributeError(f"{name} is fixed when a {type(self).__name__} is made; "
                             f"make a new {type(self).__name__} instead")
    return property(lambda self: getattr(self, "_" + name), refuse, doc=doc)


class Unit:
    """What Neuron, NeuronLayer and Layer share: fixed input_size and dtype, a checked clip."""

    input_size = fixed("input_size", "Number of inputs (fixed).")
    dtype = fixed("dtype", "Dtype of the weights and of everything computed (fixed).")

    @property
    def clip(self):
        """Gradient clipping for the update: each element to [-clip, clip]; None: off."""
        return self._clip

    @clip.setter
    def clip(self, value):
        self._clip = check_clip(value)

    @staticmethod
    def after_forward(kept, method):
        """``kept`` (what the last forward stored); ValueError if forward has not run yet."""
        if kept is None:
            raise ValueError(f"{method}() needs the input of a forward() call; "
                             f"call forward first")
        return kept


class LayerUnit(Unit):
    """What NeuronLayer and Layer add: a fixed layer_size and a checked activation."""

    layer_size = fixed("layer_size", "Number of units, the rows of W (fixed).")

    @property
    def activation(self):
        """The activation applied to Z; assignments are checked (Softmax needs 2+ units)."""
        return self._activation

    @activation.setter
    def activation(self, activation):
        activation = check_activation(activation)
        if isinstance(activation, Softmax) and self.layer_size < 2:
            raise ValueError(f"Softmax needs at least 2 units (over 1 unit it is always 1 and "
                             f"nothing trains), got layer_size {self.layer_size}")
        self._activation = activation
        self._act_forward = unchecked(activation, "forward")
        self._act_backward = unchecked(activation, "backward")

    def _check_dLdA(self, dLdA, method):
        """dLdA checked against the shape of the last forward's Z: (layer_size, batch)."""
        Z = self.after_forward(self.Z, method)
        return check_array(dLdA, "dLdA", shape=Z.shape, dtype=self.dtype)
