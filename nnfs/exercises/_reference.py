"""Notebook 01's reference: central differences (one-sided too), and functions to take them of.

A wrong ``central_difference`` that equals one of the usual mistakes (a
one-sided difference, a step of its own) gets a hint that names the mistake;
``quotients`` computes those mistakes on purpose.
"""

import numpy as np


def quotients(f, w, eps, sign=1.0, one_sided=False):
    """The check's own difference quotients of f at w (w is not changed)."""
    out = np.zeros_like(w)
    for k in np.ndindex(w.shape):
        up, down = w.copy(), w.copy()
        up[k] += eps
        down[k] -= 0.0 if one_sided else eps
        out[k] = (f(up) - f(down)) / ((1 if one_sided else 2) * eps)
    return sign * out


def known_function(kind, shape, rng):
    """A known scalar function of an array of ``shape`` that refuses any other shape."""
    c = rng.uniform(0.5, 2.0, shape)

    def f(w):
        w = np.asarray(w, dtype=np.float64)
        if w.shape != shape:
            raise ValueError(f"f expects an array of shape {shape}, like w; got {w.shape}")
        if kind == "square":
            return float(np.sum(w ** 2) + 3.0)
        if kind == "sine":
            return float(np.sum(c * np.sin(w)))
        return float(np.sum(c * w) ** 3 + np.sum(w ** 3))
    return f
