"""One update path: layers compute gradients, the optimizer's step applies every update."""

import contextlib
import io

import numpy as np
import pytest

import nnfs
from nnfs import MSE, SGD, Adam, Identity, Layer, Momentum, Network, Neuron, NeuronLayer, ReLU
from nnfs.backprop import backward_step, make_plan
from nnfs.data import make_series, window
from nnfs.training import Batches, check_run

X, Y = window(make_series(60, seed=1))          # 54 samples, 5 inputs, 2 outputs
SIZES = [(5, 4, ReLU), (4, 3, ReLU), (3, 2, Identity)]


def layer_net(seed=0, clip=None):
    rng = np.random.default_rng(seed)
    return Network([Layer(i, o, a(), clip=clip, rng=rng) for i, o, a in SIZES], MSE())


def neuron_twin(net, clip=None):
    """A NeuronLayer network holding copies of a Layer network's weights."""
    layers = []
    for layer in net.layers:
        twin = NeuronLayer(layer.input_size, layer.layer_size, type(layer.activation)(),
                           clip=clip)
        twin.W, twin.B = layer.W, layer.B
        layers.append(twin)
    return Network(layers, MSE())


def stacked(net):
    return [a for layer in net.layers for a in (layer.W, layer.B)]


def quiet(fn, *args, **kwargs):
    with contextlib.redirect_stdout(io.StringIO()):
        return fn(*args, **kwargs)


class Recorder:
    """An optimizer of one's own (public step only) that records every call and applies SGD."""

    def __init__(self):
        self.calls = []

    def step(self, key, param, grad, learning_rate):
        self.calls.append((key, param.shape))
        param -= learning_rate * grad


# --- every update is a step --------------------------------------------------------------


@pytest.mark.parametrize("make", [layer_net, lambda: neuron_twin(layer_net())],
                         ids=["Layer", "NeuronLayer"])
@pytest.mark.parametrize("batch_size", [1, 5, None])
def test_an_optimizer_object_sees_one_step_per_parameter_update(make, batch_size):
    net, ref = make(), make()
    rec = Recorder()
    net.train(X, Y, 0.05, 2, batch_size=batch_size, optimizer=rec)
    ref.train(X, Y, 0.05, 2, batch_size=batch_size)
    n_arrays = sum(len(layer.params()) for layer in net.layers)
    updates = 2 * -(-len(X) // (batch_size or len(X)))
    assert len(rec.calls) == updates * n_arrays
    # keys: (layer index, name of the array in that layer's params()), last layer first
    names = [(i, name) for i, layer in enumerate(net.layers) for name in layer.params()]
    keys = [key for key, _ in rec.calls[:n_arrays]]
    assert sorted(keys) == sorted(names) and keys[0][0] == len(net.layers) - 1
    for a, b in zip(stacked(net), stacked(ref), strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("make", [layer_net, lambda: neuron_twin(layer_net(), clip=1.0)],
                         ids=["Layer", "NeuronLayer"])
def test_plain_sgd_in_train_goes_through_SGD_step_and_no_layer_updates_itself(make,
                                                                             monkeypatch):
    net = make()
    counted = []
    real = SGD._step

    def counting(self, key, param, grad, learning_rate):
        counted.append(key)
        real(self, key, param, grad, learning_rate)

    def refuse(*args):
        raise AssertionError("a layer's backward ran inside train")

    monkeypatch.setattr(SGD, "_step", counting)
    for cls in (Layer, NeuronLayer, Neuron):
        monkeypatch.setattr(cls, "backward", refuse)
    net.train(X, Y, 0.05, 1, batch_size=9)
    assert len(counted) == 6 * sum(len(layer.params()) for layer in net.layers)


@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "adam", Momentum(mu=0.5),
                                       Adam(beta1=0.8, beta2=0.99)],
                         ids=["sgd", "momentum", "adam", "Momentum(0.5)", "Adam(0.8, 0.99)"])
@pytest.mark.parametrize("batch_size, shuffle", [(1, False), (7, True), (None, False)])
def test_neuron_layer_networks_train_like_layer_networks(optimizer, batch_size, shuffle):
    import copy
    net = layer_net(3)
    twin = neuron_twin(net)
    opt_a, opt_b = copy.deepcopy(optimizer), copy.deepcopy(optimizer)
    h1 = net.train(X, Y, 0.02, 3, batch_size=batch_size, shuffle=shuffle, seed=4,
                   optimizer=opt_a)
    h2 = twin.train(X, Y, 0.02, 3, batch_size=batch_size, shuffle=shuffle, seed=4,
                    optimizer=opt_b)
    np.testing.assert_allclose(h2.train_loss, h1.train_loss, rtol=1e-12, atol=0)
    for a, b in zip(net.layers, twin.layers, strict=True):
        np.testing.assert_allclose(b.W, a.W, rtol=1e-12, atol=1e-14)
        np.testing.assert_allclose(b.B, a.B, rtol=1e-12, atol=1e-14)
    assert h1.train_loss[-1] < h1.train_loss[0]


def test_train_skips_only_the_first_layers_input_gradient(monkeypatch):
    seen = []
    real = Layer._grads

    def spy(self, dLdA, need_input=True):
        seen.append(need_input)
        return real(self, dLdA, need_input)

    monkeypatch.setattr(Layer, "_grads", spy)
    layer_net().train(X[:4], Y[:4], 0.05, 1, batch_size=None)
    assert seen == [True, True, False]          # last layer first: nobody uses dL/dX
    seen.clear()
    net = layer_net()
    net.forward(X[:4].T)
    dX = net.backward(np.ones((2, 4)), 0.05)     # the public backward returns dL/dX
    assert seen == [True, True, True] and dX.shape == (5, 4)


# --- grads: names, shapes, nothing changes; backward: one SGD step through the same path ---


@pytest.mark.parametrize("make, x, error", [
    (lambda: Layer(3, 2, ReLU(), rng=0), np.ones((3, 4)), np.ones((2, 4))),
    (lambda: NeuronLayer(3, 2, ReLU(), rng=0, scale=1.0), np.ones((3, 4)), np.ones((2, 4))),
    (lambda: Neuron(3, rng=0), np.ones((3, 1)), np.ones(1)),
], ids=["Layer", "NeuronLayer", "Neuron"])
def test_grads_names_the_gradients_as_params_and_changes_nothing(make, x, error):
    unit = make()
    unit.forward(x)
    before = {k: v.copy() for k, v in unit.params().items()}
    back, grads = unit.grads(error)
    assert list(grads) == list(unit.params())
    for name, p in unit.params().items():
        assert grads[name].shape == p.shape
        np.testing.assert_array_equal(p, before[name])
    assert back.shape == x.shape
    # backward = those gradients, one SGD step (clipped if clip is set), the same back error
    np.testing.assert_array_equal(unit.backward(error, 0.1), back)
    for name, p in unit.params().items():
        g = grads[name] if unit.clip is None else np.clip(grads[name], -unit.clip, unit.clip)
        np.testing.assert_allclose(p, before[name] - 0.1 * g, rtol=1e-15, atol=1e-17)


def test_neuron_layer_params_are_its_neurons_arrays():
    nl = NeuronLayer(3, 2, ReLU(), rng=0)
    params = nl.params()
    assert list(params) == ["neurons[0].w", "neurons[0].b", "neurons[1].w", "neurons[1].b"]
    assert params["neurons[1].w"] is nl.neurons[1].w and params["neurons[0].b"] is nl.neurons[0].b


def test_grads_is_the_one_gradient_method_of_the_three_units():
    for unit in (Layer(3, 2, ReLU(), rng=0), NeuronLayer(3, 2, ReLU(), rng=0), Neuron(3, rng=0)):
        assert callable(unit.grads) and callable(unit.params)
        assert not hasattr(unit, "gradients")


# --- bias clipping (mutants: clipping dLdW only) -------------------------------------------


def test_layer_clips_the_bias_gradient_in_backward_and_in_train():
    layer = Layer(1, 1, Identity(), clip=0.25, rng=0)
    layer.W, layer.B = np.zeros((1, 1)), np.zeros((1, 1))
    layer.forward(np.array([[1.0, 1.0]]))
    layer.backward(np.array([[10.0, 10.0]]), 0.1)     # dL/dB = 20, clipped to 0.25
    np.testing.assert_allclose(layer.B, [[-0.025]], rtol=1e-15)
    net = Network([Layer(1, 1, Identity(), clip=0.25, rng=0)], MSE())
    net.layers[0].W, net.layers[0].B = np.zeros((1, 1)), np.zeros((1, 1))
    net.train(np.ones((2, 1)), np.full((2, 1), 100.0), 0.1, 1, batch_size=None)
    np.testing.assert_allclose(net.layers[0].B, [[0.025]], rtol=1e-15)
    np.testing.assert_allclose(net.layers[0].W, [[0.025]], rtol=1e-15)


def test_neuron_layer_clips_the_bias_gradient_in_backward_and_in_train():
    nl = NeuronLayer(1, 2, Identity(), clip=0.25)
    nl.W, nl.B = np.zeros((2, 1)), np.zeros((2, 1))
    nl.forward(np.array([[1.0]]))
    nl.backward(np.array([[10.0], [-10.0]]), 0.1)
    np.testing.assert_allclose(nl.B, [[-0.025], [0.025]], rtol=1e-15)
    net = Network([NeuronLayer(1, 1, Identity())], MSE())       # the default clip, 1
    net.layers[0].W, net.layers[0].B = np.zeros((1, 1)), np.zeros((1, 1))
    net.train(np.ones((1, 1)), np.full((1, 1), 100.0), 0.1, 1)
    np.testing.assert_allclose(net.layers[0].B, [[0.1]], rtol=1e-15)


# --- the seam for a loss fused with the last activation -----------------------------------


def test_the_last_layer_can_start_from_dLdZ():
    # with an Identity output dL/dZ = dL/dA: starting the last layer at _grads_from_dLdZ
    # must give the same update as starting at _grads
    a, b = layer_net(5), layer_net(5)
    G = MSE().backward(a.forward(X[:6].T), Y[:6].T)
    b.forward(X[:6].T)
    plain, _ = make_plan(a.layers)
    fused, _ = make_plan(b.layers, output_at_Z=True)
    assert fused[0][0].__func__ is Layer._grads_from_dLdZ
    backward_step(G, plain, SGD()._step, 0.1)
    backward_step(G, fused, SGD()._step, 0.1)
    for p, q in zip(stacked(a), stacked(b), strict=True):
        np.testing.assert_array_equal(p, q)
    assert b._output_gradient() == b.loss._backward      # what a fused loss would replace


# --- shuffling takes rows, in-order batches are views ---------------------------------------


def test_batches_in_order_are_views_and_shuffled_batches_take_only_their_rows():
    x, y = np.arange(40.0).reshape(10, 4), np.arange(20.0).reshape(10, 2)
    in_order = list(Batches(x, y, check_run(10, 0.1, 1, 3, False, None, 0)))
    assert [b.shape for b, _ in in_order] == [(4, 3), (4, 3), (4, 3), (4, 1)]
    stored = in_order[0][0].base                     # one copy of the data set, as columns
    assert stored.shape == (4, 10) and all(b.base is stored for b, _ in in_order)
    shuffled = Batches(x, y, check_run(10, 0.1, 1, 3, True, 7, 0))
    order = np.random.default_rng(7).permutation(10)
    got = list(shuffled)
    for k, (bx, by) in enumerate(got):
        rows = order[3 * k:3 * k + 3]
        np.testing.assert_array_equal(bx, x[rows].T)
        np.testing.assert_array_equal(by, y[rows].T)
        assert bx.base is not None and bx.base.size == bx.size      # only its own rows
    assert not np.shares_memory(got[0][0], got[1][0])


def test_history_copies_on_np_array_and_has_one_name_per_array():
    h = layer_net().train(X, Y, 0.05, 3, validation=(X, Y))
    copy_ = np.array(h)
    copy_[0] = -1.0
    assert h.train_loss[0] > 0 and h[0] > 0
    assert not hasattr(h, "train") and not hasattr(h, "val")
    assert len(h.val_loss) == 3
    assert "train_loss[-1]=" in repr(h) and "val_loss[-1]=" in repr(h)
    assert isinstance(h, nnfs.History)
