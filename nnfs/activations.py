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
        return self._forward(self._check_Z(Z))

    def backward(self, Z, dLdA):
        """Z, dLdA: (units, batch) -> dLdZ: (units, batch)."""
        Z = self._check_Z(Z)
        dLdA = check_array(dLdA, "dLdA", shape=Z.shape)
        return self._backward(Z, dLdA)

    @staticmethod
    def _check_Z(Z, name="Z"):
        return check_array(Z, name, ndim=2)

    def __repr__(self):
        return f"{type(self).__name__}()"


class ElementWise(Activation):
    """An activation applied to each number on its own: dLdZ = dLdA * dA/dZ."""

    def derivative(self, Z):
        """Z: (units, batch) -> dA/dZ: (units, batch), element by element."""
        return self._derivative(self._check_Z(Z))

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

    @staticmethod
    def _check_Z(Z, name="Z"):
        Z = check_array(Z, name, ndim=2)
        if Z.shape[0] == 0:
            raise ValueError(f"{name} must have at least one unit (row) for a Softmax, "
                             f"got shape {Z.shape}")
        return Z

    def jacobian(self, z):
        """z: (units, 1) -> J: (units, units) with J[i, j] = da_i/dz_j = s_i (δ_ij - s_j)."""
        z = self._check_Z(check_array(z, "z", shape=(None, 1)), "z")
        s = self._forward(z)
        return np.diagflat(s) - s @ s.T

    def backward(self, Z, dLdA):
        """Z, dLdA: (units, batch) -> dLdZ: (units, batch), even for dLdA ~1e308.

        |dL/dz_j| = s_j |sum_i s_i (dL/da_j - dL/da_i)| <= max|dL/da| / 2: the
        result always fits, even where the plain formula overflows on the way.
        """
        Z = self._check_Z(Z)
        dLdA = check_array(dLdA, "dLdA", shape=Z.shape)
        with np.errstate(over="ignore", invalid="ignore"):
            dLdZ = self._backward(Z, dLdA)
            if not np.all(np.isfinite(dLdZ)):   # redo in units of each column's max |dL/da|
                m = np.maximum(np.max(np.abs(dLdA), axis=0, keepdims=True), 1.0)
                dLdZ = self._backward(Z, dLdA / m) * m
        return dLdZ

    def _backward(self, Z, dLdA):
        # J^T dLdA for each column, without building J:
        # dL/dz_j = s_j * (dL/da_j - sum_i dL/da_i s_i)
        S = self._forward(Z)
        return S * (dLdA - np.sum(dLdA * S, axis=0, keepdims=True))
