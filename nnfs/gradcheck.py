"""Numerical gradients by central differences, to check hand-derived ones.

    df/dx_k ≈ (f(x + eps e_k) - f(x - eps e_k)) / (2 eps)

The error of this estimate shrinks like eps², so in float64 with eps = 1e-6
it agrees with a correct analytic gradient to about 1e-8 relative error.
"""

import numpy as np

from ._checks import check_array, check_positive_number, describe


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
        raise TypeError("f must be a function of no arguments returning a number, got "
                        f"{describe(f)}")
    if not x.flags.writeable:
        raise TypeError(f"x must be a writeable array (it is nudged in place), got a "
                        f"read-only array of shape {x.shape}")
    eps = check_positive_number(eps, "eps")
    grad = np.zeros_like(x)
    for k in np.ndindex(x.shape):
        old = x[k]
        try:
            x[k] = old + eps
            up = _number(f())
            x[k] = old - eps
            down = _number(f())
        finally:
            x[k] = old
        grad[k] = (up - down) / (2 * eps)
    return grad


def _number(value):
    """What f() returned, as a float, if it is one real number (a size-1 array counts)."""
    if isinstance(value, np.ndarray) and value.size == 1:
        value = value.reshape(())[()]
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.number)) \
            or np.iscomplexobj(value):
        shape = f" of shape {value.shape}" if isinstance(value, np.ndarray) else ""
        raise TypeError(f"f must return one real number, got {type(value).__name__}{shape}")
    return float(value)


def relative_error(a, b):
    """||a - b|| / (||a|| + ||b||): 0 for equal arrays, about 1 for unrelated ones.

    Norms are taken over the whole array, so entries that are both almost zero
    (a dead ReLU, say) do not blow the ratio up. Two zero arrays give 0. A NaN
    or inf in either array agrees with nothing: it raises ``ValueError``.
    """
    return _relative_error(a, b, "a", "b")


def _relative_error(a, b, a_name, b_name):
    a, b = check_array(a, a_name), check_array(b, b_name)
    if a.shape != b.shape:
        raise ValueError(f"{a_name} and {b_name} must have the same shape, got {a.shape} "
                         f"and {b.shape}")
    # in units of the largest |entry|, so that entries ~1e308 cannot overflow the norms
    m = max(np.max(np.abs(a), initial=0.0), np.max(np.abs(b), initial=0.0))
    if m == 0:
        return 0.0
    a, b = a / m, b / m
    return float(np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b)))


def check_layer(layer, X, dLdA, eps=1e-6):
    """Relative errors of a ``Layer``'s backward pass against central differences.

    The layer's W and B are nudged in place, so it must keep them as arrays
    (a ``NeuronLayer`` shows copies: check its neurons' ``w`` and ``b`` with
    ``numerical_gradient`` instead).

    Uses the loss L = sum(dLdA * layer.forward(X)), whose gradient with respect
    to the layer's output is exactly ``dLdA``. X: (input_size, batch),
    dLdA: (layer_size, batch). Returns {"X": err, "W": err, "B": err}; the
    layer's weights are not changed. ``grads`` gives the true derivatives
    whatever ``layer.clip`` is (clipping happens in the update).
    """
    X = np.array(check_array(X, "X", ndim=2))     # a copy, nudged in place
    dLdA = check_array(dLdA, "dLdA", ndim=2)

    def loss():
        return float(np.sum(dLdA * layer.forward(X)))

    for k in "WB":
        if not getattr(getattr(layer, k, None), "flags", np.ones(1).flags).writeable:
            raise TypeError(f"check_layer nudges layer.{k} in place, but this layer's {k} is "
                            f"read-only (a NeuronLayer shows copies of its neurons' weights: "
                            f"check each neuron's w and b with numerical_gradient instead)")
    layer.forward(X)
    dLdX, grads = layer.grads(dLdA)
    grads = {"X": dLdX, "W": grads["W"], "B": grads["B"]}
    numeric = {"X": X, "W": layer.W, "B": layer.B}
    return {k: _relative_error(grads[k], numerical_gradient(loss, numeric[k], eps),
                               f"the layer's dLd{k}", f"the numerical dLd{k}")
            for k in "XWB"}
