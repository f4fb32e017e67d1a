"""Checks for the course's exercises: each grades the learner's code by running it.

Every check follows one contract.

* **One call per check cell.** ``check_layer_backward(MyLayer)`` passes the
  learner's class or function. The argument may also be left out,
  ``check_layer_backward()``: the check then looks up its default name
  (here ``MyLayer``) in the caller's namespace, so a cell that was never run
  gives "not yet" instead of a ``NameError``. A string names what to look up.
* **It returns a Result**: ``.passed`` (bool), ``.message`` (str), and a repr
  that a notebook shows as "✅ Correct! ..." or "❌ Not yet: ...".
  ``bool(result)`` is ``result.passed``.
* **It never crashes on a half-written answer.** A missing definition, None, a
  wrong type or shape, NaN, or an exception in the learner's code (including
  the skeletons' ``NotImplementedError("your code here")``) is a "not yet"
  that quotes the learner's own error as "Type: message": no traceback, no
  file paths, no memory addresses.
* **It says what is wrong, not what is right.** Which output has the wrong
  shape (expected and got), a flipped sign, a transposed matrix, a gradient
  that disagrees with the numerical one and by how much (a relative error,
  printed with one digit), at which probe (sizes and batch, never values). It
  never prints the value that the exercise asks for.
* **It is not fooled.** Every check runs several seeded probes of different
  sizes, batches and settings, so a hard-coded answer fails, and it is
  deterministic: the same message on every machine.
* **It leaves the learner's objects alone.** Functions get copies of the
  probes; classes are graded on fresh instances the check builds.

The checks, by notebook (each module's docstring gives the skeleton):

* 01 ``neuron``: check_neuron_forward, check_central_difference,
  check_loss_gradient_w
* 02 ``shapes``: check_check_column
* 03 ``neuron_layer``: check_neuron_layer_backward
* 04 ``softmax``: check_softmax_backward
* 05 ``layer``: check_layer_backward; ``concepts_late``: check_dLdW_by_hand,
  check_dLdA_prev_shape
* 06 ``training``: check_train_loop
* 07 ``batches``: check_bias_gradient; ``optimizers``: check_momentum_step,
  check_adam_step; ``five_epochs``: check_batch_and_rate
* 08 ``classification``: check_cross_entropy, check_cross_entropy_backward

The conceptual questions (a letter, four labels, a number worked out by hand)
have checks of their own that grade the answer itself, a value, by the same
contract (one call, never a crash, never the answer): ``concepts`` for 01 and
02 (check_large_learning_rate, check_first_check_that_fires) and ``by_hand``
for 03 and 04 (check_relu_backward_by_hand, check_plateau_loss). Import them
from their module: ``from nnfs.exercises.concepts import ...``.
"""

from ._core import Result
from .batches import check_bias_gradient
from .classification import check_cross_entropy, check_cross_entropy_backward
from .concepts_late import check_dLdA_prev_shape, check_dLdW_by_hand
from .five_epochs import check_batch_and_rate
from .layer import check_layer_backward
from .nb09_digits import check_recall_precision
from .neuron import check_central_difference, check_loss_gradient_w, check_neuron_forward
from .neuron_layer import check_neuron_layer_backward
from .optimizers import check_adam_step, check_momentum_step
from .shapes import check_check_column
from .softmax import check_softmax_backward
from .training import check_train_loop

__all__ = [
    "Result",
    "check_neuron_forward", "check_central_difference", "check_loss_gradient_w",
    "check_check_column", "check_neuron_layer_backward", "check_softmax_backward",
    "check_layer_backward",
    "check_train_loop", "check_bias_gradient", "check_momentum_step", "check_adam_step",
    "check_cross_entropy", "check_cross_entropy_backward",
    "check_dLdW_by_hand", "check_dLdA_prev_shape", "check_batch_and_rate",
    "check_recall_precision",
]
