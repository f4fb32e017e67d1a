"""Reference solutions of the exercises graded by ``nnfs.exercises``.

They live in tests/, not in the package, so that nothing a learner imports can
print an answer. Each one is what a learner fills into the notebook's
skeleton; the test suite checks that it passes and that typical wrong
variants of it do not.
"""

import numpy as np

# 01 · one neuron ------------------------------------------------------------


def neuron_forward(w, x, b):
    """w (1, n), x (n, 1), b (1, 1) -> z (1, 1)."""
    return w @ x + b


def central_difference(f, w, eps):
    """Entry k: (f(w + eps e_k) - f(w - eps e_k)) / (2 eps); w is left as it was."""
    grad = np.zeros_like(w)
    for k in np.ndindex(w.shape):
        up, down = w.copy(), w.copy()
        up[k] += eps
        down[k] -= eps
        grad[k] = (f(up) - f(down)) / (2 * eps)
    return grad


def loss_gradient_w(w, x, b, y):
    """dL/dw (1, n) for L = (z - y)^2, z = w x + b: dL/dz times dz/dw = x^T."""
    z = w @ x + b
    return 2 * (z - y) @ x.T


# 02 · assertions ------------------------------------------------------------


def check_column(x, n):
    """Return if x is a column (n, 1); raise ValueError otherwise (also under python -O)."""
    if np.shape(x) != (n, 1):
        raise ValueError(f"x must be a column of shape ({n}, 1), got shape {np.shape(x)}")


# 03 · a layer of neurons ----------------------------------------------------


class MyNeuron:
    """One neuron, z = w x + b; backward sends back w^T error from the old weights."""

    def __init__(self, input_size, rng, scale=0.01, clip=1.0):
        self.input_size, self.clip = input_size, clip
        self.w = rng.standard_normal((1, input_size)) * scale
        self.b = rng.standard_normal((1, 1)) * scale

    def forward(self, x):
        self.x = x
        return self.w @ x + self.b

    def backward(self, error, learning_rate):
        dLdx = self.w.T * error                    # a new array, from the weights before
        dLdw = np.clip(error * self.x.T, -self.clip, self.clip)
        dLdb = np.clip(error.reshape(1, 1), -self.clip, self.clip)
        self.w -= learning_rate * dLdw
        self.b -= learning_rate * dLdb
        return dLdx


class MyNeuronLayer:
    """A list of MyNeuron sharing one input; backward sums what they send back."""

    def __init__(self, input_size, layer_size, activation, rng, scale=0.01, clip=1.0):
        self.input_size, self.layer_size, self.activation = input_size, layer_size, activation
        self.neurons = [MyNeuron(input_size, rng, scale, clip) for _ in range(layer_size)]

    def forward(self, x):
        self.Z = np.vstack([neuron.forward(x) for neuron in self.neurons])
        return self.activation.forward(self.Z)

    def backward(self, dLdA, learning_rate):
        dLdZ = self.activation.backward(self.Z, dLdA)
        dLdx = np.zeros((self.input_size, 1))
        for i, neuron in enumerate(self.neurons):
            dLdx += neuron.backward(dLdZ[i], learning_rate)
        return dLdx


# 05 · one matrix per layer --------------------------------------------------


class MyLayer:
    """Z = W X + B, A = activation(Z), X of shape (input_size, batch)."""

    def __init__(self, input_size, layer_size, activation, *, rng, scale=None):
        if scale is None:
            scale = np.sqrt(2.0 / input_size)
        self.input_size, self.layer_size, self.activation = input_size, layer_size, activation
        self.W = rng.standard_normal((layer_size, input_size)) * scale
        self.B = rng.standard_normal((layer_size, 1)) * scale
        self.X = self.Z = None

    def forward(self, X):
        self.X = X
        self.Z = self.W @ X + self.B
        return self.activation.forward(self.Z)

    def grads(self, dLdA):
        dLdZ = dLdA * self.activation.derivative(self.Z)
        dLdW = dLdZ @ self.X.T
        dLdB = dLdZ.sum(axis=1, keepdims=True)
        dLdA_prev = self.W.T @ dLdZ
        return dLdA_prev, {"W": dLdW, "B": dLdB}

    def backward(self, dLdA, learning_rate):
        dLdA_prev, grads = self.grads(dLdA)
        self.W -= learning_rate * grads["W"]
        self.B -= learning_rate * grads["B"]
        return dLdA_prev


def layer_forward(W, B, X, activation):
    """W (layer, input), B (layer, 1), X (input, batch) -> Z, A (layer, batch)."""
    Z = W @ X + B
    return Z, activation.forward(Z)


def layer_dLdZ(dLdA, Z, activation):
    """dL/dZ = dL/dA ⊙ f'(Z), entry by entry, (layer, batch)."""
    return dLdA * activation.derivative(Z)


# 06 · the network -----------------------------------------------------------


class MyNetwork:
    """add_layers and add_loss as the notebook gives them, and the answer: the two loops."""

    def __init__(self):
        self.layers, self.loss = [], None

    def add_layers(self, layers):
        self.layers.extend(layers)

    def add_loss(self, loss):
        self.loss = loss

    def forward(self, X):
        A = X
        for layer in self.layers:
            A = layer.forward(A)
        return A

    def backward(self, dLdA, learning_rate):
        for layer in reversed(self.layers):
            dLdA_prev, grads = layer.grads(dLdA)       # with W from before the update
            for name, param in layer.params().items():
                param -= learning_rate * grads[name]
            dLdA = dLdA_prev
        return dLdA


def softmax_backward(z, dLdA):
    s = np.exp(z - z.max()) / np.exp(z - z.max()).sum()
    J = np.diagflat(s) - s @ s.T
    return J.T @ dLdA


def train_loop(net, x, y, learning_rate, epochs):
    """Per epoch, every sample in order: forward, loss, backward. The mean loss per epoch."""
    losses = []
    for _ in range(epochs):
        total = 0.0
        for i in range(len(x)):
            xi, yi = x[i].reshape(-1, 1), y[i].reshape(-1, 1)
            prediction = net.forward(xi)
            total += net.loss.forward(prediction, yi)
            net.backward(net.loss.backward(prediction, yi), learning_rate)
        losses.append(total / len(x))
    return losses


# 07 · batches and optimizers ------------------------------------------------


def momentum_step(param, grad, velocity, learning_rate, mu):
    velocity = mu * velocity + grad
    return param - learning_rate * velocity, velocity


def adam_step(param, grad, m, v, t, learning_rate, beta1=0.9, beta2=0.999, eps=1e-8):
    m = beta1 * m + (1 - beta1) * grad
    v = beta2 * v + (1 - beta2) * grad ** 2
    m_hat, v_hat = m / (1 - beta1 ** t), v / (1 - beta2 ** t)
    return param - learning_rate * m_hat / (np.sqrt(v_hat) + eps), m, v


def two_layer_backward(X, Y, W1, B1, W2, B2):
    """The four gradients of the MSE of W2 ReLU(W1 X + B1) + B2 on the batch X, Y."""
    Z1 = W1 @ X + B1
    A1 = np.maximum(Z1, 0)
    dLdA2 = 2 * (W2 @ A1 + B2 - Y) / Y.size
    dLdZ1 = (W2.T @ dLdA2) * (Z1 > 0)
    return (dLdZ1 @ X.T, dLdZ1.sum(axis=1, keepdims=True), dLdA2 @ A1.T,
            dLdA2.sum(axis=1, keepdims=True))


# 08 · classification --------------------------------------------------------


def cross_entropy(P, Y):
    """Mean over the batch (columns) of -sum_i y_i log p_i."""
    return float(-np.sum(Y * np.log(P)) / P.shape[1])


def cross_entropy_backward(P, Y):
    """dL/dP for the mean cross-entropy: -Y / P / batch."""
    return -Y / P / P.shape[1]


def untrained_loss(n_classes):
    """-log(1 / n_classes): the cross-entropy of an even guess."""
    return float(np.log(n_classes))


def overfit_handful(net, x, y, epochs=200, learning_rate=0.01):
    """Train net with Adam on the whole handful at once; its loss on them afterwards."""
    net.train(x, y, learning_rate, epochs, batch_size=None, optimizer="adam")
    return net.evaluate(x, y)


# the conceptual questions of notebooks 01-04 (a letter, labels, by hand) -------
# Each is a list of right answers: the reference first, then other spellings of it.

def _relu_backward_by_hand():
    from nnfs.exercises import relu_by_hand_inputs
    Z, dLdA = relu_by_hand_inputs()
    return dLdA * (Z > 0)


def _plateau_loss():
    from nnfs.exercises import plateau_targets
    return float(np.mean((plateau_targets() - 0.5) ** 2))


LARGE_LEARNING_RATE = ["b", "B", " b ", '"b"', "(b)"]
FIRST_CHECK_THAT_FIRES = [("input_size", "none", "error", "x"),
                          ["input_size", "none", "error", "x"],
                          ("Input_Size", " None", "ERROR", "X"),
                          ("input size", "none", "error", '"x"')]
# The last of each list is the answer as a learner types it, worked out by hand.
RELU_BACKWARD_BY_HAND = [_relu_backward_by_hand(), _relu_backward_by_hand().tolist(),
                         [[0.5], [0], [0], [0.1]]]
PLATEAU_LOSS = [_plateau_loss(), np.float64(_plateau_loss()), np.array(_plateau_loss()),
                np.array([_plateau_loss()]), 0.08]


# 05 and 07 · the conceptual exercises: values the learner works out -----------

dLdW_by_hand = [[2.0, 1.0, -6.0], [-1.0, -0.5, 3.0]]    # dL/dZ X^T for (2, -1) and (1, 0.5, -3)
dLdA_prev_shape = (7, 1)                                 # W^T dL/dZ: (7, 4) @ (4, 1)
batch_and_rate = (8, 0.1)                                # 5 epochs of SGD below 0.012


# 09 · digits -----------------------------------------------------------------


def recall_precision(C):
    """C (classes, classes), row = true class -> the diagonal over the row and column sums."""
    correct = np.diag(C)
    return correct / C.sum(axis=1), correct / C.sum(axis=0)
