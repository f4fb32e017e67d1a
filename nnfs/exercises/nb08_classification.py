"""Checks for notebook 08 (classification): cross-entropy, forward and backward.

The learner writes, for P (classes, batch) of probabilities (each column sums
to 1, as Softmax gives) and Y (classes, batch) of one-hot targets:

* ``cross_entropy(P, Y)`` -> float: the mean over the batch of -sum_i y_i log p_i;
* ``cross_entropy_backward(P, Y)`` -> dL/dP, shape of P.

Graded against the check's own cross-entropy and central differences of it
(independent of any loss class in nnfs).

And the two sanity checks of a classifier, before any long training run:

* ``untrained_loss(n_classes)`` -> float: the cross-entropy of a network that gives
  every class the same probability, 1 / n_classes (about where an untrained network
  starts): ln(n_classes);
* ``overfit_handful(net, x, y)`` -> float: train ``net`` (an nnfs Network with
  CrossEntropy) on the handful of points x (N, 2), y (N, classes) one-hot, and return
  its loss on them afterwards (``net.evaluate(x, y)``), which must be below 0.01.
"""

import numpy as np

from .. import Softmax
from ..gradcheck import numerical_gradient
from ._answers import rel, rel_text, returned_array, returned_number, same
from ._core import NotYet, call, check, need_callable
from ._grade_sanity import grade_overfit_handful, grade_untrained_loss

PROBES = ((3, 4), (2, 1), (4, 5), (5, 2))


def _probe(rng, classes, batch):
    """P: softmax of logits in [-1, 1] (every p >= 0.05); Y: one-hot columns."""
    P = Softmax().forward(rng.uniform(-1, 1, (classes, batch)))
    Y = np.zeros((classes, batch))
    Y[rng.integers(0, classes, batch), np.arange(batch)] = 1.0
    return P, Y


def _loss(P, Y):
    return float(-np.sum(Y * np.log(P)) / P.shape[1])


@check("cross_entropy")
def check_cross_entropy(cross_entropy):
    """Grade ``cross_entropy(P, Y)`` -> float on 4 batches."""
    need_callable(cross_entropy, "cross_entropy")
    rng = np.random.default_rng(110)
    for classes, batch in PROBES:
        P, Y = _probe(rng, classes, batch)
        what = f"cross_entropy(P, Y) with P of shape {P.shape}"
        got = call(what, cross_entropy, P.copy(), Y.copy())
        if isinstance(got, np.ndarray) and got.size == batch > 1:
            raise NotYet(f"{what} returned one loss per sample (shape {got.shape}): the loss "
                         f"is one number, their mean.")
        got = returned_number(got, what)
        want = _loss(P, Y)
        if abs(got - want) <= 1e-9 * want:
            continue
        for factor, hint in ((batch, "is the sum over the batch: the loss is the mean over "
                              "its samples"),
                             (1 / classes, "averages over every entry (classes x batch): sum "
                              "over the classes, average over the samples"),
                             (batch / classes, "averages over the classes instead of the "
                              "samples"),
                             (-1.0, "has the sign flipped: a cross-entropy is never negative"),
                             (1 / np.log(10), "uses log10: use the natural log, np.log"),
                             (1 / np.log(2), "uses log2: use the natural log, np.log")):
            if abs(got - factor * want) <= 1e-9 * abs(factor * want):
                raise NotYet(f"{what} {hint}.")
        raise NotYet(f"{what} differs from the cross-entropy "
                     f"({rel_text(abs(got - want) / (abs(got) + abs(want)))}).")
    return "cross_entropy is right on 4 batches, of 1 to 5 samples and 2 to 5 classes."


@check("cross_entropy_backward")
def check_cross_entropy_backward(cross_entropy_backward):
    """Grade ``cross_entropy_backward(P, Y)`` -> dL/dP against central differences."""
    need_callable(cross_entropy_backward, "cross_entropy_backward")
    rng = np.random.default_rng(111)
    for classes, batch in PROBES:
        P, Y = _probe(rng, classes, batch)
        what = f"cross_entropy_backward(P, Y) with P of shape {P.shape}"
        got = call(what, cross_entropy_backward, P.copy(), Y.copy())
        hint = (" That is the transpose." if getattr(got, "shape", None) == P.T.shape != P.shape
                else " dL/dP has the shape of P.")
        got = returned_array(got, f"{what} returned", P.shape, hint)
        probe = P.copy()
        num = numerical_gradient(lambda probe=probe, Y=Y: _loss(probe, Y), probe)
        want = -Y / P / batch
        if same(got, num, 1e-6) and same(got, want, 1e-9):
            continue
        for wrong, hint in ((want * batch, f"is {batch} times too large: the loss is a mean "
                             f"over the batch of {batch}"),
                            (-want, "has the sign flipped"),
                            (P - Y, "is the gradient with respect to the logits Z (softmax and "
                             "cross-entropy together); here it is the gradient with respect to "
                             "P, before the softmax"),
                            ((P - Y) / batch, "is the gradient with respect to the logits Z "
                             "(softmax and cross-entropy together); here it is the gradient "
                             "with respect to P, before the softmax")):
            if same(got, wrong, 1e-9):
                raise NotYet(f"{what} {hint}.")
        if np.any(np.abs(got[Y == 0]) > 1e-9 * np.abs(got).max()):
            raise NotYet(f"{what} is not 0 where y = 0: those probabilities do not appear in "
                         f"the loss.")
        raise NotYet(f"{what} disagrees with the numerical gradient ({rel_text(rel(got, num))}).")
    return "cross_entropy_backward agrees with central differences on 4 batches."


# the sanity checks (graded in _grade_sanity) --------------------------------------------

@check("untrained_loss")
def check_untrained_loss(untrained_loss):
    """Grade ``untrained_loss(n_classes)`` -> ln(n_classes) for 5 numbers of classes."""
    need_callable(untrained_loss, "untrained_loss")
    return grade_untrained_loss(untrained_loss)


@check("overfit_handful")
def check_overfit_handful(overfit_handful):
    """Grade ``overfit_handful(net, x, y)``: net trained, its loss on x, y below 0.01, returned."""
    need_callable(overfit_handful, "overfit_handful")
    return grade_overfit_handful(overfit_handful)
