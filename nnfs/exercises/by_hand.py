"""Checks for the questions of notebooks 03 and 04 that are worked out by hand.

Like ``concepts``, they grade the learner's answer itself, a value, on inputs
that this module hands out (``relu_by_hand_inputs()``, ``plateau_targets()``),
so that the notebook shows the numbers and never the result.

* 03 check_relu_backward_by_hand(answer_2): dL/dZ (4, 1) for relu_by_hand_inputs()
* 04 check_plateau_loss(answer_2): one number, the MSE of [0.5, 0.5] on plateau_targets()
"""

import numbers

import numpy as np

from ._answers import kind_of
from ._core import NotYet, answer

# 03 · a layer of neurons -----------------------------------------------------------

_RELU_Z = ((0.3,), (-1.2,), (0.0,), (2.0,))
_RELU_DLDA = ((0.5,), (0.4,), (-0.7,), (0.1,))


def relu_by_hand_inputs():
    """Z and dL/dA, both (4, 1), of notebook 03's question (new arrays on every call)."""
    return np.array(_RELU_Z), np.array(_RELU_DLDA)


@answer("answer_2")
def check_relu_backward_by_hand(answer_2):
    """Grade dL/dZ (4, 1) through a ReLU, for relu_by_hand_inputs()."""
    Z, dLdA = relu_by_hand_inputs()
    if answer_2 is None or isinstance(answer_2, str):
        raise NotYet(f"set answer_2 to an array of shape (4, 1), dL/dZ; got {kind_of(answer_2)}.")
    try:
        got = np.asarray(answer_2, dtype=np.float64)
    except (TypeError, ValueError):
        raise NotYet(f"answer_2 should be an array of numbers of shape (4, 1); got "
                     f"{kind_of(answer_2)}.") from None
    if got.shape != (4, 1):
        hint = ": keep it a column, like Z." if got.size == 4 else "."
        raise NotYet(f"dL/dZ has the shape of Z, (4, 1); got shape {got.shape}{hint}")
    if not np.all(np.isfinite(got)):
        raise NotYet("answer_2 holds NaN or inf.")
    right = dLdA * (Z > 0)
    for wrong, hint in (
            (dLdA * (Z >= 0), "takes ReLU's derivative at z = 0 as 1; it is 0 there"),
            (dLdA, "passes dL/dA through unchanged: multiply it by ReLU's derivative"),
            (Z > 0, "is ReLU's derivative alone: multiply dL/dA by it, entry by entry"),
            (np.maximum(Z, 0), "is ReLU(Z), the forward pass: backward multiplies dL/dA by "
             "the derivative"),
            (dLdA * np.maximum(Z, 0), "multiplies dL/dA by ReLU(Z); the derivative is 1 or 0"),
            (dLdA * Z, "multiplies dL/dA by Z itself; ReLU's derivative is 1 or 0"),
            (-right, "has the sign flipped")):
        if np.allclose(got, wrong, rtol=1e-9, atol=1e-12):
            raise NotYet(f"answer_2 {hint}.")
    rows = [str(i + 1) for i in range(4) if not np.isclose(got[i, 0], right[i, 0], 1e-9, 1e-12)]
    if rows:
        which = f"row {rows[0]} is" if len(rows) == 1 else f"rows {', '.join(rows)} are"
        raise NotYet(f"{which} not right yet: each entry is dL/dA times 1 where z > 0 and "
                     f"times 0 elsewhere.")
    return "dL/dZ is dL/dA where z > 0 and 0 elsewhere, at z = 0 too."


# 04 · the first test ---------------------------------------------------------------

_PLATEAU_Y = ((0.2, 0.3), (0.9, 0.8), (0.5, 0.6), (0.1, 0.0))


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
             "prediction is 0.5 here")):
        if np.isclose(value, wrong, rtol=1e-6, atol=1e-12):
            raise NotYet(f"answer_2 {hint}.")
    if not np.isclose(value, squared.mean(), rtol=1e-6, atol=1e-12):
        raise NotYet("answer_2 is not the plateau's loss: every prediction is 0.5; average the "
                     "squared error over all 8 values.")
    return "on the plateau the loss is how far the targets lie from 0.5, squared and averaged."
