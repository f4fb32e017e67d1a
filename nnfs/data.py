"""The forecasting data: a seeded series, cut into windows.

The article's own series is not available, so ``make_series`` generates one
with the same character: values in [0, 1], centred near 0.5, spread about 0.2.
``window`` turns any 1-D series into samples: x holds ``window_size``
consecutive values, y the ``forecast_size`` values that follow.
"""

import numbers

import numpy as np

from ._checks import check_array, check_positive_number, check_size, describe, make_rng


def make_series(n=1000, *, seed=0, noise=0.25):
    """A noisy sum of two seasonal waves, min-max scaled to [0, 1]: shape (n,).

    Deterministic for a given ``seed``; needs nothing from the internet.
    """
    n = check_size(n, "n")
    if n < 2:
        raise ValueError(f"n must be at least 2 to scale a series, got {n}")
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
    x, y = np.asarray(x), np.asarray(y)
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
