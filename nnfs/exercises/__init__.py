"""Checks for the course's exercises: each grades the learner's code by running it.

Every check follows one contract.

* **One call per check cell.** ``check_layer_backward(MyLayer)`` passes the
  learner's class or function. The argument may also be left out,
  ``check_layer_backward()``: the check then looks up its default name
  (here ``MyLayer``) in the caller's namespace, so a cell that was never run
  gives "not yet" instead of a ``NameError``. A string names what to look up.
* **It returns a Result**: ``.passed`` (bool), ``.message`` (str), and a repr
  that a notebook shows as "Correct! ..." or "Not yet: ..." (words, no emoji).
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

The checks, by notebook: one public module each, named like the notebook
(its docstring gives the skeletons). Code is graded by running it; a
conceptual answer (a letter, labels, a number or array worked out by hand) is
graded as a value by the same contract (one call, never a crash, never the
answer). Import every check from here: ``from nnfs.exercises import ...``.

* 01 ``nb01_neuron``: check_neuron_forward, check_central_difference,
  check_loss_gradient_w; check_large_learning_rate (a letter)
* 02 ``nb02_assertions``: check_check_column; check_first_check_that_fires
  (four labels)
* 03 ``nb03_layer_of_neurons``: check_neuron_layer_backward;
  check_relu_backward_by_hand (an array, on ``relu_by_hand_inputs()``)
* 04 ``nb04_first_test``: check_softmax_backward; check_plateau_loss (a number,
  on ``plateau_targets()``)
* 05 ``nb05_matrix_layer``: check_layer_forward, check_layer_dLdZ,
  check_layer_backward; check_dLdW_by_hand, check_dLdA_prev_shape (values)
* 06 ``nb06_network``: check_network_forward, check_network_backward (``MyNetwork``),
  check_train_loop
* 07 ``nb07_batches_and_optimizers``: check_two_layer_backward, check_momentum_step,
  check_adam_step; check_batch_and_rate (a pair)
* 08 ``nb08_classification``: check_cross_entropy, check_cross_entropy_backward;
  check_untrained_loss, check_overfit_handful (the sanity checks)
* 09 ``nb09_digits``: check_recall_precision

The machinery is private: ``_core`` (Result, the ``@check`` decorator, calling
learner code safely), ``_answers`` (reading what learner code returned),
``_values`` (reading an answer that is a value), ``_reference`` and the
``_grade_*`` modules (the longer gradings of notebooks 01, 03, 05, 06 and 07).
"""

from ._core import Result
from .nb01_neuron import (
    check_central_difference,
    check_large_learning_rate,
    check_loss_gradient_w,
    check_neuron_forward,
)
from .nb02_assertions import check_check_column, check_first_check_that_fires
from .nb03_layer_of_neurons import (
    check_neuron_layer_backward,
    check_relu_backward_by_hand,
    relu_by_hand_inputs,
)
from .nb04_first_test import check_plateau_loss, check_softmax_backward, plateau_targets
from .nb05_matrix_layer import (
    check_dLdA_prev_shape,
    check_dLdW_by_hand,
    check_layer_backward,
    check_layer_dLdZ,
    check_layer_forward,
)
from .nb06_network import check_network_backward, check_network_forward, check_train_loop
from .nb07_batches_and_optimizers import (
    check_adam_step,
    check_batch_and_rate,
    check_momentum_step,
    check_two_layer_backward,
)
from .nb08_classification import (
    check_cross_entropy,
    check_cross_entropy_backward,
    check_overfit_handful,
    check_untrained_loss,
)
from .nb09_digits import check_recall_precision

__all__ = [
    "Result",
    "check_neuron_forward", "check_central_difference", "check_loss_gradient_w",
    "check_large_learning_rate",
    "check_check_column", "check_first_check_that_fires",
    "check_neuron_layer_backward", "check_relu_backward_by_hand", "relu_by_hand_inputs",
    "check_softmax_backward", "check_plateau_loss", "plateau_targets",
    "check_layer_backward", "check_dLdW_by_hand", "check_dLdA_prev_shape",
    "check_layer_forward", "check_layer_dLdZ",
    "check_network_forward", "check_network_backward", "check_train_loop",
    "check_two_layer_backward", "check_momentum_step", "check_adam_step", "check_batch_and_rate",
    "check_cross_entropy", "check_cross_entropy_backward",
    "check_untrained_loss", "check_overfit_handful",
    "check_recall_precision",
]
