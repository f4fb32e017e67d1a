"""The article's first layer: a list of ``Neuron`` objects that share one input.

It has the same forward/backward contract as ``Layer`` for a single column,
so the two designs can be compared number for number.
"""

import numpy as np

from ._checks import (
    check_activation,
    check_array,
    check_clip,
    check_positive_number,
    check_size,
    make_rng,
)
from .neuron import Neuron


class NeuronLayer:
    """``layer_size`` neurons, each with ``input_size`` inputs.

    Attributes:
        neurons: list of ``layer_size`` Neuron objects.
        W: (layer_size, input_size) the neurons' weight rows stacked: a read-only
           copy; assign a whole new matrix to set them (``layer.W = W``).
        B: (layer_size, 1) the neurons' biases stacked, likewise.
        clip: the neurons' gradient clipping; setting it sets every neuron's.
        Z: (layer_size, 1) the neurons' outputs from the last forward.
    """

    batched = False

    def __init__(self, input_size, layer_size, activation, *, clip=1.0, rng=None, scale=0.01):
        self.input_size = check_size(input_size, "input_size")
        self.layer_size = check_size(layer_size, "layer_size")
        self.activation = check_activation(activation)
        rng = make_rng(rng)
        self.neurons = [Neuron(self.input_size, clip=clip, rng=rng, scale=scale)
                        for _ in range(self.layer_size)]
        self.Z = None

    @property
    def clip(self):
        """The neurons' gradient clipping bound (None: off); setting it sets every neuron's."""
        return self.neurons[0].clip

    @clip.setter
    def clip(self, value):
        value = check_clip(value)
        for n in self.neurons:
            n.clip = value

    @staticmethod
    def _read_only(a):
        a.flags.writeable = False
        return a

    @property
    def W(self):
        """(layer_size, input_size): row i is neuron i's w, a read-only copy."""
        return self._read_only(np.vstack([n.w for n in self.neurons]))

    @W.setter
    def W(self, value):
        value = check_array(value, "W", shape=(self.layer_size, self.input_size))
        for n, row in zip(self.neurons, value, strict=True):
            n.w = row.reshape(1, -1).copy()

    @property
    def B(self):
        """(layer_size, 1): entry i is neuron i's b, a read-only copy."""
        return self._read_only(np.vstack([n.b for n in self.neurons]))

    @B.setter
    def B(self, value):
        value = check_array(value, "B", shape=(self.layer_size, 1))
        for n, row in zip(self.neurons, value, strict=True):
            n.b = row.reshape(1, 1).copy()

    def forward(self, x):
        """x: (input_size, 1) -> A: (layer_size, 1)."""
        return self._forward(check_array(x, "x", shape=(self.input_size, 1)))

    def _forward(self, x):
        self.Z = np.vstack([n._forward(x) for n in self.neurons])
        return self.activation._forward(self.Z)

    def backward(self, dLdA, learning_rate):
        """dLdA: (layer_size, 1) -> dL/dx: (input_size, 1), updating every neuron.

        Neuron i gets dLdZ[i] = dLdA[i] * dA_i/dZ (shape (1,)); what the
        neurons send back is summed into the previous layer's error.
        """
        if self.Z is None:
            raise ValueError("backward() needs the input of a forward() call; call forward first")
        dLdA = check_array(dLdA, "dLdA", shape=(self.layer_size, 1))
        learning_rate = check_positive_number(learning_rate, "learning_rate")
        return self._backward(dLdA, learning_rate)

    def gradients(self, dLdA):
        """dLdA: (layer_size, 1) -> (dL/dx, dLdW, dLdB) as ``Layer.gradients``; changes nothing.

        Row i of dLdW is what neuron i would use for its update: dLdZ[i] x^T,
        clipped like the neurons clip.
        """
        if self.Z is None:
            raise ValueError("gradients() needs the input of a forward() call; "
                             "call forward first")
        dLdA = check_array(dLdA, "dLdA", shape=(self.layer_size, 1))
        dLdZ = self.activation._backward(self.Z, dLdA)
        dLdW, dLdB = dLdZ @ self.neurons[0].x.T, dLdZ.copy()
        if self.clip is not None:
            np.clip(dLdW, -self.clip, self.clip, out=dLdW)
            np.clip(dLdB, -self.clip, self.clip, out=dLdB)
        return self.W.T @ dLdZ, dLdW, dLdB

    def _backward(self, dLdA, learning_rate):
        dLdZ = self.activation._backward(self.Z, dLdA)
        dLdx = np.zeros((self.input_size, 1))
        for i, n in enumerate(self.neurons):
            dLdx += n._backward(dLdZ[i], learning_rate)
        return dLdx

    def __repr__(self):
        return f"NeuronLayer({self.input_size}, {self.layer_size}, {self.activation!r})"
