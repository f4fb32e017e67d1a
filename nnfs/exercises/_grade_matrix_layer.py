"""Grading notebook 05's ``MyLayer``: its three gradients, then its backward and update.

``grade_gradients`` compares ``MyLayer.grads`` with
``nnfs.gradcheck.check_layer`` and names the usual mistakes (a sign, a
transpose, a forgotten activation derivative, a batch mean for a sum);
``grade_backward`` checks that backward sends back dL/dA_prev from the weights
before the update and then updates W and B.
"""

import numpy as np

from ..gradcheck import check_layer
from ._answers import check_update, kind_of, rel_text, returned_array, same
from ._core import NotYet, call, call_method

LR = 0.1
_NAMES = {"X": "dLdA_prev", "W": "dLdW", "B": "dLdB"}


def _build(MyLayer, n_in, n_out, activation, W0, B0):
    what = f"MyLayer({n_in}, {n_out}, {activation!r}, rng=...)"
    layer = call(what, MyLayer, n_in, n_out, activation, rng=np.random.default_rng(0))
    for name, value in (("W", W0), ("B", B0)):
        call(f"{what}: setting {name}", setattr, layer, name, value.copy())
    return layer


def _shape_hints(n_in, n_out, batch, W0):
    """For each gradient: (expected shape, {wrong shape: hint})."""
    return {
        "dLdA_prev": ((n_in, batch), {(batch, n_in): " That is its transpose.",
                                      W0.T.shape: " Is it W^T alone? It needs dL/dZ too."}),
        "dLdW": ((n_out, n_in), {(n_in, n_out): " That is the transpose: dL/dW has the "
                                 "shape of W, one row per neuron."}),
        "dLdB": ((n_out, 1), {(n_out, batch): f" That is the shape of dL/dZ: on a batch of "
                              f"{batch} columns, dL/dB sums them (erratum 14).",
                              (n_out,): " Keep it a column: keepdims=True."}),
    }


def _wrong_answers(name, ref, W0, X, dLdA, dLdZ, batch):
    """Typical wrong values of one gradient, each with its hint."""
    wrongs = [(-ref, "has the sign flipped"), (ref.T, "is transposed")]
    plain = {"dLdW": dLdA @ X.T, "dLdB": dLdA.sum(axis=1, keepdims=True), "dLdA_prev": W0.T @ dLdA}
    wrongs.append((plain[name], "forgot the activation's derivative: dL/dZ = dL/dA ⊙ dA/dZ"))
    if name == "dLdA_prev":
        if W0.shape[0] == W0.shape[1]:
            wrongs.append((W0 @ dLdZ, "uses W where W^T belongs"))
        wrongs.append((W0.T, "is W^T alone: it needs dL/dZ too"))
    if batch > 1:
        wrongs.append((ref / batch, "is divided by the batch size: the mean's 1/batch is "
                       "already in dL/dA, and dL/dB is a sum (erratum 14)"))
    return wrongs


def grade_gradients(MyLayer, n_in, n_out, batch, activation, rng):
    W0, B0 = rng.uniform(-1, 1, (n_out, n_in)), rng.uniform(-1, 1, (n_out, 1))
    X, dLdA = rng.uniform(-1, 1, (n_in, batch)), rng.uniform(-1, 1, (n_out, batch))
    desc = f"MyLayer({n_in}, {n_out}, {activation!r}) on a batch of {batch}"
    layer = _build(MyLayer, n_in, n_out, activation, W0, B0)
    call_method(f"{desc}: forward(X) with X of shape {X.shape}", layer, "forward", X.copy())
    out = call_method(f"{desc}: grads(dLdA)", layer, "grads", dLdA.copy())
    if not (isinstance(out, (tuple, list)) and len(out) == 2 and isinstance(out[1], dict)):
        raise NotYet(f'MyLayer.grads(dLdA) should return (dLdA_prev, {{"W": dLdW, "B": dLdB}}), '
                     f"got {kind_of(out)}.")
    if set(out[1]) != {"W", "B"}:
        raise NotYet(f'the dict of MyLayer.grads(dLdA) names each gradient as params do: keys '
                     f'"W" and "B", got {sorted(map(str, out[1]))}.')
    got = {}
    for (name, (shape, hints)), value in zip(_shape_hints(n_in, n_out, batch, W0).items(),
                                             (out[0], out[1]["W"], out[1]["B"]), strict=True):
        hint = hints.get(getattr(value, "shape", None), "")
        got[name] = returned_array(value, f"{desc}: grads returned {name} as", shape, hint)
    fresh = _build(MyLayer, n_in, n_out, activation, W0, B0)
    errors = call(f"{desc}: nnfs.gradcheck.check_layer", check_layer, fresh, X.copy(), dLdA)
    dLdZ = activation.backward(W0 @ X + B0, dLdA)
    refs = {"dLdW": dLdZ @ X.T, "dLdB": dLdZ.sum(axis=1, keepdims=True), "dLdA_prev": W0.T @ dLdZ}
    for key in ("W", "B", "X"):
        name = _NAMES[key]
        if errors[key] < 1e-7:
            continue
        for wrong, hint in _wrong_answers(name, refs[name], W0, X, dLdA, dLdZ, batch):
            if same(got[name], wrong, 1e-6):
                raise NotYet(f"{desc}: {name} {hint}.")
        raise NotYet(f"{desc}: {name} disagrees with the numerical gradient "
                     f"({rel_text(errors[key])}).")
    return W0, B0, X, dLdA, refs, dLdZ


def grade_backward(MyLayer, n_in, n_out, batch, activation, W0, B0, X, dLdA, refs, dLdZ):
    desc = f"MyLayer({n_in}, {n_out}, {activation!r}) on a batch of {batch}"
    layer = _build(MyLayer, n_in, n_out, activation, W0, B0)
    call_method(f"{desc}: forward(X)", layer, "forward", X.copy())
    back = call_method(f"{desc}: backward(dLdA, learning_rate)", layer, "backward",
                       dLdA.copy(), LR)
    back = returned_array(back, f"{desc}: backward returned", (n_in, batch))
    if not same(back, refs["dLdA_prev"]):
        W1 = W0 - LR * refs["dLdW"]
        if same(back, W1.T @ dLdZ, 1e-6):
            raise NotYet(f"{desc}: backward used the weights after the update for dL/dA_prev: "
                         f"compute it before W changes.")
        raise NotYet(f"{desc}: backward returns a different dL/dA_prev than grads does.")
    B_after = getattr(layer, "B", None)
    if batch > 1 and isinstance(B_after, np.ndarray) and B_after.shape == (n_out, batch):
        raise NotYet(f"{desc}: after backward, B has shape {B_after.shape}: B - lr * dLdB "
                     f"must keep B a column (erratum 14).")
    check_update(getattr(layer, "W", None), W0, refs["dLdW"], LR, desc, "W")
    check_update(B_after, B0, refs["dLdB"], LR, desc, "B")
