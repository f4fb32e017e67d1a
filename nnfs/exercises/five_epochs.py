"""Check for notebook 07's conceptual exercise: five epochs of plain SGD.

``check_batch_and_rate(batch_and_rate)``: (batch_size, learning_rate) with which
plain SGD brings a fixed 5-10-10-2 network below a loss of 0.012 in 5 epochs.
The check trains it and reports each epoch's loss, never a pair that works.
"""

import math
import numbers

from .. import MSE, DivergenceError, Identity, Layer, Network, ReLU
from ..data import make_series, window
from ._core import NotYet, a_name, check

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
