"""Activation functions.

Every activation works on a matrix ``Z`` of shape (units, batch): one column
per sample. It has

* ``forward(Z)`` -> ``A``, same shape as ``Z``;
* ``backward(Z, dLdA)`` -> ``dLdZ``, same shape: the chain rule through the
  activation, exact for every activation here, Softmax included.

The element-wise activations also have ``derivative(Z)`` -> ``dA/dZ``, the
article's ``backward(z)``: for them ``dLdZ = dLdA * dA/dZ``. Softmax has no
such method because each of its outputs depends on every input of its
column; it has ``jacobian(z)`` instead.
"""

import numpy as np

from ._checks import check_array


class Activation:
    """Base class: validates input, then calls the unchecked ``_forward``/``_backward``."""

    def forward(self, Z):
        """Z: (units, batch) -> A: (units, batch)."""
        return self._forward(check_array(Z, "Z", ndim=2))

    def backward(self, Z, dLdA):
        """Z, dLdA: (units, batch) -> dLdZ: (units, batch)."""
        Z = check_array(Z, "Z", ndim=2)
        dLdA = check_array(dLdA, "dLdA", shape=Z.shape)
        return self._backward(Z, dLdA)

    def __repr__(self):
        return f"{type(self).__name__}()"


class ElementWise(Activation):
    """An activation applied to each number on its own: dLdZ = dLdA * dA/dZ."""

    def derivative(self, Z):
        """Z: (units, batch) -> dA/dZ: (units, batch), element by element."""
        return self._derivative(check_array(Z, "Z", ndim=2))

    def _backward(self, Z, dLdA):
        return dLdA * self._derivative(Z)


class Identity(ElementWise):
    """A = Z."""

    def _forward(self, Z):
        return Z

    def _derivative(self, Z):
        return np.ones_like(Z)

    def _backward(self, Z, dLdA):
        return dLdA


class ReLU(ElementWise):
    """A = max(Z, 0); its derivative is taken as 0 at Z = 0."""

    def _forward(self, Z):
        return np.maximum(Z, 0.0)

    def _derivative(self, Z):
        return (Z > 0).astype(Z.dtype)

    def _backward(self, Z, dLdA):
        return dLdA * (Z > 0)


class Sigmoid(ElementWise):
    """A = 1 / (1 + exp(-Z)), computed without overflow for large |Z|."""

    def _forward(self, Z):
        e = np.exp(-np.abs(Z))
        return np.where(Z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))

    def _derivative(self, Z):
        A = self._forward(Z)
        return A * (1.0 - A)


class Tanh(ElementWise):
    """A = tanh(Z)."""

    def _forward(self, Z):
        return np.tanh(Z)

    def _derivative(self, Z):
        return 1.0 - np.tanh(Z) ** 2


class Softmax(Activation):
    """Each column becomes positive numbers that sum to 1.

    a_i = exp(z_i) / sum_k exp(z_k), computed after subtracting the column's
    maximum so that huge logits do not overflow.
    """

    def _forward(self, Z):
        # Z - max is <= 0; where it overflows to -inf (logits ~1e308 apart), exp gives
        # exactly the 0 it should, so that overflow is not worth a warning.
        with np.errstate(over="ignore"):
            E = np.exp(Z - Z.max(axis=0, keepdims=True))
        return E / E.sum(axis=0, keepdims=True)

    def jacobian(self, z):
        """z: (units, 1) -> J: (units, units) with J[i, j] = da_i/dz_j = s_i (δ_ij - s_j)."""
        z = check_array(z, "z", shape=(None, 1))
        s = self._forward(z)
        return np.diagflat(s) - s @ s.T

    def _backward(self, Z, dLdA):
        # J^T dLdA for each column, without building J:
        # dL/dz_j = s_j * (dL/da_j - sum_i dL/da_i s_i)
        S = self._forward(Z)
        return S * (dLdA - np.sum(dLdA * S, axis=0, keepdims=True))
