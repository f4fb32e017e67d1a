"""Grading notebook 07's ``momentum_step`` and ``adam_step`` against ``nnfs.optimizers``.

Each is run for several steps from the same state (zero velocity and moments)
as ``Momentum`` or ``Adam``; a parameter that differs is compared with the
usual mistakes (a flipped sign, plain SGD, an average for momentum; no bias
correction or the wrong step number for Adam) to name the one made.
"""

import numpy as np

from ..optimizers import Adam, Momentum
from ._answers import finite, rel, rel_text, returned_arrays, same
from ._core import NotYet, call


def momentum_path(p0, grads, lr, mu, kind):
    """The parameter after each step of a (possibly wrong) momentum rule."""
    p, v, path = p0.copy(), np.zeros_like(p0), []
    for g in grads:
        v = {"ema": mu * v + (1 - mu) * g, "sgd": g, "lr twice": mu * v + lr * g}.get(
            kind, mu * v + g)
        p = p + lr * v if kind == "uphill" else p - lr * v
        path.append(p)
    return path


def adam_variant(p, g, m, v, t, lr, b1, b2, eps, kind):
    """One step of a (possibly wrong) Adam rule: the new parameter."""
    m = b1 * m + (1 - b1) * g
    v = b2 * v + (1 - b2) * g * g
    if kind == "no correction":
        return p - lr * m / (np.sqrt(v) + eps)
    t = t + 1 if kind == "t + 1" else t
    step = lr * (m / (1 - b1 ** t)) / (np.sqrt(v / (1 - b2 ** t)) + eps)
    return p + step if kind == "uphill" else p - step


MOMENTUM_SETTINGS = (((3, 2), 0.05, 0.9, 4), ((4, 1), 0.05, 0.5, 3), ((2, 5), 0.03, 0.99, 3))


def grade_momentum(momentum_step, rng):
    """NotYet unless ``momentum_step`` follows ``Momentum`` for 3 settings, several steps each."""
    # No setting has lr = 1 - mu: there a (1 - mu) weighting and a learning rate applied
    # twice would give the same step, and one of them would get the other's hint.
    for shape, lr, mu, steps in MOMENTUM_SETTINGS:
        p0, grads = rng.normal(size=shape), [rng.normal(size=shape) for _ in range(steps)]
        ref, ref_p = Momentum(mu), p0.copy()
        p, velocity = p0.copy(), np.zeros(shape)
        for k, g in enumerate(grads, start=1):
            what = f"momentum_step at step {k} (param of shape {shape}, mu = {mu})"
            out = call(what, momentum_step, p.copy(), g.copy(), velocity.copy(), lr, mu)
            p, velocity = returned_arrays(out, ("param", "velocity"), what, shape)
            finite(p, f"{what} returned param as")
            ref.step("param", ref_p, g, lr)
            if same(p, ref_p, 1e-9):
                continue
            for kind, hint in (("uphill", "moves uphill: the sign is flipped"),
                               ("sgd", "is a plain SGD step: the velocity should carry the "
                                "earlier gradients along"),
                               ("ema", "weighs the new gradient by (1 - mu), an average; the "
                                "course's momentum does not"),
                               ("lr twice", "applies the learning rate twice, once into the "
                                "velocity and once in the step")):
                if same(p, momentum_path(p0, grads, lr, mu, kind)[k - 1], 1e-9):
                    raise NotYet(f"{what} {hint}.")
            raise NotYet(f"{what}: param differs from nnfs.optimizers.Momentum's "
                         f"({rel_text(rel(p, ref_p))}).")


def grade_adam(adam_step, rng):
    """NotYet unless ``adam_step`` follows ``Adam`` (param, m and v) for 2 settings."""
    for shape, lr, b1, b2, eps, steps in (((3, 2), 0.01, 0.9, 0.999, 1e-8, 4),
                                          ((4, 1), 0.1, 0.8, 0.95, 1e-6, 3)):
        ref, ref_p = Adam(b1, b2, eps), rng.normal(size=shape)
        p, m, v = ref_p.copy(), np.zeros(shape), np.zeros(shape)
        for t in range(1, steps + 1):
            g = rng.normal(size=shape)
            what = f"adam_step at step t = {t} (param of shape {shape}, beta1 = {b1}, beta2 = {b2})"
            before = (p.copy(), m.copy(), v.copy())
            out = call(what, adam_step, p.copy(), g.copy(), m.copy(), v.copy(), t, lr, b1, b2, eps)
            p, m, v = returned_arrays(out, ("param", "m", "v"), what, shape)
            ref.step("param", ref_p, g, lr)
            state = ref.state["param"]
            if not same(m, state["m"], 1e-9):
                raise NotYet(f"{what}: m is not the running average of the gradients that Adam "
                             f"keeps, with weights beta1 and 1 - beta1 "
                             f"({rel_text(rel(m, state['m']))}).")
            if not same(v, state["v"], 1e-9):
                hint = ("averages the gradients; it averages their squares"
                        if same(v, b2 * before[2] + (1 - b2) * g, 1e-9)
                        else "is not the running average of the squared gradients, with "
                        "weights beta2 and 1 - beta2")
                raise NotYet(f"{what}: v {hint}.")
            finite(p, f"{what} returned param as")
            if same(p, ref_p, 1e-6):
                continue
            for kind, hint in (("no correction", "skips the bias correction of m and v"),
                               ("t + 1", "uses the wrong step number: the first step is t = 1"),
                               ("uphill", "moves uphill: the sign is flipped")):
                if same(p, adam_variant(*before[:1], g, *before[1:], t, lr, b1, b2, eps, kind),
                        1e-6):
                    raise NotYet(f"{what} {hint}.")
            raise NotYet(f"{what}: param differs from nnfs.optimizers.Adam's "
                         f"({rel_text(rel(p, ref_p))}).")
