"""A layer as one weight matrix: Z = W X + B, A = activation(Z).

Row i of ``W`` holds the weights of neuron i, so ``W`` has shape
(layer_size, input_size), and ``B`` is a column of biases (layer_size, 1).
``X`` holds one sample per column, so a batch is just more columns.
"""

import numpy as np

from ._attributes import LayerUnit, check_dtype, check_sizes, weights
from ._checks import check_array, check_positive_number, make_rng
from .backprop import sgd

INITS = ("he", "xavier", "article")


def init_scale(init, input_size, layer_size):
    """The standard deviation of the initial weights for an ``init`` scheme.

    * ``"he"``: sqrt(2 / input_size), keeps the size of ReLU signals from
      layer to layer (He et al., 2015). The default. Biases start at 0.
    * ``"xavier"``: sqrt(2 / (input_size + layer_size)), for Identity, Tanh,
      Sigmoid (Glorot and Bengio, 2010). Biases start at 0.
    * ``"article"``: 0.001, the article's small random weights and biases.
    * a positive number: that standard deviation, for weights and biases.
    """
    if isinstance(init, str):
        if init == "he":
            return float(np.sqrt(2.0 / input_size))
        if init == "xavier":
            return float(np.sqrt(2.0 / (input_size + layer_size)))
        if init == "article":
            return 0.001
        raise ValueError(f"init must be one of {INITS} or a positive number, got {init!r}")
    scale = check_positive_number(init, "init")
    if scale > 1e100:                   # weights that large overflow the first forward pass
        raise ValueError(f"init must be at most 1e100 (a weight scale), got {scale:g}")
    return scale


class Layer(LayerUnit):
    """A fully connected layer of ``layer_size`` neurons with ``input_size`` inputs each.

    Attributes:
        W: (layer_size, input_size) weights; B: (layer_size, 1) biases. Both
           are checked when assigned (shape, finite) and kept in ``dtype``.
        X, Z: (input_size, batch) and (layer_size, batch) from the last forward.
        dLdW, dLdB: the true gradients from the last ``grads`` (or backward).

    He initialisation is the default because the hidden layers of this course
    use ReLU: with the article's 0.001 the signal shrinks a thousandfold per
    layer and so do the gradients. ``clip`` bounds each gradient element to
    [-clip, clip] in the update (None, the default: no clipping); the
    gradients themselves stay true derivatives. ``dtype`` (np.float64 or
    np.float32) is the dtype of W, B and of everything the layer returns.
    """

    W = weights("W", lambda self: (self.layer_size, self.input_size))
    B = weights("B", lambda self: (self.layer_size, 1))

    def __init__(self, input_size, layer_size, activation, *, init="he", clip=None, rng=None,
                 dtype=np.float64):
        self._input_size, self._layer_size = check_sizes(input_size, layer_size)
        self._dtype = check_dtype(dtype)
        self.activation = activation
        self.clip = clip
        scale = init_scale(init, self.input_size, self.layer_size)
        rng = make_rng(rng)
        self.W = rng.standard_normal((self.layer_size, self.input_size)) * scale
        # He and Xavier start the biases at zero, as their derivations assume; the
        # article (and an explicit scale) draws them like the weights.
        if init in ("he", "xavier"):
            self.B = np.zeros((self.layer_size, 1))
        else:
            self.B = rng.standard_normal((self.layer_size, 1)) * scale
        self.X = self.Z = self.dLdW = self.dLdB = None

    def forward(self, X):
        """X: (input_size, batch) -> A: (layer_size, batch), in the layer's dtype."""
        return self._forward(check_array(X, "X", shape=(self.input_size, None),
                                         dtype=self.dtype))

    def _forward(self, X):
        self.X = X
        self.Z = self._W @ X + self._B
        return self._act_forward(self.Z)

    def params(self):
        """The trainable arrays by name: {"W": W, "B": B} (the arrays themselves)."""
        return {"W": self._W, "B": self._B}

    def grads(self, dLdA):
        """dLdA: (layer_size, batch) -> (dL/dA_prev, {"W": dLdW, "B": dLdB}); changes no weight.

        dLdZ = dLdA ⊙ dA/dZ, dLdW = dLdZ X^T (a sum of one outer product per
        sample), dLdB = dLdZ summed over the batch, dL/dA_prev = W^T dLdZ:
        true derivatives, never clipped.
        """
        return self._grads(self._check_dLdA(dLdA, "grads"))

    def backward(self, dLdA, learning_rate):
        """dLdA: (layer_size, batch) -> dL/dA_prev: (input_size, batch), after one SGD step.

        ``grads``, then W -= lr clip(dLdW) and B -= lr clip(dLdB); the error for
        the previous layer is computed with W before the update.
        """
        dLdA = self._check_dLdA(dLdA, "backward")
        learning_rate = check_positive_number(learning_rate, "learning_rate")
        return sgd(self, dLdA, learning_rate)

    def _grads(self, dLdA, need_input=True):
        return self._grads_from_dLdZ(self._act_backward(self.Z, dLdA), need_input)

    def _grads_from_dLdZ(self, dLdZ, need_input=True):
        """dLdZ: (layer_size, batch) -> (dL/dA_prev, or None if not need_input, grads).

        The backward pass from dL/dZ on: where a loss fused with the activation
        (Softmax with cross-entropy, dL/dZ = (S - Y) / N) hands the last layer its error.
        """
        # np.add.reduce is what .sum() calls, without its Python wrapper (a tiny batch
        # of one column spends as long in that wrapper as in the sum)
        self.dLdW, self.dLdB = dLdZ @ self.X.T, np.add.reduce(dLdZ, axis=1, keepdims=True)
        dLdA_prev = self._W.T @ dLdZ if need_input else None
        return dLdA_prev, {"W": self.dLdW, "B": self.dLdB}

    def __repr__(self):
        return f"Layer({self.input_size}, {self.layer_size}, {self.activation!r})"
