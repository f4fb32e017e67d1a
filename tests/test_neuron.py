"""Neuron: forward, backward by hand, the article's errata 1-3, clipping."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numdiff import ATOL, RTOL, central_diff

from nnfs import MSE, Neuron

sizes = st.integers(1, 8)
seeds = st.integers(0, 2**32 - 1)


def make_neuron(w, b, clip=None):
    n = Neuron(len(w), clip=clip, rng=0)
    n.w = np.array([w], dtype=np.float64)
    n.b = np.array([[b]], dtype=np.float64)
    return n


def test_init_shapes_and_scale():
    n = Neuron(6, rng=1)
    assert n.w.shape == (1, 6) and n.b.shape == (1, 1)
    assert n.input_size == 6
    # randn * 0.01: tiny, but not all zero
    assert 0 < np.max(np.abs(n.w)) < 0.1


def test_same_rng_seed_same_weights():
    np.testing.assert_array_equal(Neuron(4, rng=7).w, Neuron(4, rng=7).w)
    assert not np.array_equal(Neuron(4, rng=7).w, Neuron(4, rng=8).w)


def test_forward_by_hand():
    n = make_neuron([1.0, 2.0], 0.5)
    z = n.forward(np.array([[3.0], [4.0]]))
    assert z.shape == (1, 1)
    assert z[0, 0] == pytest.approx(1 * 3 + 2 * 4 + 0.5)


def test_backward_by_hand():
    # w = [1, 2], b = 0.5, x = [3, 4], dL/dz = 0.5, lr = 0.1
    # dL/dw = 0.5 * [3, 4] = [1.5, 2];  w <- [1 - 0.15, 2 - 0.2] = [0.85, 1.8]
    # dL/db = 0.5;  b <- 0.5 - 0.05 = 0.45;  dL/dx = w^T * 0.5 = [0.5, 1.0]
    n = make_neuron([1.0, 2.0], 0.5)
    n.forward(np.array([[3.0], [4.0]]))
    dLdx = n.backward(np.array([0.5]), 0.1)
    assert dLdx.shape == (2, 1)
    np.testing.assert_allclose(dLdx, [[0.5], [1.0]], rtol=1e-15)
    np.testing.assert_allclose(n.w, [[0.85, 1.8]], rtol=1e-15)
    np.testing.assert_allclose(n.b, [[0.45]], rtol=1e-15)


def test_erratum1_backward_runs_without_attribute_error():
    # the article checks (1, self.input_size) but never sets input_size
    n = Neuron(3, rng=0)
    n.forward(np.ones((3, 1)))
    n.backward(np.array([1.0]), 0.01)  # must not raise


def test_erratum2_returns_weights_times_error_not_weights():
    n = make_neuron([1.0, -2.0, 3.0], 0.0)
    n.forward(np.array([[1.0], [1.0], [1.0]]))
    dLdx = n.backward(np.array([-4.0]), 1e-3)
    np.testing.assert_allclose(dLdx, [[-4.0], [8.0], [-12.0]], rtol=1e-15)
    assert not np.allclose(dLdx, [[1.0], [-2.0], [3.0]])


def test_erratum3_returned_error_uses_weights_before_the_update():
    w0 = [1.0, 2.0]
    n = make_neuron(w0, 0.0)
    n.forward(np.array([[1.0], [1.0]]))
    dLdx = n.backward(np.array([1.0]), 0.5)   # w becomes [0.5, 1.5]
    np.testing.assert_allclose(n.w, [[0.5, 1.5]], rtol=1e-15)
    np.testing.assert_allclose(dLdx, [[1.0], [2.0]], rtol=1e-15)
    # and what was returned is not a view of w that later updates would change
    n.forward(np.array([[1.0], [1.0]]))
    n.backward(np.array([1.0]), 0.5)
    np.testing.assert_allclose(dLdx, [[1.0], [2.0]], rtol=1e-15)


def test_clipping_bounds_each_update_to_the_learning_rate():
    # gradients 100 * [5, -3] and 100, clipped to [-1, 1] BEFORE lr: each update is +-lr
    n = make_neuron([1.0, 2.0], 0.0, clip=1.0)
    n.forward(np.array([[5.0], [-3.0]]))
    dLdx = n.backward(np.array([100.0]), 0.01)
    np.testing.assert_allclose(n.w, [[1.0 - 0.01, 2.0 + 0.01]], rtol=1e-15)
    np.testing.assert_allclose(n.b, [[-0.01]], rtol=1e-15)
    # clipping bounds the update, not the error sent back: w^T * 100
    np.testing.assert_allclose(dLdx, [[100.0], [200.0]], rtol=1e-15)


def test_clipping_leaves_small_gradients_alone():
    n = make_neuron([0.0, 0.0], 0.0, clip=1.0)
    n.forward(np.array([[0.5], [-0.25]]))
    n.backward(np.array([1.0]), 0.1)
    np.testing.assert_allclose(n.w, [[-0.05, 0.025]], rtol=1e-15)
    np.testing.assert_allclose(n.b, [[-0.1]], rtol=1e-15)


def test_clip_value_other_than_one():
    n = make_neuron([0.0], 0.0, clip=0.25)
    n.forward(np.array([[10.0]]))
    n.backward(np.array([-1.0]), 2.0)
    np.testing.assert_allclose(n.w, [[0.5]], rtol=1e-15)   # +0.25 * 2
    np.testing.assert_allclose(n.b, [[0.5]], rtol=1e-15)


def test_clip_none_does_not_clip():
    n = make_neuron([0.0, 0.0], 0.0, clip=None)
    n.forward(np.array([[5.0], [-3.0]]))
    n.backward(np.array([100.0]), 0.01)
    np.testing.assert_allclose(n.w, [[-5.0, 3.0]], rtol=1e-15)
    np.testing.assert_allclose(n.b, [[-1.0]], rtol=1e-15)


def test_default_clip_is_the_articles_one():
    n = Neuron(1, rng=0)
    n.w[:] = 0.0
    n.b[:] = 0.0
    n.forward(np.array([[1e6]]))
    n.backward(np.array([1e6]), 0.1)
    np.testing.assert_allclose(n.w, [[-0.1]], rtol=1e-15)


@settings(max_examples=40)
@given(n_in=sizes, seed=seeds)
def test_gradients_match_central_differences(n_in, seed):
    """L = g z(x, w, b); backward(g, lr=1) must return dL/dx and step w, b by -dL/dw, -dL/db."""
    rng = np.random.default_rng(seed)
    neuron = Neuron(n_in, clip=None, rng=rng, scale=1.0)
    x = rng.normal(size=(n_in, 1))
    g = rng.normal()
    w0, b0 = neuron.w.copy(), neuron.b.copy()

    dx_num = central_diff(lambda xp: g * (w0 @ xp + b0)[0, 0], x)
    dw_num = central_diff(lambda wp: g * (wp @ x + b0)[0, 0], w0)
    db_num = central_diff(lambda bp: g * (w0 @ x + bp)[0, 0], b0)

    z = neuron.forward(x)
    np.testing.assert_allclose(z, w0 @ x + b0, rtol=1e-14, atol=1e-14)
    dx = neuron.backward(np.array([g]), 1.0)
    np.testing.assert_allclose(dx, dx_num, rtol=RTOL, atol=ATOL)
    np.testing.assert_allclose(w0 - neuron.w, dw_num, rtol=RTOL, atol=ATOL)
    np.testing.assert_allclose(b0 - neuron.b, db_num, rtol=RTOL, atol=ATOL)


def test_error_of_shape_1_1_is_taken_like_shape_1():
    # MSE().backward gives a (1, 1) array for a one-output neuron
    a, b = make_neuron([1.0, 2.0], 0.5), make_neuron([1.0, 2.0], 0.5)
    x = np.array([[3.0], [4.0]])
    a.forward(x)
    b.forward(x)
    np.testing.assert_array_equal(a.backward(np.array([[0.5]]), 0.1),
                                  b.backward(np.array([0.5]), 0.1))
    np.testing.assert_array_equal(a.w, b.w)
    np.testing.assert_array_equal(a.b, b.b)


def test_backward_takes_the_mse_gradient_of_shape_1_1():
    a, b = Neuron(3, rng=0, clip=None), Neuron(3, rng=0, clip=None)
    x = np.array([[1.0], [2.0], [3.0]])
    z = a.forward(x)
    b.forward(x)
    err = MSE().backward(z, np.zeros((1, 1)))            # shape (1, 1)
    np.testing.assert_array_equal(a.backward(err, 0.1), b.backward(err.reshape(1), 0.1))
    np.testing.assert_array_equal(a.w, b.w)
    with pytest.raises(ValueError, match=r"shape \(1,\) or \(1, 1\), got shape \(1, 2\)"):
        a.backward(np.zeros((1, 2)), 0.1)


def test_initial_weights_for_a_fixed_seed_are_pinned():
    n = Neuron(3, rng=0)                                  # randn * 0.01, w then b
    np.testing.assert_allclose(n.w, [[0.00125730221093, -0.00132104863291, 0.00640422650443]],
                               rtol=1e-11)
    np.testing.assert_allclose(n.b, [[0.00104900117153]], rtol=1e-11)
