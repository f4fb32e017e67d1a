"""No silent wrong result: checked assignments, divergence, reused optimizers, bad input.

Like tests/test_validation.py, this file runs once more under ``python -O``
(``test_guards_pass_under_python_O``): nnfs checks with ``if ... raise``.
"""

import contextlib
import copy
import io
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

import nnfs
from nnfs import (
    MSE,
    SGD,
    Adam,
    Identity,
    Layer,
    Momentum,
    Network,
    Neuron,
    NeuronLayer,
    ReLU,
    Softmax,
    Tanh,
)
from nnfs.data import make_series, window

REPO = Path(__file__).resolve().parents[1]
UNDER_O = "NNFS_GUARDS_EXPECT_OPTIMIZED"
X, Y = window(make_series(60, seed=1))              # 54 samples, 5 inputs, 2 outputs


def net(seed=0):
    return Network([Layer(5, 4, ReLU(), rng=seed), Layer(4, 2, Identity(), rng=seed + 1)],
                   MSE())


def neuron_net(seed=0):
    return Network([NeuronLayer(5, 4, ReLU(), rng=seed, scale=0.5),
                    NeuronLayer(4, 2, Identity(), rng=seed + 1, scale=0.5)], MSE())


def weights(network):
    return [p.copy() for layer in network.layers for p in layer.params().values()]


def same(a, b):
    return all(np.array_equal(p, q) for p, q in zip(a, b, strict=True))


def quiet(fn, *args, **kwargs):
    with contextlib.redirect_stdout(io.StringIO()):
        return fn(*args, **kwargs)


class Public:
    """An activation of one's own with public methods only, as the error message asks."""

    def forward(self, Z):
        return np.tanh(Z)

    def backward(self, Z, dLdA):
        return dLdA * (1 - np.tanh(Z) ** 2)


class WithState:
    """A plain object that does not print an address in its repr."""


class Copies:
    """A layer of one's own whose params() hands out copies: training would change nothing."""

    input_size, layer_size = 5, 2

    def __init__(self):
        self.W = np.ones((2, 5))

    def forward(self, X):
        return self.W @ X

    def params(self):
        return {"W": self.W.copy()}

    def grads(self, dLdA):
        return self.W.T @ dLdA, {"W": dLdA @ np.ones((dLdA.shape[1], 5))}


class StrSize:
    """A layer of one's own whose input_size is a string."""

    input_size, layer_size = "5", 4

    def forward(self, X):
        return X[:4]

    def params(self):
        return {}

    def grads(self, dLdA):
        return dLdA, {}


# --- one table of bad calls (run again under python -O) ----------------------------------

BIG = 10**400
CASES = [
    # assignments are checked when made
    ("Layer.B 1-D", lambda: setattr(Layer(3, 2, ReLU()), "B", np.zeros(2)),
     ValueError, r"B must have shape \(2, 1\), got \(2,\) \(1-D\)"),
    ("Layer.B (3, 3) broadcast", lambda: setattr(Layer(3, 3, ReLU()), "B", np.zeros(3)),
     ValueError, r"B must have shape \(3, 1\), got \(3,\)"),
    ("Layer.W shape", lambda: setattr(Layer(3, 2, ReLU()), "W", np.zeros((3, 2))),
     ValueError, r"W must have shape \(2, 3\), got \(3, 2\)"),
    ("Layer.W NaN", lambda: setattr(Layer(2, 2, ReLU()), "W", np.full((2, 2), np.nan)),
     ValueError, r"W must be finite, got 4 NaN or inf"),
    ("Layer.W complex", lambda: setattr(Layer(2, 2, ReLU()), "W", np.ones((2, 2)) * 1j),
     TypeError, r"W must hold real numbers"),
    ("Layer.clip -1", lambda: setattr(Layer(2, 2, ReLU()), "clip", -1),
     ValueError, r"clip must be a finite number > 0, got -1\.0"),
    ("Layer.clip string", lambda: setattr(Layer(2, 2, ReLU()), "clip", "1"),
     TypeError, r"clip must be a positive number, got '1'"),
    ("Layer.activation string", lambda: setattr(Layer(2, 2, ReLU()), "activation", "relu"),
     TypeError, r"activation must have forward\(Z\) and backward\(Z, dLdA\) methods"),
    ("Layer.activation Softmax on 1 unit",
     lambda: setattr(Layer(2, 1, ReLU()), "activation", Softmax()),
     ValueError, r"Softmax needs at least 2 units .*got layer_size 1"),
    ("Layer.input_size", lambda: setattr(Layer(2, 2, ReLU()), "input_size", 3),
     AttributeError, r"input_size is fixed when a Layer is made"),
    ("Neuron.w shape", lambda: setattr(Neuron(3), "w", np.zeros((3, 1))),
     ValueError, r"w must have shape \(1, 3\), got \(3, 1\)"),
    ("Neuron.b inf", lambda: setattr(Neuron(3), "b", [[np.inf]]),
     ValueError, r"b must be finite"),
    ("Neuron.clip 0", lambda: setattr(Neuron(3), "clip", 0),
     ValueError, r"clip must be a finite number > 0, got 0\.0"),
    ("NeuronLayer.layer_size", lambda: setattr(NeuronLayer(3, 2, ReLU()), "layer_size", 4),
     AttributeError, r"layer_size is fixed when a NeuronLayer is made"),
    # Softmax over one unit
    ("Layer Softmax 1 unit", lambda: Layer(4, 1, Softmax()),
     ValueError, r"Softmax needs at least 2 units \(over 1 unit it is always 1 and nothing "
                 r"trains\), got layer_size 1"),
    ("NeuronLayer Softmax 1 unit", lambda: NeuronLayer(4, 1, Softmax()),
     ValueError, r"Softmax needs at least 2 units"),
    # sizes that would exhaust memory fail at once
    ("NeuronLayer 10**30 units", lambda: NeuronLayer(2, 10**30, ReLU()),
     ValueError, r"layer_size must be at most 65536 \(the largest layer nnfs builds\), "
                 r"got 10{30}$"),
    ("Layer 10**30 inputs", lambda: Layer(10**30, 2, ReLU()),
     ValueError, r"input_size must be at most 65536"),
    ("Neuron 2**63 inputs", lambda: Neuron(2**63),
     ValueError, r"input_size must be at most 65536 .*got 9223372036854775808"),
    ("Layer 60000 x 60000", lambda: Layer(60000, 60000, ReLU()),
     ValueError, r"input_size \* layer_size must be at most 67108864 weights, got 60000 \* "
                 r"60000 = 3600000000"),
    # numbers too large for a float
    ("train lr 10**400", lambda: net().train(X, Y, BIG, 1),
     ValueError, r"learning_rate must be a positive number that fits in a float "
                 r"\(< 1\.8e308\), got an integer of about 10\*\*400"),
    ("Momentum mu 10**400", lambda: Momentum(mu=BIG),
     ValueError, r"mu must be a positive number that fits in a float"),
    ("Layer clip 10**400", lambda: Layer(2, 2, ReLU(), clip=BIG),
     ValueError, r"clip must be a positive number that fits in a float"),
    ("Adam eps 10**400", lambda: Adam(eps=BIG),
     ValueError, r"eps must be a positive number that fits in a float"),
    ("Neuron scale 10**400", lambda: Neuron(2, scale=BIG), ValueError, r"scale must be a"),
    ("backward lr -10**400",
     lambda: (lambda n: (n.forward(np.ones((2, 1))), n.backward(np.ones(1), -BIG)))(Neuron(2)),
     ValueError, r"learning_rate must be a positive number that fits in a float"),
    # optimizers
    ("Adam beta1 1", lambda: Adam(beta1=1.0), ValueError, r"beta1 must be in \(0, 1\), got 1\.0"),
    ("Adam beta2 1", lambda: Adam(beta2=1), ValueError, r"beta2 must be in \(0, 1\), got 1\.0"),
    ("step on a list", lambda: SGD().step("p", [1.0, 2.0], np.ones(2), 0.1),
     TypeError, r"param must be a writeable float numpy array \(it is changed in place\), "
                r"got list"),
    ("step on ints", lambda: Momentum().step("p", np.arange(3), np.ones(3), 0.1),
     TypeError, r"param must be a writeable float numpy array .*got ndarray int64"),
    ("step read-only", lambda: Adam().step("p", NeuronLayer(2, 2, ReLU()).W, np.ones((2, 2)),
                                           0.1),
     TypeError, r"param must be a writeable float numpy array"),
    ("step grad shape", lambda: SGD().step("p", np.ones((2, 3)), np.ones((3, 2)), 0.1),
     ValueError, r"grad must have shape \(2, 3\), got \(3, 2\)"),
    ("step grad NaN", lambda: Adam().step("p", np.ones(2), [np.nan, 1.0], 0.1),
     ValueError, r"grad must be finite"),
    ("step lr 0", lambda: Momentum().step("p", np.ones(2), np.ones(2), 0),
     ValueError, r"learning_rate must be a finite number > 0, got 0\.0"),
    ("step key list", lambda: Adam().step(["p"], np.ones(2), np.ones(2), 0.1),
     TypeError, r"key must be hashable \(it names the state of param\), got a list"),
    # objects named without their address
    ("train optimizer object()", lambda: net().train(X, Y, 0.1, 1, optimizer=object()),
     TypeError, r"^optimizer must have a step\(key, param, grad, learning_rate\) method, got an "
                r"instance of object$"),
    ("Layer activation object()", lambda: Layer(3, 2, object()),
     TypeError, r"^activation must have forward\(Z\) and backward\(Z, dLdA\) methods, got an "
                r"instance of object$"),
    ("Layer activation own object", lambda: Layer(3, 2, WithState()),
     TypeError, r"got an instance of WithState$"),
    # empty predictions
    ("NeuronLayer network predict 0 rows", lambda: neuron_net().predict(np.ones((0, 5))),
     ValueError, r"^x holds no samples \(shape \(0, 5\)\)$"),
    ("Layer network predict 0 rows", lambda: net().predict(np.ones((0, 5))),
     ValueError, r"^x holds no samples \(shape \(0, 5\)\)$"),
    # samples in columns instead of rows, and the other way round
    ("train x.T", lambda: net().train(X.T, Y, 0.1, 1),
     ValueError, r"x must have shape \(any, 5\), got \(5, 54\): did you mean x\.T\?$"),
    ("train y.T", lambda: net().train(X, Y.T, 0.1, 1),
     ValueError, r"y must have shape \(any, 2\), got \(2, 54\): did you mean y\.T\?$"),
    ("validation x.T", lambda: net().train(X, Y, 0.1, 1, validation=(X.T, Y)),
     ValueError, r"x_val must have shape .*did you mean x_val\.T\?"),
    ("predict x.T", lambda: net().predict(X[:3].T),
     ValueError, r"x must have shape \(any, 5\), got \(5, 3\): did you mean x\.T\?$"),
    ("evaluate y.T", lambda: net().evaluate(X, Y.T), ValueError, r"did you mean y\.T\?"),
    ("forward X.T", lambda: net().forward(X[:3]),
     ValueError, r"X must have shape \(5, any\), got \(3, 5\): did you mean X\.T\?$"),
    ("no hint for other shapes", lambda: net().train(X[:, :3], Y, 0.1, 1),
     ValueError, r"^x must have shape \(any, 5\), got \(54, 3\)$"),
    # layers appended to net.layers directly
    ("appended layer does not chain",
     lambda: (lambda n: (n.layers.append(Layer(3, 2, ReLU())), n.train(X, Y, 0.1, 1)))(net()),
     ValueError, r"layer sizes do not chain: layer 2 \(Layer\(3, 2, ReLU\(\)\)\) expects 3 "
                 r"inputs but the layer before it gives 2 outputs"),
    ("appended layer, predict",
     lambda: (lambda n: (n.layers.append(Layer(3, 2, ReLU())), n.predict(X)))(net()),
     ValueError, r"layer 2 \(Layer\(3, 2, ReLU\(\)\)\) expects 3 inputs"),
    ("appended layer, forward",
     lambda: (lambda n: (n.layers.insert(0, Layer(5, 7, ReLU())),
                         n.forward(np.ones((5, 1)))))(net()),
     ValueError, r"layer 1 \(Layer\(5, 4, ReLU\(\)\)\) expects 5 inputs but the layer before "
                 r"it gives 7 outputs"),
    ("appended non-layer", lambda: (lambda n: (n.layers.append(ReLU()), n.predict(X)))(net()),
     TypeError, r"got a ReLU object without input_size \(a layer needs input_size, "
                r"layer_size, forward, params, grads"),
    ("layer whose params are copies", lambda: Network([Copies()]),
     TypeError, r"layer 0 \(an instance of Copies\): params\(\) must return the layer's own arrays "
                r"\(the same each call\), not copies"),
    ("layer with a str size", lambda: Network([StrSize()]),
     TypeError, r"layer 0 \(an instance of StrSize\) must have a positive int input_size, got '5'"),
]


@pytest.mark.parametrize("call, exc, match", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_is_refused_with_a_clear_message(call, exc, match):
    with pytest.raises(exc, match=match) as info:
        call()
    assert "0x" not in str(info.value)


def test_huge_sizes_fail_fast():
    t0 = time.perf_counter()
    for make in (lambda: NeuronLayer(2, 10**30, ReLU()), lambda: Layer(2**40, 2**40, ReLU())):
        with pytest.raises(ValueError):
            make()
    assert time.perf_counter() - t0 < 1.0


# --- a refused assignment or call changes nothing --------------------------------------------


def test_a_refused_assignment_changes_nothing():
    layer = Layer(3, 2, Tanh(), clip=0.5, rng=0)
    W, B, act = layer.W.copy(), layer.B.copy(), layer.activation
    for name, value in [("W", np.ones((3, 2))), ("B", [[np.nan], [0.0]]), ("clip", -2),
                        ("activation", Tanh), ("B", np.zeros(2))]:
        with pytest.raises((TypeError, ValueError)):
            setattr(layer, name, value)
    np.testing.assert_array_equal(layer.W, W)
    np.testing.assert_array_equal(layer.B, B)
    assert layer.clip == 0.5 and layer.activation is act
    layer.forward(np.ones((3, 1)))
    assert layer.forward(np.ones((3, 1))).shape == (2, 1)


def test_a_good_assignment_is_kept_as_the_layers_array():
    layer = Layer(3, 2, ReLU())
    W = np.ones((2, 3))
    layer.W = W
    assert layer.W is W                                  # what you set is what trains
    layer.B = [[1], [2]]                                 # converted, and writeable
    layer.B += 1.0
    np.testing.assert_array_equal(layer.B, [[2.0], [3.0]])
    layer.W = NeuronLayer(3, 2, ReLU()).W               # read-only input: copied
    assert layer.W.flags.writeable


def test_an_activation_with_public_methods_only_works_in_every_layer():
    for layer in (Layer(5, 3, Public(), rng=0), NeuronLayer(5, 3, Public(), rng=0, scale=1.0)):
        ref = Layer(5, 3, Tanh(), rng=0)
        ref.W, ref.B = layer.W.copy(), layer.B.copy()
        Xc = X[:4].T
        np.testing.assert_allclose(layer.forward(Xc), ref.forward(Xc), rtol=1e-12)
        G = np.ones((3, 4))
        dLdW = np.vstack([g for k, g in layer.grads(G)[1].items() if k.endswith(("W", "w"))])
        np.testing.assert_allclose(dLdW, ref.grads(G)[1]["W"], rtol=1e-12)
    h = Network([Layer(5, 3, Public(), rng=0), Layer(3, 2, Identity(), rng=1)], MSE()).train(
        X, Y, 0.05, 2)
    assert len(h) == 2


def test_reusing_an_optimizer_on_other_shapes_is_refused_before_anything_changes():
    opt = Adam()
    net().train(X, Y, 0.01, 1, optimizer=opt)
    state = copy.deepcopy(opt.state)
    other = Network([Layer(5, 3, ReLU(), rng=0), Layer(3, 2, Identity(), rng=1)], MSE())
    before = weights(other)
    with pytest.raises(ValueError, match=r"optimizer Adam\(.*\) holds state for parameter "
                                         r"\(0, 'W'\) of shape \(4, 5\) \(float64\), but this "
                                         r"network's is \(3, 5\) \(float64\): use a new "
                                         r"optimizer, or call reset\(\) first"):
        other.train(X, Y, 0.01, 1, optimizer=opt)
    assert same(weights(other), before)
    assert opt.state.keys() == state.keys()
    assert all(np.array_equal(opt.state[k]["m"], state[k]["m"]) for k in state)
    opt.reset()
    other.train(X, Y, 0.01, 1, optimizer=opt)          # after reset() it may be reused


def test_reusing_a_float64_optimizer_on_a_float32_network_is_refused():
    opt = Momentum()
    net().train(X, Y, 0.01, 1, optimizer=opt)
    f32 = Network([Layer(5, 4, ReLU(), dtype=np.float32), Layer(4, 2, Identity(),
                                                             dtype=np.float32)], MSE())
    with pytest.raises(ValueError, match=r"\(float64\), but this network's is \(4, 5\) "
                                         r"\(float32\)"):
        f32.train(X, Y, 0.01, 1, optimizer=opt)


def test_a_refused_step_changes_nothing():
    p = np.ones(3)
    opt = Momentum()
    with pytest.raises(ValueError):
        opt.step("p", p, np.ones(2), 0.1)
    np.testing.assert_array_equal(p, np.ones(3))
    assert opt.state == {}
    opt.step("p", p, [1, 1, 1], 0.5)                     # a list of ints is a fine gradient
    np.testing.assert_array_equal(p, [0.5, 0.5, 0.5])


# --- divergence: never return normally with non-finite weights ----------------------------


def test_a_run_whose_weights_overflow_in_its_only_epoch_raises_and_keeps_the_start():
    # lr = 1e308 and targets 100x larger: the loss of the one full-batch epoch is computed
    # before the update and is finite, but the update makes every weight inf
    network = net()
    start = weights(network)
    with pytest.raises(nnfs.DivergenceError, match=r"epoch 0: the weights or the optimizer's "
                                                   r"state are no longer finite") as info:
        network.train(X, Y * 100, 1e308, 1, batch_size=None)
    assert np.isfinite(info.value.loss)
    assert same(weights(network), start)
    assert "Try a smaller learning_rate (got 1e+308)" in str(info.value)


class InfAfter(MSE):
    """MSE that reports an inf loss (not NaN) from its ``after``-th call on."""

    def __init__(self, after):
        self.calls, self.after = 0, after

    def _forward(self, pred, y):
        self.calls += 1
        return float("inf") if self.calls > self.after else super()._forward(pred, y)


def state_arrays(opt):
    return {(key, name): a for key, s in opt.state.items()
            for name, a in (s.items() if isinstance(s, dict) else [("v", s)])}


@pytest.mark.parametrize("optimizer", [Momentum(), Adam()], ids=["momentum", "adam"])
def test_the_optimizers_state_is_rolled_back_with_the_weights(optimizer):
    network, ref = net(), net()
    opt_ref = copy.deepcopy(optimizer)
    ref.train(X, Y, 0.01, 2, batch_size=9, optimizer=opt_ref)        # two good epochs
    network.add_loss(InfAfter(2 * 6))           # the same two epochs of 6 steps, then inf
    with pytest.raises(nnfs.DivergenceError) as info:
        network.train(X, Y, 0.01, 5, batch_size=9, optimizer=optimizer)
    assert info.value.epoch == 2
    assert same(weights(network), weights(ref))
    kept, got = state_arrays(opt_ref), state_arrays(optimizer)
    assert kept.keys() == got.keys()
    assert all(np.array_equal(kept[k], got[k]) for k in kept)
    if isinstance(optimizer, Adam):
        assert {s["t"] for s in optimizer.state.values()} == {12}
    # and training on from there with the same optimizer goes on as the reference does
    network.add_loss(MSE())
    h = network.train(X, Y, 0.01, 1, batch_size=9, optimizer=optimizer)
    h_ref = ref.train(X, Y, 0.01, 1, batch_size=9, optimizer=opt_ref)
    np.testing.assert_array_equal(h.train_loss, h_ref.train_loss)


def test_an_inf_loss_counts_as_divergence():
    network = net()
    network.add_loss(InfAfter(54 * 2))                   # epochs 0 and 1 are finite
    with pytest.raises(nnfs.DivergenceError, match=r"epoch 2: the mean loss is inf") as info:
        network.train(X, Y, 0.01, 4)
    assert info.value.loss == float("inf") and info.value.epoch == 2
    assert len(info.value.history) == 2


def test_after_a_divergence_weights_and_state_are_finite():
    opt = Adam()
    network = net()
    with pytest.raises(nnfs.DivergenceError):
        network.train(X, Y * 1e150, 1e150, 20, batch_size=5, optimizer=opt)
    assert all(np.isfinite(p).all() for p in weights(network))
    assert all(np.isfinite(a).all() for s in opt.state.values() for a in (s["m"], s["v"]))


def test_a_diverging_neuron_layer_network_is_rolled_back():
    x, y = window(make_series(120, seed=3))
    network, ref = neuron_net(), neuron_net()
    for layer in network.layers + ref.layers:
        layer.clip = None
    with pytest.raises(nnfs.DivergenceError) as info:
        network.train(x, y, 3.0, 40, batch_size=1)
    epoch = info.value.epoch
    assert epoch >= 1
    h_ref = ref.train(x, y, 3.0, epoch, batch_size=1)
    assert same(weights(network), weights(ref))
    np.testing.assert_array_equal(info.value.history.train_loss, h_ref.train_loss)


def test_a_network_with_non_finite_weights_is_refused_before_training():
    network = net()
    network.layers[1].W[0, 1] = np.inf                  # in place: the setter is not involved
    before = weights(network)
    with pytest.raises(ValueError, match=r"the network's weights are not finite: layer 1 'W' "
                                         r"holds NaN or inf values; set finite weights"):
        network.train(X, Y, 0.01, 1)
    assert all(np.array_equal(p, q, equal_nan=True) for p, q in zip(weights(network), before,
                                                                    strict=True))


def test_divergence_at_epoch_0_with_validation_has_a_history_that_prints():
    with pytest.raises(nnfs.DivergenceError) as info:
        net().train(X, Y * 100, 1e308, 3, batch_size=None, validation=(X, Y))
    h = info.value.history
    assert repr(h) == "History(epochs=0, train_loss[-1]=nan, val_loss[-1]=nan)"
    assert len(h.val_loss) == 0


def test_divergence_keeps_the_validation_losses_of_the_epochs_before():
    network = net()
    network.add_loss(InfAfter(54 * 3 + 3))       # 3 epochs of 54 steps (+1 val call each)
    with pytest.raises(nnfs.DivergenceError) as info:
        network.train(X, Y, 0.01, 6, validation=(X[:10], Y[:10]))
    h = info.value.history
    assert info.value.epoch == 3 and len(h.train_loss) == len(h.val_loss) == 3
    assert np.all(np.isfinite(h.val_loss))


# --- the same under python -O ------------------------------------------------------------


def test_interpreter_mode_is_as_requested():
    if os.environ.get(UNDER_O) != "1":
        pytest.skip("checked inside the python -O run below")
    assert __debug__ is False and sys.flags.optimize >= 1


@pytest.mark.skipif(os.environ.get(UNDER_O) == "1", reason="already inside the -O run")
def test_guards_pass_under_python_O():
    quiet_warning = "ignore:assertions not in test modules or plugins:pytest.PytestConfigWarning"
    result = subprocess.run(
        [sys.executable, "-O", "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:nbval",
         "-W", quiet_warning, str(Path(__file__).resolve()), "-k", "not python_O"],
        cwd=REPO, env={**os.environ, UNDER_O: "1"}, capture_output=True, text=True, timeout=300)
    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    assert "skipped" not in result.stdout and " failed" not in result.stdout, report
    assert int(result.stdout.split(" passed")[0].split()[-1]) > len(CASES), report
