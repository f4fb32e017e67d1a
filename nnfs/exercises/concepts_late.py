"""Checks for the conceptual exercises of notebooks 05-07: a value the learner works out.

* 05 ``check_dLdW_by_hand(dLdW_by_hand)``: dL/dW of a layer of 2 neurons and 3
  inputs, for dL/dZ = (2, -1) and X = (1, 0.5, -3) (columns), worked out by hand.
* 05 ``check_dLdA_prev_shape(dLdA_prev_shape)``: the shape (rows, columns) of the
  error a layer with W of shape (4, 7) sends back for one sample.
* 07 ``check_batch_and_rate(batch_and_rate)``: (batch_size, learning_rate) with
  which plain SGD brings a fixed 5-10-10-2 network below a loss of 0.012 in 5
  epochs. The check trains it and reports each epoch's loss.

Each message says what is off (a transpose, a sign, a swapped row, which
entries, which way to move) without the value the exercise asks for.
"""

import math
import numbers

import numpy as np

from .. import MSE, DivergenceError, Identity, Layer, Network, ReLU
from ..data import make_series, window
from ._core import NotYet, a_name, check

# 05 · exercise 1 ----------------------------------------------------------------

_dLdZ = np.array([[2.0], [-1.0]])
_X = np.array([[1.0], [0.5], [-3.0]])


def _numbers(value, name, example):
    """``value`` as a float array, or NotYet if it is None or not numbers."""
    if value is None:
        raise NotYet(f"`{name}` is still None: set it to {example}.")
    if isinstance(value, (str, bytes, dict, set)):
        raise NotYet(f"`{name}` should be numbers ({example}), got {a_name(value)}.")
    try:
        with np.errstate(all="ignore"):
            array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise NotYet(f"`{name}` should be numbers in rows of equal length ({example}); "
                     f"NumPy cannot read it as one array.") from None
    if np.asarray(value).dtype == bool:
        raise NotYet(f"`{name}` should be numbers ({example}), not True/False.")
    return array


@check("dLdW_by_hand", strings_are_names=False)
def check_dLdW_by_hand(dLdW_by_hand):
    """Grade dL/dW (2, 3) for dL/dZ = (2, -1)^T and X = (1, 0.5, -3)^T."""
    got = _numbers(dLdW_by_hand, "dLdW_by_hand", "a nested list of 2 rows of 3 numbers")
    want = _dLdZ @ _X.T
    if got.shape == (3, 2):
        raise NotYet("that is the transpose: dL/dW has the shape of W, one row per neuron (2) "
                     "and one column per input (3).")
    if got.shape != (2, 3):
        raise NotYet(f"dL/dW has the shape of W, 2 rows (neurons) of 3 columns (inputs); "
                     f"this has shape {got.shape}.")
    if not np.all(np.isfinite(got)):
        raise NotYet("it holds NaN or inf.")
    if np.allclose(got, want, rtol=1e-9, atol=1e-12):
        return "dL/dW = dL/dZ X^T: row i is dL/dz_i times the input row."
    for wrong, hint in ((-want, "the sign is flipped everywhere: dL/dW_ij = dL/dz_i · x_j, "
                         "with the signs as they are"),
                        (want[::-1], "the rows are swapped: row i belongs to neuron i, so it "
                         "is scaled by dL/dz_i"),
                        (np.repeat(_X.T, 2, axis=0), "each row is the input row X^T alone: "
                         "scale row i by that neuron's dL/dz_i"),
                        (np.repeat(_dLdZ, 3, axis=1), "each row is dL/dz_i alone: multiply "
                         "it by x_j, entry by entry along the row")):
        if np.allclose(got, wrong, rtol=1e-9, atol=1e-12):
            raise NotYet(f"{hint}.")
    off = [f"({i + 1}, {j + 1})" for i, j in zip(*np.nonzero(~np.isclose(got, want,
                                                                        rtol=1e-9,
                                                                        atol=1e-12)),
                                                 strict=True)]
    are = "is" if len(off) == 1 else "are"
    raise NotYet(f"{len(off)} of the 6 entries {are} off, at (row, column) {', '.join(off)}: "
                 f"entry (i, j) is dL/dz_i times x_j.")


# 05 · exercise 2 ----------------------------------------------------------------

@check("dLdA_prev_shape", strings_are_names=False)
def check_dLdA_prev_shape(dLdA_prev_shape):
    """Grade the shape of dL/dA_prev for one sample through W of shape (4, 7)."""
    value = dLdA_prev_shape
    if value is None:
        raise NotYet("`dLdA_prev_shape` is still None: set it to a tuple (rows, columns).")
    if isinstance(value, np.ndarray):
        value = value.tolist() if value.ndim == 1 else value
    if not isinstance(value, (tuple, list)):
        raise NotYet(f"give a tuple (rows, columns), got {a_name(value)}.")
    if len(value) != 2:
        raise NotYet(f"a shape here has two entries, (rows, columns); this has {len(value)}.")
    if not all(isinstance(n, numbers.Integral) and not isinstance(n, bool) for n in value):
        kinds = " and ".join(a_name(n) for n in value)
        raise NotYet(f"rows and columns are whole numbers (int), got {kinds}.")
    rows, cols = (int(n) for n in value)
    if (rows, cols) == (7, 1):
        return "W^T dL/dZ is (7, 4) @ (4, 1): one number per input, the shape of X."
    hints = {
        (4, 1): "that is the shape of dL/dZ, one number per neuron; dL/dA_prev has one "
                "number per input of this layer.",
        (1, 7): "one number per input is right, but the course keeps a sample as a column.",
        (7, 4): "that is the shape of W^T; dL/dA_prev is W^T times dL/dZ, one column for "
                "the one sample.",
        (4, 7): "that is the shape of W; dL/dA_prev is W^T times dL/dZ, one column for the "
                "one sample.",
        (1, 4): "the number of neurons counts the rows of W, not its inputs, and a sample "
                "is a column.",
    }
    raise NotYet(hints.get((rows, cols), "dL/dA_prev = W^T dL/dZ: one number per input of "
                                         "the layer, in a column. How many inputs does a W "
                                         "of shape (4, 7) take?"))


# 07 · exercise 2 ----------------------------------------------------------------

EPOCHS, TARGET, SHUFFLE_SEED = 5, 0.012, 7
FEW_UPDATES = 16          # from this batch size on, 5 epochs were too few at every rate tried


def _start():
    """The exercise's fixed 5-10-10-2 network: He weights from seeded layers."""
    return Network([Layer(5, 10, ReLU(), rng=20), Layer(10, 10, ReLU(), rng=21),
                    Layer(10, 2, Identity(), rng=22)], MSE())


def _pair(value, n):
    if value is None:
        raise NotYet("`batch_and_rate` is still None: set it to a pair "
                     "(batch_size, learning_rate).")
    if not isinstance(value, (tuple, list)) or len(value) != 2:
        got = (f"{a_name(value)} of length {len(value)}" if isinstance(value, (tuple, list))
               else a_name(value))
        raise NotYet(f"`batch_and_rate` should be a pair (batch_size, learning_rate), got {got}.")
    batch_size, learning_rate = value
    if isinstance(batch_size, bool) or not isinstance(batch_size, numbers.Integral):
        raise NotYet(f"the batch size is a whole number of samples (an int), got "
                     f"{a_name(batch_size)}.")
    if not 1 <= batch_size <= n:
        raise NotYet(f"the batch size must be between 1 and the {n} samples, got {batch_size}.")
    if isinstance(learning_rate, bool) or not isinstance(learning_rate, numbers.Real):
        raise NotYet(f"the learning rate is a number, got {a_name(learning_rate)}.")
    if not (math.isfinite(learning_rate) and learning_rate > 0):
        raise NotYet(f"the learning rate must be a positive number, got {learning_rate}.")
    return int(batch_size), float(learning_rate)


@check("batch_and_rate", strings_are_names=False)
def check_batch_and_rate(batch_and_rate):
    """Train the fixed network with (batch_size, learning_rate); pass if epoch 4 < 0.012."""
    x, y = window(make_series(), window_size=5, forecast_size=2)
    batch_size, learning_rate = _pair(batch_and_rate, len(x))
    updates = -(-len(x) // batch_size)
    setting = f"batches of {batch_size} at learning rate {learning_rate:g}"
    try:
        losses = _start().train(x, y, learning_rate, EPOCHS, batch_size=batch_size,
                                shuffle=True, seed=SHUFFLE_SEED).train
    except DivergenceError as error:
        raise NotYet(f"with {setting} the loss blew up in epoch {error.epoch}: each step is "
                     f"too large. Try a smaller learning rate.") from None
    shown = ", ".join(f"{loss:.4f}" if loss < 10 else f"{loss:.0e}" for loss in losses)
    if losses[-1] < TARGET:
        return (f"With {setting} the loss of epoch {EPOCHS - 1}, the last of {EPOCHS}, is "
                f"{losses[-1]:.4f}, below {TARGET} (epochs 0 to {EPOCHS - 1}: {shown}).")
    if losses[-1] > losses[0]:
        raise NotYet(f"with {setting} the loss grew from epoch 0 to epoch {EPOCHS - 1} "
                     f"({shown}): the steps are too large. Try a smaller learning rate.")
    if batch_size >= FEW_UPDATES:
        raise NotYet(f"with {setting} the loss of epoch {EPOCHS - 1} is {losses[-1]:.4f}, not "
                     f"below {TARGET} ({shown}). Batches of {batch_size} make {updates} "
                     f"update{'s' if updates > 1 else ''} per epoch, {EPOCHS * updates} in "
                     f"all: few for {EPOCHS} epochs. Section 5 says which way to move the "
                     f"batch size.")
    raise NotYet(f"with {setting} the loss of epoch {EPOCHS - 1} is {losses[-1]:.4f}, not "
                 f"below {TARGET} ({shown}). Batches of {batch_size} already make {updates} "
                 f"updates per epoch: tune the learning rate. If the loss fell steadily but "
                 f"too slowly, try a larger one; if it stalled or jumped about, a smaller one.")
