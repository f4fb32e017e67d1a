"""One neuron: a row of weights, a bias, z = w x + b.

This is the article's ``Neuron`` with its shape checks, corrected:
``backward`` returns the error sent back (w^T times dL/dz, taken from the
weights *before* the update) rather than w^T alone, and it works with true
gradients that are subtracted.
"""

import numpy as np

from ._checks import check_array, check_clip, check_positive_number, check_size, make_rng


class Neuron:
    """A neuron with ``input_size`` inputs.

    Attributes:
        w: (1, input_size) weights, initialised to randn * ``scale``.
        b: (1, 1) bias, initialised to randn * ``scale``.
        x: (input_size, 1) the last input seen by ``forward``.

    ``clip`` bounds each element of the gradient to [-clip, clip] before the
    learning rate is applied, as the article does; ``clip=None`` turns it off.
    """

    def __init__(self, input_size, *, clip=1.0, rng=None, scale=0.01):
        self.input_size = check_size(input_size, "input_size")
        self.clip = check_clip(clip)
        scale = check_positive_number(scale, "scale")
        rng = make_rng(rng)
        self.w = rng.standard_normal((1, self.input_size)) * scale
        self.b = rng.standard_normal((1, 1)) * scale
        self.x = None

    def forward(self, x):
        """x: (input_size, 1) -> z: (1, 1)."""
        x = check_array(x, "x", shape=(self.input_size, 1))
        return self._forward(x)

    def _forward(self, x):
        self.x = x
        return self.w @ x + self.b

    def backward(self, error, learning_rate):
        """Update w and b from error = dL/dz, shape (1,); return dL/dx, shape (input_size, 1).

        An error of shape (1, 1), as ``MSE().backward`` gives for one output, is
        accepted too.

        dz/dw = x^T, dz/db = 1, dz/dx = w^T, so
        dL/dw = error * x^T, dL/db = error, dL/dx = w^T * error.
        """
        if self.x is None:
            raise ValueError("backward() needs the input of a forward() call; call forward first")
        error = check_array(error, "error")
        if error.shape not in ((1,), (1, 1)):
            raise ValueError(f"error must be dL/dz for this neuron, one number of shape (1,) "
                             f"or (1, 1), got shape {error.shape}")
        error = error.reshape(1)
        learning_rate = check_positive_number(learning_rate, "learning_rate")
        return self._backward(error, learning_rate)

    def _backward(self, error, learning_rate):
        dLdx = self.w.T * error          # a new array: the weights before the update
        dLdw = error * self.x.T          # (1, input_size)
        dLdb = error.reshape(1, 1)       # (1, 1)
        if self.clip is not None:
            dLdw = np.clip(dLdw, -self.clip, self.clip)
            dLdb = np.clip(dLdb, -self.clip, self.clip)
        self.w -= learning_rate * dLdw
        self.b -= learning_rate * dLdb
        return dLdx

    def __repr__(self):
        return f"Neuron({self.input_size}, clip={self.clip})"
