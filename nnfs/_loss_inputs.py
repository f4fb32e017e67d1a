"""The input checks of the losses: a prediction and its target, as ``forward`` receives them.

``check_pair`` for ``MSE`` (any real numbers of one shape), ``check_probabilities``
for ``CrossEntropy`` (a Softmax's columns of probabilities, one-hot targets).
"""

import numpy as np

from ._checks import check_array


def check_pair(pred, y):
    """(pred, y) checked for MSE: two float arrays of one shape (outputs, batch), not empty."""
    pred = check_array(pred, "pred", ndim=2)
    y = check_array(y, "y", ndim=2)
    if pred.shape != y.shape:
        raise ValueError(f"pred and y must have the same shape, got pred {pred.shape} "
                         f"and y {y.shape}")
    if pred.size == 0:
        raise ValueError("pred and y must hold at least one output of one sample, got "
                         f"shape {pred.shape}: the mean of no numbers is undefined")
    return pred, y


def check_probabilities(P, Y, name, sum_tol):
    """(P, Y) checked for cross-entropy: probabilities and one-hot targets, (classes, batch).

    Float32 P stays float32, any other P becomes float64; Y is cast to P's dtype.
    """
    dtype = np.float32 if getattr(P, "dtype", None) == np.float32 else np.float64
    P = check_array(P, name, ndim=2).astype(dtype, copy=False)
    Y = check_array(Y, "Y")
    if Y.ndim != 2:
        hint = "; for labels use nnfs.data.one_hot(labels, n_classes).T" if Y.ndim == 1 else ""
        raise ValueError(f"Y must be one-hot targets of shape (classes, batch) like {name}, "
                         f"got shape {Y.shape} ({Y.ndim}-D){hint}")
    if P.shape != Y.shape:
        hint = " (one sample per row? transpose Y)" if Y.shape == P.shape[::-1] else ""
        raise ValueError(f"{name} and Y must have the same shape (classes, batch), "
                         f"got {name} {P.shape} and Y {Y.shape}{hint}")
    if P.shape[1] == 0:
        raise ValueError(f"{name} must hold at least one sample (column), got shape {P.shape}")
    bad = np.any((Y != 0) & (Y != 1), axis=0) | (Y.sum(axis=0) != 1)
    if np.any(bad):
        k = int(np.argmax(bad))
        col = Y[:, k].tolist() if len(Y) <= 10 else f"summing to {Y[:, k].sum():.6g}"
        raise ValueError(f"Y must be one-hot: each column all 0 but a single 1, got "
                         f"{int(bad.sum())} column(s) that are not, the first is "
                         f"column {k}: {col}")
    if P.min() < 0 or P.max() > 1:
        raise ValueError(f"{name} must hold probabilities in [0, 1] (a Softmax output), "
                         f"got values from {float(P.min()):.4g} to {float(P.max()):.4g}")
    sums = P.sum(axis=0, dtype=np.float64)
    k = int(np.argmax(np.abs(sums - 1)))
    if abs(sums[k] - 1) > sum_tol:
        raise ValueError(f"each column of {name} must sum to 1 (within {sum_tol}) as a "
                         f"Softmax output does, got column {k} summing to {sums[k]:.6g}")
    return P, Y.astype(dtype, copy=False)
