"""Divergence: a run whose loss or weights stop being finite raises DivergenceError and is
rolled back (weights and optimizer state) to the end of its last finite epoch.
"""

import contextlib
import copy
import io

import numpy as np
import pytest
from nets import same, weights
from nets import series_net as net
from nets import series_neuron_net as neuron_net

import nnfs
from nnfs import (
    MSE,
    Adam,
    Momentum,
)
from nnfs.data import make_series, window

X, Y = window(make_series(60, seed=1))              # 54 samples, 5 inputs, 2 outputs


def quiet(fn, *args, **kwargs):
    with contextlib.redirect_stdout(io.StringIO()):
        return fn(*args, **kwargs)


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
