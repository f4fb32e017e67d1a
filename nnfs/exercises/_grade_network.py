"""Grading notebook 06's MyNetwork: probes, the network's mistakes, and their outcomes.

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


def _backward_outcome(start, X, dLdA, learning_rate, kind):
    """(dL/dX, [(W, B) per layer]) of one backward pass written as ``kind``, or None."""
    layers = copy.deepcopy(start)
    A = X
    for layer in layers:
        A = layer.forward(A)
    order = layers if kind == "in order" else layers[::-1]
    rate = {"uphill": -learning_rate, "no rate": 1.0}.get(kind, learning_rate)
    error = dLdA
    try:
        with np.errstate(all="ignore"):
            for layer in order:
                error_prev, grads = layer.grads(dLdA if kind == "loss error" else error)
                for name, param in layer.params().items():
                    param -= rate * grads[name]
                if kind == "updated W":
                    error_prev, _ = layer.grads(error)      # W^T dL/dZ with the new W
                error = error_prev
                if kind == "last only":
                    break
    except ValueError:                          # the sizes do not allow this mistake here
        return None
    return error, [(layer.W.copy(), layer.B.copy()) for layer in layers]


BACKWARD_MISTAKES = (
    ("in order", "runs the layers first to last: backward starts at the last layer and "
                 "walks them in reverse (reversed(self.layers))."),
    ("updated W", "sends back an error computed with weights that were already updated: "
                  "compute each layer's dL/dA_prev (grads) before changing its W and B."),
    ("loss error", "gives every layer the loss's dL/dA: each layer takes the error that the "
                   "layer after it sent back."),
    ("uphill", "moves every weight uphill: subtract learning_rate times the gradient."),
    ("no rate", "updates the weights without the learning rate."),
    ("last only", "updates the last layer only: is the `return` inside the loop?"),
)


def _close(got, want):
    """``same(got, want, 1e-9)`` for a float array ``got`` of any kind; False for NaN or inf."""
    return (isinstance(got, np.ndarray) and got.dtype.kind == "f" and got.shape == want.shape
            and bool(np.all(np.isfinite(got))) and same(got, want, 1e-9))


def _same_outcome(a, b, returned=True):
    """Do two (dL/dX, [(W, B)]) agree (the returned error only if ``returned``)?"""
    (got, params), (want, params_want) = a, b
    if returned and not _close(got, want):
        return False
    return all(_close(p, q) for pair, pair_want in zip(params, params_want, strict=True)
               for p, q in zip(pair, pair_want, strict=True))


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


def grade_backward(MyNetwork):
    """``MyNetwork.backward`` (returned dL/dX, every W and B) against nnfs.Network."""
    rng = np.random.default_rng(207)
    for k, ((sizes, activations), learning_rate) in enumerate(zip(NET_PROBES, NET_RATES,
                                                                 strict=True)):
        start = _layers(sizes, activations, 70 + 10 * k)
        what = f"the {'-'.join(map(str, sizes))} network"
        net = _built(MyNetwork, copy.deepcopy(start), what)
        layers = getattr(net, "layers", None)
        if not isinstance(layers, list) or len(layers) != len(start):
            raise NotYet(f"{what}: after add_layers, net.layers should be a list of the "
                         f"{len(start)} layers.")
        X, Y = rng.uniform(-1, 1, (sizes[0], 1)), rng.uniform(0, 1, (sizes[-1], 1))
        A = X
        for layer in layers:                        # the forward pass, not the learner's
            A = layer.forward(A)
        dLdA = MSE().backward(A, Y)
        got = call(f"{what}: backward(dLdA, {learning_rate})",
                   getattr(net, "backward", None) or _no_method("backward"),
                   dLdA.copy(), learning_rate)
        want = _backward_outcome(start, X, dLdA, learning_rate, "right")
        got_W = [(layer.W, layer.B) for layer in layers]
        for kind, hint in BACKWARD_MISTAKES:
            wrong = _backward_outcome(start, X, dLdA, learning_rate, kind)
            if wrong is None or _same_outcome(wrong, want):
                continue
            if _same_outcome((got, got_W), wrong, returned=kind != "last only"):
                raise NotYet(f"{what}: backward {hint}")
        for i in reversed(range(len(start))):
            for name, p, p_want, before in (("W", *got_W[i][:1], want[1][i][0], start[i].W),
                                            ("B", *got_W[i][1:], want[1][i][1], start[i].B)):
                p = returned_array(p, f"{what}: after backward, layer {i}'s {name} is",
                                   before.shape)
                if np.array_equal(p, before):
                    raise NotYet(f"{what}: after backward, layer {i}'s {name} did not "
                                 f"change: every layer takes one step.")
                if not same(p, p_want, 1e-9):
                    raise NotYet(f"{what}: after backward, layer {i}'s {name} is not its old "
                                 f"value minus learning_rate times its gradient "
                                 f"({rel_text(rel(p, p_want))}).")
        got = returned_array(got, f"{what}: backward returned", want[0].shape,
                             " It returns dL/dX, the first layer's dL/dA_prev: one number "
                             "per input.")
        if not same(got, want[0], 1e-9):
            raise NotYet(f"{what}: the weights are right, but backward does not return "
                         f"dL/dX, the error the first layer sends back "
                         f"({rel_text(rel(got, want[0]))}).")
    return ("backward walks the layers in reverse, sends back errors from the weights before "
            "the update and updates every W and B, for 3 networks of 2 and 3 layers.")
