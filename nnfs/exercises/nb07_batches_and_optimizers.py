"""Checks for notebook 07 (batches and optimizers): a two-layer backward pass, two optimizers.

The learner writes:

* ``two_layer_backward(X, Y, W1, B1, W2, B2)`` -> (dLdW1, dLdB1, dLdW2, dLdB2): the
  gradients of the MSE of Z1 = W1 X + B1, A1 = ReLU(Z1), A2 = W2 A1 + B2 on the batch
  X (inputs, m), Y (outputs, m), in plain NumPy, graded against central differences
  (``_grade_two_layer``);
* ``momentum_step(param, grad, velocity, learning_rate, mu)`` -> (param,
  velocity), the new values after one step of momentum;
* ``adam_step(param, grad, m, v, t, learning_rate, beta1, beta2, eps)`` ->
  (param, m, v) after step number t (t = 1 for the first step).

param, grad, velocity, m and v share one shape. The steps are graded over
several steps against ``nnfs.optimizers.Momentum`` and ``Adam`` run from the
same state (zero velocity and moments).

``batch_and_rate``: (batch_size, learning_rate) with which plain SGD brings a
fixed 5-10-10-2 network below a loss of 0.012 in 5 epochs; the check trains it
and reports each epoch's loss, never a pair that works (``check_batch_and_rate``).
"""

import numpy as np

from .. import MSE, DivergenceError, Identity, Layer, Network, ReLU
from ..data import make_series, window
from ._core import NotYet, check, need_callable
from ._grade_optimizers import grade_adam, grade_momentum
from ._grade_two_layer import grade_two_layer
from ._values import batch_size_and_rate


@check("two_layer_backward")
def check_two_layer_backward(two_layer_backward):
    """Grade ``two_layer_backward`` -> (dLdW1, dLdB1, dLdW2, dLdB2) against central differences."""
    need_callable(two_layer_backward, "two_layer_backward")
    probes = grade_two_layer(two_layer_backward, np.random.default_rng(107))
    return (f"two_layer_backward gives all four gradients, as central differences do, for "
            f"{probes} networks and batches of 1 to 7 samples.")


@check("momentum_step")
def check_momentum_step(momentum_step):
    """Grade ``momentum_step`` over several steps against ``nnfs.optimizers.Momentum``."""
    need_callable(momentum_step, "momentum_step")
    grade_momentum(momentum_step, np.random.default_rng(108))
    return "momentum_step follows nnfs.optimizers.Momentum step for step, for 3 settings."


@check("adam_step")
def check_adam_step(adam_step):
    """Grade ``adam_step`` over several steps against ``nnfs.optimizers.Adam``."""
    need_callable(adam_step, "adam_step")
    grade_adam(adam_step, np.random.default_rng(109))
    return "adam_step follows nnfs.optimizers.Adam step for step (param, m and v), for 2 settings."


# exercise 3: five epochs, a value ---------------------------------------------------

EPOCHS, TARGET, SHUFFLE_SEED = 5, 0.012, 7
FEW_UPDATES = 16          # from this batch size on, 5 epochs were too few at every rate tried


def _start():
    """The exercise's fixed 5-10-10-2 network: He weights from seeded layers."""
    return Network([Layer(5, 10, ReLU(), rng=20), Layer(10, 10, ReLU(), rng=21),
                    Layer(10, 2, Identity(), rng=22)], MSE())


@check("batch_and_rate", strings_are_names=False)
def check_batch_and_rate(batch_and_rate):
    """Train the fixed network with (batch_size, learning_rate); pass if epoch 4 < 0.012."""
    x, y = window(make_series(), window_size=5, forecast_size=2)
    batch_size, learning_rate = batch_size_and_rate(batch_and_rate, len(x))
    updates = -(-len(x) // batch_size)
    setting = f"batches of {batch_size} at learning rate {learning_rate:g}"
    try:
        losses = _start().train(x, y, learning_rate, EPOCHS, batch_size=batch_size,
                                shuffle=True, seed=SHUFFLE_SEED).train_loss
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
