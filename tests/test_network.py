"""Network: building, forward/backward, the training loop and its errata, divergence."""

import contextlib
import io
import re

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from numdiff import ATOL, RTOL, central_diff

import nnfs
from nnfs import MSE, Identity, Layer, Network, NeuronLayer, ReLU, Tanh
from nnfs.data import make_series, train_test_split, window

seeds = st.integers(0, 2**32 - 1)


def series_xy(length=60, seed=1):
    return window(make_series(length, seed=seed))


def small_net(seed=1, hidden=4, act=ReLU, clip=None):
    return Network([Layer(5, hidden, act(), clip=clip, rng=seed),
                    Layer(hidden, 2, Identity(), clip=clip, rng=seed + 100)], MSE())


def weights(net):
    out = []
    for layer in net.layers:
        out += [layer.W.copy(), layer.B.copy()]
    return out


def assert_same_weights(a, b):
    for p, q in zip(weights(a), weights(b), strict=True):
        np.testing.assert_array_equal(p, q)


def run_quiet(fn, *args, **kwargs):
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        result = fn(*args, **kwargs)
    return result, buf.getvalue()


class CountingLayer(Layer):
    """A Layer that records every batch it is given in forward."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.seen = []

    def _forward(self, X):
        self.seen.append(np.array(X, copy=True))
        return super()._forward(X)


# --- building ---------------------------------------------------------------------


def test_sizes_must_chain():
    with pytest.raises(ValueError, match=r"expects 4 inputs but the layer before it gives 3"):
        Network([Layer(5, 3, ReLU()), Layer(4, 2, Identity())], MSE())


def test_add_layers_chains_across_calls_and_a_refused_call_changes_nothing():
    net = Network()
    first = Layer(5, 3, ReLU())
    assert net.add_layers([first]) is net
    with pytest.raises(ValueError, match=r"layer 4 .*expects 2 inputs.*gives 1 outputs"):
        net.add_layers([Layer(3, 2, ReLU()), Layer(2, 2, ReLU()), Layer(2, 1, ReLU()),
                        Layer(2, 2, Identity())])
    assert net.layers == [first]
    second = Layer(3, 2, Identity())
    net.add_layers([second])
    assert net.layers == [first, second]
    assert (net.input_size, net.output_size) == (5, 2)


def test_add_loss_returns_the_network_and_sets_the_loss():
    net = Network()
    loss = MSE()
    assert net.add_loss(loss) is net
    assert net.loss is loss


def test_both_ways_of_building_give_the_same_network():
    x, y = series_xy()
    a = small_net()
    b = Network().add_layers([Layer(5, 4, ReLU(), rng=1)])
    b.add_layers([Layer(4, 2, Identity(), rng=101)]).add_loss(MSE())
    assert_same_weights(a, b)
    a.train(x, y, 0.05, 2)
    b.train(x, y, 0.05, 2)
    assert_same_weights(a, b)


# --- forward and backward ---------------------------------------------------------


def test_forward_composes_the_layers():
    net = small_net(act=Tanh)
    L1, L2 = net.layers
    X = np.random.default_rng(0).normal(size=(5, 3))
    want = L2.W @ np.tanh(L1.W @ X + L1.B) + L2.B
    np.testing.assert_allclose(net.forward(X), want, rtol=1e-13, atol=1e-15)


@settings(max_examples=25)
@given(hidden=st.integers(1, 8), batch=st.integers(1, 6), seed=seeds)
@example(hidden=1, batch=4, seed=60284)     # off by 1.38e-9: failed the former atol=1e-9
def test_network_backward_matches_central_differences(hidden, batch, seed):
    rng = np.random.default_rng(seed)
    net = Network([Layer(5, hidden, Tanh(), rng=rng), Layer(hidden, 3, Tanh(), rng=rng),
                   Layer(3, 2, Identity(), rng=rng)], MSE())
    X = rng.normal(size=(5, batch))
    G = rng.normal(size=(2, batch))
    dX_num = central_diff(lambda Xp: np.sum(G * net.forward(Xp)), X)
    net.forward(X)
    dX = net.backward(G, 0.1)
    np.testing.assert_allclose(dX, dX_num, rtol=RTOL, atol=ATOL)


# --- the training loop --------------------------------------------------------------


@pytest.mark.parametrize("batch_size", [1, 3, 4, 10, None])
@pytest.mark.parametrize("shuffle", [False, True])
def test_train_visits_every_sample_once_per_epoch(batch_size, shuffle):
    # erratum 5: the article's loop visited window_size (5) samples, not N
    x, y = series_xy(16)      # N = 10 samples of 5 values
    n, epochs = len(x), 3
    counter = CountingLayer(5, 3, ReLU(), rng=0)
    net = Network([counter, Layer(3, 2, Identity(), rng=1)], MSE())
    net.train(x, y, 0.01, epochs, batch_size=batch_size, shuffle=shuffle, seed=0)
    bs = n if batch_size is None else batch_size
    assert len(counter.seen) == epochs * -(-n // bs)
    columns = np.hstack(counter.seen)
    assert columns.shape == (5, epochs * n)
    for e in range(epochs):
        epoch_cols = columns[:, e * n:(e + 1) * n].T
        # every sample exactly once (as a multiset of rows)
        np.testing.assert_array_equal(np.sort(epoch_cols, axis=0), np.sort(x, axis=0))
        got = sorted(map(tuple, epoch_cols))
        assert got == sorted(map(tuple, x))
        if not shuffle:
            np.testing.assert_array_equal(epoch_cols, x)


def manual_per_sample(net, x, y, lr, epochs):
    """The corrected article loop: every one of the N samples, one column at a time."""
    losses = []
    for _ in range(epochs):
        total = 0.0
        for i in range(len(x)):
            A = x[i].reshape(-1, 1)
            for layer in net.layers:
                A = layer.forward(A)
            target = y[i].reshape(-1, 1)
            total += np.mean((A - target) ** 2)
            d = 2 * (A - target) / A.size
            for layer in reversed(net.layers):
                d = layer.backward(d, lr)
        losses.append(total / len(x))
    return losses


@pytest.mark.parametrize("epochs", [1, 3])
def test_batch_size_one_equals_a_manual_loop_over_all_samples(epochs):
    x, y = series_xy(60)
    trained, by_hand = small_net(), small_net()
    hist = trained.train(x, y, 0.05, epochs, batch_size=1)
    losses = manual_per_sample(by_hand, x, y, 0.05, epochs)
    assert_same_weights(trained, by_hand)
    np.testing.assert_allclose(hist.train_loss, losses, rtol=1e-12)


def test_a_loop_over_window_size_samples_would_be_caught():
    # the buggy article loop (5 samples) gives other weights: the test above can fail
    x, y = series_xy(60)
    trained, buggy = small_net(), small_net()
    trained.train(x, y, 0.05, 1, batch_size=1)
    manual_per_sample(buggy, x[:5], y[:5], 0.05, 1)
    assert not np.array_equal(trained.layers[0].W, buggy.layers[0].W)


def test_full_batch_is_one_gradient_step_on_the_mean_loss():
    x, y = series_xy(20, seed=4)      # N = 14
    net = small_net(seed=3)
    W1, B1, W2, B2 = weights(net)
    lr = 0.3
    # by hand: Z1 = W1 X + B1, A1 = relu(Z1), P = W2 A1 + B2, L = mean((P - Y)^2)
    X, Y = x.T, y.T
    Z1 = W1 @ X + B1
    A1 = np.maximum(Z1, 0)
    P = W2 @ A1 + B2
    L0 = np.mean((P - Y) ** 2)
    dP = 2 * (P - Y) / P.size
    dW2, dB2 = dP @ A1.T, dP.sum(axis=1, keepdims=True)
    dZ1 = (W2.T @ dP) * (Z1 > 0)
    dW1, dB1 = dZ1 @ X.T, dZ1.sum(axis=1, keepdims=True)
    # and the same gradient by central differences of the mean loss, for W1
    dW1_num = central_diff(
        lambda Wp: np.mean((W2 @ np.maximum(Wp @ X + B1, 0) + B2 - Y) ** 2), W1)
    np.testing.assert_allclose(dW1, dW1_num, rtol=1e-6, atol=1e-10)

    hist = net.train(x, y, lr, 1, batch_size=None)
    assert hist[0] == pytest.approx(L0, rel=1e-12)
    for got, want in zip(weights(net), [W1 - lr * dW1, B1 - lr * dB1, W2 - lr * dW2,
                                        B2 - lr * dB2], strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-15)


def test_batch_size_n_equals_batch_size_none():
    x, y = series_xy(30)
    a, b = small_net(), small_net()
    ha = a.train(x, y, 0.1, 3, batch_size=None)
    hb = b.train(x, y, 0.1, 3, batch_size=len(x))
    assert_same_weights(a, b)
    np.testing.assert_array_equal(ha.train_loss, hb.train_loss)


def test_mini_batches_by_hand_including_a_short_last_batch():
    x, y = series_xy(16)      # N = 10: batches of 4, 4, 2
    net, by_hand = small_net(), small_net()
    hist = net.train(x, y, 0.1, 1, batch_size=4)
    total = 0.0
    for start in (0, 4, 8):
        X, Y = x[start:start + 4].T, y[start:start + 4].T
        A = X
        for layer in by_hand.layers:
            A = layer.forward(A)
        total += np.mean((A - Y) ** 2) * X.shape[1]
        d = 2 * (A - Y) / A.size
        for layer in reversed(by_hand.layers):
            d = layer.backward(d, 0.1)
    assert_same_weights(net, by_hand)
    assert hist[0] == pytest.approx(total / 10, rel=1e-12)


def test_history_has_one_loss_per_epoch():
    x, y = series_xy()
    hist = small_net().train(x, y, 0.05, 7)
    assert isinstance(hist, nnfs.History)
    assert len(hist) == 7 and hist.train_loss.shape == (7,)
    assert np.asarray(hist).shape == (7,)
    assert hist.val_loss is None
    assert np.all(np.isfinite(hist.train_loss)) and np.all(hist.train_loss > 0)


def test_validation_history():
    x, y = series_xy(100)
    xt, yt, xv, yv = train_test_split(x, y, 0.25)
    net = small_net()
    hist = net.train(xt, yt, 0.05, 6, validation=(xv, yv))
    assert len(hist.val_loss) == 6 and len(hist.train_loss) == 6
    # the last validation loss is the loss on (xv, yv) with the final weights
    assert hist.val_loss[-1] == pytest.approx(np.mean((net.predict(xv) - yv) ** 2), rel=1e-12)
    # and the first one is after one epoch: a second network trained 1 epoch agrees
    one = small_net()
    one.train(xt, yt, 0.05, 1)
    assert hist.val_loss[0] == pytest.approx(one.evaluate(xv, yv), rel=1e-12)


def test_validation_does_not_change_training():
    x, y = series_xy(100)
    xt, yt, xv, yv = train_test_split(x, y, 0.25)
    a, b = small_net(), small_net()
    ha = a.train(xt, yt, 0.05, 3, validation=(xv, yv))
    hb = b.train(xt, yt, 0.05, 3)
    assert_same_weights(a, b)
    np.testing.assert_array_equal(ha.train_loss, hb.train_loss)


LINE = re.compile(r"^epoch = (\d+), average error = (\S+)$")


@pytest.mark.parametrize("epochs, k", [
    (10, 5), (1000, 10), (50, 5), (20, 1), (3, 5), (1, 10), (4, 5),   # epochs < k: no div by 0
    (10, 3), (7, 2), (10, 4), (99, 10),
])
def test_log_prints_k_lines_in_the_article_style(epochs, k):
    x, y = series_xy(12)
    hist, out = run_quiet(small_net().train, x, y, 0.01, epochs, batch_size=None, log=k)
    lines = out.splitlines()
    assert len(lines) == min(k, epochs), out
    printed = []
    for line in lines:
        m = LINE.match(line)
        assert m, line
        epoch = int(m.group(1))
        printed.append(epoch)
        assert float(m.group(2)) == pytest.approx(hist[epoch], rel=1e-5)
    assert printed[0] == 0
    assert printed == sorted(set(printed))
    assert printed[-1] < epochs


def test_log_spacing_matches_the_article():
    x, y = series_xy(12)
    _, out = run_quiet(small_net().train, x, y, 0.01, 1000, batch_size=None, log=10)
    assert [int(LINE.match(s).group(1)) for s in out.splitlines()] == list(range(0, 1000, 100))


@pytest.mark.parametrize("epochs, k, want", [(10, 4, [0, 2, 5, 7]), (10, 3, [0, 3, 6]),
                                             (7, 2, [0, 3]), (5, 5, [0, 1, 2, 3, 4])])
def test_log_lines_are_at_i_times_epochs_over_log(epochs, k, want):
    # i * epochs // log: evenly spread, also when epochs is not a multiple of log
    x, y = series_xy(12)
    _, out = run_quiet(small_net().train, x, y, 0.01, epochs, batch_size=None, log=k)
    assert [int(LINE.match(s).group(1)) for s in out.splitlines()] == want


def test_log_zero_prints_nothing():
    x, y = series_xy(12)
    _, out = run_quiet(small_net().train, x, y, 0.01, 5)
    assert out == ""


def test_log_with_validation_adds_the_validation_error():
    x, y = series_xy(40)
    hist, out = run_quiet(small_net().train, x, y, 0.01, 4, log=2, validation=(x, y))
    first = out.splitlines()[0]
    m = re.match(r"^epoch = 0, average error = (\S+), validation error = (\S+)$", first)
    assert m, first
    assert float(m.group(2)) == pytest.approx(hist.val_loss[0], rel=1e-5)


def test_shuffle_with_a_seed_is_reproducible():
    x, y = series_xy(60)
    a, b, c, d = small_net(), small_net(), small_net(), small_net()
    ha = a.train(x, y, 0.05, 3, shuffle=True, seed=3)
    hb = b.train(x, y, 0.05, 3, shuffle=True, seed=3)
    c.train(x, y, 0.05, 3, shuffle=True, seed=4)
    d.train(x, y, 0.05, 3, shuffle=False)
    assert_same_weights(a, b)
    np.testing.assert_array_equal(ha.train_loss, hb.train_loss)
    assert not np.array_equal(a.layers[0].W, c.layers[0].W)
    assert not np.array_equal(a.layers[0].W, d.layers[0].W)


def test_shuffled_epoch_is_a_reordered_per_sample_loop():
    x, y = series_xy(30)
    net, by_hand = small_net(), small_net()
    counter_order = np.random.default_rng(11).permutation(len(x))
    net.train(x, y, 0.05, 1, shuffle=True, seed=11)
    manual_per_sample(by_hand, x[counter_order], y[counter_order], 0.05, 1)
    assert_same_weights(net, by_hand)


# --- predict, evaluate, NeuronLayer networks ------------------------------------------


def test_predict_shape_and_values():
    x, _ = series_xy(30)
    net = small_net()
    P = net.predict(x)
    assert P.shape == (len(x), 2)
    L1, L2 = net.layers
    want = (L2.W @ np.maximum(L1.W @ x.T + L1.B, 0) + L2.B).T
    np.testing.assert_allclose(P, want, rtol=1e-13, atol=1e-15)


def test_evaluate_is_the_mse_of_predict():
    x, y = series_xy(30)
    net = small_net()
    assert net.evaluate(x, y) == pytest.approx(np.mean((net.predict(x) - y) ** 2), rel=1e-13)


def neuron_twin(net):
    """A NeuronLayer network with the weights of a Layer network."""
    layers = []
    for layer in net.layers:
        nl = NeuronLayer(layer.input_size, layer.layer_size, type(layer.activation)(), clip=None)
        nl.W, nl.B = layer.W, layer.B
        layers.append(nl)
    return Network(layers, MSE())


def test_predict_works_for_neuron_layer_networks():
    x, _ = series_xy(30)
    net = small_net()
    twin = neuron_twin(net)
    P = twin.predict(x)
    assert P.shape == (len(x), 2)
    np.testing.assert_allclose(P, net.predict(x), rtol=1e-12, atol=1e-15)


def test_neuron_layer_network_trains_like_the_matrix_network():
    x, y = series_xy(40)
    net = small_net()
    twin = neuron_twin(net)
    h1 = net.train(x, y, 0.05, 2)
    h2 = twin.train(x, y, 0.05, 2, optimizer="sgd")
    np.testing.assert_allclose(h2.train_loss, h1.train_loss, rtol=1e-10)
    for a, b in zip(net.layers, twin.layers, strict=True):
        np.testing.assert_allclose(b.W, a.W, rtol=1e-10, atol=1e-14)
        np.testing.assert_allclose(b.B, a.B, rtol=1e-10, atol=1e-14)


def test_neuron_layer_network_forward_takes_batches_like_a_layer_network():
    # the layer protocol asks every layer for any batch: the neurons each give a row of Z
    net = small_net()
    twin = neuron_twin(net)
    X = np.random.default_rng(0).normal(size=(5, 7))
    assert twin.forward(np.ones((5, 1))).shape == (2, 1)
    np.testing.assert_allclose(twin.forward(X), net.forward(X), rtol=1e-12, atol=1e-15)


# --- learning the series ------------------------------------------------------------


@pytest.mark.parametrize("batch_size, lr, epochs", [(None, 0.2, 300), (16, 0.05, 30)])
def test_training_beats_predicting_the_mean(batch_size, lr, epochs):
    x, y = window(make_series(600, seed=0))
    xt, yt, xv, yv = train_test_split(x, y, 0.2)
    net = Network([Layer(5, 16, ReLU(), rng=1), Layer(16, 2, Identity(), init="xavier", rng=2)],
                  MSE())
    hist = net.train(xt, yt, lr, epochs, batch_size=batch_size, shuffle=True, seed=0)
    mean = yt.mean(axis=0)
    baseline_train = np.mean((yt - mean) ** 2)
    baseline_test = np.mean((yv - mean) ** 2)
    assert hist[-1] < hist[0]
    assert net.evaluate(xt, yt) < 0.5 * baseline_train
    assert net.evaluate(xv, yv) < baseline_test


# --- divergence ---------------------------------------------------------------------


def diverging_setup():
    x, y = series_xy(120, seed=3)
    return x, y, lambda: small_net(seed=1, act=Tanh)


def test_divergence_raises_and_keeps_the_last_finite_weights():
    x, y, make = diverging_setup()
    net = make()
    with pytest.raises(nnfs.DivergenceError) as info:
        net.train(x, y, 5.0, 50, batch_size=8)
    err = info.value
    assert isinstance(err, FloatingPointError)
    assert err.epoch >= 1
    assert not np.isfinite(err.loss)
    msg = str(err)
    assert f"epoch {err.epoch}" in msg
    assert str(err.loss) in msg
    assert msg.endswith("Try a smaller learning_rate (got 5.0).")
    assert len(err.history) == err.epoch
    assert np.all(np.isfinite(err.history.train_loss))
    # an identical network trained for exactly the finite epochs ends where this one was left
    ref = make()
    ref_hist = ref.train(x, y, 5.0, err.epoch, batch_size=8)
    assert_same_weights(net, ref)
    np.testing.assert_array_equal(err.history.train_loss, ref_hist.train_loss)


def test_divergence_in_the_first_epoch_keeps_the_initial_weights():
    x, y, make = diverging_setup()
    net, fresh = make(), make()
    with pytest.raises(nnfs.DivergenceError, match=r"epoch 0") as info:
        net.train(x, y, 1e200, 5, batch_size=1)
    assert info.value.epoch == 0
    assert len(info.value.history) == 0
    assert_same_weights(net, fresh)


@pytest.mark.parametrize("bad, given", [(5, "int"), ((1, 2, 3), "tuple"), ("xy", "str")])
def test_validation_that_is_not_a_pair_says_what_it_got(bad, given):
    x, y = series_xy(20)
    with pytest.raises(TypeError, match=rf"validation must be a pair \(x_val, y_val\).*{given}"):
        small_net().train(x, y, 0.1, 1, validation=bad)


class PlainLayer:
    """A learner's own ReLU matrix layer: the protocol only (no nnfs base class, no twins)."""

    def __init__(self, W, B):
        self.W, self.B = W.copy(), B.copy()
        self.input_size, self.layer_size = W.shape[1], W.shape[0]

    def forward(self, X):
        self.X = X
        self.Z = self.W @ X + self.B
        return np.maximum(self.Z, 0.0)

    def params(self):
        return {"W": self.W, "B": self.B}

    def grads(self, dLdA):
        dLdZ = dLdA * (self.Z > 0)
        return self.W.T @ dLdZ, {"W": dLdZ @ self.X.T, "B": dLdZ.sum(axis=1, keepdims=True)}


@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "adam"])
def test_network_trains_a_learners_own_layer_like_nnfs_layer(optimizer):
    x, y = series_xy(30)
    ref = small_net()
    own = Network([PlainLayer(ref.layers[0].W, ref.layers[0].B),
                   Layer(4, 2, Identity(), rng=0)], MSE())
    own.layers[1].W, own.layers[1].B = ref.layers[1].W.copy(), ref.layers[1].B.copy()
    h_ref = ref.train(x, y, 0.05, 3, batch_size=4, optimizer=optimizer)
    h_own = own.train(x, y, 0.05, 3, batch_size=4, optimizer=optimizer)
    np.testing.assert_allclose(h_own.train_loss, h_ref.train_loss, rtol=1e-12)
    np.testing.assert_allclose(own.layers[0].W, ref.layers[0].W, rtol=1e-12)
    X = x[:3].T
    own.forward(X)
    ref.forward(X)
    G = np.ones((2, 3))
    np.testing.assert_allclose(own.backward(G, 0.1), ref.backward(G, 0.1), rtol=1e-12)


class SelfUpdatingLayer:
    """The article's kind of layer: backward(dLdA, lr) updates itself; no params, no grads."""

    input_size, layer_size = 5, 3

    def forward(self, X):
        return X[:3]

    def backward(self, dLdA, learning_rate):
        return np.zeros((5, dLdA.shape[1]))


def test_a_layer_without_params_and_grads_is_refused_naming_what_is_missing():
    with pytest.raises(TypeError, match=r"got a SelfUpdatingLayer object without params \(a "
                                        r"layer needs input_size, layer_size, forward, params, "
                                        r"grads: see help\(Network.add_layers\)\)"):
        Network([SelfUpdatingLayer()])


def test_a_non_layer_is_named_by_its_type_not_its_address():
    with pytest.raises(TypeError, match=r"got a object object without input_size") as err:
        Network([object()])
    assert "0x" not in str(err.value)
