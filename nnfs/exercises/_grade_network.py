"""Grading notebook 06's MyNetwork: the probes, building the network, and its forward pass.

The learner writes MyNetwork.forward(X) (X: (inputs, 1) -> A: (outputs, 1), the layers in
order) and MyNetwork.backward(dLdA, learning_rate) (the layers in reverse order; each layer's
error for the one before it computed with its weights from before its update; returns
dL/dX). add_layers and add_loss are given. The checks grade them on fresh networks they
build from seeded nnfs layers, next to nnfs.Network from the same weights.
"""

import copy

import numpy as np

from .. import MSE, Layer, Network, Sigmoid, Tanh
from ._answers import rel, rel_text, returned_array, same
from ._core import NotYet, call, call_method

# (sizes, activations): square chains first, so that a wrong order still runs and is named
NET_PROBES = (((3, 3, 3, 3), (Tanh, Sigmoid, Tanh)),
              ((4, 3, 2), (Tanh, Sigmoid)),
              ((2, 5, 5, 1), (Sigmoid, Tanh, Sigmoid)))
NET_RATES = (0.1, 0.05, 0.2)


def _layers(sizes, activations, seed):
    return [Layer(n_in, n_out, act(), init=0.8, rng=seed + i)
            for i, (n_in, n_out, act) in enumerate(zip(sizes[:-1], sizes[1:], activations,
                                                        strict=True))]


def _built(MyNetwork, layers, what):
    """A fresh MyNetwork with ``layers`` and an MSE, through the learner's own class."""
    net = call(f"{what}: MyNetwork()", MyNetwork)
    call_method(f"{what}: add_layers", net, "add_layers", layers)
    call_method(f"{what}: add_loss", net, "add_loss", MSE())
    return net


def _forward_variants(start, X):
    """{hint: output} for the ways a forward loop goes wrong (where the sizes allow them)."""
    variants = {}

    def run(hint, make):
        try:
            with np.errstate(all="ignore"):
                variants[hint] = make(copy.deepcopy(start))
        except ValueError:                  # the sizes do not allow this mistake here
            pass

    def chain(layers):
        A = X
        for layer in layers:
            A = layer.forward(A)
        return A

    run("applies the layers last to first: the first layer takes X, the last gives A.",
        lambda layers: chain(layers[::-1]))
    run("gives every layer the input X: each layer takes the output of the layer before it.",
        lambda layers: [layer.forward(X) for layer in layers][-1])
    run("returns the output of the first layer only: is the `return` inside the loop?",
        lambda layers: layers[0].forward(X))
    run("returns the input X unchanged: A has to go through every layer.", lambda layers: X)
    return variants


def _no_method(name):
    def missing(*args):
        raise NotYet(f"MyNetwork has no method {name}(), which the check calls.")
    return missing


def _close(got, want):
    """``same(got, want, 1e-9)`` for a float array ``got`` of any kind; False for NaN or inf."""
    return (isinstance(got, np.ndarray) and got.dtype.kind == "f" and got.shape == want.shape
            and bool(np.all(np.isfinite(got))) and same(got, want, 1e-9))


def grade_forward(MyNetwork):
    """``MyNetwork.forward`` against the layers applied in order, on 3 networks."""
    rng = np.random.default_rng(206)
    for k, (sizes, activations) in enumerate(NET_PROBES):
        start = _layers(sizes, activations, 60 + 10 * k)
        what = f"the {'-'.join(map(str, sizes))} network"
        net = _built(MyNetwork, copy.deepcopy(start), what)
        X = rng.uniform(-1, 1, (sizes[0], 1))
        got = call(f"{what}: forward(X) with X of shape {X.shape}",
                   getattr(net, "forward", None) or _no_method("forward"), X.copy())
        want = Network(copy.deepcopy(start), MSE()).forward(X)
        for hint, wrong in _forward_variants(start, X).items():
            if _close(got, wrong) and not same(wrong, want, 1e-6):
                raise NotYet(f"{what}: forward {hint}")
        got = returned_array(got, f"{what}: forward(X) returned", want.shape,
                             " One column of outputs, the last layer's.")
        if not same(got, want, 1e-9):
            raise NotYet(f"{what}: forward(X) is not the layers applied in order "
                         f"({rel_text(rel(got, want))}).")
    return "forward applies the layers in order, for 3 networks of 2 and 3 layers."
