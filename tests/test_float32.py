"""float32 end to end: a layer's dtype is the dtype of its weights and of all it returns."""

import numpy as np
import pytest

from nnfs import (
    MSE,
    Adam,
    Identity,
    Layer,
    Momentum,
    Network,
    Neuron,
    NeuronLayer,
    ReLU,
    Sigmoid,
    Softmax,
    Tanh,
)
from nnfs._checks import check_array
from nnfs.data import make_series, window

F32, F64 = np.dtype(np.float32), np.dtype(np.float64)
X, Y = window(make_series(80, seed=2))            # float64 data, one sample per row


def net32(seed=0, dtype=np.float32, neurons=False):
    rng = np.random.default_rng(seed)
    if neurons:
        return Network([NeuronLayer(5, 6, ReLU(), rng=rng, scale=0.5, clip=None, dtype=dtype),
                        NeuronLayer(6, 2, Identity(), rng=rng, scale=0.5, clip=None,
                                    dtype=dtype)], MSE())
    return Network([Layer(5, 6, ReLU(), rng=rng, dtype=dtype),
                    Layer(6, 2, Identity(), rng=rng, dtype=dtype)], MSE())


def test_float64_stays_the_default():
    for unit in (Layer(3, 2, ReLU()), NeuronLayer(3, 2, ReLU()), Neuron(3)):
        assert unit.dtype == F64
        assert all(p.dtype == F64 for p in unit.params().values())


@pytest.mark.parametrize("dtype", [np.float32, "float32", np.dtype("float32")])
def test_dtype_may_be_given_as_a_type_a_name_or_a_dtype(dtype):
    assert Layer(3, 2, ReLU(), dtype=dtype).W.dtype == F32


@pytest.mark.parametrize("act", [ReLU, Identity, Sigmoid, Tanh, Softmax])
@pytest.mark.parametrize("given", [np.float64, np.int64, np.float32])
def test_a_float32_layer_computes_and_returns_float32(act, given):
    layer = Layer(4, 3, act(), rng=0, dtype=np.float32)
    assert layer.W.dtype == layer.B.dtype == F32
    X = (np.arange(8).reshape(4, 2) - 3).astype(given)
    A = layer.forward(X)
    assert A.dtype == F32 and layer.Z.dtype == F32 and layer.X.dtype == F32
    dX, grads = layer.grads(np.ones((3, 2)))           # float64 gradient in, float32 out
    assert dX.dtype == F32 and all(g.dtype == F32 for g in grads.values())
    assert layer.backward(np.ones((3, 2)), 0.1).dtype == F32
    assert layer.W.dtype == layer.B.dtype == F32


def test_a_float32_input_to_a_float64_layer_is_computed_in_float64():
    layer = Layer(4, 3, Tanh(), rng=0)
    X32 = np.linspace(-1, 1, 8, dtype=np.float32).reshape(4, 2)
    A = layer.forward(X32)
    assert A.dtype == F64
    np.testing.assert_allclose(A, np.tanh(layer.W @ X32.astype(np.float64) + layer.B),
                               rtol=1e-15)


def test_assigned_weights_take_the_layers_dtype():
    layer = Layer(2, 2, ReLU(), dtype=np.float32)
    layer.W = np.ones((2, 2))                            # float64 in
    layer.B = [[1], [2]]                                 # ints in
    assert layer.W.dtype == layer.B.dtype == F32
    nl = NeuronLayer(2, 2, ReLU(), dtype=np.float32)
    nl.W = np.ones((2, 2))
    assert nl.W.dtype == F32 and nl.neurons[0].w.dtype == F32


def test_relu_derivative_keeps_float32():
    Z = np.array([[-1.0, 2.0]], dtype=np.float32)
    assert ReLU().derivative(Z).dtype == F32
    assert ReLU().forward(Z).dtype == F32
    assert ReLU().backward(Z, np.ones_like(Z)).dtype == F32


def test_check_array_keeps_float32_and_casts_integers():
    assert check_array(np.ones(2, np.float32), "a").dtype == F32
    assert check_array([1, 2], "a").dtype == F64
    assert check_array(np.ones(2), "a", dtype=np.float32).dtype == F32


@pytest.mark.parametrize("neurons", [False, True], ids=["Layer", "NeuronLayer"])
@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "adam"])
def test_a_float32_network_trains_and_predicts_in_float32(neurons, optimizer):
    net = net32(neurons=neurons)
    h = net.train(X, Y, 0.02, 4, batch_size=8, shuffle=True, seed=1, optimizer=optimizer,
                  validation=(X[:10], Y[:10]))
    for layer in net.layers:
        assert all(p.dtype == F32 for p in layer.params().values())
    assert net.predict(X).dtype == F32
    assert net.forward(X.T).dtype == F32
    assert h.train_loss.dtype == F64 and np.all(np.isfinite(h.train_loss))
    assert h.train_loss[-1] < h.train_loss[0]


@pytest.mark.parametrize("opt", [Momentum(), Adam()], ids=["momentum", "adam"])
def test_optimizers_keep_their_state_in_the_parameters_dtype(opt):
    net32().train(X, Y, 0.01, 1, batch_size=16, optimizer=opt)
    arrays = [v for s in opt.state.values() for v in (s.values() if isinstance(s, dict) else [s])
              if isinstance(v, np.ndarray)]
    assert arrays and all(a.dtype == F32 for a in arrays)


def test_float32_training_follows_float64_training_closely():
    a, b = net32(dtype=np.float64), net32(dtype=np.float32)    # b: a's weights, rounded
    for la, lb in zip(a.layers, b.layers, strict=True):
        np.testing.assert_array_equal(lb.W, la.W.astype(np.float32))
    ha = a.train(X, Y, 0.05, 5, batch_size=4)
    hb = b.train(X, Y, 0.05, 5, batch_size=4)
    # float32 keeps about 7 digits; 5 epochs of 19 small steps lose a few of them
    np.testing.assert_allclose(hb.train_loss, ha.train_loss, rtol=1e-4)
    np.testing.assert_allclose(b.predict(X), a.predict(X), rtol=1e-3, atol=1e-4)


def test_layers_of_two_dtypes_do_not_make_a_network():
    with pytest.raises(ValueError, match=r"all layers must have weights of one dtype, got "
                                         r"float64 \(layer 0 'W'\) and float32 \(layer 1 'W'\)"):
        Network([Layer(5, 3, ReLU()), Layer(3, 2, Identity(), dtype=np.float32)])


@pytest.mark.parametrize("bad, exc, match", [
    (np.int64, ValueError, r"dtype must be np\.float32 or np\.float64, got int64"),
    (np.float16, ValueError, r"dtype must be np\.float32 or np\.float64, got float16"),
    ("relu", TypeError, r"dtype must be np\.float32 or np\.float64, got 'relu'"),
])
def test_other_dtypes_are_refused(bad, exc, match):
    for make in (lambda: Layer(3, 2, ReLU(), dtype=bad), lambda: Neuron(3, dtype=bad),
                 lambda: NeuronLayer(3, 2, ReLU(), dtype=bad)):
        with pytest.raises(exc, match=match):
            make()
