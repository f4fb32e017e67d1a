"""Grading notebook 08's two sanity checks: the untrained loss, and a handful of points.

``untrained_loss(n_classes)`` must be ln(n_classes), the cross-entropy of an even guess;
``overfit_handful(net, x, y)`` must train ``net`` on a few spiral points until its loss on
them is below 0.01, and return that loss (``net.evaluate(x, y)`` after training).
"""

import numpy as np

from .. import CrossEntropy, Layer, Network, ReLU, Softmax
from ..data import make_spirals, one_hot
from ._answers import rel_text, returned_number
from ._core import NotYet, call


def grade_untrained_loss(untrained_loss):
    """NotYet unless ``untrained_loss(n_classes)`` is ln(n_classes) for 5 numbers of classes."""
    for C in (3, 2, 5, 10, 100):
        what = f"untrained_loss({C})"
        got = returned_number(call(what, untrained_loss, C), what)
        want = float(np.log(C))
        if abs(got - want) <= 1e-9 * want:
            continue
        for wrong, hint in ((-want, "has the sign flipped: a cross-entropy is never negative"),
                            (1 / C, "is the probability of each class: the loss is minus its "
                             "log"),
                            (want / C, "divides by the number of classes: a sample's loss is "
                             "the -log of one probability, the true class's"),
                            (C * want, "adds -log(1/C) over all the classes: only the true "
                             "class's term counts, y is one-hot"),
                            (np.log10(C), "uses log10: use the natural log, np.log"),
                            (np.log2(C), "uses log2: use the natural log, np.log")):
            if abs(got - wrong) <= 1e-9 * abs(wrong):
                raise NotYet(f"{what} {hint}.")
        raise NotYet(f"{what} is not the cross-entropy of guessing every class evenly "
                     f"({rel_text(abs(got - want) / (abs(got) + abs(want)))}).")
    return "untrained_loss is right for 2, 3, 5, 10 and 100 classes."


OVERFIT_PROBES = ((5, 3, 16), (8, 2, 12), (6, 4, 20))   # (points, classes, hidden units)
OVERFIT_TARGET = 0.01


def _handful(k, points, classes, hidden):
    """``points`` spiral points of ``classes`` classes and a fresh 2-h-h-classes network."""
    x, labels = make_spirals(20, classes, seed=300 + k)
    pick = np.random.default_rng(310 + k).choice(len(x), points, replace=False)
    net = Network([Layer(2, hidden, ReLU(), rng=320 + k), Layer(hidden, hidden, ReLU(),
                   rng=330 + k), Layer(hidden, classes, Softmax(), rng=340 + k)],
                  CrossEntropy())
    return x[pick], one_hot(labels[pick], classes), net


def grade_overfit_handful(overfit_handful):
    """NotYet unless ``overfit_handful`` trains net, its loss on x, y below 0.01, and returns it."""
    for k, (points, classes, hidden) in enumerate(OVERFIT_PROBES):
        x, y, net = _handful(k, points, classes, hidden)
        before = [p.copy() for layer in net.layers for p in layer.params().values()]
        start = net.evaluate(x, y)
        what = (f"overfit_handful(net, x, y) with {points} points of {classes} classes and "
                f"a 2-{hidden}-{hidden}-{classes} network")
        got = returned_number(call(what, overfit_handful, net, x.copy(), y.copy()), what)
        after = [p for layer in net.layers for p in layer.params().values()]
        if all(np.array_equal(a, b) for a, b in zip(after, before, strict=True)):
            raise NotYet(f"{what} did not train net: its weights did not change. Train it "
                         f"on x, y (net.train).")
        if not all(np.all(np.isfinite(p)) for p in after):
            raise NotYet(f"{what} left NaN or inf in the weights.")
        end = net.evaluate(x, y)
        if abs(got - end) > 1e-9 * end + 1e-12:
            if abs(got - start) <= 1e-9 * start:
                raise NotYet(f"{what} returned the loss before training: return the trained "
                             f"network's loss on x, y, net.evaluate(x, y).")
            raise NotYet(f"{what} returned a number that is not the trained network's loss "
                         f"on x, y: return net.evaluate(x, y) after training (an epoch's "
                         f"logged loss is measured while the weights still move).")
        if end >= OVERFIT_TARGET:
            raise NotYet(f"{what}: after your training the loss on the {points} points is "
                         f"{'below 0.1' if end < 0.1 else 'above 0.1'}, not below "
                         f"{OVERFIT_TARGET}. A network this size can learn {points} points "
                         f"by heart: train for more epochs, or with a larger learning rate "
                         f"(Adam helps).")
    return (f"overfit_handful drives the loss on a handful of points below {OVERFIT_TARGET}, "
            f"for {len(OVERFIT_PROBES)} networks and data sets, and returns it.")
