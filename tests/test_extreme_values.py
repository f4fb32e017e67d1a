"""Extreme but valid input is computed right: huge finite numbers, overflow-prone formulas.

The other half of bad input (``test_bad_input.py`` refuses what is wrong): numbers
near the float64 limit give finite, correct results without a warning.
"""

from fractions import Fraction

import numpy as np
import pytest

from nnfs import (
    MSE,
    Identity,
    Layer,
    ReLU,
    Sigmoid,
    Softmax,
    Tanh,
)
from nnfs.data import make_series
from nnfs.gradcheck import check_layer, relative_error


def test_make_series_takes_any_real_noise():
    np.testing.assert_array_equal(make_series(50, noise=Fraction(1, 10)),
                                  make_series(50, noise=0.1))
    np.testing.assert_array_equal(make_series(50, noise=np.float32(0.5)),
                                  make_series(50, noise=float(np.float32(0.5))))


def test_make_series_with_huge_noise_is_the_scaled_noise():
    # min-max scaling removes a common factor: noise 1e308 is pure scaled noise
    # (noise * standard_normal overflowed before)
    got = make_series(40, seed=3, noise=1e308)
    z = np.random.default_rng(3).standard_normal(40)
    np.testing.assert_allclose(got, (z - z.min()) / (z.max() - z.min()), rtol=0, atol=1e-12)


def test_mse_of_huge_numbers_whose_mean_fits():
    # each square is 1e308 and their sum overflows, but the mean does not
    pred = np.full((1, 4), 1e154)
    assert MSE().forward(pred, np.zeros((1, 4))) == pytest.approx(1e308, rel=1e-12)
    G = MSE().backward(np.full((2, 2), 1e308), np.full((2, 2), -1e308))
    np.testing.assert_allclose(G, np.full((2, 2), 1e308), rtol=1e-15)


@pytest.mark.parametrize("act", [Identity(), ReLU(), Sigmoid(), Tanh(), Softmax()], ids=repr)
def test_activations_take_huge_finite_numbers_without_warnings(act):
    # Softmax.backward overflowed before; the element-wise ones are guarded here too
    Z = np.array([[1e308, -1e308], [-1e308, 1e308], [0.0, 1.0]])
    dLdA = np.array([[1e308, -1e308], [-1e308, 1e308], [1.0, 0.0]])
    A = act.forward(Z)
    dLdZ = act.backward(Z, dLdA)
    assert np.all(np.isfinite(A)) and np.all(np.isfinite(dLdZ))
    if isinstance(act, Softmax):
        # the winning unit has s = 1, the others 0: dL/dz = s (dL/da - sum_i dL/da_i s_i) = 0
        np.testing.assert_array_equal(A, [[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]])
        np.testing.assert_array_equal(dLdZ, np.zeros((3, 2)))
    else:
        np.testing.assert_array_equal(act.derivative(Z) * dLdA, dLdZ)


def test_softmax_backward_where_the_plain_formula_overflows():
    # s = 1/3 each; dL/da - sum_i dL/da_i s_i = (1, 1, -2) * 1e308 overflows on the way,
    # but dL/dz = s * that = (1/3, 1/3, -2/3) * 1e308 fits
    Z = np.zeros((3, 2))
    dLdA = np.array([[1.5e308, 1.0], [1.5e308, 2.0], [-1.5e308, 3.0]])
    dLdZ = Softmax().backward(Z, dLdA)
    np.testing.assert_allclose(dLdZ[:, 0], np.array([1.0, 1.0, -2.0]) / 3 * 1e308, rtol=1e-14)
    np.testing.assert_allclose(dLdZ[:, 1], [-1 / 3, 0.0, 1 / 3], rtol=1e-14, atol=1e-16)


def test_relative_error_of_huge_arrays_does_not_overflow():
    a = np.array([1e308, -1e308, 1.0])
    assert relative_error(a, a) == 0.0
    assert relative_error(a, -a) == pytest.approx(1.0, rel=1e-15)


def test_check_layer_still_passes_a_correct_layer():
    # the other side of "check_layer NaN gradient": a correct layer still passes
    errors = check_layer(Layer(3, 2, Tanh(), rng=0), np.ones((3, 4)), np.ones((2, 4)))
    assert max(errors.values()) < 1e-7
