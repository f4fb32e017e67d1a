"""Loss functions.

``MSE`` compares a prediction with its target, both of shape
(outputs, batch): one column per sample.
"""

import numpy as np

from ._checks import check_array


class MSE:
    """Mean squared error over every output of every sample.

    L = (1 / (outputs * batch)) * sum (pred - y)^2

    so the loss of a batch is the mean of its samples' losses, and
    ``backward`` is the exact derivative of ``forward``.
    """

    def forward(self, pred, y):
        """pred, y: (outputs, batch) -> L: float."""
        pred, y = self._check(pred, y)
        return self._forward(pred, y)

    def backward(self, pred, y):
        """pred, y: (outputs, batch) -> dL/dpred: (outputs, batch)."""
        pred, y = self._check(pred, y)
        return self._backward(pred, y)

    @staticmethod
    def _check(pred, y):
        pred = check_array(pred, "pred", ndim=2)
        y = check_array(y, "y", ndim=2)
        if pred.shape != y.shape:
            raise ValueError(f"pred and y must have the same shape, got pred {pred.shape} "
                             f"and y {y.shape}")
        return pred, y

    @staticmethod
    def _forward(pred, y):
        diff = pred - y
        return float(np.vdot(diff, diff)) / diff.size

    @staticmethod
    def _backward(pred, y):
        return (2.0 / pred.size) * (pred - y)

    def __repr__(self):
        return "MSE()"
