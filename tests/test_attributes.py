"""Checked attributes (``nnfs._attributes``): an assignment is checked as the constructor
checks it; a refused one changes nothing, a good one is kept as the layer's own array.
"""


import numpy as np
import pytest

from nnfs import (
    Layer,
    NeuronLayer,
    ReLU,
    Tanh,
)


def test_a_refused_assignment_changes_nothing():
    layer = Layer(3, 2, Tanh(), clip=0.5, rng=0)
    W, B, act = layer.W.copy(), layer.B.copy(), layer.activation
    for name, value in [("W", np.ones((3, 2))), ("B", [[np.nan], [0.0]]), ("clip", -2),
                        ("activation", Tanh), ("B", np.zeros(2))]:
        with pytest.raises((TypeError, ValueError)):
            setattr(layer, name, value)
    np.testing.assert_array_equal(layer.W, W)
    np.testing.assert_array_equal(layer.B, B)
    assert layer.clip == 0.5 and layer.activation is act
    layer.forward(np.ones((3, 1)))
    assert layer.forward(np.ones((3, 1))).shape == (2, 1)


def test_a_good_assignment_is_kept_as_the_layers_array():
    layer = Layer(3, 2, ReLU())
    W = np.ones((2, 3))
    layer.W = W
    assert layer.W is W                                  # what you set is what trains
    layer.B = [[1], [2]]                                 # converted, and writeable
    layer.B += 1.0
    np.testing.assert_array_equal(layer.B, [[2.0], [3.0]])
    layer.W = NeuronLayer(3, 2, ReLU()).W               # read-only input: copied
    assert layer.W.flags.writeable
