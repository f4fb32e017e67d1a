"""The forecasting data: a seeded series, cut into windows.

The article's own series is not available, so ``make_series`` generates one
with the same character: values in [0, 1], centred near 0.5, spread about 0.2.
``window`` turns any 1-D series into samples: x holds ``window_size``
consecutive values, y the ``forecast_size`` values that follow.

For classification: ``make_spirals`` (labelled points on spiral arms), ``one_hot``;
real data, ``load_digits`` and ``stratified_split`` (from ``nnfs.digits``, ``nnfs.split``).
"""

import numbers

import numpy as np

from . import _checks
from ._checks import check_array, check_positive_number, check_size, describe, make_rng
from .digits import DigitsFileError, load_digits
from .split import stratified_split

__all__ = ["make_series", "window", "train_test_split", "make_spirals", "one_hot",
           "load_digits", "DigitsFileError", "stratified_split"]

MAX_COUNT, MAX_NOISE = 10**8, 1e300    # 800 MB of float64; a noise whose draws cannot overflow


def _check_count(count, name, what):
    if count > MAX_COUNT:
        raise ValueError(f"{name} must be at most {MAX_COUNT:,} {what} (800 MB of float64), "
                         f"got {describe(count)}")


def make_series(n=1000, *, seed=0, noise=0.25):
    """A noisy sum of two seasonal waves, min-max scaled to [0, 1]: shape (n,); seeded."""
    n = check_size(n, "n")
    if n < 2:
        raise ValueError(f"n must be at least 2 to scale a series, got {n}")
    _check_count(n, "n", "values")
    noise = check_positive_number(noise, "noise", allow_zero=True)
    rng = make_rng(seed, "seed")
    t = np.arange(n)
    # min-max scaling ignores a common factor: for noise > 1 divide everything by
    # it, so that even noise ~1e308 cannot overflow
    unit = max(noise, 1.0)
    s = ((np.sin(2 * np.pi * t / 50) + 0.5 * np.sin(2 * np.pi * t / 17 + 1.0)) / unit
         + (noise / unit) * rng.standard_normal(n))
    return (s - s.min()) / (s.max() - s.min())


def window(series, window_size=5, forecast_size=2):
    """series: (T,) -> x: (N, window_size), y: (N, forecast_size), N = T - window - forecast + 1.

    Sample i is x[i] = series[i : i + window_size] and
    y[i] = series[i + window_size : i + window_size + forecast_size].
    """
    series = check_array(series, "series", ndim=1)
    window_size = check_size(window_size, "window_size")
    forecast_size = check_size(forecast_size, "forecast_size")
    n = len(series) - window_size - forecast_size + 1
    if n < 1:
        raise ValueError(f"a series of length {len(series)} is too short for window_size "
                         f"{window_size} + forecast_size {forecast_size}")
    idx = np.arange(n)[:, None]
    x = series[idx + np.arange(window_size)]
    y = series[idx + window_size + np.arange(forecast_size)]
    return x, y


def train_test_split(x, y, test_fraction=0.2):
    """Split samples in time order: the first part trains, the last ``test_fraction`` tests.

    x: (N, ...), y: (N, ...) -> x_train, y_train, x_test, y_test. No shuffling,
    so the test samples lie after every training sample, as in forecasting.
    """
    x, y = _checks.as_real_array(x, "x"), _checks.as_real_array(y, "y")
    if x.ndim == 0 or y.ndim == 0 or len(x) != len(y):
        raise ValueError(f"x and y must hold the same number of samples, got x {x.shape} "
                         f"and y {y.shape}")
    if isinstance(test_fraction, bool) or not isinstance(test_fraction, numbers.Real):
        raise TypeError(f"test_fraction must be a number in (0, 1), got {describe(test_fraction)}")
    if not 0 < test_fraction < 1:
        raise ValueError(f"test_fraction must be a number in (0, 1), got {describe(test_fraction)}")
    n_test = int(round(len(x) * test_fraction))
    if n_test < 1 or n_test >= len(x):
        raise ValueError(f"test_fraction {test_fraction} of {len(x)} samples leaves "
                         f"{n_test} for testing; both parts need at least one sample")
    cut = len(x) - n_test
    return x[:cut], y[:cut], x[cut:], y[cut:]


def make_spirals(n_per_class, n_classes, *, noise=0.2, winding=4.0, seed=0):
    """Interleaved spiral arms, one per class: x (N, 2), labels (N,), N = n_per_class * n_classes.

    Arm c holds samples c * n_per_class ... (c + 1) * n_per_class - 1 (sorted by
    class, not shuffled). Its point j sits at radius r_j = j / (n_per_class - 1),
    from 0 to 1, and angle 2 pi c / n_classes + winding r_j + noise * (a
    standard normal draw), in radians: each arm turns by ``winding`` radians
    (a number >= 0, default 4) from the centre out; the larger, the harder.
    labels are int64 class indices 0 ... n_classes - 1. Deterministic for a
    given ``seed``; needs nothing from the internet.
    """
    n_per_class = check_size(n_per_class, "n_per_class")
    n_classes = check_size(n_classes, "n_classes")
    if n_per_class < 2:
        raise ValueError(f"n_per_class must be at least 2 to draw an arm, got {n_per_class}")
    if n_classes < 2:
        raise ValueError(f"n_classes must be at least 2 to classify, got {n_classes}")
    _check_count(n_per_class * n_classes, "n_per_class * n_classes", "samples")
    noise = check_positive_number(noise, "noise", allow_zero=True)
    if noise > MAX_NOISE:
        raise ValueError(f"noise must be at most {MAX_NOISE:g} (radians), got {noise:g}")
    winding = check_positive_number(winding, "winding", allow_zero=True)
    rng = make_rng(seed, "seed")
    labels = np.repeat(np.arange(n_classes, dtype=np.int64), n_per_class)
    r = np.tile(np.linspace(0.0, 1.0, n_per_class), n_classes)
    angle = (2 * np.pi * labels / n_classes + float(winding) * r
             + noise * rng.standard_normal(len(labels)))
    x = np.column_stack([r * np.cos(angle), r * np.sin(angle)])
    return x, labels


def one_hot(labels, n_classes):
    """labels: (N,) integers in 0 ... n_classes - 1 -> (N, n_classes) of 0.0 and 1.0.

    Row k is all 0 but a 1 in column labels[k]. Float labels are refused,
    even whole ones: cast them with ``labels.astype(int)`` if that is meant.
    """
    n_classes = check_size(n_classes, "n_classes")
    if isinstance(labels, (str, bytes)) or labels is None:
        raise TypeError(f"labels must be an array of integers, got {type(labels).__name__}")
    labels = np.asarray(labels)
    if labels.ndim != 1:
        raise ValueError(f"labels must be a 1-D array of class indices (N,), got shape "
                         f"{labels.shape}")
    if labels.size == 0 and labels.dtype == np.float64:   # np.asarray([])
        labels = labels.astype(np.int64)
    if labels.dtype == bool or labels.dtype.kind not in "iu":
        raise TypeError(f"labels must be integers, got an array of dtype {labels.dtype}")
    bad = (labels < 0) | (labels >= n_classes)
    if np.any(bad):
        k = int(np.argmax(bad))
        raise ValueError(f"labels must be in 0 ... {n_classes - 1} (n_classes {n_classes}), "
                         f"got {int(bad.sum())} outside, the first is labels[{k}] = "
                         f"{labels[k]}")
    _check_count(len(labels) * n_classes, "len(labels) * n_classes", "entries")
    out = np.zeros((len(labels), n_classes))
    out[np.arange(len(labels)), labels] = 1.0
    return out
