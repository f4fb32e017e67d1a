"""Typical wrong answers to the exercises, each with words its check's hint must contain.

``CATALOGUE[check_name]`` is a list of (label, submission, hint words). A
submission is what the learner passes to the check: a function, a class, or a
tuple of classes for checks that take several.
"""

import exercise_solutions as sol
import numpy as np

# 01 · neuron_forward ---------------------------------------------------------

NEURON_FORWARD = [
    ("star broadcasting", lambda w, x, b: w * x + b,
     ["(3, 3)", "broadcasts", "matrix product (1, 3) @ (3, 1)"]),
    ("column times row", lambda w, x, b: x @ w + b, ["(3, 3)", "column times a row"]),
    ("1-D result", lambda w, x, b: (w @ x + b).ravel(), ["shape (1,)", "1 x 1 matrix"]),
    ("item()", lambda w, x, b: (w @ x + b).item(), ["returned a float", "(1, 1)", "1 x 1 matrix"]),
    ("no bias", lambda w, x, b: w @ x, ["without the bias"]),
    ("minus bias", lambda w, x, b: w @ x - b, ["not w x + b", "relative error"]),
    ("hard-coded n = 5", lambda w, x, b: w.reshape(1, 5) @ x.reshape(5, 1) + b,
     ["n = 3", "raised ValueError", "reshape"]),
    ("w^T x", lambda w, x, b: w.T @ x + b, ["raised ValueError", "matmul"]),
]


# 01 · central_difference -----------------------------------------------------

def _quotients(f, w, eps, forward=0.0, backward=0.0, divide=2.0, sign=1.0):
    grad = np.zeros_like(w)
    for k in np.ndindex(w.shape):
        up, down = w.copy(), w.copy()
        up[k] += forward
        down[k] -= backward
        grad[k] = sign * (f(up) - f(down)) / (divide * eps)
    return grad


def _unrestored(f, w, eps):
    grad = np.zeros_like(w)
    for k in np.ndindex(w.shape):
        w[k] += eps
        up = f(w)
        w[k] -= 2 * eps
        grad[k] = (up - f(w)) / (2 * eps)      # w[k] is left eps too low
    return grad


def _restored_in_place(f, w, eps):           # a right answer that nudges w itself
    grad = np.zeros_like(w)
    for k in np.ndindex(w.shape):
        old = w[k]
        w[k] = old + eps
        up = f(w)
        w[k] = old - eps
        grad[k] = (up - f(w)) / (2 * eps)
        w[k] = old
    return grad


def _all_at_once(f, w, eps):
    return np.full(w.shape, (f(w + eps) - f(w - eps)) / (2 * eps))


CENTRAL_DIFFERENCE = [
    ("forward difference", lambda f, w, eps: _quotients(f, w, eps, forward=eps, divide=1.0),
     ["one-sided"]),
    ("backward difference", lambda f, w, eps: _quotients(f, w, eps, backward=eps, divide=1.0),
     ["one-sided"]),
    ("divides by eps", lambda f, w, eps: _quotients(f, w, eps, eps, eps, divide=1.0),
     ["twice the slope"]),
    ("sign flipped", lambda f, w, eps: _quotients(f, w, eps, eps, eps, sign=-1.0),
     ["sign flipped"]),
    ("own step", lambda f, w, eps: sol.central_difference(f, w, 1e-6), ["step of its own"]),
    ("all entries at once", _all_at_once, ["same number", "one entry of w at a time"]),
    ("a scalar", lambda f, w, eps: (f(w + eps) - f(w - eps)) / (2 * eps), ["returned a float"]),
    ("w not restored", _unrestored, ["did not put it back"]),
    ("1-D into f", lambda f, w, eps: sol.central_difference(lambda v: f(v.ravel()), w, eps),
     ["raised ValueError", "f expects an array of shape (1, 4)"]),
    ("transposed", lambda f, w, eps: sol.central_difference(f, w, eps).T,
     ["shape (4, 1)", "shape of w"]),
]


# 01 · loss_gradient_w --------------------------------------------------------

def _z(w, x, b):
    return w @ x + b


LOSS_GRADIENT_W = [
    ("no factor 2", lambda w, x, b, y: (_z(w, x, b) - y) @ x.T, ["half the gradient"]),
    ("y - z", lambda w, x, b, y: 2 * (y - _z(w, x, b)) @ x.T, ["sign flipped"]),
    ("dz/dw only", lambda w, x, b, y: x.T, ["dz/dw alone", "chain rule"]),
    ("x, not x^T", lambda w, x, b, y: 2 * (_z(w, x, b) - y) * x,
     ["shape (3, 1)", "(1, 3)", "transpose"]),
    ("dL/dz only", lambda w, x, b, y: 2 * (_z(w, x, b) - y), ["shape (1, 1)", "(1, 3)"]),
    ("times w", lambda w, x, b, y: 2 * (_z(w, x, b) - y) * w,
     ["disagrees with the numerical gradient", "relative error"]),
]


# 02 · check_column -----------------------------------------------------------

def _assert_column(x, n):
    assert x.shape == (n, 1), f"x must be ({n}, 1), got {x.shape}"


def _hard_coded(x, n):
    if x.shape != (5, 1):
        raise ValueError(f"x must be (5, 1), got {x.shape}")


def _ignores_n(x, n):
    if x.ndim != 2 or x.shape[1] != 1:
        raise ValueError(f"x must be a column, got {x.shape}")


def _length_only(x, n):
    if x.shape[0] != n:
        raise ValueError(f"x must have {n} rows, got {x.shape}")


def _index_error(x, n):
    if x.shape[0] != n or x.shape[1] != 1:
        raise ValueError(f"x must be ({n}, 1), got {x.shape}")


def _type_error(x, n):
    if x.shape != (n, 1):
        raise TypeError(f"x must be ({n}, 1), got {x.shape}")


def _no_message(x, n):
    if x.shape != (n, 1):
        raise ValueError


def _message(text):
    def check_column(x, n):
        if np.shape(x) != (n, 1):
            raise ValueError(text(x, n))
    return check_column


CHECK_COLUMN = [
    ("bad input", _message(lambda x, n: "bad input"),
     ["ValueError: bad input", "does not say the shape x arrived with"]),
    ("only what arrived", _message(lambda x, n: f"got shape {np.shape(x)}"),
     ["does not say what was expected", "depends on n (3 here)"]),
    ("only what was expected", _message(lambda x, n: f"x must be a column of {n} rows"),
     ["does not say the shape x arrived with"]),
    ("n hard-coded in the message", _message(lambda x, n: f"need (5, 1), got {np.shape(x)}"),
     ["does not say what was expected"]),
    ("an over-long message", _message(lambda x, n: f"need ({n}, 1), got {np.shape(x)}. " * 20),
     ["characters", "one short line"]),
    ("a message over many lines", _message(lambda x, n: f"need ({n}, 1)\ngot {np.shape(x)}"),
     ["2 line(s)", "one short line"]),
    ("assert", _assert_column, ["AssertionError", "python -O", "ValueError"]),
    ("hard-coded 5", _hard_coded, ["refused a right column of shape (3, 1)", "(5, 1)"]),
    ("ignores n", _ignores_n, ["wrong length", "got through", "must be n"]),
    ("length only", _length_only, ["1-D array of shape (3,)", "got through", "x.ndim"]),
    ("x.shape[1] of a 1-D array", _index_error, ["IndexError", "x.ndim"]),
    ("TypeError", _type_error, ["raised TypeError", "a wrong shape is a ValueError"]),
    ("no message", _no_message, ["without a message"]),
    ("returns False", lambda x, n: x.shape == (n, 1), ["returned False", "ValueError"]),
    ("does nothing", lambda x, n: None, ["got through"]),
]


# 03 · MyNeuron and MyNeuronLayer ---------------------------------------------

class _SendsWeights(sol.MyNeuron):            # erratum 2
    def backward(self, error, learning_rate):
        super().backward(error, learning_rate)
        return self._w_before.T

    def forward(self, x):
        self._w_before = self.w.copy()
        return super().forward(x)


class _Article(sol.MyNeuron):                 # errata 2 and 3: a view of w, updated in place
    def backward(self, error, learning_rate):
        dzdprev = self.w.T
        super().backward(error, learning_rate)
        return dzdprev


class _AfterUpdate(sol.MyNeuron):             # erratum 3
    def backward(self, error, learning_rate):
        super().backward(error, learning_rate)
        return self.w.T * error


class _MinusError(sol.MyNeuron):
    def backward(self, error, learning_rate):
        return -super().backward(error, learning_rate)


class _Uphill(sol.MyNeuron):
    def backward(self, error, learning_rate):
        dLdx = self.w.T * error
        self.w += learning_rate * error * self.x.T
        self.b += learning_rate * error.reshape(1, 1)
        return dLdx


class _NoUpdate(sol.MyNeuron):
    def backward(self, error, learning_rate):
        return self.w.T * error


class _NotWritten(sol.MyNeuron):
    def backward(self, error, learning_rate):
        raise NotImplementedError("your code here")


class _LastOnly(sol.MyNeuronLayer):
    def backward(self, dLdA, learning_rate):
        dLdZ = self.activation.backward(self.Z, dLdA)
        for i, neuron in enumerate(self.neurons):
            dLdx = neuron.backward(dLdZ[i], learning_rate)
        return dLdx


class _NoDerivative(sol.MyNeuronLayer):
    def backward(self, dLdA, learning_rate):
        dLdx = np.zeros((self.input_size, 1))
        for i, neuron in enumerate(self.neurons):
            dLdx += neuron.backward(dLdA[i], learning_rate)
        return dLdx


class _Averages(sol.MyNeuronLayer):
    def backward(self, dLdA, learning_rate):
        return super().backward(dLdA, learning_rate) / self.layer_size


class _ReturnsList(sol.MyNeuronLayer):
    def backward(self, dLdA, learning_rate):
        dLdZ = self.activation.backward(self.Z, dLdA)
        return [n.backward(dLdZ[i], learning_rate) for i, n in enumerate(self.neurons)]


class _NoNeuronsList(sol.MyNeuronLayer):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.units = self.neurons
        del self.neurons


def _neuron_step(clip_w=True, clip_b=True, clip_x=False, bound=None):
    """MyNeuron whose backward clips (or not) each of dL/dw, dL/db and dL/dx."""
    def backward(self, error, learning_rate):
        c = self.clip if bound is None else bound
        dLdx = self.w.T * error
        dLdw, dLdb = error * self.x.T, error.reshape(1, 1)
        self.w -= learning_rate * (np.clip(dLdw, -c, c) if clip_w else dLdw)
        self.b -= learning_rate * (np.clip(dLdb, -c, c) if clip_b else dLdb)
        return np.clip(dLdx, -c, c) if clip_x else dLdx
    return type("MyNeuron", (sol.MyNeuron,), {"backward": backward})


NEURON_LAYER = [
    ("dL/dw not clipped", (_neuron_step(clip_w=False), sol.MyNeuronLayer),
     ["MyNeuron(4, clip=1): after backward, w", "unclipped dL/dw"]),
    ("dL/db not clipped", (_neuron_step(clip_b=False), sol.MyNeuronLayer),
     ["MyNeuron(4, clip=1): after backward, b", "unclipped dL/db"]),
    ("nothing clipped", (_neuron_step(clip_w=False, clip_b=False), sol.MyNeuronLayer),
     ["after backward, w", "unclipped dL/dw"]),
    ("dL/dx clipped too", (_neuron_step(clip_x=True), sol.MyNeuronLayer),
     ["MyNeuron(4, clip=1).backward clips dL/dx", "in full"]),
    ("dL/dx clipped, not the gradients",
     (_neuron_step(clip_w=False, clip_b=False, clip_x=True), sol.MyNeuronLayer),
     ["clips dL/dx"]),
    ("clipped to [-1, 1], not [-clip, clip]", (_neuron_step(bound=1.0), sol.MyNeuronLayer),
     ["MyNeuron(3, clip=0.5)", "clipped to [-1, 1]", "self.clip"]),
    ("sends w^T", (_SendsWeights, sol.MyNeuronLayer),
     ["MyNeuron(3).backward", "sent back the weights, not the error", "erratum 2"]),
    ("the article's neuron", (_Article, sol.MyNeuronLayer),
     ["sent back the weights, not the error", "used the weights after the update"]),
    ("updated weights", (_AfterUpdate, sol.MyNeuronLayer),
     ["used the weights after the update", "erratum 3"]),
    ("minus", (_MinusError, sol.MyNeuronLayer), ["sign flipped"]),
    ("uphill", (_Uphill, sol.MyNeuronLayer), ["MyNeuron(3): after backward, w moved uphill"]),
    ("no update", (_NoUpdate, sol.MyNeuronLayer), ["after backward, w did not change"]),
    ("skeleton", (_NotWritten, sol.MyNeuronLayer),
     ["not written yet", "NotImplementedError: your code here"]),
    ("last neuron only", (sol.MyNeuron, _LastOnly), ["only the last neuron's share"]),
    ("dL/dA for dL/dZ", (sol.MyNeuron, _NoDerivative), ["forgot the activation's derivative"]),
    ("average", (sol.MyNeuron, _Averages), ["averaged"]),
    ("a list", (sol.MyNeuron, _ReturnsList), ["returned a list"]),
    ("no neurons", (sol.MyNeuron, _NoNeuronsList), ["needs a list `neurons`"]),
    ("instances", (sol.MyNeuron(3, np.random.default_rng(0)), sol.MyNeuronLayer),
     ["should be a class"]),
    ("no backward method",
     (sol.MyNeuron, type("MyNeuronLayer", (sol.MyNeuronLayer,), {"backward": None})),
     ["MyNeuronLayer has no method backward()"]),
]


# 05 · MyLayer ----------------------------------------------------------------

def _layer(grads=None, backward=None, forward=None):
    """A MyLayer with some methods replaced."""
    body = {k: v for k, v in (("grads", grads), ("backward", backward),
                              ("forward", forward)) if v is not None}
    return type("MyLayer", (sol.MyLayer,), body)


def _grads_without_derivative(self, dLdA):
    dLdZ = dLdA                                   # dA/dZ forgotten
    return self.W.T @ dLdZ, {"W": dLdZ @ self.X.T, "B": dLdZ.sum(axis=1, keepdims=True)}


def _wrap_grads(change):
    """grads whose (dLdA_prev, dLdW, dLdB) go through change(self, dLdA, (...)) and back."""
    def grads(self, dLdA):
        prev, named = sol.MyLayer.grads(self, dLdA)
        prev, dLdW, dLdB = change(self, dLdA, (prev, named["W"], named["B"]))
        return prev, {"W": dLdW, "B": dLdB}
    return grads


def _grads_returning(shape_of_result):
    """grads that return shape_of_result(dLdA_prev, dLdW, dLdB) instead of the protocol's pair."""
    def grads(self, dLdA):
        prev, named = sol.MyLayer.grads(self, dLdA)
        return shape_of_result(prev, named["W"], named["B"])
    return grads


def _dLdZ(layer, dLdA):
    return dLdA * layer.activation.derivative(layer.Z)


def _backward_after_update(self, dLdA, learning_rate):
    _, grads = self.grads(dLdA)
    self.W -= learning_rate * grads["W"]
    self.B -= learning_rate * grads["B"]
    return self.W.T @ _dLdZ(self, dLdA)


def _backward_step(sign=-1.0, lr=True, bias_from_dLdZ=False):
    def backward(self, dLdA, learning_rate):
        dLdA_prev, grads = self.grads(dLdA)
        rate = learning_rate if lr else 1.0
        self.W = self.W + sign * rate * grads["W"]
        self.B = self.B + sign * rate * (_dLdZ(self, dLdA) if bias_from_dLdZ else grads["B"])
        return dLdA_prev
    return backward


def _one_column_forward(self, X):
    assert X.shape == (self.input_size, 1), f"X must be ({self.input_size}, 1), got {X.shape}"
    return sol.MyLayer.forward(self, X)


def _not_written(self, *args):
    raise NotImplementedError("your code here")


MY_LAYER = [
    ("dLdW transposed", _layer(_wrap_grads(lambda s, d, g: (g[0], g[1].T, g[2]))),
     ["dLdW as an array of shape (3, 2)", "expected (2, 3)", "transpose"]),
    ("dLdB = dLdZ", _layer(_wrap_grads(lambda s, d, g: (g[0], g[1], _dLdZ(s, d)))),
     ["batch of 5", "dLdB as an array of shape (3, 5)", "expected (3, 1)", "erratum 14"]),
    ("dLdB mean", _layer(_wrap_grads(lambda s, d, g: (g[0], g[1], g[2] / d.shape[1]))),
     ["dLdB is divided by the batch size"]),
    ("dLdB 1-D", _layer(_wrap_grads(lambda s, d, g: (g[0], g[1], g[2].ravel()))),
     ["shape (2,)", "keepdims"]),
    ("no activation derivative", _layer(_grads_without_derivative),
     ["dLdW forgot the activation's derivative"]),
    ("dLdW sign", _layer(_wrap_grads(lambda s, d, g: (g[0], -g[1], g[2]))),
     ["dLdW has the sign flipped"]),
    ("dLdA_prev sign", _layer(_wrap_grads(lambda s, d, g: (-g[0], g[1], g[2]))),
     ["dLdA_prev has the sign flipped"]),
    ("W^T alone", _layer(_wrap_grads(lambda s, d, g: (s.W.T, g[1], g[2]))),
     ["dLdA_prev as an array of shape (3, 2)", "W^T alone"]),
    ("W for W^T, square", _layer(_wrap_grads(
        lambda s, d, g: (s.W @ _dLdZ(s, d) if s.W.shape[0] == s.W.shape[1] else g[0],
                         g[1], g[2]))),
     ["MyLayer(3, 3, Tanh())", "uses W where W^T belongs"]),
    ("dLdW transposed, square", _layer(_wrap_grads(
        lambda s, d, g: (g[0], g[1].T if g[1].shape[0] == g[1].shape[1] else g[1], g[2]))),
     ["MyLayer(3, 3, Tanh())", "dLdW is transposed"]),
    ("three arrays, not the pair", _layer(_grads_returning(lambda p, w, b: (p, w, b))),
     ['should return (dLdA_prev, {"W": dLdW, "B": dLdB})', "a tuple of length 3"]),
    ("a dict of other names", _layer(_grads_returning(lambda p, w, b: (p, {"dLdW": w,
                                                                          "dLdB": b}))),
     ['keys "W" and "B"', "['dLdB', 'dLdW']"]),
    ("grads not written", _layer(grads=_not_written),
     ["not written yet", "NotImplementedError: your code here"]),
    ("forward takes one column", _layer(forward=_one_column_forward),
     ["batch of 5", "forward(X) with X of shape (4, 5)", "AssertionError"]),
    ("dLdA_prev with the updated W", _layer(backward=_backward_after_update),
     ["used the weights after the update"]),
    ("uphill", _layer(backward=_backward_step(sign=1.0)), ["W moved uphill"]),
    ("no learning rate", _layer(backward=_backward_step(lr=False)),
     ["W moved without the learning rate"]),
    ("B -= lr dLdZ", _layer(backward=_backward_step(bias_from_dLdZ=True)),
     ["B has shape (3, 5)", "erratum 14"]),
    ("backward not written", _layer(backward=_not_written), ["not written yet"]),
    ("no grads method", type("MyLayer", (sol.MyLayer,), {"grads": None}),
     ["MyLayer has no method grads()"]),
]


# 06 · train_loop -------------------------------------------------------------

def _loop(samples=len, divide=len, shape=lambda v: v.reshape(-1, 1), sign=1.0, rate=1.0,
          backward=True, order=None, epochs_off=0, loss_after=False, result=None):
    """The reference loop with one thing changed; samples/divide take x."""
    def train_loop(net, x, y, learning_rate, epochs):
        losses = []
        for _ in range(epochs + epochs_off):
            total = 0.0
            indices = list(range(samples(x)))
            for i in (order(indices) if order else indices):
                xi, yi = shape(x[i]), y[i].reshape(-1, 1)
                prediction = net.forward(xi)
                if backward:
                    net.backward(sign * net.loss.backward(prediction, yi), rate * learning_rate)
                if loss_after:
                    prediction = net.forward(xi)
                total += net.loss.forward(prediction, yi)
            losses.append(total / divide(x))
        return result(losses) if result else losses
    return train_loop


def _whole_batch(net, x, y, learning_rate, epochs):
    losses = []
    for _ in range(epochs):
        A = net.forward(x.T)
        losses.append(net.loss.forward(A, y.T))
        net.backward(net.loss.backward(A, y.T), learning_rate)
    return losses


def _window(x):
    return x.shape[1]


TRAIN_LOOP = [
    ("erratum 5", _loop(samples=_window, divide=_window), ["erratum 5", "window size"]),
    ("divides by the window size", _loop(divide=_window), ["divides", "x.shape[1]", "erratum 5"]),
    ("total, not mean", _loop(divide=lambda x: 1), ["total loss", "divides it by N"]),
    ("calls net.train", lambda net, x, y, lr, epochs: net.train(x, y, lr, epochs),
     ["raised AttributeError", "forward, backward and loss only"]),
    ("whole batch", _whole_batch, ["7 samples at once", "one sample"]),
    ("no backward", _loop(backward=False), ["never called net.backward"]),
    ("minus dL/dA", _loop(sign=-1.0), ["minus dL/dA", "sign is flipped"]),
    ("other learning rate", _loop(rate=0.1), ["learning rate other than"]),
    ("reversed order", _loop(order=lambda idx: idx[::-1]), ["not 0, 1, ..., 6 in order"]),
    ("one epoch too few", _loop(epochs_off=-1), ["visited 14 samples", "visit 21"]),
    ("loss after the update: forward twice", _loop(loss_after=True),
     ["called net.forward 2 times per sample"]),
    ("a row for a sample", _loop(shape=lambda v: v.reshape(1, -1)),
     ["raised ValueError", "X must have shape (3, any), got (1, 3)"]),
    ("last loss only", _loop(result=lambda losses: losses[-1]), ["returned a float", "3 numbers"]),
    ("nothing returned", _loop(result=lambda losses: None), ["returned None"]),
]


# 07 · momentum_step, adam_step ---------------------------------------------

def _momentum(kind):
    def momentum_step(param, grad, velocity, learning_rate, mu):
        velocity = {"ema": mu * velocity + (1 - mu) * grad, "sgd": grad,
                    "lr twice": mu * velocity + learning_rate * grad}.get(
            kind, mu * velocity + grad)
        sign = 1.0 if kind == "uphill" else -1.0
        return param + sign * learning_rate * velocity, velocity
    return momentum_step


MOMENTUM_STEP = [
    ("average (1 - mu)", _momentum("ema"), ["step 1", "(1 - mu)"]),
    ("no memory", _momentum("sgd"), ["step 2", "plain SGD"]),
    ("uphill", _momentum("uphill"), ["step 1", "uphill"]),
    ("learning rate twice", _momentum("lr twice"), ["step 1", "learning rate twice"]),
    ("param only", lambda p, g, v, lr, mu: p - lr * g,
     ["should return (param, velocity)", "got an array of shape (3, 2)"]),
]


def _adam(kind):
    def adam_step(param, grad, m, v, t, learning_rate, beta1, beta2, eps):
        m = beta1 * m + (1 if kind == "m sum" else 1 - beta1) * grad
        v = beta2 * v + (1 - beta2) * (grad if kind == "v of g" else grad ** 2)
        tt = {"t + 1": t + 1, "t - 1": t - 1}.get(kind, t)
        m_hat = m if kind == "no correction" else m / (1 - beta1 ** tt)
        v_hat = v if kind == "no correction" else v / (1 - beta2 ** tt)
        step = learning_rate * m_hat / (np.sqrt(v_hat) + eps)
        return (param + step if kind == "uphill" else param - step), m, v
    return adam_step


ADAM_STEP = [
    ("no bias correction", _adam("no correction"), ["t = 1", "bias correction"]),
    ("v of g", _adam("v of g"), ["v averages the gradients", "squares"]),
    ("t + 1", _adam("t + 1"), ["wrong step number", "t = 1"]),
    ("t - 1", _adam("t - 1"), ["returned", "NaN or inf"]),
    ("uphill", _adam("uphill"), ["uphill"]),
    ("m sums", _adam("m sum"), ["m is not the running average"]),
    ("two values", lambda p, g, m, v, t, lr, b1, b2, eps: (p, m),
     ["should return (param, m, v)", "got a tuple of length 2"]),
]


# 04 · softmax_backward -------------------------------------------------------

def _s(z):
    return np.exp(z - z.max()) / np.exp(z - z.max()).sum()


def _jacobian_product(e, d):
    s = e / e.sum()
    return (np.diagflat(s) - s @ s.T).T @ d


SOFTMAX_BACKWARD = [
    ("element-wise s(1 - s)", lambda z, d: d * _s(z) * (1 - _s(z)),
     ["only the diagonal", "erratum 8"]),
    ("sign flipped", lambda z, d: -sol.softmax_backward(z, d), ["sign flipped"]),
    ("times s", lambda z, d: d * _s(z), ["diag(s) - s sᵀ"]),
    ("ignores dLdA", lambda z, d: (np.diagflat(_s(z)) - _s(z) @ _s(z).T).sum(axis=1,
                                                                              keepdims=True),
     ["ignores dL/dA"]),
    ("the Jacobian itself", lambda z, d: np.diagflat(_s(z)) - _s(z) @ _s(z).T,
     ["One number per logit"]),
    ("1-D", lambda z, d: sol.softmax_backward(z, d).ravel(), ["One number per logit"]),
    ("no max subtraction", lambda z, d: _jacobian_product(np.exp(z), d),
     ["some of size about 1000", "NaN or inf", "overflows"]),
    ("the minimum subtracted", lambda z, d: _jacobian_product(np.exp(z - z.min()), d),
     ["some of size about 1000", "NaN or inf"]),
    ("the mean subtracted", lambda z, d: _jacobian_product(np.exp(z - z.mean()), d),
     ["some of size about 1000", "NaN or inf"]),
    ("no max subtraction but wrong: s - d", lambda z, d: _s(z) - d,
     ["not Jᵀ dL/dA", "relative error"]),
]


# 08 · cross_entropy, cross_entropy_backward ---------------------------------

CROSS_ENTROPY = [
    ("sum over the batch", lambda P, Y: -np.sum(Y * np.log(P)), ["sum over the batch"]),
    ("mean of every entry", lambda P, Y: -np.mean(Y * np.log(P)), ["every entry"]),
    ("mean over the classes", lambda P, Y: -np.sum(Y * np.log(P), axis=1).mean(),
     ["averages over the classes instead of the samples"]),
    ("no minus", lambda P, Y: np.sum(Y * np.log(P)) / P.shape[1], ["sign flipped"]),
    ("log10", lambda P, Y: -np.sum(Y * np.log10(P)) / P.shape[1], ["log10"]),
    ("per sample", lambda P, Y: -np.sum(Y * np.log(P), axis=0),
     ["one loss per sample", "shape (4,)"]),
    ("wrong formula", lambda P, Y: -np.sum((1 - Y) * np.log(1 - P)) / P.shape[1],
     ["differs from the cross-entropy", "relative error"]),
]

CROSS_ENTROPY_BACKWARD = [
    ("no 1/batch", lambda P, Y: -Y / P, ["4 times too large", "mean"]),
    ("sign", lambda P, Y: Y / P / P.shape[1], ["sign flipped"]),
    ("P - Y", lambda P, Y: P - Y, ["logits Z"]),
    ("(P - Y) / batch", lambda P, Y: (P - Y) / P.shape[1], ["logits Z"]),
    ("-1 / P", lambda P, Y: -1 / P / P.shape[1], ["not 0 where y = 0"]),
    ("transposed", lambda P, Y: (-Y / P / P.shape[1]).T, ["shape (4, 3)", "transpose"]),
    ("a number", lambda P, Y: float(np.sum(-Y / P)), ["returned a float"]),
    ("log instead", lambda P, Y: -Y * np.log(P) / P.shape[1],
     ["disagrees with the numerical gradient"]),
]



# the conceptual questions ----------------------------------------------------------
# (label, answer, hint words): an answer is a value, not a function.

LARGE_LEARNING_RATE = [
    ("a: just faster", "a", ["Can the loss settle?"]),
    ("c: it blows up", "C", ["cannot run off to infinity"]),
    ("a letter not offered", "d", ['"a", "b" or "c"', "got 'd'"]),
    ("left at None", None, ["set answer_4", "got None"]),
    ("a number", 2, ["one letter", "got an int"]),
]

_RIGHT_LABELS = ("input_size", "none", "error", "x")


def _labels(line, label):
    out = list(_RIGHT_LABELS)
    out[line - 1] = label
    return tuple(out)


FIRST_CHECK_THAT_FIRES = [
    ("line 1: none", _labels(1, "none"), ["3 of 4 lines", "line 1", "first check"]),
    ("line 1: x", _labels(1, "x"), ["3 of 4 lines", "line 1"]),
    ("line 2: x", _labels(2, "x"), ["3 of 4 lines", "line 2", "x[3:4] slices rows"]),
    ("line 3: none", _labels(3, "none"), ["line 3", "np.array(0.2).shape"]),
    ("line 3: x", _labels(3, "x"), ["line 3", "in their order"]),
    ("line 4: none", _labels(4, "none"), ["line 4", "x[3:5]"]),
    ("every line x", ("x", "x", "x", "x"), ["1 of 4 lines", "line 1"]),
    ("None for none", _labels(2, None), ["line 2", "None is not a label", 'the string "none"']),
    ("not a label", _labels(3, "err"), ["line 3", "'err' is not one of the labels"]),
    ("the assertion's name", _labels(1, "AssertionError"), ["line 1", "is not one of the labels"]),
    ("three labels", _RIGHT_LABELS[:3], ["tuple of 4 labels", "got a tuple of length 3"]),
    ("one string", "input_size", ["tuple of 4 labels", "got 'input_size'"]),
    ("left at None", None, ["set answer_2", "got None"]),
]


def _relu_inputs():
    from nnfs.exercises import relu_by_hand_inputs
    return relu_by_hand_inputs()


_Z, _DLDA = _relu_inputs()

RELU_BACKWARD_BY_HAND = [
    ("derivative 1 at z = 0", _DLDA * (_Z >= 0), ["at z = 0 as 1"]),
    ("dL/dA unchanged", _DLDA, ["unchanged", "ReLU's derivative"]),
    ("the derivative alone", _Z > 0, ["derivative alone"]),
    ("the forward", np.maximum(_Z, 0), ["ReLU(Z), the forward pass"]),
    ("times ReLU(Z)", _DLDA * np.maximum(_Z, 0), ["by ReLU(Z)"]),
    ("times Z", _DLDA * _Z, ["by Z itself"]),
    ("sign flipped", -_DLDA * (_Z > 0), ["sign flipped"]),
    ("1-D", (_DLDA * (_Z > 0)).ravel(), ["shape of Z, (4, 1)", "got shape (4,)", "column"]),
    ("a row", (_DLDA * (_Z > 0)).T, ["got shape (1, 4)", "column"]),
    ("one row off", _DLDA * (_Z > 0) + [[0], [0], [0], [1]], ["row 4 is not right yet"]),
    ("two rows off", _DLDA * (_Z > 0) + [[1], [1], [0], [0]], ["rows 1, 2 are not right yet"]),
    ("NaN", np.full((4, 1), np.nan), ["NaN"]),
    ("left at None", None, ["set answer_2", "got None"]),
    ("a string", "[[0.5], [0]]", ["got a str"]),
]


def _plateau_y():
    from nnfs.exercises import plateau_targets
    return plateau_targets()


_Y = _plateau_y()
_SQUARED = (_Y - 0.5) ** 2

PLATEAU_LOSS = [
    ("sum", float(_SQUARED.sum()), ["is a sum", "mean"]),
    ("per sample, summed over the outputs", float(_SQUARED.sum(axis=1).mean()),
     ["adds the two values", "all 8 values"]),
    ("not squared", float(np.mean(_Y - 0.5)), ["square each one first"]),
    ("absolute", float(np.mean(np.abs(_Y - 0.5))), ["mean absolute difference"]),
    ("root", float(np.sqrt(_SQUARED.mean())), ["leave out the root"]),
    ("half", float(_SQUARED.mean() / 2), ["half the MSE"]),
    ("predicting the mean", float(np.mean((_Y - _Y.mean()) ** 2)), ["targets' mean"]),
    ("predicting 0", float(np.mean(_Y ** 2)), ["predicting 0"]),
    ("per output", _SQUARED.mean(axis=0), ["one number", "shape (2,)"]),
    ("something else", 0.3, ["not the plateau's loss"]),
    ("left at None", None, ["set answer_2", "got None"]),
    ("a string", "0.1", ["one number", "got a str"]),
    ("a bool", True, ["got a bool"]),
    ("inf", float("inf"), ["one number"]),
]


# 05 and 07 · the conceptual exercises (values) ---------------------------------

_DLDW = np.array(sol.dLdW_by_hand)

DLDW_BY_HAND = [
    ("transposed", _DLDW.T, ["transpose", "one row per neuron"]),
    ("sign flipped", -_DLDW, ["sign is flipped"]),
    ("rows swapped", _DLDW[::-1], ["rows are swapped"]),
    ("X^T in every row", [[1, 0.5, -3], [1, 0.5, -3]], ["input row X^T alone"]),
    ("dL/dz_i in every column", [[2, 2, 2], [-1, -1, -1]], ["dL/dz_i alone"]),
    ("one entry off", [[2, 1, -6], [-1, -0.5, -3]], ["1 of the 6 entries is off", "(2, 3)"]),
    ("x_3 taken as +3", [[2, 1, 6], [-1, -0.5, -3]],
     ["2 of the 6 entries are off", "(1, 3), (2, 3)"]),
    ("flat", _DLDW.ravel(), ["shape (6,)", "2 rows"]),
    ("ragged", [[2, 1, -6], [-1, -0.5]], ["rows of equal length"]),
    ("a string", "[[2, 1, -6], [-1, -0.5, 3]]", ["got a str"]),
    ("True/False", [[True] * 3] * 2, ["True/False"]),
    ("NaN", [[2, 1, float("nan")], [-1, -0.5, 3]], ["NaN"]),
    ("not set", None, ["still None"]),
]

DLDA_PREV_SHAPE = [
    ("dL/dZ's shape", (4, 1), ["shape of dL/dZ", "one number per input"]),
    ("a row", (1, 7), ["as a row", "W^T dL/dZ"]),
    ("W^T's shape", (7, 4), ["shape of W^T", "one column"]),
    ("W's shape", (4, 7), ["shape of W;", "one column"]),
    ("neurons in a row", (1, 4), ["rows of W"]),
    ("another size", (5, 1), ["How many inputs"]),
    ("a number", 7, ["got an int"]),               # "not a int" before
    ("one entry", (7,), ["two entries", "this has 1"]),
    ("floats", (7.0, 1.0), ["whole numbers", "a float"]),
    ("a string", "(7, 1)", ["got a str"]),
    ("True for 1", (7, True), ["whole numbers", "a bool"]),
    ("not set", None, ["still None"]),
]

BATCH_AND_RATE = [
    ("big batches", (32, 0.1), ["32 updates per epoch", "which way to move the batch size"]),
    ("the full batch", (994, 0.3), ["1 update per epoch", "which way to move the batch size"]),
    # batch size 1 already makes the most updates: the hint is about the learning rate
    ("blows up at batch 1", (1, 3.0), ["blew up", "smaller learning rate"]),
    ("too small a rate at batch 1", (1, 0.003), ["already make 994 updates",
                                                  "tune the learning rate", "larger"]),
    ("too large a rate at batch 1", (1, 1.0), ["already make 994 updates",
                                                "tune the learning rate", "smaller"]),
    ("the loss grows", (16, 3.0), ["grew", "smaller learning rate"]),
    ("near miss at batch 8", (8, 0.5), ["already make 125 updates", "tune the learning rate"]),
    ("a number", 8, ["a pair", "got an int"]),
    ("one entry", (8,), ["a pair", "a tuple of length 1"]),
    ("a float batch size", (8.0, 0.1), ["whole number", "a float"]),
    ("batch size 0", (0, 0.1), ["between 1 and the 994 samples"]),
    ("more than N", (2000, 0.1), ["between 1 and the 994 samples"]),
    ("negative rate", (8, -0.1), ["positive"]),
    ("NaN rate", (8, float("nan")), ["positive"]),
    ("a string rate", (8, "0.1"), ["got a str"]),
    ("a string", "(8, 0.1)", ["a pair", "got a str"]),
    ("not set", None, ["still None"]),
]


# 09 · recall_precision --------------------------------------------------------

def _rp(C):
    return sol.recall_precision(C)


def _one_class_off(C):
    recall, precision = _rp(C)
    recall = recall.copy()
    recall[1] = (C[1, 1] - 1) / C[1].sum()               # one count too few for class 1
    return recall, precision


RECALL_PRECISION = [
    ("swapped", lambda C: _rp(C)[::-1], ["swapped", "row i of C holds"]),
    ("transposed C", lambda C: _rp(C.T), ["swapped"]),
    ("recall in percent", lambda C: (100 * _rp(C)[0], _rp(C)[1]), ["recall is in percent"]),
    ("both in percent, rounded", lambda C: tuple(np.round(100 * r, 1) for r in _rp(C)),
     ["recall is in percent, rounded"]),
    ("precision over the row sums", lambda C: (_rp(C)[0], np.diag(C) / C.sum(axis=1)),
     ["precision divides by the wrong sums", "column sums"]),
    ("recall over the column sums", lambda C: (np.diag(C) / C.sum(axis=0), _rp(C)[1]),
     ["recall divides by the wrong sums", "row sums"]),
    ("over all samples", lambda C: (np.diag(C) / C.sum(), _rp(C)[1]),
     ["recall divides by all the samples"]),
    ("overall accuracy", lambda C: (np.full(len(C), np.trace(C) / C.sum()), _rp(C)[1]),
     ["overall accuracy for every class"]),
    ("error rates", lambda C: (1 - _rp(C)[0], 1 - _rp(C)[1]), ["recall is an error rate"]),
    ("counts", lambda C: (np.diag(C), _rp(C)[1]), ["recall is a count"]),
    ("integer division", lambda C: (np.diag(C) // C.sum(axis=1), _rp(C)[1]),
     ["integer division (//)"]),
    ("rounded", lambda C: (np.round(_rp(C)[0], 2), _rp(C)[1]), ["recall is rounded"]),
    ("reversed classes", lambda C: (_rp(C)[0][::-1], _rp(C)[1]), ["reverse order"]),
    ("one class off by one count", _one_class_off, ["not right yet for class 1",
                                                    "the others are right"]),
    ("only recall", lambda C: _rp(C)[0], ["returned an array of shape (3,)",
                                          "return recall, precision"]),
    ("three values", lambda C: (*_rp(C), np.trace(C) / C.sum()),
     ["a tuple of length 3", "two arrays"]),
    ("a column", lambda C: (_rp(C)[0][:, None], _rp(C)[1]),
     ["recall is an array of shape (3, 1), expected (3,)", "A 1-D array"]),
    ("NaN", lambda C: (_rp(C)[0] * np.nan, _rp(C)[1]), ["recall is an array with NaN"]),
    ("strings", lambda C: (["a"] * len(C), _rp(C)[1]), ["not a list of numbers"]),
]
