"""A seeded, stratified split of a labelled data set into parts (train, validation, test).

Stratified: each class is split on its own, in the given fractions, so every
part holds the classes in (nearly) the proportions of the whole data set.
"""

import numbers

import numpy as np

from ._checks import describe, make_rng

FRACTION_SUM_TOL = 1e-9


def _check_labels(labels):
    if isinstance(labels, (str, bytes)) or labels is None:
        raise TypeError(f"labels must be a 1-D array of integer class labels, got "
                        f"{type(labels).__name__}")
    try:
        labels = np.asarray(labels)
    except ValueError:
        raise ValueError("labels must be a 1-D array of integer class labels, got a ragged "
                         "sequence") from None
    if labels.dtype == bool or labels.dtype.kind not in "iu":
        raise TypeError(f"labels must be integers, got an array of dtype {labels.dtype}")
    if labels.ndim != 1 or len(labels) == 0:
        raise ValueError(f"labels must be a 1-D array of at least one label (N,), got shape "
                         f"{labels.shape}")
    return labels


def _check_fractions(fractions):
    if isinstance(fractions, np.ndarray) and fractions.ndim == 1:
        fractions = fractions.tolist()
    if not isinstance(fractions, (tuple, list)) or len(fractions) < 2:
        got = (f"a {type(fractions).__name__} of length {len(fractions)}"
               if isinstance(fractions, (tuple, list)) else describe(fractions, with_type=True))
        raise TypeError(f"fractions must be a tuple of 2 or more numbers, one per part, "
                        f"e.g. (0.6, 0.2, 0.2), got {got}")
    for k, f in enumerate(fractions):
        if isinstance(f, bool) or not isinstance(f, numbers.Real):
            raise TypeError(f"fractions must hold numbers, got fractions[{k}] = "
                            f"{describe(f, with_type=True)}")
        if not 0 < f < 1:
            raise ValueError(f"each of fractions must be a number in (0, 1), got "
                             f"fractions[{k}] = {describe(f)}")
    total = float(np.sum(np.array(fractions, dtype=np.float64)))
    if abs(total - 1) > FRACTION_SUM_TOL:
        raise ValueError(f"fractions must add up to 1, got {tuple(fractions)} (sum {total:.6g})")
    return np.array(fractions, dtype=np.float64)


def part_sizes(n, fractions):
    """How many of ``n`` samples go to each part: the rounded-down share n * f, then one
    more to the parts with the largest remainders (the first part wins a tie); sum n."""
    share = n * fractions
    sizes = np.floor(share).astype(np.int64)
    extra = np.argsort(-(share - sizes), kind="stable")[: n - int(sizes.sum())]
    sizes[extra] += 1
    return sizes


def stratified_split(labels, fractions=(0.6, 0.2, 0.2), *, seed=0):
    """labels: (N,) integers -> one sorted index array per part, e.g. train, val, test.

    Each class c (its n_c samples) is shuffled with ``np.random.default_rng(seed)``
    and cut into parts of ``part_sizes(n_c, fractions)`` samples: part k gets
    within one sample of n_c * fractions[k] of every class. The parts are
    disjoint and together hold every index 0 ... N - 1 once. ``fractions``:
    2 or more numbers in (0, 1) that add up to 1. A class too small to give
    each part at least one sample is refused (ValueError), as is any bad input.
    """
    labels = _check_labels(labels)
    fractions = _check_fractions(fractions)
    rng = make_rng(seed, "seed")
    classes, counts = np.unique(labels, return_counts=True)
    for c, n_c in zip(classes, counts, strict=True):
        if part_sizes(int(n_c), fractions).min() == 0:
            need = next(n for n in range(int(n_c) + 1, int(np.ceil(1 / fractions.min())) + 2)
                        if part_sizes(n, fractions).min() > 0)
            raise ValueError(f"labels: class {c} has {n_c} sample(s), too few to put at "
                             f"least one in each of the {len(fractions)} parts with fractions "
                             f"{tuple(float(f) for f in fractions)}; it needs at least {need}")
    parts = [[] for _ in fractions]
    for c in classes:
        members = rng.permutation(np.flatnonzero(labels == c))
        cuts = np.cumsum(part_sizes(len(members), fractions))[:-1]
        for part, chunk in zip(parts, np.split(members, cuts), strict=True):
            part.append(chunk)
    return tuple(np.sort(np.concatenate(part)) for part in parts)
