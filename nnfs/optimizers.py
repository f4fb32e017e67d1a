"""Optimizers: how a gradient becomes an update.

Each optimizer keeps its own state per parameter, under a key the network
gives it (layer index and parameter name), and changes the parameter in place:

    optimizer.step(key, param, grad, learning_rate)

``SGD`` is the article's rule and the default of ``Network.train``.
"""

import numpy as np

from ._checks import check_positive_number


def _check_fraction(value, name):
    value = check_positive_number(value, name)
    if value >= 1:
        raise ValueError(f"{name} must be in (0, 1), got {value}")
    return value


class SGD:
    """Plain gradient descent: p <- p - lr * g."""

    def step(self, key, param, grad, learning_rate):
        """Update ``param`` in place from ``grad`` (same shape); ``key`` names its state."""
        param -= learning_rate * grad

    def reset(self):
        """Forget all state (plain SGD has none)."""

    def __repr__(self):
        return "SGD()"


class Momentum:
    """Gradient descent with momentum.

    v <- mu * v + g;  p <- p - lr * v   (v starts at 0)

    ``v`` is a running sum of past gradients that fades by ``mu`` per step,
    so steady directions speed up and oscillating ones cancel.
    """

    def __init__(self, mu=0.9):
        self.mu = _check_fraction(mu, "mu")
        self.velocity = {}

    def step(self, key, param, grad, learning_rate):
        """Update ``param`` in place from ``grad`` (same shape); ``key`` names its state."""
        v = self.velocity.get(key)
        if v is None:
            v = self.velocity[key] = np.zeros_like(param)
        v *= self.mu
        v += grad
        param -= learning_rate * v

    def reset(self):
        """Forget all velocities."""
        self.velocity.clear()

    def __repr__(self):
        return f"Momentum(mu={self.mu})"


class Adam:
    """Adam (Kingma and Ba, 2015) with bias correction.

    m <- b1 m + (1 - b1) g;   v <- b2 v + (1 - b2) g^2;   t <- t + 1
    p <- p - lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
    """

    def __init__(self, beta1=0.9, beta2=0.999, eps=1e-8):
        self.beta1 = _check_fraction(beta1, "beta1")
        self.beta2 = _check_fraction(beta2, "beta2")
        self.eps = check_positive_number(eps, "eps")
        self.state = {}

    def step(self, key, param, grad, learning_rate):
        """Update ``param`` in place from ``grad`` (same shape); ``key`` names its state."""
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

    def reset(self):
        """Forget all moments and step counts."""
        self.state.clear()

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
                        f"got {optimizer!r}")
    return optimizer
