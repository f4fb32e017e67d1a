"""nnfs.article_runs: the vectorised loop of notebook 04 computes what the article's objects do.

The oracle is the article's design written out as it prints it (notebook 03): one Neuron
object per unit, each clipping and applying its own update, the layer summing what the
neurons send back; and nnfs's own networks for the fixed variants.
"""

import numpy as np
import pytest

import nnfs
from nnfs.article_runs import (
    SIZES,
    article_init,
    forward_many,
    run_settings,
    start_weights,
    train_many,
)
from nnfs.data import make_series, window

X_ALL, Y_ALL = window(make_series(), window_size=5, forecast_size=2)
X, Y = X_ALL[:12], Y_ALL[:12]


def article_objects_loss(start, lr, epochs, backward, output):
    """The article's per-neuron loop (notebook 03), errata switchable; mean MSE per epoch."""
    Ws = [W.copy() for W, _ in start]
    Bs = [B.copy() for _, B in start]
    losses = []
    for _ in range(epochs):
        total = 0.0
        for xi, yi in zip(X, Y, strict=True):
            A, inputs, Zs = xi.reshape(-1, 1), [], []
            for k, (W, B) in enumerate(zip(Ws, Bs, strict=True)):
                inputs.append(A)
                Z = np.vstack([W[i:i + 1] @ A + B[i:i + 1] for i in range(len(W))])
                Zs.append(Z)
                if k < 2:
                    A = np.maximum(Z, 0)
                elif output == "identity":
                    A = Z
                else:
                    A = np.exp(Z - Z.max()) / np.exp(Z - Z.max()).sum()
            total += float(np.mean((A - yi.reshape(-1, 1)) ** 2))
            dLdA = (A - yi.reshape(-1, 1))
            for k in (2, 1, 0):
                W, B, Z = Ws[k], Bs[k], Zs[k]
                if k < 2:
                    dAdZ = (Z > 0).astype(float)
                    dLdZ = dLdA * dAdZ
                elif output == "identity":
                    dLdZ = dLdA
                elif output == "element-wise":
                    dLdZ = dLdA * A * (1 - A)
                else:
                    J = np.diagflat(A) - A @ A.T
                    dLdZ = J.T @ dLdA
                sent = np.zeros((W.shape[1], 1))
                for i in range(len(W)):                        # each neuron on its own
                    error = dLdZ[i, 0]
                    before = W[i].copy()
                    W[i] -= lr * np.clip(error * inputs[k][:, 0], -1, 1)
                    B[i] -= lr * np.clip(error, -1, 1)
                    row = W[i] if backward == "printed" else before * error
                    sent += row.reshape(-1, 1)
                dLdA = sent
        losses.append(total / len(X))
    return np.array(losses)


def one(start):
    return [(W[None].copy(), B[None].copy()) for W, B in start]


@pytest.mark.parametrize("backward", ["printed", "fixed"])
@pytest.mark.parametrize("output", ["element-wise", "exact", "identity"])
@pytest.mark.parametrize(("init", "lr"), [("article", 0.0001), ("he", 0.03)])
def test_train_many_is_the_article_loop_of_one_network(backward, output, init, lr):
    rng = np.random.default_rng(7)
    start = article_init(rng) if init == "article" else start_weights(
        [(rng.standard_normal((n_out, n_in)), np.zeros((n_out, 1))) for n_in, n_out in SIZES],
        "he")
    fast = train_many(one(start), X, Y, lr, 3, backward, output)
    assert fast.shape == (3, 1)
    # rtol: the two sum the same terms in a different order; 3 epochs of 12 samples
    np.testing.assert_allclose(fast[:, 0], article_objects_loss(start, lr, 3, backward, output),
                               rtol=1e-9, atol=0)


@pytest.mark.parametrize(("activation", "layer"), [(nnfs.Softmax, nnfs.NeuronLayer),
                                                   (nnfs.Identity, nnfs.Layer)])
def test_the_fixed_loop_is_nnfs_with_clipping(activation, layer):
    rng = np.random.default_rng(8)
    start = [(rng.standard_normal((n_out, n_in)) * np.sqrt(2 / n_in), np.zeros((n_out, 1)))
             for n_in, n_out in SIZES]
    layers = []
    for (n_in, n_out), (W, B) in zip(SIZES, start, strict=True):
        made = layer(n_in, n_out, activation() if n_out == 2 else nnfs.ReLU(), clip=1.0, rng=0)
        made.W, made.B = W.copy(), B.copy()      # Layer keeps the very arrays it is given
        layers.append(made)
    reference = nnfs.Network(layers, nnfs.MSE()).train(X, Y, 0.03, 3).train_loss
    output = "exact" if activation is nnfs.Softmax else "identity"
    np.testing.assert_allclose(train_many(one(start), X, Y, 0.03, 3, "fixed", output)[:, 0],
                               reference, rtol=1e-9, atol=0)


def test_the_trained_weights_give_the_outputs_of_the_last_epoch_and_start_is_kept():
    start = one(article_init(np.random.default_rng(4)))
    kept = [(W.copy(), B.copy()) for W, B in start]
    losses, trained = train_many(start, X, Y, 0.03, 1, "fixed", "identity", return_weights=True)
    assert all(np.array_equal(W, W0) and np.array_equal(B, B0)
               for (W, B), (W0, B0) in zip(start, kept, strict=True))
    again = train_many(trained, X, Y, 0.0, 1, "fixed", "identity")    # lr 0: the loss as it is
    A = forward_many(trained, X.T, "identity")                          # (1, 2, 12)
    assert A.shape == (1, 2, len(X))
    np.testing.assert_allclose(again[0, 0], np.mean((A[0] - Y.T) ** 2), rtol=1e-12)
    assert losses.shape == (1, 1)
    S = forward_many(trained, X.T, "exact")
    np.testing.assert_allclose(S.sum(axis=1), 1.0, rtol=1e-12)         # Softmax columns


def test_networks_side_by_side_train_as_if_alone():
    rng = np.random.default_rng(9)
    normals = [(rng.standard_normal((3, n_out, n_in)), rng.standard_normal((3, n_out, 1)))
               for n_in, n_out in SIZES]
    start = start_weights(normals, "he")
    lr = np.array([0.01, 0.03, 0.001]).reshape(-1, 1, 1)
    together = train_many(start, X, Y, lr, 2, "fixed", "identity")
    for d in range(3):
        alone = train_many([(W[d:d + 1], B[d:d + 1]) for W, B in start], X, Y,
                           float(lr[d, 0, 0]), 2, "fixed", "identity")
        np.testing.assert_allclose(together[:, d], alone[:, 0], rtol=1e-12)


def test_article_init_draws_neuron_by_neuron_and_start_weights_scales():
    start = article_init(np.random.default_rng(3))
    rng = np.random.default_rng(3)
    for (n_in, n_out), (W, B) in zip(SIZES, start, strict=True):
        assert W.shape == (n_out, n_in) and B.shape == (n_out, 1)
        for i in range(n_out):
            np.testing.assert_array_equal(W[i:i + 1], rng.standard_normal((1, n_in)) * 0.01)
            np.testing.assert_array_equal(B[i:i + 1], rng.standard_normal((1, 1)) * 0.01)
    normals = [(np.ones((2, n_out, n_in)), np.ones((2, n_out, 1))) for n_in, n_out in SIZES]
    he = start_weights(normals, "he")
    assert all(np.allclose(W, np.sqrt(2 / n_in)) and not B.any()
               for (n_in, _), (W, B) in zip(SIZES, he, strict=True))
    assert all(np.allclose(W, 0.01) and np.allclose(B, 0.01)
               for W, B in start_weights(normals, 0.01))


def test_run_settings_finds_twins_steady_and_groups_settings():
    rng = np.random.default_rng(10)
    normals = [(rng.standard_normal((4, n_out, n_in)), rng.standard_normal((4, n_out, 1)))
               for n_in, n_out in SIZES]
    settings = [("a", "fixed", "identity", "he", 0.01), ("b", "fixed", "identity", 0.01, 0.03)]
    runs, twins = run_settings(settings, normals, X, Y, 2)
    assert set(runs) == set(twins) == {"a", "b"}
    for label, _, output, init, lr in settings:
        alone = train_many(start_weights(normals, init), X, Y, lr, 2, "fixed", output)
        np.testing.assert_allclose(runs[label], alone, rtol=1e-12)
        np.testing.assert_allclose(twins[label], runs[label], rtol=1e-9)   # steady: no chaos
        assert not np.array_equal(twins[label], runs[label])               # but nudged


@pytest.mark.parametrize(("args", "words"), [
    ({"backward": "as printed"}, "backward must be one of"),
    ({"output": "softmax"}, "output must be one of")])
def test_an_unknown_switch_is_refused_by_name(args, words):
    kwargs = {"backward": "fixed", "output": "identity", **args}
    with pytest.raises(ValueError, match=words):
        train_many(one(article_init(np.random.default_rng(0))), X, Y, 0.1, 1, **kwargs)
    with pytest.raises(ValueError, match="init must be a number or 'he'"):
        start_weights([], "xavier")
