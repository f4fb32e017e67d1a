"""Cross-entropy: the loss for classification, after a Softmax layer.

``CrossEntropy`` compares a Softmax layer's class probabilities P with one-hot
targets Y, both of shape (classes, batch): one column per sample.
"""

import numpy as np

from ._checks import check_array
from .activations import Softmax


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
        return self._forward(*self._check(P, Y, "P"))

    def backward(self, P, Y):
        """P, Y: (classes, batch) -> dL/dP = -Y / (batch * P): (classes, batch).

        The exact derivative of ``forward`` wherever P >= tiny (0 where Y is 0).
        """
        return self._backward(*self._check(P, Y, "P"))

    def logit_gradient(self, S, Y):
        """S = Softmax().forward(Z), Y: (classes, batch) -> dL/dZ = (S - Y) / batch.

        The gradient with respect to the Softmax layer's input Z (its logits),
        Softmax and cross-entropy fused. It equals the chain rule
        ``Softmax().backward(Z, self.backward(S, Y))`` up to rounding, but never
        divides by S, so it stays exact where a probability underflows to 0.
        """
        return self._logit_gradient(*self._check(S, Y, "S"))

    @classmethod
    def _check(cls, P, Y, name):
        dtype = np.float32 if getattr(P, "dtype", None) == np.float32 else np.float64
        P = check_array(P, name, ndim=2).astype(dtype, copy=False)
        Y = check_array(Y, "Y")
        if Y.ndim != 2:
            hint = "; for labels use nnfs.data.one_hot(labels, n_classes).T" if Y.ndim == 1 else ""
            raise ValueError(f"Y must be one-hot targets of shape (classes, batch) like {name}, "
                             f"got shape {Y.shape} ({Y.ndim}-D){hint}")
        if P.shape != Y.shape:
            hint = " (one sample per row? transpose Y)" if Y.shape == P.shape[::-1] else ""
            raise ValueError(f"{name} and Y must have the same shape (classes, batch), "
                             f"got {name} {P.shape} and Y {Y.shape}{hint}")
        if P.shape[1] == 0:
            raise ValueError(f"{name} must hold at least one sample (column), got shape {P.shape}")
        bad = np.any((Y != 0) & (Y != 1), axis=0) | (Y.sum(axis=0) != 1)
        if np.any(bad):
            k = int(np.argmax(bad))
            col = Y[:, k].tolist() if len(Y) <= 10 else f"summing to {Y[:, k].sum():.6g}"
            raise ValueError(f"Y must be one-hot: each column all 0 but a single 1, got "
                             f"{int(bad.sum())} column(s) that are not, the first is "
                             f"column {k}: {col}")
        if P.min() < 0 or P.max() > 1:
            raise ValueError(f"{name} must hold probabilities in [0, 1] (a Softmax output), "
                             f"got values from {float(P.min()):.4g} to {float(P.max()):.4g}")
        sums = P.sum(axis=0, dtype=np.float64)
        k = int(np.argmax(np.abs(sums - 1)))
        if abs(sums[k] - 1) > cls.sum_tol:
            raise ValueError(f"each column of {name} must sum to 1 (within {cls.sum_tol}) as a "
                             f"Softmax output does, got column {k} summing to {sums[k]:.6g}")
        return P, Y.astype(dtype, copy=False)

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
