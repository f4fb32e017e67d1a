"""The article's first layer: a list of ``Neuron`` objects that share one input.

It has the same contract as ``Layer`` (forward, params, grads, backward), so
the two designs can be compared number for number; each neuron computes its
own row of Z and its own gradients, and the layer collects them.
"""

import numpy as np

from ._attributes import LayerUnit, check_dtype, check_sizes
from ._checks import check_array, check_clip, check_positive_number, make_rng
from .backprop import sgd
from .neuron import Neuron


class NeuronLayer(LayerUnit):
    """``layer_size`` neurons, each with ``input_size`` inputs.

    Attributes:
        neurons: list of ``layer_size`` Neuron objects.
        W: (layer_size, input_size) the neurons' weight rows stacked: a read-only
           copy; assign a whole new matrix to set them (``layer.W = W``).
        B: (layer_size, 1) the neurons' biases stacked, likewise.
        clip: the layer's gradient clipping in the update (default 1.0, the
           article's); setting it sets every neuron's.
        Z: (layer_size, batch) the neurons' outputs from the last forward.
    ``params()`` names neuron i's arrays "neurons[i].w" and "neurons[i].b".
    """

    def __init__(self, input_size, layer_size, activation, *, clip=1.0, rng=None, scale=0.01,
                 dtype=np.float64):
        self._input_size, self._layer_size = check_sizes(input_size, layer_size)
        self._dtype = check_dtype(dtype)
        self.activation = activation
        rng = make_rng(rng)
        self.neurons = [Neuron(self.input_size, clip=clip, rng=rng, scale=scale, dtype=dtype)
                        for _ in range(self.layer_size)]
        self._clip = self.neurons[0].clip
        self._names = [(f"neurons[{i}].w", f"neurons[{i}].b") for i in range(self.layer_size)]
        self.Z = None

    @LayerUnit.clip.setter
    def clip(self, value):
        value = check_clip(value)
        for n in self.neurons:
            n.clip = value
        self._clip = value

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
        value = check_array(value, "W", shape=(self.layer_size, self.input_size),
                            dtype=self.dtype)
        for n, row in zip(self.neurons, value, strict=True):
            n.w = row.reshape(1, -1).copy()

    @property
    def B(self):
        """(layer_size, 1): entry i is neuron i's b, a read-only copy."""
        return self._read_only(np.vstack([n.b for n in self.neurons]))

    @B.setter
    def B(self, value):
        value = check_array(value, "B", shape=(self.layer_size, 1), dtype=self.dtype)
        for n, row in zip(self.neurons, value, strict=True):
            n.b = row.reshape(1, 1).copy()

    def forward(self, x):
        """x: (input_size, batch) -> A: (layer_size, batch); one column is the article's case."""
        return self._forward(check_array(x, "x", shape=(self.input_size, None),
                                         dtype=self.dtype))

    def _forward(self, x):
        self.Z = np.vstack([n._forward(x) for n in self.neurons])
        return self._act_forward(self.Z)

    def params(self):
        """Every neuron's arrays by name: {"neurons[0].w": w, "neurons[0].b": b, ...}."""
        return {name: p for n, names in zip(self.neurons, self._names, strict=True)
                for name, p in zip(names, (n.w, n.b), strict=True)}

    def grads(self, dLdA):
        """dLdA: (layer_size, batch) -> (dL/dx, {name: gradient}) with the names of ``params``.

        Neuron i gets dLdZ[i] = dLdA[i] * dA_i/dZ (through the activation's
        backward); what the neurons send back is summed into dL/dx. True
        derivatives, never clipped; nothing changes.
        """
        return self._grads(self._check_dLdA(dLdA, "grads"))

    def backward(self, dLdA, learning_rate):
        """dLdA: (layer_size, batch) -> dL/dx: (input_size, batch), after one SGD step.

        Each neuron's w -= lr clip(dL/dw), b -= lr clip(dL/db); dL/dx uses the
        weights from before the update.
        """
        dLdA = self._check_dLdA(dLdA, "backward")
        learning_rate = check_positive_number(learning_rate, "learning_rate")
        return sgd(self, dLdA, learning_rate)

    def _grads(self, dLdA, need_input=True):
        return self._grads_from_dLdZ(self._act_backward(self.Z, dLdA), need_input)

    def _grads_from_dLdZ(self, dLdZ, need_input=True):
        """dLdZ: (layer_size, batch) -> (dL/dx, or None if not need_input, grads)."""
        dLdx = np.zeros((self.input_size, dLdZ.shape[1]), self.dtype) if need_input else None
        grads = {}
        for i, (n, (w, b)) in enumerate(zip(self.neurons, self._names, strict=True)):
            dx, g = n._grads(dLdZ[i:i + 1], need_input)
            if need_input:
                dLdx += dx
            grads[w], grads[b] = g["w"], g["b"]
        return dLdx, grads

    def __repr__(self):
        return f"NeuronLayer({self.input_size}, {self.layer_size}, {self.activation!r})"
