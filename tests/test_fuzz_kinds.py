"""The last kinds of bad input a fuzzer found in nnfs (issue 17), beside the table.

The plain refusals (data sizes, History, gradcheck, plot_losses, Layer's init) are rows
of the table in test_bad_input.py. Here: what needs more than one call (a layer of one's
own whose grads() are wrong changes no weight; a diverging optimizer state), and the
inputs that must give a finite result without a warning.
"""

import warnings
from fractions import Fraction

import numpy as np
import pytest

import nnfs
from nnfs import data, gradcheck
from nnfs.history import History


@pytest.fixture(autouse=True)
def _warnings_are_errors():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


class Own:
    """A layer of one's own, W only; ``bad`` spoils what its grads() returns."""

    def __init__(self, bad=None):
        self.input_size, self.layer_size, self.bad = 3, 2, bad
        self.W = np.random.default_rng(0).normal(size=(2, 3))

    def forward(self, X):
        self.X = X
        return self.W @ X

    def params(self):
        return {"W": self.W}

    def grads(self, dLdA):
        g, back = dLdA @ self.X.T, self.W.T @ dLdA
        return {"name": (back, {"w": g}), "transposed": (back, {"W": g.T}),
                "nan": (back, {"W": g * np.nan}), "int": (back, {"W": g.astype(int)}),
                "not a dict": (back, g), "dLdA_prev shape": (back.T, {"W": g}),
                None: (back, {"W": g})}[self.bad]


GRADS = [("name", ValueError, r"gradients named \['w'\], but params\(\) names \['W'\]"),
         ("transposed", ValueError, r"'W' of shape \(3, 2\), expected \(2, 3\): did you mean "
                                    r"its transpose \(\.T\)\?"),
         ("nan", ValueError, r"'W' with NaN or inf values"),
         ("int", TypeError, r"'W' as an array of dtype int64, expected a float array"),
         ("not a dict", TypeError, r"must return \(dL/dA_prev, \{name: gradient\}\)"),
         ("dLdA_prev shape", ValueError, r"'dL/dA_prev' of shape \(1, 3\), expected \(3, 1\)")]


@pytest.mark.parametrize(("bad", "error", "match"), GRADS, ids=[g[0] for g in GRADS])
def test_a_layer_of_ones_own_whose_grads_are_wrong_is_refused_before_any_update(
        bad, error, match):
    own = Own(bad)
    last = nnfs.Layer(2, 2, nnfs.Identity(), rng=0)         # updated first, if at all
    net = nnfs.Network([nnfs.Layer(3, 3, nnfs.Tanh(), rng=1), own, last], nnfs.MSE())
    before = [p.copy() for layer in net.layers for p in layer.params().values()]
    with pytest.raises(error, match=r"^layer 1 \(an instance of Own\): grads\(dLdA\) .*" + match):
        net.train(np.ones((4, 3)), np.ones((4, 2)), 0.1, 1)
    after = [p for layer in net.layers for p in layer.params().values()]
    assert all(np.array_equal(a, b) for a, b in zip(before, after, strict=True))


def test_a_layer_of_ones_own_with_right_grads_trains():
    net = nnfs.Network([Own(), nnfs.Layer(2, 2, nnfs.Identity(), rng=0)], nnfs.MSE())
    assert np.isfinite(net.train(np.ones((4, 3)), np.ones((4, 2)), 0.1, 2).train_loss).all()


def test_read_only_params_of_ones_own_layer_get_the_checks_type_error():
    own = Own()
    net = nnfs.Network([own], nnfs.MSE())
    own.W.flags.writeable = False
    with pytest.raises(TypeError, match=r"^layer 0 \(an instance of Own\): params\(\) must "
                                        r"return a dict of writeable float arrays, got 'W': a "
                                        r"read-only array of dtype float64$"):
        net.train(np.ones((4, 3)), np.ones((4, 2)), 0.1, 1)


def test_non_finite_optimizer_state_with_finite_loss_and_weights_is_divergence():
    class HugeGradient(nnfs.MSE):        # a loss of one's own: finite, but its gradient is huge
        def forward(self, pred, y):
            return 1.0

        def backward(self, pred, y):
            return np.full_like(pred, 1e300)     # Adam's v = g**2 = inf, the step stays finite

    net = nnfs.Network([nnfs.Layer(3, 2, nnfs.Identity(), rng=0)], HugeGradient())
    W = net.layers[0].W.copy()
    with pytest.raises(nnfs.DivergenceError, match="the optimizer's state are no longer finite"):
        net.train(np.ones((4, 3)), np.ones((4, 2)), 0.1, 2, optimizer="adam")
    np.testing.assert_array_equal(net.layers[0].W, W)


def test_make_spirals_takes_a_fraction_noise_as_make_series_does():
    x, _ = data.make_spirals(5, 2, noise=Fraction(1, 10))
    np.testing.assert_array_equal(x, data.make_spirals(5, 2, noise=0.1)[0])
    np.testing.assert_array_equal(data.make_series(50, noise=Fraction(1, 10)),
                                  data.make_series(50, noise=0.1))


def test_make_spirals_noise_up_to_the_cap_is_finite_without_a_warning():
    assert np.all(np.isfinite(data.make_spirals(5, 2, noise=1e300)[0]))


def _net():
    return nnfs.Network([nnfs.Layer(3, 2, nnfs.Tanh(), rng=0),
                         nnfs.Layer(2, 2, nnfs.Identity(), rng=1)], nnfs.MSE())


@pytest.mark.parametrize("call", [
    lambda net: net.forward(np.full((3, 1), 1e308)),
    lambda net: net.predict(np.full((1, 3), 1e308)),
    lambda net: (net.forward(np.ones((3, 1))), net.backward(np.full((2, 1), 1e308), 0.1))[1],
], ids=["forward", "predict", "backward"])
def test_huge_finite_input_gives_a_finite_result_or_an_error_never_a_warning(call):
    try:
        out = call(_net())
    except (ValueError, FloatingPointError):
        return
    assert np.all(np.isfinite(out))


def test_a_weight_scale_below_the_cap_gives_a_finite_forward_pass():
    layer = nnfs.Layer(3, 2, nnfs.ReLU(), init=1e100, rng=0)   # 1e308 is refused (the table)
    assert np.all(np.isfinite(layer.forward(np.ones((3, 1)))))


def test_evaluate_on_huge_input_is_a_clear_error():
    with pytest.raises(ValueError, match="too large for float64"):
        _net().evaluate(np.full((1, 3), 1e308), np.full((1, 2), 1e308))


def test_cross_entropy_refuses_a_target_that_is_not_one_hot_before_any_overflow():
    with pytest.raises(ValueError, match="^Y must be one-hot"):
        nnfs.CrossEntropy().forward(np.full((2, 1), 1e308), np.array([[0.5], [0.5]]))


@pytest.mark.skipif(np.finfo(np.longdouble).max <= np.finfo(np.float64).max,
                    reason="longdouble is float64 on this platform")
def test_longdouble_input_is_cast_to_the_layers_dtype_never_a_float128_result():
    net = _net()
    assert net.forward(np.ones((3, 1), dtype=np.longdouble)).dtype == np.float64
    assert net.predict(np.ones((1, 3), dtype=np.longdouble)).dtype == np.float64
    with pytest.raises(ValueError, match="^X must be finite"):     # beyond float64: refused
        net.forward(np.full((3, 1), np.longdouble(10) ** 400))


def test_history_keeps_float64_copies():
    train = [1.0, 0.5]
    h = History(train, np.array([0.9, 0.4], dtype=np.float32))
    assert h.train_loss.dtype == h.val_loss.dtype == np.float64 and h.train_loss is not train


def test_numerical_gradient_refuses_a_read_only_x_and_leaves_x_as_it_was():
    x = np.ones(3)
    x.flags.writeable = False
    with pytest.raises(TypeError, match=r"^x must be a writeable array"):
        gradcheck.numerical_gradient(lambda: 1.0, x)
    y = np.ones(3)

    def fails():
        if y[0] != 1.0:
            raise ZeroDivisionError("inside f")
        return 1.0
    with pytest.raises(ZeroDivisionError):
        gradcheck.numerical_gradient(fails, y)
    np.testing.assert_array_equal(y, np.ones(3))        # restored although f raised
