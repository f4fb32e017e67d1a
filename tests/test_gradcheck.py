"""nnfs.gradcheck itself, against derivatives known in closed form."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numdiff import ATOL, RTOL

from nnfs import Identity, Layer, ReLU, Sigmoid, Softmax, Tanh
from nnfs.gradcheck import check_layer, numerical_gradient, relative_error

seeds = st.integers(0, 2**32 - 1)


@settings(max_examples=30)
@given(n=st.integers(1, 8), seed=seeds)
def test_numerical_gradient_of_sum_of_sines(n, seed):
    x = np.random.default_rng(seed).uniform(-3, 3, size=n)
    g = numerical_gradient(lambda: np.sum(np.sin(x)), x)
    np.testing.assert_allclose(g, np.cos(x), rtol=RTOL, atol=ATOL)


@settings(max_examples=30)
@given(n=st.integers(1, 6), seed=seeds)
def test_numerical_gradient_of_a_quadratic_form(n, seed):
    rng = np.random.default_rng(seed)
    A = rng.normal(size=(n, n))
    x = rng.normal(size=(n, 1))
    # d/dx (x^T A x) = (A + A^T) x
    g = numerical_gradient(lambda: (x.T @ A @ x)[0, 0], x)
    np.testing.assert_allclose(g, (A + A.T) @ x, rtol=RTOL, atol=ATOL)


def test_numerical_gradient_of_known_functions_by_hand():
    x = np.array([[2.0, -1.0], [0.5, 3.0]])
    # f = x00^2 + x00 x11 + exp(x10):  df = [[2 x00 + x11, 0], [exp(x10), x00]]
    g = numerical_gradient(lambda: x[0, 0] ** 2 + x[0, 0] * x[1, 1] + np.exp(x[1, 0]), x)
    np.testing.assert_allclose(g, [[7.0, 0.0], [np.exp(0.5), 2.0]], rtol=RTOL, atol=ATOL)


def test_numerical_gradient_restores_x_and_keeps_its_shape():
    x = np.array([[1.0, 2.0, 3.0]])
    before = x.copy()
    g = numerical_gradient(lambda: np.prod(x), x)
    np.testing.assert_array_equal(x, before)
    assert g.shape == (1, 3)
    np.testing.assert_allclose(g, [[6.0, 3.0, 2.0]], rtol=RTOL, atol=ATOL)


def test_numerical_gradient_error_shrinks_like_eps_squared():
    x = np.array([0.7])
    err = [abs(numerical_gradient(lambda: np.sin(x[0]), x, eps)[0] - np.cos(0.7))
           for eps in (1e-2, 1e-3)]
    # central differences: error ~ eps^2 |f'''| / 6 = 1e-4 * cos(0.7) / 6 at eps = 1e-2
    assert err[0] == pytest.approx(1e-4 * np.cos(0.7) / 6, rel=1e-3)
    assert err[1] < err[0] / 50


@pytest.mark.parametrize("bad", [[1.0, 2.0], np.array([1, 2]), np.array([1.0], np.float32)])
def test_numerical_gradient_needs_a_float64_array(bad):
    with pytest.raises(TypeError, match=r"x must be a float64 numpy array"):
        numerical_gradient(lambda: 0.0, bad)


def test_numerical_gradient_needs_a_function():
    with pytest.raises(TypeError, match=r"f must be a function of no arguments"):
        numerical_gradient(3.0, np.zeros(2))


def test_relative_error_known_values():
    assert relative_error([1.0, 2.0], [1.0, 2.0]) == 0.0
    assert relative_error(np.zeros(3), np.zeros(3)) == 0.0
    # ||(1, -1)|| / (1 + 1) = sqrt(2) / 2
    assert relative_error([1.0, 0.0], [0.0, 1.0]) == pytest.approx(np.sqrt(2) / 2, rel=1e-15)
    assert relative_error([1.0], [-1.0]) == pytest.approx(1.0, rel=1e-15)
    # (1.0 vs 1.001): 0.001 / 2.001
    assert relative_error([1.0], [1.001]) == pytest.approx(0.001 / 2.001, rel=1e-9)


def test_relative_error_shape_mismatch():
    with pytest.raises(ValueError, match=r"same shape, got \(2,\) and \(3,\)"):
        relative_error(np.zeros(2), np.zeros(3))


@pytest.mark.parametrize("act_cls", [ReLU, Identity, Sigmoid, Tanh, Softmax])
def test_check_layer_passes_a_correct_layer_and_changes_no_weight(act_cls):
    rng = np.random.default_rng(3)
    layer = Layer(4, 3, act_cls(), init=1.0, rng=rng)
    X = rng.normal(size=(4, 5))
    assert np.min(np.abs(layer.W @ X + layer.B)) > 1e-3    # no ReLU kink in reach
    W0, B0 = layer.W.copy(), layer.B.copy()
    errors = check_layer(layer, X, rng.normal(size=(3, 5)))
    assert set(errors) == {"X", "W", "B"}
    assert max(errors.values()) < 1e-7
    np.testing.assert_array_equal(layer.W, W0)
    np.testing.assert_array_equal(layer.B, B0)


class WrongBiasGradient(Layer):
    """A layer whose dL/dB forgets to sum over the batch (uses the first column only)."""

    def grads(self, dLdA):
        dX, grads = super().grads(dLdA)
        dLdZ = self.activation.backward(self.Z, dLdA)
        return dX, {"W": grads["W"], "B": dLdZ[:, :1]}


def test_check_layer_catches_a_wrong_gradient():
    rng = np.random.default_rng(4)
    layer = WrongBiasGradient(4, 3, Tanh(), rng=rng)
    errors = check_layer(layer, rng.normal(size=(4, 5)), rng.normal(size=(3, 5)))
    assert errors["X"] < 1e-7 and errors["W"] < 1e-7
    assert errors["B"] > 0.1


def test_check_layer_checks_true_derivatives_even_with_clipping_on():
    # clipping belongs to the update, not to grads(): a clipped layer still
    # reports (and gradcheck checks) the true derivative
    rng = np.random.default_rng(5)
    layer = Layer(4, 3, Identity(), clip=0.01, rng=rng)
    X, dLdA = rng.normal(size=(4, 5)) * 10, rng.normal(size=(3, 5))
    errors = check_layer(layer, X, dLdA)
    assert max(errors.values()) < 1e-7
    assert np.abs(layer.grads(dLdA)[1]["W"]).max() > 10 * layer.clip   # not clipped
