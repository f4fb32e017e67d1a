"""The tests' own central differences, independent of ``nnfs.gradcheck``.

    df/dx_k ~ (f(x + h e_k) - f(x - h e_k)) / (2 h)

In float64 with h = 1e-6 the truncation error is O(h^2) and the rounding
error about 1e-16 * |f| / h, so a correct gradient agrees to ~1e-8.
"""

import numpy as np

H = 1e-6


def central_diff(f, x, h=H):
    """Gradient of the scalar ``f(x)`` with respect to the float64 array ``x``.

    ``f`` receives a perturbed copy of ``x`` each time; ``x`` itself is never changed.
    """
    x = np.array(x, dtype=np.float64)
    grad = np.empty_like(x)
    for k in np.ndindex(x.shape):
        up, down = x.copy(), x.copy()
        up[k] += h
        down[k] -= h
        grad[k] = (float(f(up)) - float(f(down))) / (2 * h)
    return grad


def central_jacobian(f, z, h=H):
    """Jacobian J[i, j] = d f(z)_i / d z_j of a vector function of a 1-D vector ``z``."""
    z = np.array(z, dtype=np.float64)
    cols = []
    for j in range(z.size):
        up, down = z.copy(), z.copy()
        up[j] += h
        down[j] -= h
        cols.append((np.asarray(f(up)) - np.asarray(f(down))).ravel() / (2 * h))
    return np.stack(cols, axis=1)


def away_from_zero(Z, margin=1e-3):
    """True if every entry of ``Z`` is at least ``margin`` away from 0 (no ReLU kink)."""
    return bool(np.min(np.abs(Z)) >= margin)
