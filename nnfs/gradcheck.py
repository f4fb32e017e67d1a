"""Numerical gradients by central differences, to check hand-derived ones.

    df/dx_k ≈ (f(x + eps e_k) - f(x - eps e_k)) / (2 eps)

The error of this estimate shrinks like eps², so in float64 with eps = 1e-6
it agrees with a correct analytic gradient to about 1e-8 relative error.
"""

import numpy as np

from ._checks import check_positive_number


def numerical_gradient(f, x, eps=1e-6):
    """Central-difference gradient of the scalar function ``f()`` with respect to array ``x``.

    ``x`` (any shape, float64) is changed in place one element at a time and
    restored, so ``f`` should read it (e.g. ``lambda: loss(layer.W)`` with
    ``x=layer.W``). Returns an array of the shape of ``x``.
    """
    if not isinstance(x, np.ndarray) or x.dtype != np.float64:
        raise TypeError(f"x must be a float64 numpy array changed in place, got "
                        f"{type(x).__name__} {getattr(x, 'dtype', '')}".rstrip())
    if not callable(f):
        raise TypeError(f"f must be a function of no arguments returning a number, got {f!r}")
    eps = check_positive_number(eps, "eps")
    grad = np.zeros_like(x)
    for k in np.ndindex(x.shape):
        old = x[k]
        x[k] = old + eps
        up = float(f())
        x[k] = old - eps
        down = float(f())
        x[k] = old
        grad[k] = (up - down) / (2 * eps)
    return grad


def relative_error(a, b):
    """||a - b|| / (||a|| + ||b||): 0 for equal arrays, about 1 for unrelated ones.

    Norms are taken over the whole array, so entries that are both almost zero
    (a dead ReLU, say) do not blow the ratio up. Two zero arrays give 0.
    """
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError(f"a and b must have the same shape, got {a.shape} and {b.shape}")
    scale = np.linalg.norm(a) + np.linalg.norm(b)
    return float(np.linalg.norm(a - b) / scale) if scale > 0 else 0.0


def check_layer(layer, X, dLdA, eps=1e-6):
    """Relative errors of a ``Layer``'s backward pass against central differences.

    The layer's W and B are nudged in place, so it must keep them as arrays
    (a ``NeuronLayer`` shows copies: check its neurons' ``w`` and ``b`` with
    ``numerical_gradient`` instead).

    Uses the loss L = sum(dLdA * layer.forward(X)), whose gradient with respect
    to the layer's output is exactly ``dLdA``. X: (input_size, batch),
    dLdA: (layer_size, batch). Returns {"X": err, "W": err, "B": err}; the
    layer's weights are not changed. Set ``layer.clip`` to None first: clipped
    gradients are not the derivative.
    """
    X = np.array(X, dtype=np.float64)

    def loss():
        return float(np.sum(dLdA * layer.forward(X)))

    layer.forward(X)
    dLdX, dLdW, dLdB = layer.gradients(dLdA)
    return {
        "X": relative_error(dLdX, numerical_gradient(loss, X, eps)),
        "W": relative_error(dLdW, numerical_gradient(loss, layer.W, eps)),
        "B": relative_error(dLdB, numerical_gradient(loss, layer.B, eps)),
    }
