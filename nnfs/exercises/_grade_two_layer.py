"""Grading notebook 07's ``two_layer_backward``: a whole network's gradients, by hand.

The network: Z1 = W1 X + B1, A1 = ReLU(Z1), A2 = W2 A1 + B2 (Identity output), and
the MSE L = sum((A2 - Y)^2) / (outputs * batch). Every gradient is compared with
central differences of the check's own loss (no nnfs class), at several shapes and
batch sizes; a gradient that differs is compared with the usual mistakes (a factor of
the batch size, a bias gradient per sample, ReLU's derivative left out) to name the one made.
"""

import numpy as np

from ..gradcheck import numerical_gradient
from ._answers import finite, kind_of, rel, rel_text, returned_array, same
from ._core import NotYet, call

NAMES = ("dLdW1", "dLdB1", "dLdW2", "dLdB2")
# (inputs, hidden units, outputs, batch): a batch of 1, square and tall layers
PROBES = ((3, 4, 2, 5), (5, 6, 2, 1), (2, 3, 3, 7), (4, 4, 1, 3))


def loss(X, Y, W1, B1, W2, B2):
    """The MSE of the two-layer network, the mean over outputs and batch."""
    A2 = W2 @ np.maximum(W1 @ X + B1, 0) + B2
    return float(np.sum((A2 - Y) ** 2) / Y.size)


def _probe(rng, n_in, hidden, n_out, batch):
    """X, Y and weights whose hidden z all lie at least 0.05 from ReLU's kink at 0."""
    while True:
        X, Y = rng.uniform(-1, 1, (n_in, batch)), rng.uniform(-1, 1, (n_out, batch))
        W1, B1 = rng.normal(0, 1, (hidden, n_in)), rng.normal(0, 0.5, (hidden, 1))
        W2, B2 = rng.normal(0, 1, (n_out, hidden)), rng.normal(0, 0.5, (n_out, 1))
        Z1 = W1 @ X + B1
        if np.abs(Z1).min() > 0.05 and 0.2 < np.mean(Z1 > 0) < 0.8:
            return X, Y, [W1, B1, W2, B2]


def _variants(X, Y, W1, B1, W2, B2):
    """{name: {hint: gradient}} for the mistakes a hand-written backward pass makes."""
    batch, n_out = X.shape[1], Y.shape[0]
    Z1 = W1 @ X + B1
    A1 = np.maximum(Z1, 0)
    dLdA2 = 2 * (W2 @ A1 + B2 - Y) / (n_out * batch)
    dLdZ1 = (W2.T @ dLdA2) * (Z1 > 0)
    no_relu = W2.T @ dLdA2
    exact = {"dLdW1": dLdZ1 @ X.T, "dLdB1": dLdZ1.sum(axis=1, keepdims=True),
             "dLdW2": dLdA2 @ A1.T, "dLdB2": dLdA2.sum(axis=1, keepdims=True)}
    return exact, {
        "dLdW1": {"leaves out ReLU's derivative: dL/dZ1 = dL/dA1 ⊙ (Z1 > 0)": no_relu @ X.T,
                  "uses A1 where ReLU's derivative belongs: multiply by (Z1 > 0), not by "
                  "ReLU(Z1)": ((W2.T @ dLdA2) * A1) @ X.T},
        "dLdB1": {"leaves out ReLU's derivative: dL/dZ1 = dL/dA1 ⊙ (Z1 > 0)":
                  no_relu.sum(axis=1, keepdims=True),
                  "is the mean over the columns: the 1/m is already in dL/dA2, so dL/dB1 is "
                  "the sum of dL/dZ1 over the batch": dLdZ1.mean(axis=1, keepdims=True)},
        "dLdW2": {"uses Z1 where A1 belongs: the second layer's input is ReLU(Z1)":
                  dLdA2 @ Z1.T},
        "dLdB2": {"is the mean over the columns: the 1/m is already in dL/dA2, so dL/dB2 is "
                  "the sum of dL/dA2 over the batch": dLdA2.mean(axis=1, keepdims=True)},
    }


FACTORS = ((lambda m, o: m, "is {m} times too large: the loss is a mean over the batch of "
            "{m}, so dL/dA2 has a 1/m"),
           (lambda m, o: 1 / m, "is divided by the batch size twice: the 1/m of the mean "
            "enters once, in dL/dA2"),
           (lambda m, o: o, "is {o} times too large: the MSE is also a mean over the {o} "
            "outputs"),
           (lambda m, o: 0.5, "is half the gradient: the derivative of a square brings a 2"),
           (lambda m, o: -1.0, "has the sign flipped"))


def _name_mistake(got, want, name, variants, batch, n_out, what):
    """NotYet naming the mistake behind a wrong ``got`` (else the relative error)."""
    for wrong, hint in ((v, h) for h, v in variants.get(name, {}).items()):
        if same(got, wrong, 1e-9) and not same(wrong, want, 1e-6):
            raise NotYet(f"{what}: {name} {hint}.")
    for factor, hint in FACTORS:
        c = factor(batch, n_out)
        if c != 1 and same(got, c * want, 1e-9):
            raise NotYet(f"{what}: {name} {hint.format(m=batch, o=n_out)}.")
    raise NotYet(f"{what}: {name} disagrees with the numerical gradient "
                 f"({rel_text(rel(got, want))}).")


def _shape_hint(name, shape, want, batch):
    if name.startswith("dLdB") and shape == (want[0], batch) != want:
        return (" That is one column per sample: the bias is added to every column, so its "
                "gradient sums them (erratum 14).")
    if shape == want[::-1] != want:
        return " That is the transpose."
    return f" {name} has the shape of {name[3:]}."


def grade_two_layer(two_layer_backward, rng):
    """NotYet unless all four gradients agree with central differences on every probe."""
    for n_in, hidden, n_out, batch in PROBES:
        X, Y, params = _probe(rng, n_in, hidden, n_out, batch)
        what = (f"two_layer_backward with {n_in} inputs, {hidden} hidden units, {n_out} "
                f"outputs and a batch of {batch}")
        got = call(what, two_layer_backward, X.copy(), Y.copy(), *(p.copy() for p in params))
        if isinstance(got, dict):
            got = tuple(got.get(name) for name in NAMES)
        if not isinstance(got, (tuple, list)) or len(got) != len(NAMES):
            raise NotYet(f"{what} should return ({', '.join(NAMES)}), got {kind_of(got)}.")
        arrays = [returned_array(value, f"{what} returned {name} as", p.shape,
                                 _shape_hint(name, getattr(value, "shape", None), p.shape, batch))
                  for name, value, p in zip(NAMES, got, params, strict=True)]
        exact, variants = _variants(X, Y, *params)
        for name, value, p in zip(NAMES, arrays, params, strict=True):
            finite(value, f"{what} returned {name} as")
            # central differences agree with the true gradient to about 1e-8 here (float64,
            # eps 1e-6, every z at least 0.05 from the kink); the exact formula to rounding
            want = numerical_gradient(lambda X=X, Y=Y, params=params: loss(X, Y, *params), p)
            if not (same(value, want, 1e-6) and same(value, exact[name], 1e-9)):
                _name_mistake(value, want, name, variants, batch, n_out, what)
    return len(PROBES)
