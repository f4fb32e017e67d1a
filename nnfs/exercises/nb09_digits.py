"""Checks for notebook 09 (handwritten digits): recall and precision from a confusion matrix.

The learner writes, for a confusion matrix C (classes, classes) of counts, row
i = the true class, column j = the predicted class (C[i, j] samples of class i
were predicted as j), with at least one count in every row and every column:

* ``recall_precision(C)`` -> (recall, precision), two arrays of shape
  (classes,), fractions in [0, 1]: recall[i], the share of the samples of class
  i predicted as i; precision[j], the share of the samples predicted as j that
  are of class j.

Graded on confusion matrices of 2 to 10 classes that the check draws itself.
"""

import numpy as np

from ._answers import kind_of, returned_array
from ._core import NotYet, call, check, need_callable

# (classes, samples per class): small and large, and the digits' 10 classes
PROBES = ((3, 20), (2, 9), (5, 40), (10, 36), (4, 7))


def _probe(rng, classes, per_class):
    """A confusion matrix of int64 counts, mostly on the diagonal, no empty row or column.

    Rows differ in their totals and errors are lopsided, so that row and column sums differ.
    """
    C = np.zeros((classes, classes), dtype=np.int64)
    for i in range(classes):
        n = per_class + int(rng.integers(0, per_class + 1))
        wrong = rng.integers(0, classes, size=int(rng.integers(1, max(2, n // 3))))
        for j in wrong:
            C[i, j] += 1
        C[i, i] += n - len(wrong)
    C[np.arange(classes), (np.arange(classes) + 1) % classes] += 1    # no empty column
    return C


def _fractions(value, what, classes):
    if isinstance(value, (list, tuple)):                  # a list of numbers is fine too
        try:
            value = np.array(value, dtype=np.float64)
        except (TypeError, ValueError):
            raise NotYet(f"{what} {kind_of(value)} that is not a list of numbers.") from None
    return returned_array(value, what, (classes,),
                          " One number per class." if getattr(value, "size", 0) != classes
                          else " A 1-D array, one number per class.")


@check("recall_precision")
def check_recall_precision(recall_precision):
    """Grade ``recall_precision(C)`` -> (recall (classes,), precision (classes,))."""
    need_callable(recall_precision, "recall_precision")
    rng = np.random.default_rng(909)
    for classes, per_class in PROBES:
        C = _probe(rng, classes, per_class)
        what = f"recall_precision(C) with C of shape {C.shape}"
        got = call(what, recall_precision, C.copy())
        if not isinstance(got, (tuple, list)) or len(got) != 2:
            raise NotYet(f"{what} returned {kind_of(got)}; it should return two arrays, "
                         f"`return recall, precision`.")
        recall = _fractions(got[0], f"{what}: its recall is", classes)
        precision = _fractions(got[1], f"{what}: its precision is", classes)
        _grade(recall, precision, C, what)
    return ("recall and precision are right on 5 confusion matrices, of 2 to 10 classes: the "
            "row sums count the samples of each class, the column sums its predictions.")


def _grade(recall, precision, C, what):
    correct = np.diag(C).astype(np.float64)
    rows, cols, n = C.sum(axis=1), C.sum(axis=0), C.sum()
    right_recall, right_precision = correct / rows, correct / cols
    ok_r, ok_p = _same(recall, right_recall), _same(precision, right_precision)
    if ok_r and ok_p:
        return
    if _same(recall, right_precision) and _same(precision, right_recall):
        raise NotYet(f"{what} returned recall and precision swapped (rows and columns "
                     f"swapped): row i of C holds the samples whose true class is i, column j "
                     f"those predicted as j.")
    for name, got, ok, right, other, total in (
            ("recall", recall, ok_r, right_recall, right_precision, "row"),
            ("precision", precision, ok_p, right_precision, right_recall, "column")):
        if ok:
            continue
        hints = (
            (100 * right, "is in percent: return fractions between 0 and 1"),
            (other, f"divides by the wrong sums: {name} divides by the {total} sums of C"),
            (correct / n, "divides by all the samples: each class's count goes over its "
                          f"own {total} sum"),
            (np.full(len(C), correct.sum() / n), "is the overall accuracy for every class: "
                                                 "divide each class's count by its own "
                                                 f"{total} sum"),
            (1 - right, f"is an error rate: {name} is the share that is right"),
            (correct, f"is a count: divide it by the {total} sums of C"),
            (np.floor(right), "uses integer division (//), which rounds down to 0 or 1: "
                              "divide with /"),
            (right[::-1], "is in the reverse order of the classes"),
            (np.round(right, 2), "is rounded: return the fractions as they are"),
            (np.round(right, 3), "is rounded: return the fractions as they are"),
            (np.round(100 * right, 1), "is in percent, rounded: return the fractions as "
                                       "they are, between 0 and 1"))
        for wrong, hint in hints:
            if _same(got, wrong):
                raise NotYet(f"{what}: its {name} {hint}.")
        bad = np.flatnonzero(~np.isclose(got, right, rtol=1e-6, atol=1e-9))
        which = (f"class {bad[0]}" if len(bad) == 1 else
                 f"{len(bad)} of the {len(C)} classes")
        raise NotYet(f"{what}: its {name} is not right yet for {which} (the others are "
                     f"right): which count goes over which sum there?" if len(bad) < len(C)
                     else f"{what}: its {name} is not right yet for any class: which count "
                          f"goes over which sum?")


def _same(a, b):
    return np.allclose(a, b, rtol=1e-6, atol=1e-9)     # float32 arithmetic passes too
