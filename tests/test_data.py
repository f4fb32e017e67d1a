"""The generated series, windows and the chronological split."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnfs.data import make_series, train_test_split, window


def test_make_series_shape_and_range():
    s = make_series(1000)
    assert s.shape == (1000,) and s.dtype == np.float64
    assert s.min() == 0.0 and s.max() == 1.0      # min-max scaled: both ends reached
    assert np.all((s >= 0) & (s <= 1))


def test_make_series_looks_like_the_articles_data():
    # the outline: centred near 0.5, spread about 0.2
    s = make_series(1000)
    assert 0.4 < s.mean() < 0.6
    assert 0.15 < s.std() < 0.3


def test_make_series_pinned_values():
    # Pins the series itself (periods, phase, amplitudes, noise, seed handling, scaling),
    # so a change shows up here and not only in the notebooks' stored outputs. The
    # seeded values also pin NumPy's PCG64 standard_normal stream; 1e-12 allows for
    # the last bits of sin on different CPUs.
    np.testing.assert_allclose(
        make_series()[[0, 1, 2, 500, 999]],
        [0.6315752001600803, 0.6648836983147646, 0.7467127583327922, 0.5433577136987068,
         0.40999176136937415], rtol=0, atol=1e-12)
    np.testing.assert_allclose(
        make_series(60, seed=7, noise=0.5)[[0, 13, 37, 59]],
        [0.6926961263484739, 0.656435987042999, 0.5254019206118726, 0.6260349180494763],
        rtol=0, atol=1e-12)
    np.testing.assert_allclose(make_series(20, noise=0)[[0, 5, 19]],
                               [0.0, 0.36922660499135257, 0.8962614242686862], rtol=0, atol=1e-12)


def test_make_series_deterministic_per_seed():
    np.testing.assert_array_equal(make_series(300, seed=5), make_series(300, seed=5))
    assert not np.array_equal(make_series(300, seed=5), make_series(300, seed=6))


def test_make_series_without_noise_is_smooth_and_seed_free():
    a, b = make_series(200, seed=1, noise=0), make_series(200, seed=2, noise=0)
    np.testing.assert_allclose(a, b, rtol=0, atol=1e-15)
    assert np.max(np.abs(np.diff(a))) < 0.2


@settings(max_examples=30)
@given(n=st.integers(2, 500), seed=st.integers(0, 2**32 - 1),
       noise=st.floats(0, 2, allow_nan=False))
def test_make_series_always_in_unit_interval(n, seed, noise):
    s = make_series(n, seed=seed, noise=noise)
    assert s.shape == (n,)
    assert np.all(np.isfinite(s))
    assert s.min() == 0.0 and s.max() == 1.0


def test_window_exact_values_on_arange():
    x, y = window(np.arange(10.0), window_size=3, forecast_size=2)
    # N = 10 - 3 - 2 + 1 = 6
    np.testing.assert_array_equal(x, [[0, 1, 2], [1, 2, 3], [2, 3, 4], [3, 4, 5], [4, 5, 6],
                                      [5, 6, 7]])
    np.testing.assert_array_equal(y, [[3, 4], [4, 5], [5, 6], [6, 7], [7, 8], [8, 9]])


def test_window_defaults_are_the_articles():
    x, y = window(np.arange(20.0))
    assert x.shape == (14, 5) and y.shape == (14, 2)
    np.testing.assert_array_equal(x[0], [0, 1, 2, 3, 4])
    np.testing.assert_array_equal(y[-1], [18, 19])


def test_window_shortest_series():
    x, y = window([1.0, 2.0, 3.0], window_size=2, forecast_size=1)
    np.testing.assert_array_equal(x, [[1.0, 2.0]])
    np.testing.assert_array_equal(y, [[3.0]])


@settings(max_examples=40)
@given(T=st.integers(2, 60), w=st.integers(1, 8), f=st.integers(1, 4))
def test_window_shapes_and_values(T, w, f):
    series = np.arange(T, dtype=np.float64) * 0.5
    if T < w + f:
        with pytest.raises(ValueError, match=f"length {T} is too short"):
            window(series, w, f)
        return
    x, y = window(series, w, f)
    n = T - w - f + 1
    assert x.shape == (n, w) and y.shape == (n, f)
    for i in (0, n // 2, n - 1):
        np.testing.assert_array_equal(x[i], series[i:i + w])
        np.testing.assert_array_equal(y[i], series[i + w:i + w + f])


def test_window_accepts_numpy_integer_sizes():
    x, y = window(np.arange(10.0), np.int64(3), np.int32(2))
    assert x.shape == (6, 3) and y.shape == (6, 2)


def test_window_too_short_series_is_refused():
    with pytest.raises(ValueError, match=r"length 6 is too short for window_size 5 \+ "
                                         r"forecast_size 2"):
        window(np.arange(6.0))
    with pytest.raises(ValueError, match=r"length 0"):
        window(np.array([]))


def test_train_test_split_is_chronological():
    x, y = window(np.arange(30.0))          # N = 24
    xt, yt, xv, yv = train_test_split(x, y, test_fraction=0.25)
    assert len(xt) == 18 and len(xv) == 6
    np.testing.assert_array_equal(np.vstack([xt, xv]), x)    # nothing shuffled or lost
    np.testing.assert_array_equal(np.vstack([yt, yv]), y)
    # every test sample starts after the last training sample
    assert xv[:, 0].min() > xt[:, 0].max()
    np.testing.assert_array_equal(xv[0], x[18])


def test_train_test_split_rounds_the_test_size():
    x, y = np.zeros((10, 2)), np.zeros((10, 1))
    assert len(train_test_split(x, y, 0.2)[2]) == 2
    assert len(train_test_split(x, y, 0.14)[2]) == 1
    assert len(train_test_split(x, y, 0.5)[2]) == 5


@pytest.mark.parametrize("fraction", [0.0, 1.0, -0.1, 1.5])
def test_train_test_split_bad_fraction(fraction):
    with pytest.raises(ValueError, match=r"test_fraction must be a number in \(0, 1\), got "):
        train_test_split(np.zeros((10, 2)), np.zeros((10, 1)), fraction)


@pytest.mark.parametrize("fraction", ["0.2", True, None])
def test_train_test_split_fraction_not_a_number(fraction):
    with pytest.raises(TypeError, match=r"test_fraction must be a number in \(0, 1\), got "):
        train_test_split(np.zeros((10, 2)), np.zeros((10, 1)), fraction)


def test_train_test_split_needs_both_parts():
    with pytest.raises(ValueError, match=r"leaves 0 for testing"):
        train_test_split(np.zeros((10, 2)), np.zeros((10, 1)), 0.01)
    with pytest.raises(ValueError, match=r"leaves 10 for testing"):
        train_test_split(np.zeros((10, 2)), np.zeros((10, 1)), 0.99)


def test_train_test_split_length_mismatch():
    with pytest.raises(ValueError, match=r"got x \(10, 2\) and y \(9, 1\)"):
        train_test_split(np.zeros((10, 2)), np.zeros((9, 1)))


def test_make_series_too_short():
    with pytest.raises(ValueError, match=r"n must be at least 2 to scale a series, got 1"):
        make_series(1)


@pytest.mark.parametrize("noise", [-0.1, float("nan")])
def test_make_series_bad_noise_value(noise):
    with pytest.raises(ValueError, match=r"noise must be a finite number >= 0, got"):
        make_series(100, noise=noise)


@pytest.mark.parametrize("noise", ["0.1", None, True])
def test_make_series_noise_not_a_number(noise):
    with pytest.raises(TypeError, match=r"noise must be a number >= 0, got"):
        make_series(100, noise=noise)


def test_make_series_accepts_numpy_floats():
    np.testing.assert_array_equal(make_series(50, noise=np.float32(0.25)),
                                  make_series(50, noise=0.25))
