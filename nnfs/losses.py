"""Loss functions.

``MSE`` compares a prediction with its target, both of shape
(outputs, batch): one column per sample. ``CrossEntropy``, the loss for
classification, is in ``cross_entropy.py``.
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
        """pred, y: (outputs, batch) -> L: float.

        A loss too large for float64 (pred and y ~1e154 apart) is refused, not
        returned as inf.
        """
        pred, y = self._check(pred, y)
        with np.errstate(over="ignore", invalid="ignore"):
            L = self._forward(pred, y)
            if not np.isfinite(L):
                # pred - y or a square overflowed: the same mean in units of the
                # largest |value|, scaled back at the end
                m = max(np.max(np.abs(pred)), np.max(np.abs(y)))
                L = self._forward(pred / m, y / m) * m * m
        if not np.isfinite(L):
            raise ValueError("the mean squared error of this pred and y is too large for "
                             f"float64 (their largest |value| is {m:.3g})")
        return L

    def backward(self, pred, y):
        """pred, y: (outputs, batch) -> dL/dpred: (outputs, batch)."""
        pred, y = self._check(pred, y)
        with np.errstate(over="ignore", invalid="ignore"):
            G = self._backward(pred, y)
            if not np.all(np.isfinite(G)):
                G = (2.0 / pred.size) * pred - (2.0 / pred.size) * y
        if not np.all(np.isfinite(G)):
            raise ValueError("dL/dpred of this pred and y is too large for float64 (2 (pred - y) "
                             f"/ {pred.size} exceeds about 1.8e308)")
        return G

    @staticmethod
    def _check(pred, y):
        pred = check_array(pred, "pred", ndim=2)
        y = check_array(y, "y", ndim=2)
        if pred.shape != y.shape:
            raise ValueError(f"pred and y must have the same shape, got pred {pred.shape} "
                             f"and y {y.shape}")
        if pred.size == 0:
            raise ValueError("pred and y must hold at least one output of one sample, got "
                             f"shape {pred.shape}: the mean of no numbers is undefined")
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

