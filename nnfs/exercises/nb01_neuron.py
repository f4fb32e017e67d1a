"""Checks for notebook 01 (one neuron): its forward pass and the gradient of its loss.

The learner writes, with w of shape (1, n), x (n, 1), b (1, 1), y (1, 1):

* ``neuron_forward(w, x, b)`` -> z, shape (1, 1): z = w x + b;
* ``central_difference(f, w, eps)`` -> array of w's shape: entry k is
  (f(w + eps e_k) - f(w - eps e_k)) / (2 eps), for ``f(w)`` -> float;
  after the call ``w`` holds its old values;
* ``loss_gradient_w(w, x, b, y)`` -> dL/dw, shape (1, n), for L = (z - y)^2;
* ``answer_4``: "a", "b" or "c", what a learning rate of 1.0 does to the neuron's
  mean loss (graded by ``check_large_learning_rate``; the letter is read without
  regard to case, spaces or quotes).
"""

import numpy as np

from ..gradcheck import numerical_gradient
from ._answers import rel, rel_text, returned_array, same
from ._core import NotYet, answer, call, check, need_callable
from ._reference import known_function, quotients
from ._values import label, shown


def _probe(rng, n):
    """w (1, n), x (n, 1), b (1, 1), y (1, 1) with entries in [-1, 1]."""
    return (rng.uniform(-1, 1, (1, n)), rng.uniform(-1, 1, (n, 1)),
            rng.uniform(-1, 1, (1, 1)), rng.uniform(-1, 1, (1, 1)))


@check("neuron_forward")
def check_neuron_forward(neuron_forward):
    """Grade ``neuron_forward(w, x, b)`` -> z (1, 1) on n = 3, 1, 5, 8 inputs."""
    need_callable(neuron_forward, "neuron_forward")
    rng = np.random.default_rng(101)
    sizes = (3, 1, 5, 8)
    for n in sizes:
        w, x, b, _ = _probe(rng, n)
        what = f"neuron_forward(w, x, b) with n = {n} inputs"
        got = call(what, neuron_forward, w.copy(), x.copy(), b.copy())
        hint = ""
        if isinstance(got, np.ndarray) and got.shape == (n, n):
            hint = (f" A ({n}, {n}) table is a column times a row: `w * x` broadcasts w (1, {n})"
                    f" and x ({n}, 1) into one, and so does x @ w. The shape rule: a matrix "
                    f"product (1, {n}) @ ({n}, 1) gives (1, 1).")
        elif np.ndim(got) < 2 and got is not None:
            hint = " Keep z a 1 x 1 matrix: no ravel(), item() or float()."
        got = returned_array(got, f"{what} returned", (1, 1), hint)
        if same(got, w @ x, 1e-9):
            raise NotYet(f"{what} returns w x without the bias: add b.")
        if not same(got, w @ x + b, 1e-9):
            raise NotYet(f"{what} has the right shape, but it is not w x + b "
                         f"({rel_text(rel(got, w @ x + b))}).")
    return "neuron_forward gives the 1 x 1 matrix w x + b for n = 3, 1, 5 and 8 inputs."


@check("central_difference")
def check_central_difference(central_difference):
    """Grade ``central_difference(f, w, eps)`` on three known functions and step sizes."""
    need_callable(central_difference, "central_difference")
    rng = np.random.default_rng(102)
    for kind, n, eps in (("square", 4, 1e-4), ("sine", 1, 1e-3), ("cubic", 6, 1e-2)):
        f = known_function(kind, (1, n), rng)
        w = rng.uniform(-1, 1, (1, n))
        given = w.copy()
        what = f"central_difference(f, w, eps) with w of shape (1, {n}) and eps = {eps:g}"
        got = call(what, central_difference, f, given, eps)
        if not np.array_equal(given, w):
            raise NotYet(f"{what} changed w and did not put it back: after the call w must "
                         f"hold its old values (nudge a copy, or restore each entry).")
        got = returned_array(got, f"{what} returned", w.shape,
                             " The gradient has the shape of w.")
        want = quotients(f, w, eps)
        if same(got, want, 1e-8):
            continue
        if n > 1 and np.ptp(got) == 0:
            raise NotYet(f"{what}: every entry is the same number. Nudge one entry of w at a "
                         f"time; the others stay as they are.")
        for wrong, hint in ((quotients(f, w, eps, one_sided=True), "is a one-sided difference, "
                             "whose error shrinks only like eps: take one point on each side"),
                            (quotients(f, w, -eps, one_sided=True), "is a one-sided difference, "
                             "whose error shrinks only like eps: take one point on each side"),
                            (2 * want, "is twice the slope: w + eps and w - eps are 2 eps apart"),
                            (-want, "has the sign flipped: f(w + eps) comes first"),
                            (quotients(f, w, 1e-6), "uses a step of its own, not the eps it "
                             "was given")):
            if same(got, wrong, 1e-8):
                raise NotYet(f"{what} {hint}.")
        raise NotYet(f"{what} is not the central difference ({rel_text(rel(got, want))}).")
    return "central_difference is right on three functions, with three step sizes."


@check("loss_gradient_w")
def check_loss_gradient_w(loss_gradient_w):
    """Grade ``loss_gradient_w(w, x, b, y)`` -> dL/dw (1, n) against a numerical gradient."""
    need_callable(loss_gradient_w, "loss_gradient_w")
    rng = np.random.default_rng(103)
    for n in (3, 1, 5):
        w, x, b, y = _probe(rng, n)
        what = f"loss_gradient_w(w, x, b, y) with n = {n} inputs"
        got = call(what, loss_gradient_w, w.copy(), x.copy(), b.copy(), y.copy())
        got = returned_array(got, f"{what} returned", (1, n),
                             " dL/dw has the shape of w; x is a column, so use its transpose.")
        probe = w.copy()

        def loss(probe=probe, x=x, b=b, y=y):
            return float(((probe @ x + b - y) ** 2)[0, 0])
        want = numerical_gradient(loss, probe)
        if same(got, want):
            continue
        for wrong, hint in ((want / 2, "is half the gradient: the derivative of (z - y)^2 "
                             "brings down a factor 2"),
                            (-want, "has the sign flipped (the article's 'dLdw' holds minus the "
                             "gradient; return the gradient itself)"),
                            (x.T, "is dz/dw alone: multiply it by dL/dz (the chain rule)")):
            if same(got, wrong, 1e-6):
                raise NotYet(f"{what} {hint}.")
        raise NotYet(f"{what} disagrees with the numerical gradient ({rel_text(rel(got, want))}).")
    return "loss_gradient_w agrees with the numerical gradient for n = 3, 1 and 5 inputs."


# exercise 4: a value, not code ----------------------------------------------------

_LEARNING_RATE_ONE = {
    "a": "each step can move a weight by up to 1.0, more than the size of the trained "
         "weights themselves (at most about 0.5). Can the loss settle?",
    "b": None,
    "c": "clipping bounds every step to the learning rate in each weight, so in 3 epochs "
         "the weights cannot run off to infinity.",
}


@answer("answer_4")
def check_large_learning_rate(answer_4):
    """Grade the letter that says what lr = 1.0 does to the neuron's mean loss."""
    letter = label(answer_4)
    if letter not in _LEARNING_RATE_ONE:
        got = shown(answer_4)
        raise NotYet(f'set answer_4 to one letter, "a", "b" or "c"; got {got}.')
    if _LEARNING_RATE_ONE[letter]:
        raise NotYet(_LEARNING_RATE_ONE[letter])
    return ("with lr = 1.0 every step overshoots the best weights, so the loss stays far "
            "above the baseline; clipping keeps it finite.")
