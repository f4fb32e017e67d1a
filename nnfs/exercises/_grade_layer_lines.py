"""Grading notebook 05's two headline lines: the forward pass and dL/dZ.

``grade_forward(layer_forward)``: ``layer_forward(W, B, X, activation)`` with
W (layer, input), B (layer, 1), X (input, batch) must return (Z, A), both
(layer, batch), Z = W X + B and A = activation.forward(Z).
``grade_dLdZ(layer_dLdZ)``: ``layer_dLdZ(dLdA, Z, activation)`` with dLdA and
Z (layer, batch) must return dL/dZ = dLdA ⊙ activation.derivative(Z).

Each probe is a seeded random layer and batch; the first is square (layer =
input = batch), where the usual wrong orders of a product still run and so can
be named. A wrong result is compared with the typical mistakes, each with its
own hint; the hints never give the values asked for.
"""

import numpy as np

from .. import Identity, ReLU, Sigmoid, Tanh
from ._answers import kind_of, rel, rel_text, returned_array, same
from ._core import NotYet, call

# (input size, layer size, batch, activation); the first is square, see above
FORWARD_PROBES = ((3, 3, 3, Tanh()), (4, 2, 5, Sigmoid()), (2, 5, 1, ReLU()),
                  (5, 3, 4, Tanh()), (3, 4, 2, Identity()))
DLDZ_PROBES = ((3, 3, Tanh()), (2, 5, Sigmoid()), (4, 1, ReLU()), (3, 4, Tanh()),
               (5, 2, Sigmoid()))


def _forward_mistakes(W, B, X, f, Z):
    """Typical wrong (Z, A) pairs, each a (Z or None, A or None, hint); None: not compared."""
    WX = W @ X
    out = [(None, f.forward(WX) + B, "B is added after the activation: it belongs inside, "
                                     "in Z = W X + B"),
           (WX, None, "Z is W X without B: the biases are missing"),
           (None, f.derivative(Z), "A is the activation's derivative at Z; A is the "
                                   "activation itself")]
    if not isinstance(f, Identity):
        out.append((None, Z, "A is Z itself: the activation is not applied to Z"))
    if W.shape[0] == W.shape[1] == X.shape[1]:         # only on a square probe do these run
        out += [(WX + B.T, None, "B is added along the wrong axis: b_i belongs to neuron i, "
                                 "row i of every column; keep B a column (layer, 1)"),
                (W * X + B, None, "W * X multiplies entry by entry; the layer needs the "
                                  "matrix product (@ or np.dot)"),
                (X @ W + B, None, "that is X W: the order of a matrix product matters, "
                                  "row i of Z is neuron i's row of W times each column of X"),
                (W.T @ X + B, None, "that uses W^T: W is (layer, input) and multiplies X as "
                                    "it is"),
                (Z.T, None, "Z comes out transposed: one row per neuron, one column per "
                            "sample")]
    return out


def grade_forward(layer_forward):
    rng = np.random.default_rng(1051)
    for n_in, n_out, batch, f in FORWARD_PROBES:
        W, B = rng.uniform(-1, 1, (n_out, n_in)), rng.uniform(-1, 1, (n_out, 1))
        X = rng.uniform(-1, 1, (n_in, batch))
        what = (f"layer_forward(W, B, X, {f!r}) with W {W.shape}, B {B.shape}, "
                f"X {X.shape}")
        got = call(what, layer_forward, W.copy(), B.copy(), X.copy(), f)
        if not isinstance(got, (tuple, list)) or len(got) != 2:
            raise NotYet(f"{what} should return the pair (Z, A), got {kind_of(got)}.")
        shape = (n_out, batch)
        hint = " That is its transpose: one row per neuron, one column per sample." \
            if getattr(got[0], "shape", None) == (batch, n_out) != shape else ""
        Z_got = returned_array(got[0], f"{what} returned Z as", shape, hint)
        A_got = returned_array(got[1], f"{what} returned A as", shape, hint)
        Z = W @ X + B
        A = f.forward(Z)
        if same(Z_got, Z, 1e-9) and same(A_got, A, 1e-9):
            continue
        if same(Z_got, A, 1e-9) and same(A_got, Z, 1e-9):
            raise NotYet(f"{what}: Z and A come back swapped; return (Z, A).")
        for Z_wrong, A_wrong, hint in _forward_mistakes(W, B, X, f, Z):
            z_fits = Z_wrong is None or same(Z_got, Z_wrong, 1e-9)
            a_fits = A_wrong is None or same(A_got, A_wrong, 1e-9)
            if z_fits and a_fits:
                raise NotYet(f"{what}: {hint}.")
        if not same(Z_got, Z, 1e-9):
            raise NotYet(f"{what}: Z is not W X + B ({rel_text(rel(Z_got, Z))}).")
        raise NotYet(f"{what}: Z is right, but A is not the activation of Z "
                     f"({rel_text(rel(A_got, A))}).")
    return ("layer_forward gives Z = W X + B and A = f(Z) for 5 layers with batches of 1 to "
            "5, with ReLU, Tanh, Sigmoid and Identity.")


def _dLdZ_mistakes(dLdA, Z, f):
    d = f.derivative(Z)
    out = [(dLdA, "is dL/dA unchanged: the activation's derivative is missing"),
           (d, "is the activation's derivative alone: multiply it by dL/dA"),
           (-dLdA * d, "has the sign flipped"),
           (dLdA * f.forward(Z), "multiplies by the activation f(Z), not by its derivative"),
           (dLdA * f.derivative(f.forward(Z)), "takes the derivative at A = f(Z); it "
                                               "belongs at Z, where f was applied")]
    if np.all(d != 0):
        out.append((dLdA / d, "divides by the derivative: the chain rule multiplies"))
    if Z.shape[0] == Z.shape[1]:
        out += [(dLdA @ d, "is a matrix product: dL/dZ is an element-wise product, entry "
                           "(i, k) from entry (i, k) of each"),
                (d @ dLdA, "is a matrix product: dL/dZ is an element-wise product, entry "
                           "(i, k) from entry (i, k) of each"),
                (dLdA.T * d, "uses dL/dA transposed")]
    return out


def grade_dLdZ(layer_dLdZ):
    rng = np.random.default_rng(1052)
    for n_out, batch, f in DLDZ_PROBES:
        Z, dLdA = rng.uniform(-2, 2, (n_out, batch)), rng.uniform(-1, 1, (n_out, batch))
        what = f"layer_dLdZ(dLdA, Z, {f!r}) with dLdA and Z of shape {Z.shape}"
        got = call(what, layer_dLdZ, dLdA.copy(), Z.copy(), f)
        hint = {(n_out, 1): " That sums over the batch: dL/dZ keeps one column per sample.",
                (n_out,): " That sums over the batch: dL/dZ keeps one column per sample.",
                (batch, n_out): " That is its transpose."}.get(getattr(got, "shape", None), "")
        got = returned_array(got, f"{what} returned", (n_out, batch), hint)
        want = dLdA * f.derivative(Z)
        if same(got, want, 1e-9):
            continue
        for wrong, hint in _dLdZ_mistakes(dLdA, Z, f):
            if same(got, wrong, 1e-9):
                raise NotYet(f"{what}: it {hint}.")
        raise NotYet(f"{what}: it is not dL/dA ⊙ dA/dZ ({rel_text(rel(got, want))}).")
    return ("layer_dLdZ gives dL/dA ⊙ f'(Z) for 5 layers with batches of 1 to 5, with ReLU, "
            "Tanh and Sigmoid.")
