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


def grade_neuron(MyNeuron, n, rng):
    w0, b0, x = rng.uniform(-1, 1, (1, n)), rng.uniform(-1, 1, (1, 1)), rng.uniform(-1, 1, (n, 1))
    e = rng.uniform(0.2, 0.6) * rng.choice([-1.0, 1.0])     # |e x| < 1: no clipping
    what = f"MyNeuron({n}).backward"
    neuron = call(f"MyNeuron({n}, rng=...)", MyNeuron, n, rng=np.random.default_rng(0))
    _set(neuron, what, w=w0, b=b0)
    call_method(f"MyNeuron({n}).forward(x)", neuron, "forward", x.copy())
    got = call_method(f"MyNeuron({n}).backward(error, learning_rate)", neuron, "backward",
                      np.array([e]), LR)
    got = returned_array(got, f"{what} returned", (n, 1), " It sends back dL/dx, a column like x.")
    want, w1 = w0.T * e, w0 - LR * e * x.T
    if not same(got, want, 1e-9):
        _diagnose(got, want, ((w0.T, _SENT + " (erratum 2)"),
                              (w1.T, f"{_SENT}, and {_AFTER} (errata 2 and 3)"),
                              (w1.T * e, _AFTER + ": keep what you send back from before the "
                               "update changes w (erratum 3)"),
                              (-want, "has the sign flipped")), what)
    check_update(getattr(neuron, "w", None), w0, e * x.T, LR, f"MyNeuron({n})", "w")
    check_update(getattr(neuron, "b", None), b0, np.array([[e]]), LR, f"MyNeuron({n})", "b")


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
