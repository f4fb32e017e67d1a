"""Grading notebook 03's ``MyNeuron.backward`` and ``MyNeuronLayer.backward``.

``grade_neuron`` and ``grade_layer`` build fresh objects from the learner's
classes, set their weights, and compare what comes back with central
differences of the whole layer; a wrong dL/dx that matches one of the
article's errata (2: the weights sent back; 3: the weights after the update)
is named as such.
"""

import numpy as np

from ..gradcheck import numerical_gradient
from ._answers import check_update, rel, rel_text, returned_array, same
from ._core import NotYet, call, call_method

LR = 0.5            # large enough that weights after the update differ clearly from before
_SENT = "sent back the weights, not the error"
_AFTER = "used the weights after the update"


def _diagnose(got, want, wrongs, what):
    for wrong, hint in wrongs:
        if same(got, wrong, 1e-6):
            raise NotYet(f"{what} {hint}.")
    raise NotYet(f"{what} sends back a wrong dL/dx ({rel_text(rel(got, want))}).")


def _set(obj, what, **arrays):
    for name, value in arrays.items():
        call(f"{what}: setting {name}", setattr, obj, name, value.copy())


def _neuron_probe(n, rng, clipped):
    """w0 (1, n), b0 (1, 1), x (n, 1) and the error e (a float).

    Unclipped: |e x_j| < 1 and |e| < 1. Clipped (for clip 1.0 or 0.5): |e| >= 1.5, so
    dL/db is clipped; |e x_1| > 1 and |e x_j| < 0.5 for j > 1, so dL/dw is clipped in
    its first entry only; |e w_1| > 1, so a clipped dL/dx differs from the true one.
    """
    sign = rng.choice([-1.0, 1.0], size=3)
    if not clipped:
        return (rng.uniform(-1, 1, (1, n)), rng.uniform(-1, 1, (1, 1)),
                rng.uniform(-1, 1, (n, 1)), rng.uniform(0.2, 0.6) * sign[0])
    e = rng.uniform(1.5, 2.5) * sign[0]
    w0, x = rng.uniform(-0.3, 0.3, (1, n)), rng.uniform(-0.15, 0.15, (n, 1))
    w0[0, 0], x[0, 0] = rng.uniform(0.7, 1.0) * sign[1], rng.uniform(0.7, 1.0) * sign[2]
    return w0, rng.uniform(-1, 1, (1, 1)), x, e


def grade_neuron(MyNeuron, n, rng, clip=None):
    """``clip=None``: a probe where nothing is clipped (the neuron's default clip, 1.0);
    else the neuron is built with ``clip=clip`` and its gradients are clipped."""
    w0, b0, x, e = _neuron_probe(n, rng, clip is not None)
    made = f"MyNeuron({n})" if clip is None else f"MyNeuron({n}, clip={clip:g})"
    what = f"{made}.backward"
    options = {} if clip is None else {"clip": clip}
    neuron = call(f"{made.removesuffix(')')}, rng=...)", MyNeuron, n,
                  rng=np.random.default_rng(0), **options)
    c = 1.0 if clip is None else clip
    _set(neuron, what, w=w0, b=b0)
    call_method(f"{made}.forward(x)", neuron, "forward", x.copy())
    got = call_method(f"{made}.backward(error, learning_rate)", neuron, "backward",
                      np.array([e]), LR)
    got = returned_array(got, f"{what} returned", (n, 1), " It sends back dL/dx, a column like x.")
    dLdw, dLdb = np.clip(e * x.T, -c, c), np.clip(np.array([[e]]), -c, c)
    want, w1 = w0.T * e, w0 - LR * dLdw
    if not same(got, want, 1e-9):
        wrongs = [(w0.T, _SENT + " (erratum 2)"),
                  (w1.T, f"{_SENT}, and {_AFTER} (errata 2 and 3)"),
                  (w1.T * e, _AFTER + ": keep what you send back from before the update "
                   "changes w (erratum 3)"),
                  (-want, "has the sign flipped")]
        if clip is not None:
            wrongs.insert(0, (np.clip(want, -c, c), "clips dL/dx: only the gradients of the "
                              "update, dL/dw and dL/db, are clipped; the error sent back is "
                              "w^T error in full"))
        _diagnose(got, want, wrongs, what)
    for name, before, grad in (("w", w0, dLdw), ("b", b0, dLdb)):
        after = getattr(neuron, name, None)
        unclipped = e * x.T if name == "w" else np.array([[e]])
        if clip is not None and isinstance(after, np.ndarray) and after.shape == before.shape:
            for wrong, hint in ((before - LR * unclipped, f"took the step of the unclipped "
                                 f"dL/d{name}: clip it to [-clip, clip] before the update"),
                                (before - LR * np.clip(unclipped, -1, 1), f"was clipped to "
                                 f"[-1, 1]; this neuron was built with clip={clip:g}: use "
                                 f"self.clip")):
                if same(after, wrong, 1e-9) and not same(after, before - LR * grad, 1e-9):
                    raise NotYet(f"{made}: after backward, {name} {hint}.")
        check_update(after, before, grad, LR, made, name)


def grade_layer(MyNeuronLayer, n_in, n_out, activation, rng):
    W0, B0 = rng.uniform(-1, 1, (n_out, n_in)), rng.uniform(-1, 1, (n_out, 1))
    x, dLdA = rng.uniform(-1, 1, (n_in, 1)), rng.uniform(-0.9, 0.9, (n_out, 1))
    what = f"MyNeuronLayer({n_in}, {n_out}, {activation!r}).backward"
    layer = call(f"MyNeuronLayer({n_in}, {n_out}, {activation!r}, rng=...)", MyNeuronLayer,
                 n_in, n_out, activation, rng=np.random.default_rng(0))
    neurons = getattr(layer, "neurons", None)
    if not isinstance(neurons, (list, tuple)) or len(neurons) != n_out:
        raise NotYet(f"MyNeuronLayer({n_in}, {n_out}, ...) needs a list `neurons` of its "
                     f"{n_out} neurons.")
    for i, neuron in enumerate(neurons):
        _set(neuron, f"MyNeuronLayer neuron {i}", w=W0[i:i + 1], b=B0[i:i + 1])
    for name in ("forward", "backward"):
        if not callable(getattr(layer, name, None)):
            raise NotYet(f"MyNeuronLayer has no method {name}().")
    probe = x.copy()
    num = call(f"MyNeuronLayer({n_in}, {n_out}, ...).forward(x)", numerical_gradient,
               lambda: float(np.sum(dLdA * layer.forward(probe))), probe)
    call(f"MyNeuronLayer({n_in}, {n_out}, ...).forward(x)", layer.forward, x.copy())
    got = call(f"MyNeuronLayer({n_in}, {n_out}, ...).backward(dLdA, learning_rate)",
               layer.backward, dLdA.copy(), LR)
    got = returned_array(got, f"{what} returned", (n_in, 1),
                         " It sends back dL/dx, a column like x.")
    dLdZ = activation.backward(W0 @ x + B0, dLdA)
    W1, ones = W0 - LR * dLdZ @ x.T, np.ones((n_out, 1))
    if not same(got, num):
        wrongs = [(W0.T @ ones, _SENT + " (erratum 2)"),
                  (W1.T @ ones, f"{_SENT}, and {_AFTER} (errata 2 and 3)"),
                  (W1.T @ dLdZ, _AFTER + " (erratum 3)"),
                  (W0.T @ dLdA, "forgot the activation's derivative: neuron i gets dL/dz_i, "
                   "not dL/da_i"),
                  (-num, "has the sign flipped")]
        if n_out > 1:
            wrongs += [(dLdZ[-1, 0] * W0[-1:].T, "kept only the last neuron's share: add up "
                        "what every neuron sends back"),
                       (num / n_out, "averaged the neurons' shares: add them up")]
        _diagnose(got, num, wrongs, what)
    got_W = call(what, lambda: np.vstack([np.asarray(n.w, dtype=float) for n in neurons]))
    check_update(got_W, W0, dLdZ @ x.T, LR, what.removesuffix(".backward"),
                 "the neurons' weights")
