"""Optimizers: how a gradient becomes an update.

Each optimizer keeps its own state per parameter, under a key the network
gives it (layer index and parameter name), and changes the parameter in place:

    optimizer.step(key, param, grad, learning_rate)

``Network.train`` calls it for every update of every parameter, plain SGD
(the article's rule, the default) included (see ``nnfs.backprop``). ``step``
checks its arguments; ``_step``, its unchecked twin, is what ``train`` calls.
"""

import numpy as np

from ._checks import check_array, check_positive_number, describe


def _check_fraction(value, name):
    value = check_positive_number(value, name)
    if value >= 1:
        raise ValueError(f"{name} must be in (0, 1), got {value}")
    return value


class Optimizer:
    """What the optimizers share: ``state`` per key, the checked ``step``, ``reset``."""

    def __init__(self):
        self.state = {}

    def step(self, key, param, grad, learning_rate):
        """Update ``param`` (a float array) in place from ``grad``; ``key`` names its state."""
        if not (isinstance(param, np.ndarray) and param.dtype.kind == "f"
                and param.flags.writeable):
            got = f"{type(param).__name__} {getattr(param, 'dtype', '')}".rstrip()
            raise TypeError(f"param must be a writeable float numpy array (it is changed in "
                            f"place), got {got}")
        grad = check_array(grad, "grad", shape=param.shape, dtype=param.dtype)
        try:
            hash(key)
        except TypeError:
            raise TypeError(f"key must be hashable (it names the state of param), got a "
                            f"{type(key).__name__}") from None
        self._step(key, param, grad, check_positive_number(learning_rate, "learning_rate"))

    def reset(self):
        """Forget all state."""
        self.state.clear()

    def _check_params(self, params):
        """Refuse {key: param} whose shape or dtype differs from the state kept for that key."""
        for key, p in params.items():
            kept = self.state.get(key, {})
            for arr in kept.values() if isinstance(kept, dict) else [kept]:
                if isinstance(arr, np.ndarray) and (arr.shape, arr.dtype) != (p.shape, p.dtype):
                    raise ValueError(
                        f"optimizer {self!r} holds state for parameter {key} of shape "
                        f"{arr.shape} ({arr.dtype}), but this network's is {p.shape} "
                        f"({p.dtype}): use a new optimizer, or call reset() first")


class SGD(Optimizer):
    """Plain gradient descent: p <- p - lr * g (no state)."""

    def _step(self, key, param, grad, learning_rate):
        param -= learning_rate * grad

    def __repr__(self):
        return "SGD()"


_SGD = SGD()


class Momentum(Optimizer):
    """Gradient descent with momentum.

    v <- mu * v + g;  p <- p - lr * v   (v starts at 0; ``state[key]`` is v)

    ``v`` is a running sum of past gradients that fades by ``mu`` per step,
    so steady directions speed up and oscillating ones cancel.
    """

    def __init__(self, mu=0.9):
        super().__init__()
        self.mu = _check_fraction(mu, "mu")

    def _step(self, key, param, grad, learning_rate):
        v = self.state.get(key)
        if v is None:
            v = self.state[key] = np.zeros_like(param)
        v *= self.mu
        v += grad
        param -= learning_rate * v

    def __repr__(self):
        return f"Momentum(mu={self.mu})"


class Adam(Optimizer):
    """Adam (Kingma and Ba, 2015) with bias correction.

    m <- b1 m + (1 - b1) g;   v <- b2 v + (1 - b2) g^2;   t <- t + 1
    p <- p - lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
    """

    def __init__(self, beta1=0.9, beta2=0.999, eps=1e-8):
        super().__init__()
        self.beta1 = _check_fraction(beta1, "beta1")
        self.beta2 = _check_fraction(beta2, "beta2")
        self.eps = check_positive_number(eps, "eps")

    def _step(self, key, param, grad, learning_rate):
        s = self.state.get(key)
        if s is None:
            s = self.state[key] = {"m": np.zeros_like(param), "v": np.zeros_like(param), "t": 0}
        s["t"] += 1
        s["m"] *= self.beta1
        s["m"] += (1.0 - self.beta1) * grad
        s["v"] *= self.beta2
        s["v"] += (1.0 - self.beta2) * grad * grad
        m_hat = s["m"] / (1.0 - self.beta1 ** s["t"])
        v_hat = s["v"] / (1.0 - self.beta2 ** s["t"])
        param -= learning_rate * m_hat / (np.sqrt(v_hat) + self.eps)

    def __repr__(self):
        return f"Adam(beta1={self.beta1}, beta2={self.beta2}, eps={self.eps})"


OPTIMIZERS = {"sgd": SGD, "momentum": Momentum, "adam": Adam}


def get_optimizer(optimizer):
    """None or "sgd" -> SGD(); "momentum" -> Momentum(); "adam" -> Adam(); an instance as is."""
    if optimizer is None:
        return SGD()
    if isinstance(optimizer, str):
        if optimizer.lower() not in OPTIMIZERS:
            raise ValueError(f"optimizer must be one of {sorted(OPTIMIZERS)} or an optimizer "
                             f"object, got {optimizer!r}")
        return OPTIMIZERS[optimizer.lower()]()
    if isinstance(optimizer, type):
        raise TypeError(f"optimizer must be an instance such as {optimizer.__name__}(), "
                        f"got the class {optimizer.__name__}")
    if not callable(getattr(optimizer, "step", None)):
        raise TypeError(f"optimizer must have a step(key, param, grad, learning_rate) method, "
                        f"got {describe(optimizer)}")
    return optimizer
