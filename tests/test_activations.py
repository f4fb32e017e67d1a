"""Activations: known values, central-difference gradients, and Softmax in full."""

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from numdiff import ATOL, RTOL, away_from_zero, central_diff, central_jacobian

from nnfs import Identity, ReLU, Sigmoid, Softmax, Tanh

ELEMENTWISE = [ReLU, Identity, Sigmoid, Tanh]
ALL = [ReLU, Identity, Sigmoid, Tanh, Softmax]

sizes = st.integers(1, 8)
batches = st.integers(1, 6)
seeds = st.integers(0, 2**32 - 1)


def my_softmax(z):
    """Softmax of one column, straight from the definition (moderate z only)."""
    e = np.exp(np.asarray(z, dtype=np.float64))
    return e / e.sum()


# --- known values -----------------------------------------------------------------


def test_relu_known_values():
    Z = np.array([[-2.0, 0.0, 3.0], [0.5, -0.1, 7.0]])
    np.testing.assert_array_equal(ReLU().forward(Z), [[0.0, 0.0, 3.0], [0.5, 0.0, 7.0]])
    # the derivative at exactly 0 is taken as 0
    np.testing.assert_array_equal(ReLU().derivative(Z), [[0.0, 0.0, 1.0], [1.0, 0.0, 1.0]])


def test_identity_known_values():
    Z = np.array([[-2.0, 0.0], [3.5, 1e6]])
    np.testing.assert_array_equal(Identity().forward(Z), Z)
    np.testing.assert_array_equal(Identity().derivative(Z), np.ones((2, 2)))
    dLdA = np.array([[1.0, -2.0], [3.0, 4.0]])
    np.testing.assert_array_equal(Identity().backward(Z, dLdA), dLdA)


def test_sigmoid_known_values():
    Z = np.array([[0.0, 2.0, -2.0]])
    want = [[0.5, 1 / (1 + math.exp(-2.0)), 1 / (1 + math.exp(2.0))]]
    np.testing.assert_allclose(Sigmoid().forward(Z), want, rtol=1e-15)
    np.testing.assert_allclose(Sigmoid().derivative(np.array([[0.0]])), [[0.25]], rtol=1e-15)


def test_tanh_known_values():
    Z = np.array([[0.0], [1.0], [-0.5]])
    np.testing.assert_allclose(Tanh().forward(Z), [[0.0], [math.tanh(1.0)], [math.tanh(-0.5)]],
                               rtol=1e-15)
    np.testing.assert_allclose(Tanh().derivative(np.array([[1.0]])),
                               [[1 - math.tanh(1.0) ** 2]], rtol=1e-14)


def test_softmax_known_values():
    Z = np.array([[1.0], [2.0], [3.0]])
    np.testing.assert_allclose(Softmax().forward(Z),
                               [[0.09003057317038046], [0.24472847105479767],
                                [0.6652409557748219]], rtol=1e-14)


def test_sigmoid_saturates_without_overflow():
    # pyproject turns warnings into errors, so an overflow in exp would fail here
    A = Sigmoid().forward(np.array([[-1000.0, 1000.0, -1e300, 1e300]]))
    np.testing.assert_array_equal(A, [[0.0, 1.0, 0.0, 1.0]])
    np.testing.assert_array_equal(Sigmoid().derivative(np.array([[-1000.0, 1000.0]])),
                                  [[0.0, 0.0]])


@pytest.mark.parametrize("cls", ALL)
def test_forward_keeps_shape_and_input(cls):
    Z = np.random.default_rng(0).normal(size=(4, 3))
    before = Z.copy()
    A = cls().forward(Z)
    assert A.shape == (4, 3)
    np.testing.assert_array_equal(Z, before)


def test_softmax_has_no_elementwise_derivative():
    # erratum 8: an element-wise dA/dZ cannot represent softmax's gradient
    assert not hasattr(Softmax(), "derivative")


# --- gradients by central differences ---------------------------------------------


@pytest.mark.parametrize("cls", ALL)
@settings(max_examples=25)
@given(units=sizes, batch=batches, seed=seeds)
def test_backward_matches_central_differences(cls, units, batch, seed):
    rng = np.random.default_rng(seed)
    Z = rng.normal(0.0, 2.0, size=(units, batch))
    if cls is ReLU:
        assume(away_from_zero(Z))
    dLdA = rng.normal(size=(units, batch))
    act = cls()

    def loss(Zp):
        return np.sum(dLdA * act.forward(Zp))

    got = act.backward(Z, dLdA)
    assert got.shape == Z.shape
    np.testing.assert_allclose(got, central_diff(loss, Z), rtol=RTOL, atol=ATOL)


@pytest.mark.parametrize("cls", ELEMENTWISE)
@settings(max_examples=25)
@given(units=sizes, batch=batches, seed=seeds)
def test_derivative_matches_central_differences(cls, units, batch, seed):
    rng = np.random.default_rng(seed)
    Z = rng.normal(0.0, 2.0, size=(units, batch))
    if cls is ReLU:
        assume(away_from_zero(Z))
    act, h = cls(), 1e-6
    numeric = (act.forward(Z + h) - act.forward(Z - h)) / (2 * h)
    np.testing.assert_allclose(act.derivative(Z), numeric, rtol=RTOL, atol=ATOL)


# --- Softmax: the full Jacobian ---------------------------------------------------


@settings(max_examples=40)
@given(units=sizes, seed=seeds)
def test_softmax_jacobian_is_diag_s_minus_s_sT(units, seed):
    z = np.random.default_rng(seed).normal(0.0, 2.0, size=(units, 1))
    s = my_softmax(z[:, 0])
    want = np.diag(s) - np.outer(s, s)
    J = Softmax().jacobian(z)
    assert J.shape == (units, units)
    np.testing.assert_allclose(J, want, rtol=1e-12, atol=1e-15)
    numeric = central_jacobian(lambda v: my_softmax(v), z[:, 0])
    np.testing.assert_allclose(J, numeric, rtol=RTOL, atol=ATOL)


@settings(max_examples=40)
@given(units=st.integers(2, 8), batch=batches, seed=seeds)
def test_softmax_backward_is_jacobian_transpose_times_dLdA(units, batch, seed):
    rng = np.random.default_rng(seed)
    Z = rng.normal(0.0, 2.0, size=(units, batch))
    dLdA = rng.normal(size=(units, batch))
    got = Softmax().backward(Z, dLdA)
    for j in range(batch):
        s = my_softmax(Z[:, j])
        J = np.diag(s) - np.outer(s, s)
        np.testing.assert_allclose(got[:, j], J.T @ dLdA[:, j], rtol=1e-10, atol=1e-13)
    # the off-diagonal terms matter: the element-wise guess s (1 - s) is wrong in general
    S = np.apply_along_axis(my_softmax, 0, Z)
    assert not np.allclose(got, dLdA * S * (1 - S), rtol=1e-6, atol=1e-9)


# --- Softmax: huge logits, independent columns ------------------------------------

BIG = 1e300
MAX = np.finfo(np.float64).max

HUGE_CASES = {
    "+big,-big": ([[BIG], [-BIG]], [[1.0], [0.0]]),
    "-big,+big": ([[-BIG], [BIG]], [[0.0], [1.0]]),
    "all +big": ([[BIG], [BIG]], [[0.5], [0.5]]),
    "all -big": ([[-BIG], [-BIG], [-BIG], [-BIG]], [[0.25]] * 4),
    "big,0,-big": ([[BIG], [0.0], [-BIG]], [[1.0], [0.0], [0.0]]),
    "two columns": ([[BIG, -BIG], [0.0, 1.0]], [[1.0, 0.0], [0.0, 1.0]]),
    "tie at big": ([[BIG, 3.0], [BIG, 3.0], [-BIG, 3.0]], [[0.5, 1 / 3], [0.5, 1 / 3],
                                                          [0.0, 1 / 3]]),
    "float max": ([[MAX], [-MAX]], [[1.0], [0.0]]),
    "float max tie": ([[MAX], [MAX], [0.0]], [[0.5], [0.5], [0.0]]),
}


@pytest.mark.parametrize("Z, want", HUGE_CASES.values(), ids=HUGE_CASES.keys())
def test_softmax_finite_and_normalised_for_huge_logits(Z, want):
    Z = np.array(Z)
    A = Softmax().forward(Z)
    assert np.all(np.isfinite(A))
    np.testing.assert_allclose(A.sum(axis=0), np.ones(Z.shape[1]), rtol=1e-15)
    np.testing.assert_allclose(A, want, rtol=1e-15, atol=1e-300)
    dLdZ = Softmax().backward(Z, np.ones_like(Z))
    assert np.all(np.isfinite(dLdZ))


@settings(max_examples=40)
@given(units=sizes, batch=st.integers(2, 6), seed=seeds,
       scale=st.sampled_from([1.0, 50.0, 1e3, 1e100, 1e300]))
def test_softmax_columns_are_independent(units, batch, seed, scale):
    rng = np.random.default_rng(seed)
    Z = rng.normal(size=(units, batch)) * scale
    A = Softmax().forward(Z)
    assert np.all(np.isfinite(A)) and np.all(A >= 0)
    np.testing.assert_allclose(A.sum(axis=0), np.ones(batch), rtol=1e-13)
    # (up to rounding: a column alone may be summed in another order than in a matrix)
    for j in range(batch):
        np.testing.assert_allclose(A[:, j:j + 1], Softmax().forward(Z[:, j:j + 1]),
                                   rtol=1e-13, atol=0)
    # changing one column changes no other column
    Z2 = Z.copy()
    Z2[:, 0] = rng.normal(size=units) * scale
    np.testing.assert_allclose(Softmax().forward(Z2)[:, 1:], A[:, 1:], rtol=1e-13, atol=0)


@settings(max_examples=30)
@given(units=sizes, seed=seeds, shift=st.floats(-1e3, 1e3))
def test_softmax_ignores_a_constant_added_to_a_column(units, seed, shift):
    z = np.random.default_rng(seed).normal(size=(units, 1))
    np.testing.assert_allclose(Softmax().forward(z + shift), my_softmax(z[:, 0])[:, None],
                               rtol=1e-9, atol=1e-15)
