"""Grading notebook 06's MyNetwork.backward: the outcomes of the typical mistakes, compared.

One backward pass from the same start, written right and written with each typical mistake
(the layers in order, the error from updated weights, ...): the learner's returned error and
weights are compared with each outcome to name the mistake made.
"""

import copy

import numpy as np

from .. import MSE
from ._answers import rel, rel_text, returned_array, same
from ._core import NotYet, call
from ._grade_network import NET_PROBES, NET_RATES, _built, _close, _layers, _no_method


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


def _same_outcome(a, b, returned=True):
    """Do two (dL/dX, [(W, B)]) agree (the returned error only if ``returned``)?"""
    (got, params), (want, params_want) = a, b
    if returned and not _close(got, want):
        return False
    return all(_close(p, q) for pair, pair_want in zip(params, params_want, strict=True)
               for p, q in zip(pair, pair_want, strict=True))


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
