"""The tests' own central differences, independent of ``nnfs.gradcheck``.

    df/dx_k ~ (f(x + h e_k) - f(x - h e_k)) / (2 h)

How far a correct gradient may sit from this estimate, in float64 with h = 1e-6
(unit roundoff u = 2**-53 ~ 1.1e-16). Every test that compares a gradient with
central differences (these, or nnfs.gradcheck's with the same h) uses RTOL, ATOL:

* truncation: the estimate is off by h**2 / 6 * |f'''(x)| ~ 1.7e-13 * |f'''|,
  negligible for the smooth functions of O(1) numbers tested here;
* rounding: f(x + h) and f(x - h) each carry an absolute error of about k u F,
  F the size of the numbers f adds up and k the number of roundings on the way;
  their difference over 2 h is off by about k u F / h = 1.1e-10 k F. The tests'
  functions take O(1) inputs and keep k F below about 100, so ATOL = 1e-8
  bounds the error. Measured: the worst of 3000 random draws of
  test_network_backward_matches_central_differences is 3.9e-9 (a draw at
  1.38e-9 failed the former atol=1e-9 about once in 40 runs).

RTOL = 1e-6 adds room for large gradients, whose functions are large too. A wrong
derivative (a sign, a factor 2, a missing term or transpose) is off by far more.
"""

import numpy as np

H = 1e-6
RTOL = 1e-6
ATOL = 1e-8


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
