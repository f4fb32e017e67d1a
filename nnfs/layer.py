"""A layer as one weight matrix: Z = W X + B, A = activation(Z).

Row i of ``W`` holds the weights of neuron i, so ``W`` has shape
(layer_size, input_size), and ``B`` is a column of biases (layer_size, 1).
``X`` holds one sample per column, so a batch is just more columns.
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
    return check_positive_number(init, "init")


class Layer:
    """A fully connected layer of ``layer_size`` neurons with ``input_size`` inputs each.

    Attributes:
        W: (layer_size, input_size) weights.
        B: (layer_size, 1) biases.
        X, Z: (input_size, batch) and (layer_size, batch) from the last forward.
        dLdW, dLdB: the gradients from the last backward, shapes of W and B.

    He initialisation is the default because the hidden layers of this course
    use ReLU: with the article's 0.001 the signal shrinks a thousandfold per
    layer and so do the gradients. ``clip`` bounds each gradient element to
    [-clip, clip] before the update (None, the default: no clipping).
    """

    batched = True

    def __init__(self, input_size, layer_size, activation, *, init="he", clip=None, rng=None):
        self.input_size = check_size(input_size, "input_size")
        self.layer_size = check_size(layer_size, "layer_size")
        self.activation = check_activation(activation)
        self.clip = check_clip(clip)
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
        """X: (input_size, batch) -> A: (layer_size, batch)."""
        return self._forward(check_array(X, "X", shape=(self.input_size, None)))

    def _forward(self, X):
        self.X = X
        self.Z = self.W @ X + self.B
        return self.activation._forward(self.Z)

    def backward(self, dLdA, learning_rate):
        """dLdA: (layer_size, batch) -> dL/dA_prev: (input_size, batch).

        Computes dLdW, dLdB, updates W -= lr dLdW and B -= lr dLdB, and returns
        the error for the previous layer, computed with W before the update.
        """
        if self.X is None:
            raise ValueError("backward() needs the input of a forward() call; call forward first")
        dLdA = check_array(dLdA, "dLdA", shape=self.Z.shape)
        learning_rate = check_positive_number(learning_rate, "learning_rate")
        return self._backward(dLdA, learning_rate)

    def gradients(self, dLdA):
        """dLdA: (layer_size, batch) -> (dL/dA_prev, dLdW, dLdB); changes nothing.

        dLdZ = dLdA ⊙ dA/dZ, dLdW = dLdZ X^T (a sum of one outer product per
        sample), dLdB = dLdZ summed over the batch, dL/dA_prev = W^T dLdZ.
        Gradients are clipped to [-clip, clip] if ``clip`` is set.
        """
        if self.X is None:
            raise ValueError("gradients() needs the input of a forward() call; "
                             "call forward first")
        return self._gradients(check_array(dLdA, "dLdA", shape=self.Z.shape))

    def _gradients(self, dLdA):
        dLdZ = self.activation._backward(self.Z, dLdA)
        dLdW = dLdZ @ self.X.T
        dLdB = dLdZ.sum(axis=1, keepdims=True)
        if self.clip is not None:
            np.clip(dLdW, -self.clip, self.clip, out=dLdW)
            np.clip(dLdB, -self.clip, self.clip, out=dLdB)
        self.dLdW, self.dLdB = dLdW, dLdB
        return self.W.T @ dLdZ, dLdW, dLdB

    def _backward(self, dLdA, learning_rate):
        dLdA_prev, dLdW, dLdB = self._gradients(dLdA)
        self.W -= learning_rate * dLdW
        self.B -= learning_rate * dLdB
        return dLdA_prev

    def params(self):
        """The trainable arrays by name: {"W": W, "B": B} (the arrays themselves)."""
        return {"W": self.W, "B": self.B}

    def __repr__(self):
        return f"Layer({self.input_size}, {self.layer_size}, {self.activation!r})"
