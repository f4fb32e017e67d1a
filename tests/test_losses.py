"""MSE: hand-computed values, the exact derivative, and batches as means of samples."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numdiff import ATOL, RTOL, central_diff

from nnfs import MSE

sizes = st.integers(1, 8)
batches = st.integers(1, 6)
seeds = st.integers(0, 2**32 - 1)


def test_single_column_by_hand():
    pred = np.array([[1.0], [3.0]])
    y = np.array([[0.0], [1.0]])
    # ((1 - 0)^2 + (3 - 1)^2) / 2 = 2.5;  dL/dpred = 2 (pred - y) / 2
    assert MSE().forward(pred, y) == pytest.approx(2.5, rel=1e-15)
    np.testing.assert_allclose(MSE().backward(pred, y), [[1.0], [2.0]], rtol=1e-15)


def test_batch_by_hand():
    pred = np.array([[1.0, 0.0, 2.0], [3.0, 0.0, 2.0]])
    y = np.array([[0.0, 0.0, 0.0], [1.0, 1.0, 2.0]])
    # sample losses: (1 + 4) / 2 = 2.5, (0 + 1) / 2 = 0.5, (4 + 0) / 2 = 2; their mean 5/3
    assert MSE().forward(pred, y) == pytest.approx(5 / 3, rel=1e-15)
    # derivative of sum / 6: 2 (pred - y) / 6
    np.testing.assert_allclose(MSE().backward(pred, y),
                               [[1 / 3, 0.0, 2 / 3], [2 / 3, -1 / 3, 0.0]], rtol=1e-15)


def test_perfect_prediction_is_zero_loss_and_zero_gradient():
    y = np.array([[0.3, 0.1], [0.2, 0.9]])
    assert MSE().forward(y.copy(), y) == 0.0
    np.testing.assert_array_equal(MSE().backward(y.copy(), y), np.zeros((2, 2)))


def test_forward_returns_a_python_float():
    assert type(MSE().forward(np.ones((2, 3)), np.zeros((2, 3)))) is float


@settings(max_examples=40)
@given(outputs=sizes, batch=batches, seed=seeds)
def test_backward_is_the_derivative_of_forward(outputs, batch, seed):
    rng = np.random.default_rng(seed)
    pred = rng.normal(size=(outputs, batch))
    y = rng.normal(size=(outputs, batch))
    numeric = central_diff(lambda p: MSE().forward(p, y), pred)
    np.testing.assert_allclose(MSE().backward(pred, y), numeric, rtol=RTOL,
                               atol=ATOL)


@settings(max_examples=40)
@given(outputs=sizes, batch=batches, seed=seeds)
def test_batch_loss_is_mean_of_sample_losses(outputs, batch, seed):
    rng = np.random.default_rng(seed)
    pred = rng.normal(size=(outputs, batch))
    y = rng.normal(size=(outputs, batch))
    per_sample = [np.mean((pred[:, j] - y[:, j]) ** 2) for j in range(batch)]
    assert MSE().forward(pred, y) == pytest.approx(np.mean(per_sample), rel=1e-12)
    # and each column alone gives that sample's loss
    for j in range(batch):
        assert MSE().forward(pred[:, j:j + 1], y[:, j:j + 1]) == pytest.approx(
            per_sample[j], rel=1e-12)


@settings(max_examples=40)
@given(outputs=sizes, batch=batches, seed=seeds)
def test_batch_gradient_is_mean_of_sample_gradients(outputs, batch, seed):
    rng = np.random.default_rng(seed)
    pred = rng.normal(size=(outputs, batch))
    y = rng.normal(size=(outputs, batch))
    per_sample = np.hstack([MSE().backward(pred[:, j:j + 1], y[:, j:j + 1])
                            for j in range(batch)])
    # d(mean of sample losses)/d(pred[:, j]) = (1 / batch) d(loss_j)/d(pred[:, j])
    np.testing.assert_allclose(MSE().backward(pred, y), per_sample / batch, rtol=1e-12)
    np.testing.assert_allclose(per_sample, 2 * (pred - y) / outputs, rtol=1e-12)


def test_inputs_are_not_modified():
    pred, y = np.array([[1.0, 2.0]]), np.array([[0.5, 0.5]])
    p0, y0 = pred.copy(), y.copy()
    MSE().forward(pred, y)
    MSE().backward(pred, y)
    np.testing.assert_array_equal(pred, p0)
    np.testing.assert_array_equal(y, y0)
