"""Small seeded networks on the forecasting series, and their weights, for the tests of
refusals (a refused call changes nothing) and of divergence (weights rolled back)."""

import numpy as np

from nnfs import MSE, Identity, Layer, Network, NeuronLayer, ReLU


def series_net(seed=0):
    """5 -> 4 ReLU -> 2 Identity, one matrix per layer."""
    return Network([Layer(5, 4, ReLU(), rng=seed), Layer(4, 2, Identity(), rng=seed + 1)],
                   MSE())


def series_neuron_net(seed=0):
    """The same sizes as lists of neurons."""
    return Network([NeuronLayer(5, 4, ReLU(), rng=seed, scale=0.5),
                    NeuronLayer(4, 2, Identity(), rng=seed + 1, scale=0.5)], MSE())


def weights(network):
    """Copies of every parameter array, layer by layer."""
    return [p.copy() for layer in network.layers for p in layer.params().values()]


def same(a, b):
    """Two lists of weights equal bit for bit."""
    return all(np.array_equal(p, q) for p, q in zip(a, b, strict=True))
