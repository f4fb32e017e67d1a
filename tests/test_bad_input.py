"""Bad input of issue 9: refused with our own TypeError/ValueError, or computed right.

Every entry of ``CASES`` escaped before with another exception type, numpy's
wording, a RuntimeWarning (an error under this project's pytest settings) or an
object address. Each must now raise the given type with a message that matches
(and so names the argument), contains no address and leaves no figure behind.
``test_validation.py`` runs this file again under ``python -O``.
"""

from fractions import Fraction

import matplotlib.pyplot as plt
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
from nnfs._attributes import check_activation
from nnfs._twins import unchecked
from nnfs.data import make_series, train_test_split, window
from nnfs.gradcheck import check_layer, numerical_gradient, relative_error
from nnfs.plotting import plot_forecast, plot_losses

X = np.random.default_rng(0).uniform(size=(10, 5))
Y = np.random.default_rng(1).uniform(size=(10, 2))
RAGGED = [[1.0, 2.0], [3.0], [4.0, 5.0]]
HUGE = 10**400                      # a Python int no float can hold
TOO_BIG = r"must be a (positive number|number >= 0) that fits in a float \(< 1\.8e308\), " \
          r"got an integer of about 10\*\*400"


def net():
    return Network([Layer(5, 3, ReLU(), rng=0), Layer(3, 2, Identity(), rng=1)], MSE())


def after_forward(obj, x):
    obj.forward(x)
    return obj


class NaNGradientLayer(Layer):
    """A layer whose backward pass is broken: every dL/dW is NaN."""

    def grads(self, dLdA):
        dLdX, grads = super().grads(dLdA)
        return dLdX, {"W": np.full_like(grads["W"], np.nan), "B": grads["B"]}


CASES = [
    # numbers too large for a float: OverflowError before
    ("Layer clip", lambda: Layer(3, 2, ReLU(), clip=HUGE), ValueError, "clip " + TOO_BIG),
    ("Layer init", lambda: Layer(3, 2, ReLU(), init=HUGE), ValueError, "init " + TOO_BIG),
    ("Neuron scale", lambda: Neuron(3, scale=HUGE), ValueError, "scale " + TOO_BIG),
    ("Neuron clip", lambda: Neuron(3, clip=HUGE), ValueError, "clip " + TOO_BIG),
    ("NeuronLayer clip", lambda: NeuronLayer(3, 2, ReLU(), clip=HUGE), ValueError,
     "clip " + TOO_BIG),
    ("Momentum mu", lambda: Momentum(mu=HUGE), ValueError, "mu " + TOO_BIG),
    ("Adam eps", lambda: Adam(eps=HUGE), ValueError, "eps " + TOO_BIG),
    ("train learning_rate", lambda: net().train(X, Y, HUGE, 1), ValueError,
     "learning_rate " + TOO_BIG),
    ("train learning_rate -10**400", lambda: net().train(X, Y, -HUGE, 1), ValueError,
     r"learning_rate must be a positive number that fits in a float \(< 1\.8e308\), got an "
     r"integer of about -10\*\*400"),
    ("train learning_rate Fraction", lambda: net().train(X, Y, Fraction(HUGE, 3), 1), ValueError,
     r"learning_rate must be a positive number that fits in a float \(< 1\.8e308\), got an "
     r"instance of Fraction"),
    ("Layer.backward learning_rate",
     lambda: after_forward(Layer(3, 2, ReLU()), np.ones((3, 4))).backward(np.ones((2, 4)), HUGE),
     ValueError, "learning_rate " + TOO_BIG),
    ("numerical_gradient eps", lambda: numerical_gradient(lambda: 0.0, np.zeros(2), eps=HUGE),
     ValueError, "eps " + TOO_BIG),
    ("make_series noise", lambda: make_series(noise=HUGE), ValueError, "noise " + TOO_BIG),
    ("train_test_split test_fraction", lambda: train_test_split(X, Y, HUGE), ValueError,
     r"test_fraction must be a number in \(0, 1\), got an integer of about 10\*\*400$"),
    # negative seeds: numpy's "expected non-negative integer" before
    ("Layer rng -1", lambda: Layer(3, 2, ReLU(), rng=-1), ValueError,
     r"rng must be None, an int seed >= 0 or a numpy\.random\.Generator, got -1$"),
    ("Neuron rng -1", lambda: Neuron(3, rng=np.int64(-1)), ValueError,
     r"rng must be None, an int seed >= 0 or a numpy\.random\.Generator, got -1$"),
    ("NeuronLayer rng -1", lambda: NeuronLayer(3, 2, ReLU(), rng=-1), ValueError,
     r"rng must be None, an int seed >= 0"),
    ("make_series seed -1", lambda: make_series(seed=-1), ValueError,
     r"seed must be None, an int seed >= 0 or a numpy\.random\.Generator, got -1$"),
    ("make_series seed string", lambda: make_series(seed="1"), TypeError,
     r"^seed must be None, an int seed or a numpy\.random\.Generator, got '1'$"),
    ("train seed -1", lambda: net().train(X, Y, 0.1, 1, shuffle=True, seed=-1), ValueError,
     r"seed must be None, an int seed >= 0"),
    # ragged nested lists: numpy's "inhomogeneous shape" before
    ("Layer.forward ragged", lambda: Layer(2, 2, ReLU()).forward(RAGGED), ValueError,
     r"^X must be a rectangular array of numbers \(every row the same length\), got a ragged "
     r"list$"),
    ("Neuron.forward ragged", lambda: Neuron(2).forward(RAGGED), ValueError,
     r"^x must be a rectangular array"),
    ("Network.predict ragged", lambda: net().predict(RAGGED), ValueError,
     r"^x must be a rectangular array"),
    ("train ragged y", lambda: net().train(X, RAGGED, 0.1, 1), ValueError,
     r"^y must be a rectangular array"),
    ("ReLU.forward ragged", lambda: ReLU().forward(RAGGED), ValueError,
     r"^Z must be a rectangular array"),
    ("MSE.forward ragged", lambda: MSE().forward(RAGGED, RAGGED), ValueError,
     r"^pred must be a rectangular array"),
    ("window ragged", lambda: window([1.0, [2.0, 3.0], 4.0]), ValueError,
     r"^series must be a rectangular array"),
    ("relative_error ragged", lambda: relative_error(RAGGED, RAGGED), ValueError,
     r"^a must be a rectangular array"),
    ("plot_losses ragged", lambda: plot_losses({"run": RAGGED}), ValueError,
     r"^runs\['run'\] must be a rectangular array"),
    # transposed: the message says so
    ("Layer.forward transposed", lambda: Layer(3, 2, ReLU()).forward(np.ones((4, 3))),
     ValueError, r"^X must have shape \(3, any\), got \(4, 3\): did you mean X\.T\?$"),
    ("Neuron.forward transposed", lambda: Neuron(5).forward(np.ones((1, 5))), ValueError,
     r"^x must have shape \(5, 1\), got \(1, 5\): did you mean x\.T\?$"),
    ("Network.predict transposed", lambda: net().predict(X.T), ValueError,
     r"^x must have shape \(any, 5\), got \(5, 10\): did you mean x\.T\?$"),
    ("Network.forward transposed", lambda: net().forward(X), ValueError,
     r"^X must have shape \(5, any\), got \(10, 5\): did you mean X\.T\?$"),
    ("train y transposed", lambda: net().train(X, Y.T, 0.1, 1), ValueError,
     r"^y must have shape \(any, 2\), got \(2, 10\): did you mean y\.T\?$"),
    ("Layer.grads transposed",
     lambda: after_forward(Layer(3, 2, ReLU()), np.ones((3, 4))).grads(np.ones((4, 2))),
     ValueError, r"^dLdA must have shape \(2, 4\), got \(4, 2\): did you mean dLdA\.T\?$"),
    ("Tanh.backward transposed", lambda: Tanh().backward(np.ones((2, 3)), np.ones((3, 2))),
     ValueError, r"^dLdA must have shape \(2, 3\), got \(3, 2\): did you mean dLdA\.T\?$"),
    ("Softmax.jacobian transposed", lambda: Softmax().jacobian(np.ones((1, 3))), ValueError,
     r"^z must have shape \(any, 1\), got \(1, 3\): did you mean z\.T\?$"),
    # empty batches: ZeroDivisionError and numpy's reduction errors before
    ("MSE.forward no samples", lambda: MSE().forward(np.ones((2, 0)), np.ones((2, 0))),
     ValueError, r"^pred and y must hold at least one output of one sample, got shape \(2, 0\)"),
    ("MSE.forward no outputs", lambda: MSE().forward(np.ones((0, 3)), np.ones((0, 3))),
     ValueError, r"^pred and y must hold at least one output of one sample, got shape \(0, 3\)"),
    ("MSE.backward no samples", lambda: MSE().backward(np.ones((2, 0)), np.ones((2, 0))),
     ValueError, r"^pred and y must hold at least one output"),
    ("Softmax.forward no units", lambda: Softmax().forward(np.ones((0, 2))), ValueError,
     r"^Z must have at least one unit \(row\) for a Softmax, got shape \(0, 2\)$"),
    ("Softmax.backward no units", lambda: Softmax().backward(np.ones((0, 2)), np.ones((0, 2))),
     ValueError, r"^Z must have at least one unit \(row\) for a Softmax"),
    ("Softmax.jacobian no units", lambda: Softmax().jacobian(np.ones((0, 1))), ValueError,
     r"^z must have at least one unit \(row\) for a Softmax"),
    # results too large for float64: inf (silently) or a RuntimeWarning before
    ("MSE.forward overflow", lambda: MSE().forward(np.full((2, 2), 1e200), np.zeros((2, 2))),
     ValueError, r"^the mean squared error of this pred and y is too large for float64 \(their "
     r"largest \|value\| is 1e\+200\)$"),
    ("MSE.forward pred - y overflows",
     lambda: MSE().forward(np.full((1, 1), 1e308), np.full((1, 1), -1e308)),
     ValueError, r"^the mean squared error of this pred and y is too large for float64"),
    ("MSE.backward overflow",
     lambda: MSE().backward(np.full((1, 1), 1e308), np.full((1, 1), -1e308)),
     ValueError, r"^dL/dpred of this pred and y is too large for float64"),
    # NaN or inf read as agreement (0.0), or a RuntimeWarning, before
    ("relative_error NaN", lambda: relative_error([np.nan, 1.0], [np.nan, 1.0]), ValueError,
     r"^a must be finite, got 1 NaN or inf value\(s\) in an array of shape \(2,\)$"),
    ("relative_error inf", lambda: relative_error([1.0], [np.inf]), ValueError,
     r"^b must be finite, got 1 NaN or inf value\(s\)"),
    ("check_layer NaN gradient",
     lambda: check_layer(NaNGradientLayer(3, 2, Tanh(), rng=0), np.ones((3, 4)),
                         np.ones((2, 4))),
     ValueError, r"^the layer's dLdW must be finite, got 6 NaN or inf value\(s\)"),
    # numbers numpy cannot take, object addresses
    ("activation object()", lambda: Layer(3, 2, object()), TypeError,
     r"^activation must have forward\(Z\) and backward\(Z, dLdA\) methods, got an instance of "
     r"object$"),
    ("input_size object()", lambda: Layer(object(), 2, ReLU()), TypeError,
     r"^input_size must be a positive integer, got an instance of object$"),
    ("numerical_gradient f", lambda: numerical_gradient(object(), np.zeros(2)), TypeError,
     r"^f must be a function of no arguments returning a number, got an instance of object$"),
    ("test_fraction object()", lambda: train_test_split(X, Y, object()), TypeError,
     r"^test_fraction must be a number in \(0, 1\), got an instance of object$"),
    # plotting: AttributeError, numpy's TypeError, a ComplexWarning, a wrong label before
    ("plot_losses ax string", lambda: plot_losses([1.0, 2.0], ax="x"), TypeError,
     r"^ax must be a matplotlib Axes or None, got 'x'$"),
    ("plot_forecast ax string", lambda: plot_forecast([1.0, 2.0], [1.0, 2.0], ax="x"),
     TypeError, r"^ax must be a matplotlib Axes or None, got 'x'$"),
    ("plot_losses complex list", lambda: plot_losses([1 + 1j, 2.0]), TypeError,
     r"^runs must hold real numbers, got an array of dtype complex128$"),
    ("plot_losses complex array", lambda: plot_losses({"a": np.array([1.0, 2.0]) + 0j}),
     TypeError, r"^runs\['a'\] must hold real numbers, got an array of dtype complex128$"),
    ("plot_losses complex x", lambda: plot_losses([1.0, 2.0], x=np.array([0, 1]) + 0j),
     TypeError, r"^x must hold real numbers, got an array of dtype complex128$"),
    ("plot_forecast complex", lambda: plot_forecast(np.ones(3) + 0j, np.ones(3)), TypeError,
     r"^y_true must hold real numbers, got an array of dtype complex128$"),
    ("plot_forecast 1-D step", lambda: plot_forecast(np.ones(3), np.ones(3), step=5), ValueError,
     r"^step must be 0 for a 1-D forecast \(one step per sample\), got 5$"),
]


@pytest.mark.parametrize("call, exc, match", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_is_refused_clearly(call, exc, match):
    figures = plt.get_fignums()
    with pytest.raises(exc, match=match) as info:
        call()
    assert type(info.value) is exc          # not a subclass such as OverflowError's kin
    assert " at 0x" not in str(info.value)
    assert plt.get_fignums() == figures     # a refused plot opens no figure


def test_seed_true_is_still_refused():
    # listed in issue 9; it was already refused by make_rng, kept here as a guard
    for call in (lambda: Layer(3, 2, ReLU(), rng=True), lambda: Neuron(3, rng=True),
                 lambda: make_series(seed=True)):
        with pytest.raises(TypeError, match=r"(rng|seed) must be None, an int seed or a "
                                            r"numpy\.random\.Generator, got True$"):
            call()


# --- computed right where a result exists ------------------------------------------


def test_make_series_takes_any_real_noise():
    np.testing.assert_array_equal(make_series(50, noise=Fraction(1, 10)),
                                  make_series(50, noise=0.1))
    np.testing.assert_array_equal(make_series(50, noise=np.float32(0.5)),
                                  make_series(50, noise=float(np.float32(0.5))))


def test_make_series_with_huge_noise_is_the_scaled_noise():
    # min-max scaling removes a common factor: noise 1e308 is pure scaled noise
    # (noise * standard_normal overflowed before)
    got = make_series(40, seed=3, noise=1e308)
    z = np.random.default_rng(3).standard_normal(40)
    np.testing.assert_allclose(got, (z - z.min()) / (z.max() - z.min()), rtol=0, atol=1e-12)


def test_mse_of_huge_numbers_whose_mean_fits():
    # each square is 1e308 and their sum overflows, but the mean does not
    pred = np.full((1, 4), 1e154)
    assert MSE().forward(pred, np.zeros((1, 4))) == pytest.approx(1e308, rel=1e-12)
    G = MSE().backward(np.full((2, 2), 1e308), np.full((2, 2), -1e308))
    np.testing.assert_allclose(G, np.full((2, 2), 1e308), rtol=1e-15)


@pytest.mark.parametrize("act", [Identity(), ReLU(), Sigmoid(), Tanh(), Softmax()], ids=repr)
def test_activations_take_huge_finite_numbers_without_warnings(act):
    # Softmax.backward overflowed before; the element-wise ones are guarded here too
    Z = np.array([[1e308, -1e308], [-1e308, 1e308], [0.0, 1.0]])
    dLdA = np.array([[1e308, -1e308], [-1e308, 1e308], [1.0, 0.0]])
    A = act.forward(Z)
    dLdZ = act.backward(Z, dLdA)
    assert np.all(np.isfinite(A)) and np.all(np.isfinite(dLdZ))
    if isinstance(act, Softmax):
        # the winning unit has s = 1, the others 0: dL/dz = s (dL/da - sum_i dL/da_i s_i) = 0
        np.testing.assert_array_equal(A, [[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]])
        np.testing.assert_array_equal(dLdZ, np.zeros((3, 2)))
    else:
        np.testing.assert_array_equal(act.derivative(Z) * dLdA, dLdZ)


def test_softmax_backward_where_the_plain_formula_overflows():
    # s = 1/3 each; dL/da - sum_i dL/da_i s_i = (1, 1, -2) * 1e308 overflows on the way,
    # but dL/dz = s * that = (1/3, 1/3, -2/3) * 1e308 fits
    Z = np.zeros((3, 2))
    dLdA = np.array([[1.5e308, 1.0], [1.5e308, 2.0], [-1.5e308, 3.0]])
    dLdZ = Softmax().backward(Z, dLdA)
    np.testing.assert_allclose(dLdZ[:, 0], np.array([1.0, 1.0, -2.0]) / 3 * 1e308, rtol=1e-14)
    np.testing.assert_allclose(dLdZ[:, 1], [-1 / 3, 0.0, 1 / 3], rtol=1e-14, atol=1e-16)


def test_no_transpose_hint_when_the_transpose_does_not_fit_either():
    with pytest.raises(ValueError, match=r"^X must have shape \(3, any\), got \(4, 2\)$"):
        Layer(3, 2, ReLU()).forward(np.ones((4, 2)))
    with pytest.raises(ValueError, match=r"^x must have shape \(5, 1\), got \(5, 2\)$"):
        Neuron(5).forward(np.ones((5, 2)))


def test_relative_error_of_huge_arrays_does_not_overflow():
    a = np.array([1e308, -1e308, 1.0])
    assert relative_error(a, a) == 0.0
    assert relative_error(a, -a) == pytest.approx(1.0, rel=1e-15)


def test_check_layer_still_passes_a_correct_layer():
    # the other side of "check_layer NaN gradient": a correct layer still passes
    errors = check_layer(Layer(3, 2, Tanh(), rng=0), np.ones((3, 4)), np.ones((2, 4)))
    assert max(errors.values()) < 1e-7


# --- an activation of one's own with only the public methods -----------------------


class Doubling:
    """A learner's activation: A = 2 Z, with only the public methods."""

    def forward(self, Z):
        return 2.0 * np.asarray(Z)

    def backward(self, Z, dLdA):
        return 2.0 * np.asarray(dLdA)


class ShiftedReLU(ReLU):
    """A subclass that changes the public forward but inherits ReLU._forward."""

    def forward(self, Z):
        return super().forward(Z) + 1.0


def test_unchecked_falls_back_to_the_public_method():
    act = Doubling()
    assert check_activation(act) is act
    assert unchecked(act, "forward") == act.forward
    assert unchecked(act, "backward") == act.backward
    relu = ReLU()
    assert unchecked(relu, "forward") == relu._forward     # nnfs's own: the unchecked twin
    shifted = ShiftedReLU()
    assert unchecked(shifted, "forward") == shifted.forward
    assert unchecked(shifted, "backward") == shifted._backward
    relu.forward = lambda Z: Z                              # set on the instance: it wins
    assert unchecked(relu, "forward") is relu.forward


def test_an_activation_needs_both_public_methods():
    class ForwardOnly:
        def forward(self, Z):
            return Z

    with pytest.raises(TypeError, match=r"^activation must have forward\(Z\) and backward"):
        check_activation(ForwardOnly())


def test_an_object_whose_private_twin_is_not_callable_is_refused():
    act = Doubling()
    act._forward = 3
    with pytest.raises(TypeError, match=r"^activation must have forward\(Z\)"):
        check_activation(act)


def test_a_layer_takes_an_activation_with_only_public_methods():
    layer = Layer(2, 3, Doubling(), rng=0)
    X = np.ones((2, 4))
    np.testing.assert_array_equal(layer.forward(X), 2.0 * (layer.W @ X + layer.B))
