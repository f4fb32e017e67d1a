"""Optimizers: first steps against numbers worked out by hand, state, and learning."""

import numpy as np
import pytest

from nnfs import MSE, SGD, Adam, Identity, Layer, Momentum, Network, ReLU
from nnfs.data import make_series, window
from nnfs.optimizers import get_optimizer

GRADS = [0.5, -1.0, 0.25]     # the gradients of steps 1, 2, 3 in the hand examples
LR = 0.1


def run_steps(opt, grads=GRADS, p0=1.0, key="p"):
    p = np.array([[p0]])
    out = []
    for g in grads:
        opt.step(key, p, np.array([[g]]), LR)
        out.append(p[0, 0])
    return out


def test_sgd_by_hand():
    # p <- p - lr g:  1 - 0.05 = 0.95;  0.95 + 0.1 = 1.05;  1.05 - 0.025 = 1.025
    np.testing.assert_allclose(run_steps(SGD()), [0.95, 1.05, 1.025], rtol=1e-15)


def test_momentum_by_hand():
    # v <- 0.9 v + g;  p <- p - 0.1 v
    # step 1: v = 0.5                     p = 1 - 0.05          = 0.95
    # step 2: v = 0.45 - 1.0 = -0.55      p = 0.95 + 0.055      = 1.005
    # step 3: v = -0.495 + 0.25 = -0.245  p = 1.005 + 0.0245    = 1.0295
    np.testing.assert_allclose(run_steps(Momentum(mu=0.9)), [0.95, 1.005, 1.0295], rtol=1e-14)


def test_momentum_other_mu_by_hand():
    # mu = 0.5: v = 0.5, p = 0.95; v = 0.25 - 1 = -0.75, p = 1.025; v = -0.375 + 0.25 = -0.125,
    # p = 1.0375
    np.testing.assert_allclose(run_steps(Momentum(mu=0.5)), [0.95, 1.025, 1.0375], rtol=1e-14)


def test_adam_by_hand():
    # b1 = 0.9, b2 = 0.999, eps = 1e-8, lr = 0.1
    # step 1: m = 0.05, v = 0.00025, m^ = 0.05 / 0.1 = 0.5, v^ = 0.00025 / 0.001 = 0.25
    #         p = 1 - 0.1 * 0.5 / (0.5 + 1e-8) = 0.900000002
    # step 2: m = 0.045 - 0.1 = -0.055, v = 0.00024975 + 0.001 = 0.00124975
    #         m^ = -0.055 / 0.19 = -0.28947368421, v^ = 0.00124975 / 0.001999 = 0.62518759380
    #         p = 0.900000002 + 0.1 * 0.28947368421 / 0.79068805089 = 0.93661035424
    # step 3: m = -0.0495 + 0.025 = -0.0245, v = 0.00124850025 + 0.0000625 = 0.00131100025
    #         m^ = -0.0245 / 0.271 = -0.09040590406, v^ = 0.00131100025 / 0.002997001
    #            = 0.43743737490
    #         p = 0.93661035424 + 0.1 * 0.09040590406 / 0.66139048289 = 0.95027942034
    got = run_steps(Adam(beta1=0.9, beta2=0.999, eps=1e-8))
    np.testing.assert_allclose(got, [0.900000002, 0.93661035424, 0.95027942034], rtol=1e-10)


def test_adam_first_step_is_lr_times_the_sign():
    # m^ = g and v^ = g^2 after one step, so each element moves by lr g / (|g| + eps)
    p = np.zeros(3)
    Adam().step("p", p, np.array([1e-3, -50.0, 7.0]), 0.01)
    want = -0.01 * np.array([1e-3 / (1e-3 + 1e-8), -50 / (50 + 1e-8), 7 / (7 + 1e-8)])
    np.testing.assert_allclose(p, want, rtol=1e-12)
    # about lr in size whatever the gradient's size: here 1e-3 and 50 move alike
    np.testing.assert_allclose(np.abs(p), 0.01, rtol=1e-4)


@pytest.mark.parametrize("make", [Momentum, Adam], ids=["momentum", "adam"])
def test_state_is_kept_per_parameter(make):
    grads_b = [-2.0, 0.3, 1.0]
    alone_a = run_steps(make(), grads=GRADS)
    alone_b = run_steps(make(), grads=grads_b, p0=3.0)
    opt = make()
    a, b = np.array([[1.0]]), np.array([[3.0]])
    path_a, path_b = [], []
    for ga, gb in zip(GRADS, grads_b, strict=True):   # interleaved steps, one optimizer
        opt.step((0, "W"), a, np.array([[ga]]), LR)
        opt.step((0, "B"), b, np.array([[gb]]), LR)
        path_a.append(a[0, 0])
        path_b.append(b[0, 0])
    # each parameter moves as if it had the optimizer to itself
    np.testing.assert_allclose(path_a, alone_a, rtol=1e-14)
    np.testing.assert_allclose(path_b, alone_b, rtol=1e-14)
    # (shared state would have mixed them: the two paths differ from step 2 on)
    assert not np.allclose(np.diff(alone_a), np.diff(alone_b))


@pytest.mark.parametrize("make", [Momentum, Adam], ids=["momentum", "adam"])
def test_reset_forgets_the_state(make):
    opt = make()
    run_steps(opt)
    opt.reset()
    assert run_steps(opt, grads=[0.5])[0] == pytest.approx(run_steps(make(), grads=[0.5])[0])


def test_get_optimizer_names_and_instances():
    assert type(get_optimizer(None)) is SGD
    assert type(get_optimizer("sgd")) is SGD
    assert type(get_optimizer("Momentum")) is Momentum
    assert type(get_optimizer("ADAM")) is Adam
    opt = Adam()
    assert get_optimizer(opt) is opt


# --- in a network -----------------------------------------------------------------

X_TINY = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])    # 3 samples, 2 inputs
Y_TINY = np.array([[1.0], [2.0], [0.0]])


def tiny_net():
    layer = Layer(2, 1, Identity(), rng=0)
    layer.W = np.array([[0.5, -0.5]])
    layer.B = np.array([[0.0]])
    return Network([layer], MSE())


def test_momentum_in_a_network_by_hand():
    # full batch, p = w1 x1 + w2 x2 + b, L = mean((p - y)^2) over 3 samples
    # step 1: p = [0.5, -0.5, 0]; p - y = [-0.5, -2.5, 0]
    #   dL/dw1 = 2/3 (-0.5 * 1 + 0 * 1) = -1/3;  dL/dw2 = 2/3 (-2.5 + 0) = -5/3
    #   dL/db = 2/3 (-3) = -2
    #   v = g;  w = [0.5 + 0.1/3, -0.5 + 0.5/3], b = 0.2
    w1, w2, b = 0.5 + 0.1 / 3, -0.5 + 0.5 / 3, 0.2
    # step 2: p = [w1 + b, w2 + b, w1 + w2 + b]
    p = np.array([w1 + b, w2 + b, w1 + w2 + b])
    r = p - np.array([1.0, 2.0, 0.0])
    g = np.array([2 / 3 * (r[0] + r[2]), 2 / 3 * (r[1] + r[2]), 2 / 3 * r.sum()])
    v = 0.9 * np.array([-1 / 3, -5 / 3, -2.0]) + g
    want = np.array([w1, w2, b]) - 0.1 * v
    net = tiny_net()
    net.train(X_TINY, Y_TINY, 0.1, 2, batch_size=None, optimizer=Momentum(mu=0.9))
    got = np.array([*net.layers[0].W[0], net.layers[0].B[0, 0]])
    np.testing.assert_allclose(got, want, rtol=1e-13)


def test_adam_in_a_network_first_step_by_hand():
    # gradients of step 1 as above: [-1/3, -5/3, -2]; Adam's first step is lr * sign(g)
    net = tiny_net()
    net.train(X_TINY, Y_TINY, 0.1, 1, batch_size=None, optimizer="adam")
    got = np.array([*net.layers[0].W[0], net.layers[0].B[0, 0]])
    g = np.array([-1 / 3, -5 / 3, -2.0])
    np.testing.assert_allclose(got, [0.5, -0.5, 0.0] - 0.1 * g / (np.abs(g) + 1e-8),
                               rtol=1e-13)


def series_data():
    return window(make_series(400, seed=2))


def series_net(seed=1):
    return Network([Layer(5, 8, ReLU(), rng=seed), Layer(8, 2, Identity(), rng=seed + 1)],
                   MSE())


def all_weights(net):
    return [p for layer in net.layers for p in (layer.W, layer.B)]


@pytest.mark.parametrize("opt", [None, "sgd", SGD()], ids=["default", "name", "instance"])
def test_explicit_sgd_equals_the_default(opt):
    x, y = series_data()
    a, b = series_net(), series_net()
    ha = a.train(x, y, 0.05, 3, batch_size=8)
    hb = b.train(x, y, 0.05, 3, batch_size=8, optimizer=opt)
    np.testing.assert_array_equal(ha.train_loss, hb.train_loss)
    for p, q in zip(all_weights(a), all_weights(b), strict=True):
        np.testing.assert_array_equal(p, q)


def test_a_user_optimizer_object_is_used():
    class HandSGD:
        def __init__(self):
            self.keys = set()

        def step(self, key, param, grad, learning_rate):
            self.keys.add(key)
            param -= learning_rate * grad

    x, y = series_data()
    a, b = series_net(), series_net()
    opt = HandSGD()
    a.train(x, y, 0.05, 2, batch_size=8)
    b.train(x, y, 0.05, 2, batch_size=8, optimizer=opt)
    for p, q in zip(all_weights(a), all_weights(b), strict=True):
        np.testing.assert_allclose(q, p, rtol=1e-12, atol=1e-15)
    # one key per parameter: 2 layers x (W, B)
    assert len(opt.keys) == 4


@pytest.mark.parametrize("opt, lr", [(None, 0.05), ("momentum", 0.02), ("adam", 0.005),
                                     (Momentum(mu=0.5), 0.05), (Adam(beta1=0.8), 0.01)],
                         ids=["sgd", "momentum", "adam", "momentum-0.5", "adam-0.8"])
def test_every_optimizer_lowers_the_loss_on_the_series(opt, lr):
    x, y = series_data()
    net = series_net()
    before = net.evaluate(x, y)
    hist = net.train(x, y, lr, 15, batch_size=16, optimizer=opt, shuffle=True, seed=0)
    assert hist[-1] < 0.5 * hist[0]
    assert net.evaluate(x, y) < 0.5 * before


def test_optimizer_object_state_carries_over_between_calls():
    x, y = series_data()
    once, twice, fresh = series_net(), series_net(), series_net()
    once.train(x, y, 0.05, 2, batch_size=None, optimizer=Momentum())
    opt = Momentum()
    twice.train(x, y, 0.05, 1, batch_size=None, optimizer=opt)
    twice.train(x, y, 0.05, 1, batch_size=None, optimizer=opt)
    fresh.train(x, y, 0.05, 1, batch_size=None, optimizer="momentum")
    fresh.train(x, y, 0.05, 1, batch_size=None, optimizer="momentum")
    for p, q in zip(all_weights(once), all_weights(twice), strict=True):
        np.testing.assert_allclose(q, p, rtol=1e-13, atol=1e-16)
    assert not np.allclose(fresh.layers[0].W, once.layers[0].W, rtol=1e-9, atol=0)
