"""Loss functions: a prediction and its target, both (outputs, batch), one column per sample.

``MSE`` for forecasts; ``CrossEntropy`` for classification, after a Softmax
layer: class probabilities P against one-hot targets Y, (classes, batch).
Their input checks are in ``_loss_inputs.py``.
"""

import numpy as np

from ._loss_inputs import check_pair, check_probabilities
from .activations import Softmax


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
        pred, y = check_pair(pred, y)
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
        pred, y = check_pair(pred, y)
        with np.errstate(over="ignore", invalid="ignore"):
            G = self._backward(pred, y)
            if not np.all(np.isfinite(G)):
                G = (2.0 / pred.size) * pred - (2.0 / pred.size) * y
        if not np.all(np.isfinite(G)):
            raise ValueError("dL/dpred of this pred and y is too large for float64 (2 (pred - y) "
                             f"/ {pred.size} exceeds about 1.8e308)")
        return G

    @staticmethod
    def _forward(pred, y):
        diff = pred - y
        return float(np.vdot(diff, diff)) / diff.size

    @staticmethod
    def _backward(pred, y):
        return (2.0 / pred.size) * (pred - y)

    def __repr__(self):
        return "MSE()"


class CrossEntropy:
    """Cross-entropy of class probabilities against one-hot targets.

    P: (classes, batch), each column the probabilities a Softmax layer gives;
    Y: (classes, batch), each column all 0 but a single 1 at the true class:

        L = -(1 / batch) * sum_k sum_i Y_ik log P_ik

    the mean over the batch of each sample's -log(probability of its class).
    Only the true class's term is computed, so a 0 elsewhere costs nothing. A
    true-class probability below ``tiny`` (the dtype's smallest normal number,
    0 included) counts as ``tiny``: the loss stays finite (at most about 708 in
    float64, 87 in float32) and no warning is raised.

    Float32 P gives float32 gradients; any other P is computed in float64.
    P must lie in [0, 1] with columns summing to 1 within ``sum_tol``: loose
    enough for float32 rounding and for a numerical-gradient nudge of one
    entry, tight enough to refuse logits or Sigmoid outputs.
    """

    # A network whose last layer has this activation starts that layer's backward pass
    # at _logit_gradient(S, Y) = dL/dZ, instead of the chain rule through dL/dP.
    fused_activation = Softmax
    sum_tol = 1e-4

    def forward(self, P, Y):
        """P, Y: (classes, batch) -> L: float."""
        return self._forward(*check_probabilities(P, Y, "P", self.sum_tol))

    def backward(self, P, Y):
        """P, Y: (classes, batch) -> dL/dP = -Y / (batch * P): (classes, batch).

        The exact derivative of ``forward`` wherever P >= tiny (0 where Y is 0).
        """
        return self._backward(*check_probabilities(P, Y, "P", self.sum_tol))

    def logit_gradient(self, S, Y):
        """S = Softmax().forward(Z), Y: (classes, batch) -> dL/dZ = (S - Y) / batch.

        The gradient with respect to the Softmax layer's input Z (its logits),
        Softmax and cross-entropy fused. It equals the chain rule
        ``Softmax().backward(Z, self.backward(S, Y))`` up to rounding, but never
        divides by S, so it stays exact where a probability underflows to 0.
        """
        return self._logit_gradient(*check_probabilities(S, Y, "S", self.sum_tol))

    @staticmethod
    def _target_probabilities(P, Y):
        """The true class's probability of each sample, raised to at least tiny: (1, batch)."""
        tiny = np.finfo(P.dtype).tiny
        return np.maximum(np.multiply(Y, P, dtype=P.dtype).sum(axis=0, keepdims=True), tiny)

    @classmethod
    def _forward(cls, P, Y):
        p = cls._target_probabilities(P, Y)
        return -float(np.mean(np.log(p), dtype=np.float64))

    @staticmethod
    def _backward(P, Y):
        denom = P.shape[1] * np.maximum(P, np.finfo(P.dtype).tiny)
        return np.where(Y != 0, np.divide(-Y, denom, dtype=P.dtype), P.dtype.type(0))

    @staticmethod
    def _logit_gradient(S, Y):
        return np.subtract(S, Y, dtype=S.dtype) / S.shape[1]

    def __repr__(self):
        return "CrossEntropy()"
