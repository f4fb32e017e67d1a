"""Checked twins (``nnfs._twins``): public methods check, private twins compute.

An object of one's own with public methods only (an activation) works wherever
nnfs's own does; ``unchecked`` picks the twin unless a subclass overrides the
public method below it.
"""


import numpy as np
import pytest

from nnfs import (
    MSE,
    Identity,
    Layer,
    Network,
    NeuronLayer,
    ReLU,
    Tanh,
)
from nnfs._attributes import check_activation
from nnfs._twins import unchecked
from nnfs.data import make_series, window

X, Y = window(make_series(60, seed=1))              # 54 samples, 5 inputs, 2 outputs


class Public:
    """An activation of one's own with public methods only, as the error message asks."""

    def forward(self, Z):
        return np.tanh(Z)

    def backward(self, Z, dLdA):
        return dLdA * (1 - np.tanh(Z) ** 2)


class Doubling:
    """A learner's activation: A = 2 Z, with only the public methods."""

    def forward(self, Z):
        return 2.0 * np.asarray(Z)

    def backward(self, Z, dLdA):
        return 2.0 * np.asarray(dLdA)


class ShiftedReLU(ReLU):
    """A subclass that changes the public forward but inherits ReLU._forward."""

    def forward(self, Z):
        return super().forward(Z) + 1.0


def test_unchecked_falls_back_to_the_public_method():
    act = Doubling()
    assert check_activation(act) is act
    assert unchecked(act, "forward") == act.forward
    assert unchecked(act, "backward") == act.backward
    relu = ReLU()
    assert unchecked(relu, "forward") == relu._forward     # nnfs's own: the unchecked twin
    shifted = ShiftedReLU()
    assert unchecked(shifted, "forward") == shifted.forward
    assert unchecked(shifted, "backward") == shifted._backward
    relu.forward = lambda Z: Z                              # set on the instance: it wins
    assert unchecked(relu, "forward") is relu.forward


def test_an_activation_needs_both_public_methods():
    class ForwardOnly:
        def forward(self, Z):
            return Z

    with pytest.raises(TypeError, match=r"^activation must have forward\(Z\) and backward"):
        check_activation(ForwardOnly())


def test_an_object_whose_private_twin_is_not_callable_is_refused():
    act = Doubling()
    act._forward = 3
    with pytest.raises(TypeError, match=r"^activation must have forward\(Z\)"):
        check_activation(act)


def test_a_layer_takes_an_activation_with_only_public_methods():
    layer = Layer(2, 3, Doubling(), rng=0)
    X = np.ones((2, 4))
    np.testing.assert_array_equal(layer.forward(X), 2.0 * (layer.W @ X + layer.B))


def test_an_activation_with_public_methods_only_works_in_every_layer():
    for layer in (Layer(5, 3, Public(), rng=0), NeuronLayer(5, 3, Public(), rng=0, scale=1.0)):
        ref = Layer(5, 3, Tanh(), rng=0)
        ref.W, ref.B = layer.W.copy(), layer.B.copy()
        Xc = X[:4].T
        np.testing.assert_allclose(layer.forward(Xc), ref.forward(Xc), rtol=1e-12)
        G = np.ones((3, 4))
        dLdW = np.vstack([g for k, g in layer.grads(G)[1].items() if k.endswith(("W", "w"))])
        np.testing.assert_allclose(dLdW, ref.grads(G)[1]["W"], rtol=1e-12)
    h = Network([Layer(5, 3, Public(), rng=0), Layer(3, 2, Identity(), rng=1)], MSE()).train(
        X, Y, 0.05, 2)
    assert len(h) == 2
