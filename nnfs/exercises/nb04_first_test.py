"""Checks for notebook 04 (the first test): Softmax's backward, and the plateau's loss.

The learner writes ``softmax_backward(z, dLdA)``: z and dLdA (n, 1) -> dL/dz
(n, 1). Each output s_i depends on every z_j, so dL/dz = J^T dL/dA with
J[i, j] = s_i (δ_ij - s_j); the article's element-wise ``backward(z)`` keeps only
the diagonal s_i (1 - s_i) (erratum 8).

``answer_2``: one number, the mean MSE of predicting [0.5, 0.5] for every
target that ``plateau_targets()`` hands out (so that the notebook shows the
targets, never the result); graded by ``check_plateau_loss``.
"""

import numbers

import numpy as np

from ._answers import kind_of, rel, rel_text, returned_array, same
from ._core import NotYet, answer, call, check, need_callable


def _softmax(z):
    e = np.exp(z - z.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)


# (spread, centre): logits are centre + normal(0, spread). The last two lie far outside
# np.exp's range (float64 overflows above 709.78, and exp(-1000) is 0): an answer that does
# not subtract z.max() first, or that subtracts the minimum or the mean, returns NaN on one
# of them.
LARGE = 700
PROBES = ((1.0, (0.0,) * 3), (0.5, (0.0,) * 2), (2.0, (0.0,) * 5), (3.0, (0.0,) * 4),
          (1.0, (0.0,) * 6), (1.0, (1000.0, 995.0, -1000.0, -990.0, 300.0)),
          (1.0, (-1000.0, -1003.0, -1010.0)))


@check("softmax_backward")
def check_softmax_backward(softmax_backward):
    """Grade ``softmax_backward(z, dLdA)`` -> (n, 1) on columns of 2 to 6 logits."""
    need_callable(softmax_backward, "softmax_backward")
    rng = np.random.default_rng(104)
    for spread, centre in PROBES:
        n = len(centre)
        z = rng.normal(size=(n, 1)) * spread + np.array(centre)[:, None]
        dLdA = rng.normal(size=(n, 1))
        large = np.abs(z).max() > LARGE
        what = f"softmax_backward(z, dLdA) with {n} logits" + (
            ", some of size about 1000" if large else "")
        got = call(what, softmax_backward, z.copy(), dLdA.copy())
        hint = " One number per logit: a column like z." if getattr(got, "shape", None) in (
            (n,), (1, n), (n, n)) else ""
        if large and getattr(got, "shape", None) == (n, 1) and not np.all(np.isfinite(got)):
            raise NotYet(f"{what} returned NaN or inf: np.exp of a large logit overflows (or "
                         f"of a very negative one underflows to 0, and 0 / 0 is NaN). Shift "
                         f"the logits so that the largest is 0 before np.exp.")
        got = returned_array(got, f"{what} returned", (n, 1), hint)
        s = _softmax(z)
        jacobian = np.diagflat(s) - s @ s.T
        want = jacobian.T @ dLdA
        if same(got, want, 1e-8):
            continue
        diagonal = dLdA * s * (1 - s)
        for wrong, hint in (
                (diagonal, "multiplies by s (1 - s) element by element: that is only the "
                 "diagonal of the Jacobian, and each s_i depends on every z_j (erratum 8)"),
                (-want, "has the sign flipped: J[i, j] = s_i (δ_ij - s_j)"),
                (dLdA * s, "multiplies by s alone: the Jacobian is diag(s) - s sᵀ"),
                (jacobian.sum(axis=1, keepdims=True), "ignores dL/dA: multiply the Jacobian "
                 "by dL/dA")):
            if same(got, wrong, 1e-8):
                raise NotYet(f"{what} {hint}.")
        raise NotYet(f"{what} is not Jᵀ dL/dA ({rel_text(rel(got, want))}).")
    return ("softmax_backward agrees with Jᵀ dL/dA for 7 columns of 2 to 6 logits, large "
            "logits included.")


# exercise 2: a value worked out by hand -------------------------------------------

# Chosen so that every mistake named below gives its own number (with a last row (0.1, 0.0)
# the loss of predicting 0 and the mean absolute difference were both 0.275).
_PLATEAU_Y = ((0.2, 0.3), (0.9, 0.8), (0.5, 0.6), (0.1, 0.2))


def plateau_targets():
    """The targets (4 samples, 2 values each) of notebook 04's question (a new array)."""
    return np.array(_PLATEAU_Y)


@answer("answer_2")
def check_plateau_loss(answer_2):
    """Grade one number: the mean MSE of predicting [0.5, 0.5] for every plateau target."""
    y = plateau_targets()
    if isinstance(answer_2, np.ndarray) and answer_2.size > 1:
        raise NotYet(f"the mean MSE is one number; you gave an array of shape "
                     f"{answer_2.shape}: average over every entry, both values of every sample.")
    value = answer_2[()] if isinstance(answer_2, np.ndarray) else answer_2
    value = value.item() if isinstance(value, np.ndarray) else value
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not np.isfinite(value):
        raise NotYet(f"set answer_2 to one number (a float); got {kind_of(answer_2)}.")
    squared = (y - 0.5) ** 2
    for wrong, hint in (
            (squared.sum(), "is a sum: MSE is a mean"),
            (squared.sum(axis=1).mean(), "adds the two values' squared errors: the MSE averages "
             "over them too, over all 8 values"),
            (np.mean(y - 0.5), "averages the differences: square each one first"),
            (np.mean(np.abs(y - 0.5)), "is the mean absolute difference: square each one"),
            (np.sqrt(squared.mean()), "is a root mean square distance: leave out the root"),
            (squared.mean() / 2, "is half the MSE: this MSE has no factor 1/2"),
            (np.mean((y - y.mean()) ** 2), "is the loss of predicting the targets' mean; every "
             "prediction is 0.5 here"),
            (np.mean(y ** 2), "is the loss of predicting 0; every prediction is 0.5 here")):
        if np.isclose(value, wrong, rtol=1e-6, atol=1e-12):
            raise NotYet(f"answer_2 {hint}.")
    if not np.isclose(value, squared.mean(), rtol=1e-6, atol=1e-12):
        raise NotYet("answer_2 is not the plateau's loss: every prediction is 0.5; average the "
                     "squared error over all 8 values.")
    return "on the plateau the loss is how far the targets lie from 0.5, squared and averaged."
