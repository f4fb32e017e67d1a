"""One neuron: a row of weights, a bias, z = w x + b.

This is the article's ``Neuron`` with its shape checks, corrected:
``backward`` returns the error sent back (w^T times dL/dz, taken from the
weights *before* the update) rather than w^T alone, and it works with true
gradients that are subtracted.
"""

import numpy as np

from ._attributes import Unit, check_dtype, check_sizes, weights
from ._checks import check_array, check_positive_number, make_rng
from .backprop import sgd


class Neuron(Unit):
    """A neuron with ``input_size`` inputs.

    Attributes:
        w: (1, input_size) weights, initialised to randn * ``scale``.
        b: (1, 1) bias, initialised to randn * ``scale``.
        x: (input_size, 1) the last input seen by ``forward``.
    ``w`` and ``b`` are checked when assigned (shape, finite) and kept in ``dtype``.

    ``clip`` bounds each element of the gradient to [-clip, clip] before the
    learning rate is applied, as the article does; ``clip=None`` turns it off.
    """

    w = weights("w", lambda self: (1, self.input_size))
    b = weights("b", lambda self: (1, 1))

    def __init__(self, input_size, *, clip=1.0, rng=None, scale=0.01, dtype=np.float64):
        self._input_size = check_sizes(input_size)[0]
        self._dtype = check_dtype(dtype)
        self.clip = clip
        scale = check_positive_number(scale, "scale")
        rng = make_rng(rng)
        self.w = rng.standard_normal((1, self.input_size)) * scale
        self.b = rng.standard_normal((1, 1)) * scale
        self.x = None

    def forward(self, x):
        """x: (input_size, 1) -> z: (1, 1)."""
        return self._forward(check_array(x, "x", shape=(self.input_size, 1), dtype=self.dtype))

    def _forward(self, x):
        self.x = x
        return self._w @ x + self._b

    def params(self):
        """The trainable arrays by name: {"w": w, "b": b} (the arrays themselves)."""
        return {"w": self._w, "b": self._b}

    def grads(self, error):
        """error = dL/dz, shape (1,) or (1, 1) -> (dL/dx, {"w": dLdw, "b": dLdb}); changes nothing.

        dz/dw = x^T, dz/db = 1, dz/dx = w^T, so
        dL/dw = error * x^T, dL/db = error, dL/dx = w^T * error (true, unclipped).
        """
        return self._grads(self._check_error(error, "grads"))

    def backward(self, error, learning_rate):
        """Update w and b from error = dL/dz, shape (1,); return dL/dx, shape (input_size, 1).

        An error of shape (1, 1), as ``MSE().backward`` gives for one output, is
        accepted too. The update is w -= lr clip(dL/dw), b -= lr clip(dL/db).
        """
        error = self._check_error(error, "backward")
        learning_rate = check_positive_number(learning_rate, "learning_rate")
        return sgd(self, error, learning_rate)

    def _check_error(self, error, method):
        self.after_forward(self.x, method)
        error = check_array(error, "error", dtype=self.dtype)
        if error.shape not in ((1,), (1, 1)):
            raise ValueError(f"error must be dL/dz for this neuron, one number of shape (1,) "
                             f"or (1, 1), got shape {error.shape}")
        return error.reshape(1, 1)

    def _grads(self, dLdz, need_input=True):
        """dLdz: (1, batch) -> (dL/dx or None, grads); a NeuronLayer gives it several columns."""
        dLdx = self._w.T * dLdz if need_input else None     # a new array: w before the update
        return dLdx, {"w": dLdz @ self.x.T, "b": np.add.reduce(dLdz, axis=1, keepdims=True)}

    def __repr__(self):
        return f"Neuron({self.input_size}, clip={self.clip})"
