"""Spirals and one-hot targets, and a network that learns to classify them."""

import copy

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnfs import MSE, Adam, CrossEntropy, Layer, Network, ReLU, Softmax
from nnfs.data import make_spirals, one_hot

# --- make_spirals ---------------------------------------------------------------------


def test_shapes_dtypes_and_classes_in_order():
    x, labels = make_spirals(50, 4)
    assert x.shape == (200, 2) and x.dtype == np.float64
    assert labels.shape == (200,) and labels.dtype == np.int64
    np.testing.assert_array_equal(labels, np.repeat(np.arange(4), 50))


def test_radius_runs_from_0_to_1_on_every_arm():
    x, labels = make_spirals(30, 3, noise=0.5)
    r = np.hypot(x[:, 0], x[:, 1])
    for c in range(3):
        np.testing.assert_allclose(r[labels == c], np.linspace(0, 1, 30), rtol=0, atol=1e-15)


def test_without_noise_the_formula_and_the_rotation_between_arms():
    x, labels = make_spirals(20, 3, noise=0)
    r = np.linspace(0, 1, 20)
    angle0 = 4 * r
    np.testing.assert_allclose(x[:20], np.column_stack([r * np.cos(angle0), r * np.sin(angle0)]),
                               rtol=0, atol=1e-15)
    # arm c is arm 0 turned by 2 pi c / 3
    for c in (1, 2):
        t = 2 * np.pi * c / 3
        R = np.array([[np.cos(t), -np.sin(t)], [np.sin(t), np.cos(t)]])
        np.testing.assert_allclose(x[labels == c], x[:20] @ R.T, rtol=0, atol=1e-14)
    # and then no seed matters
    np.testing.assert_array_equal(make_spirals(20, 3, noise=0, seed=1)[0],
                                  make_spirals(20, 3, noise=0, seed=2)[0])


def test_deterministic_per_seed():
    a, la = make_spirals(40, 3, seed=5)
    b, lb = make_spirals(40, 3, seed=5)
    np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(la, lb)
    assert not np.array_equal(a, make_spirals(40, 3, seed=6)[0])
    assert np.array_equal(make_spirals(40, 3)[0], make_spirals(40, 3, seed=0)[0])
    gen = np.random.default_rng(5)
    np.testing.assert_array_equal(make_spirals(40, 3, seed=gen)[0], a)


@settings(max_examples=30, derandomize=True)
@given(n=st.integers(2, 200), k=st.integers(2, 7), seed=st.integers(0, 2**32 - 1),
       noise=st.floats(0, 3, allow_nan=False))
def test_always_finite_inside_the_unit_disc(n, k, seed, noise):
    x, labels = make_spirals(n, k, noise=noise, seed=seed)
    assert x.shape == (n * k, 2) and labels.shape == (n * k,)
    assert np.all(np.isfinite(x))
    assert np.all(np.hypot(x[:, 0], x[:, 1]) <= 1 + 1e-15)
    assert np.all(np.bincount(labels, minlength=k) == n)


BAD_SPIRALS = [
    ((0, 3), {}, ValueError, r"^n_per_class must be a positive integer, got 0$"),
    ((1, 3), {}, ValueError, r"^n_per_class must be at least 2 to draw an arm, got 1$"),
    ((2.0, 3), {}, TypeError, r"^n_per_class must be a positive integer, got 2\.0 of type float"),
    ((10, 1), {}, ValueError, r"^n_classes must be at least 2 to classify, got 1$"),
    ((10, True), {}, TypeError, r"^n_classes must be a positive integer, got True of type bool"),
    ((10, 3), {"noise": -0.1}, ValueError, r"^noise must be a finite number >= 0, got -0\.1$"),
    ((10, 3), {"noise": float("nan")}, ValueError, r"^noise must be a finite number >= 0"),
    ((10, 3), {"noise": "0.2"}, TypeError,
     r"^noise must be a number >= 0, got '0\.2' of type str$"),
    ((10, 3), {"seed": "0"}, TypeError,
     r"^seed must be None, an int seed or a numpy\.random\.Generator, got '0'$"),
]


@pytest.mark.parametrize("args, kwargs, exc, match", BAD_SPIRALS,
                         ids=[m[3][1:30] for m in BAD_SPIRALS])
def test_make_spirals_refuses_bad_input(args, kwargs, exc, match):
    with pytest.raises(exc, match=match):
        make_spirals(*args, **kwargs)


# --- one_hot --------------------------------------------------------------------------

def test_one_hot_by_hand():
    np.testing.assert_array_equal(one_hot([2, 0, 1, 2], 3),
                                  [[0, 0, 1], [1, 0, 0], [0, 1, 0], [0, 0, 1]])
    assert one_hot([2, 0], 4).dtype == np.float64
    assert one_hot([], 3).shape == (0, 3)
    assert one_hot(np.array([1, 0], dtype=np.uint8), np.int64(2)).tolist() == [[0, 1], [1, 0]]


@settings(max_examples=30, derandomize=True)
@given(k=st.integers(1, 10), data=st.data())
def test_one_hot_rows_have_a_single_one_at_the_label(k, data):
    labels = np.array(data.draw(st.lists(st.integers(0, k - 1), max_size=30)), dtype=np.int64)
    Y = one_hot(labels, k)
    assert Y.shape == (len(labels), k)
    assert set(np.unique(Y)) <= {0.0, 1.0}
    np.testing.assert_array_equal(Y.sum(axis=1), np.ones(len(labels)))
    np.testing.assert_array_equal(Y.argmax(axis=1) if len(labels) else labels, labels)


BAD_LABELS = [
    ([0, 3, 1], 3, ValueError,
     r"^labels must be in 0 \.\.\. 2 \(n_classes 3\), got 1 outside, "
     r"the first is labels\[1\] = 3$"),
    ([0, -1, -2], 3, ValueError, r"got 2 outside, the first is labels\[1\] = -1$"),
    ([0.0, 1.0], 2, TypeError, r"^labels must be integers, got an array of dtype float64$"),
    (np.array([0.5]), 2, TypeError, r"^labels must be integers, got an array of dtype float64$"),
    ([True, False], 2, TypeError, r"^labels must be integers, got an array of dtype bool$"),
    ([[0], [1]], 2, ValueError,
     r"^labels must be a 1-D array of class indices \(N,\), got shape \(2, 1\)$"),
    (1, 2, ValueError, r"^labels must be a 1-D array of class indices \(N,\), got shape \(\)$"),
    ("012", 3, TypeError, r"^labels must be an array of integers, got str$"),
    (None, 3, TypeError, r"^labels must be an array of integers, got NoneType$"),
    ([0, 1], 0, ValueError, r"^n_classes must be a positive integer, got 0$"),
    ([0, 1], 2.0, TypeError, r"^n_classes must be a positive integer, got 2\.0 of type float"),
]


@pytest.mark.parametrize("labels, k, exc, match", BAD_LABELS,
                         ids=[str(b[0])[:12] + f"-{b[1]}" for b in BAD_LABELS])
def test_one_hot_refuses_bad_labels(labels, k, exc, match):
    with pytest.raises(exc, match=match):
        one_hot(labels, k)


# --- a network learns them ------------------------------------------------------------

def spiral_net(sizes, rng):
    layers = [Layer(a, b, ReLU(), rng=rng) for a, b in zip(sizes[:-2], sizes[1:-1], strict=True)]
    return Network(layers + [Layer(sizes[-2], sizes[-1], Softmax(), rng=rng)], CrossEntropy())


def accuracy(net, x, labels):
    return float(np.mean(net.predict(x).argmax(axis=1) == labels))


def test_training_on_spirals_reaches_well_over_90_percent():
    x, labels = make_spirals(100, 3)
    y = one_hot(labels, 3)
    rng = np.random.default_rng(0)
    net = spiral_net([2, 64, 64, 3], rng)
    linear = spiral_net([2, 3], rng)
    before = accuracy(net, x, labels)
    history = net.train(x, y, 0.01, 30, batch_size=32, shuffle=True, seed=1, optimizer="adam")
    linear.train(x, y, 0.01, 30, batch_size=32, shuffle=True, seed=1, optimizer="adam")
    assert before < 0.6
    assert accuracy(net, x, labels) > 0.95
    assert history[-1] < 0.25 * history[0]
    # the arms are not linearly separable: without hidden layers it stays far below
    assert accuracy(linear, x, labels) < 0.7


@pytest.mark.parametrize("optimizer, lr", [("sgd", 0.2), ("momentum", 0.05), (Adam(), 0.01)])
@pytest.mark.parametrize("batch_size", [1, 16, None])
def test_every_optimizer_and_batch_size_learns(optimizer, lr, batch_size):
    x, labels = make_spirals(30, 3)
    y = one_hot(labels, 3)
    net = spiral_net([2, 16, 3], np.random.default_rng(2))
    h = net.train(x, y, lr, 20, batch_size=batch_size, shuffle=True, seed=0,
                  optimizer=copy.deepcopy(optimizer))
    assert np.all(np.isfinite(h.train_loss))
    assert h[-1] < h[0]
    assert net.evaluate(x, y) < CrossEntropy().forward(np.full((3, 1), 1 / 3), np.eye(3)[:, :1])


def test_softmax_with_mse_trains_on_one_hot_targets_too():
    # the pairing the notebook compares with: it runs, from the same start
    x, labels = make_spirals(30, 3)
    y = one_hot(labels, 3)
    net = spiral_net([2, 16, 3], np.random.default_rng(2))
    mse_net = copy.deepcopy(net).add_loss(MSE())
    h = mse_net.train(x, y, 0.01, 5, batch_size=16, optimizer="adam")
    assert h[-1] < h[0]
