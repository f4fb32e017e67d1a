"""Bad input, in one table: refused with our own TypeError or ValueError, and nothing changes.

Every row of ``CASES`` is a call that must raise exactly ``exc`` (not a subclass)
with a message matching ``match``: it names the argument, what was expected and
what was given, never numpy's own wording, a RuntimeWarning (an error under this
project's pytest settings) or an object address, and a refused plot leaves no
figure behind. The rows: every size-taking argument with every bad size; each
public call with a wrong type, shape, value or number; assignments to checked
attributes; a network whose layers do not chain. Beside the table: a refused
call changes nothing (``train``, an optimizer's step, a reused optimizer).
``test_python_O.py`` runs this file again under ``python -O``: nnfs checks with
``if ... raise``, never ``assert``.
"""

import contextlib
import copy
import io
import time
from fractions import Fraction

import matplotlib.pyplot as plt
import numpy as np
import pytest
from nets import same, series_net, series_neuron_net, weights

from nnfs import (
    MSE,
    SGD,
    Adam,
    History,
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
from nnfs.data import make_series, make_spirals, one_hot, train_test_split, window
from nnfs.gradcheck import check_layer, numerical_gradient, relative_error
from nnfs.plotting import plot_forecast, plot_losses

X = np.random.default_rng(0).uniform(size=(10, 5))
Y = np.random.default_rng(1).uniform(size=(10, 2))
XS, YS = window(make_series(60, seed=1))            # 54 samples, 5 inputs, 2 outputs
RAGGED = [[1.0, 2.0], [3.0], [4.0, 5.0]]
HUGE = 10**400                      # a Python int no float can hold
TOO_BIG = r"must be a (positive number|number >= 0) that fits in a float \(< 1\.8e308\), " \
          r"got an integer of about 10\*\*400"


def net():
    return Network([Layer(5, 3, ReLU(), rng=0), Layer(3, 2, Identity(), rng=1)], MSE())


def neuron_net():
    return Network([NeuronLayer(5, 3, ReLU(), rng=0), NeuronLayer(3, 2, Identity(), rng=1)],
                   MSE())


def with_nan(a, where=(0, 0), value=np.nan):
    a = np.array(a, dtype=np.float64)
    a[where] = value
    return a


def after_forward(obj, x):
    obj.forward(x)
    return obj


class NaNGradientLayer(Layer):
    """A layer whose backward pass is broken: every dL/dW is NaN."""

    def grads(self, dLdA):
        dLdX, grads = super().grads(dLdA)
        return dLdX, {"W": np.full_like(grads["W"], np.nan), "B": grads["B"]}


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


# --- the table ----------------------------------------------------------------------------

SIZE_TAKERS = {
    "Neuron.input_size": lambda v: Neuron(v),
    "NeuronLayer.input_size": lambda v: NeuronLayer(v, 2, ReLU()),
    "NeuronLayer.layer_size": lambda v: NeuronLayer(2, v, ReLU()),
    "Layer.input_size": lambda v: Layer(v, 2, ReLU()),
    "Layer.layer_size": lambda v: Layer(2, v, ReLU()),
    "window.window_size": lambda v: window(np.arange(20.0), window_size=v),
    "window.forecast_size": lambda v: window(np.arange(20.0), forecast_size=v),
    "make_series.n": lambda v: make_series(v),
    "train.epochs": lambda v: net().train(X, Y, 0.1, v),
    "train.batch_size": lambda v: net().train(X, Y, 0.1, 1, batch_size=v),
}


BAD_SIZES = [
    (2.0, TypeError, r"must be a positive integer, got 2\.0 of type float"),
    (3.5, TypeError, r"must be a positive integer, got 3\.5 of type float"),
    (True, TypeError, r"must be a positive integer, got True of type bool"),
    (False, TypeError, r"must be a positive integer, got False of type bool"),
    ("3", TypeError, r"must be a positive integer, got '3' of type str"),
    (np.float64(4.0), TypeError, r"must be a positive integer, got .*4\.0.* of type float64"),
    (0, ValueError, r"must be a positive integer, got 0$"),
    (-1, ValueError, r"must be a positive integer, got -1$"),
    (np.int64(0), ValueError, r"must be a positive integer, got 0$"),
]


CASES = [
    # every argument that takes a size, with every bad size
    *[(f"{taker} {value!r}", lambda take=take, value=value: take(value), exc, match)
      for taker, take in SIZE_TAKERS.items() for value, exc, match in BAD_SIZES],
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
    # wrong shape
    ("Layer.forward rows", lambda: Layer(3, 2, ReLU()).forward(np.ones((4, 2))),
     ValueError, r"X must have shape \(3, any\), got \(4, 2\)"),
    ("Neuron.forward rows", lambda: Neuron(3).forward(np.ones((2, 1))),
     ValueError, r"x must have shape \(3, 1\), got \(2, 1\)"),
    ("Neuron.forward batch", lambda: Neuron(3).forward(np.ones((3, 2))),
     ValueError, r"x must have shape \(3, 1\), got \(3, 2\)"),
    ("Layer.backward shape",
     lambda: after_forward(Layer(3, 2, ReLU()), np.ones((3, 4))).backward(np.ones((2, 3)), 0.1),
     ValueError, r"dLdA must have shape \(2, 4\), got \(2, 3\)"),
    ("Layer.grads shape",
     lambda: after_forward(Layer(3, 2, ReLU()), np.ones((3, 4))).grads(np.ones((4, 2))),
     ValueError, r"dLdA must have shape \(2, 4\), got \(4, 2\)"),
    ("NeuronLayer.backward shape",
     lambda: after_forward(NeuronLayer(3, 2, ReLU()), np.ones((3, 1))).backward(
         np.ones((2, 2)), 0.1),
     ValueError, r"dLdA must have shape \(2, 1\), got \(2, 2\)"),
    ("Neuron.backward two errors",
     lambda: after_forward(Neuron(3), np.ones((3, 1))).backward(np.ones(2), 0.1),
     ValueError, r"error must .*\(1,\).*got .*\(2,\)"),
    ("Neuron.backward column of errors",
     lambda: after_forward(Neuron(3), np.ones((3, 1))).backward(np.ones((2, 1)), 0.1),
     ValueError, r"error must .*\(1,\).*got .*\(2, 1\)"),
    ("Neuron.backward 3-D error",
     lambda: after_forward(Neuron(3), np.ones((3, 1))).backward(np.ones((1, 1, 1)), 0.1),
     ValueError, r"error must .*\(1,\).*got .*\(1, 1, 1\)"),
    ("NeuronLayer.W setter", lambda: setattr(NeuronLayer(3, 2, ReLU()), "W", np.ones((3, 2))),
     ValueError, r"W must have shape \(2, 3\), got \(3, 2\)"),
    ("NeuronLayer.B setter", lambda: setattr(NeuronLayer(3, 2, ReLU()), "B", np.ones((1, 2))),
     ValueError, r"B must have shape \(2, 1\), got \(1, 2\)"),
    ("activation backward", lambda: Tanh().backward(np.ones((2, 3)), np.ones((3, 2))),
     ValueError, r"dLdA must have shape \(2, 3\), got \(3, 2\)"),
    ("Softmax.jacobian", lambda: Softmax().jacobian(np.ones((3, 2))),
     ValueError, r"z must have shape \(any, 1\), got \(3, 2\)"),
    ("MSE shapes", lambda: MSE().forward(np.ones((2, 3)), np.ones((2, 2))),
     ValueError, r"same shape, got pred \(2, 3\) and y \(2, 2\)"),
    ("MSE.backward shapes", lambda: MSE().backward(np.ones((2, 1)), np.ones((1, 2))),
     ValueError, r"same shape, got pred \(2, 1\) and y \(1, 2\)"),
    ("Network.forward rows", lambda: net().forward(np.ones((4, 1))),
     ValueError, r"X must have shape \(5, any\), got \(4, 1\)"),
    ("Network.backward shape",
     lambda: after_forward(net(), np.ones((5, 3))).backward(np.ones((2, 2)), 0.1),
     ValueError, r"dLdA must have shape \(2, 3\), got \(2, 2\)"),
    ("predict columns", lambda: net().predict(np.ones((4, 4))),
     ValueError, r"x must have shape \(any, 5\), got \(4, 4\)"),
    ("train x columns", lambda: net().train(np.ones((10, 4)), Y, 0.1, 1),
     ValueError, r"x must have shape \(any, 5\), got \(10, 4\)"),
    ("train y columns", lambda: net().train(X, np.ones((10, 3)), 0.1, 1),
     ValueError, r"y must have shape \(any, 2\), got \(10, 3\)"),
    ("train no samples", lambda: net().train(np.ones((0, 5)), np.ones((0, 2)), 0.1, 1),
     ValueError, r"x holds no samples \(shape \(0, 5\)\)"),
    ("evaluate y columns", lambda: net().evaluate(X, np.ones((10, 1))),
     ValueError, r"y must have shape \(any, 2\), got \(10, 1\)"),
    # wrong ndim
    ("Layer.forward 1-D", lambda: Layer(3, 2, ReLU()).forward(np.ones(3)),
     ValueError, r"X must .*\(3, any\), got .*\(3,\) \(1-D\)"),
    ("Neuron.forward 1-D", lambda: Neuron(3).forward(np.ones(3)),
     ValueError, r"x must .*\(3, 1\), got .*\(3,\) \(1-D\)"),
    ("NeuronLayer.forward 3-D", lambda: NeuronLayer(3, 2, ReLU()).forward(np.ones((3, 1, 1))),
     ValueError, r"x must .*\(3, any\), got .*\(3, 1, 1\) \(3-D\)"),
    ("ReLU 1-D", lambda: ReLU().forward(np.ones(3)),
     ValueError, r"Z must be a 2-D array, got .*\(3,\) \(1-D\)"),
    ("Softmax 3-D", lambda: Softmax().forward(np.ones((2, 2, 2))),
     ValueError, r"Z must be a 2-D array, got .*\(2, 2, 2\) \(3-D\)"),
    ("derivative 0-D", lambda: Sigmoid().derivative(np.float64(1.0)),
     ValueError, r"Z must be a 2-D array, got .*\(\) \(0-D\)"),
    ("MSE 1-D", lambda: MSE().forward(np.ones(3), np.ones(3)),
     ValueError, r"pred must be a 2-D array, got .*\(3,\) \(1-D\)"),
    ("window 2-D series", lambda: window(np.ones((3, 4))),
     ValueError, r"series must be a 1-D array, got .*\(3, 4\) \(2-D\)"),
    ("train x 1-D", lambda: net().train(np.ones(5), Y, 0.1, 1),
     ValueError, r"x must .*\(any, 5\), got .*\(5,\) \(1-D\)"),
    ("train y 3-D", lambda: net().train(X, np.ones((10, 2, 1)), 0.1, 1),
     ValueError, r"y must .*\(any, 2\), got .*\(10, 2, 1\) \(3-D\)"),
    ("predict 1-D", lambda: net().predict(np.ones(5)),
     ValueError, r"x must .*\(any, 5\), got .*\(5,\) \(1-D\)"),
    # not numbers
    ("string data", lambda: Layer(3, 2, ReLU()).forward("abc"),
     TypeError, r"X must be an array of numbers, got str"),
    ("None data", lambda: net().train(None, Y, 0.1, 1),
     TypeError, r"x must be an array of numbers, got NoneType"),
    ("bool data", lambda: ReLU().forward(np.ones((2, 2), dtype=bool)),
     TypeError, r"Z must hold real numbers, got an array of dtype bool"),
    ("complex data", lambda: MSE().forward(np.ones((1, 1)) * 1j, np.ones((1, 1))),
     TypeError, r"pred must hold real numbers, got an array of dtype complex128"),
    # NaN or inf in data
    ("Layer.forward NaN", lambda: Layer(3, 2, ReLU()).forward(with_nan(np.ones((3, 2)))),
     ValueError, r"X must be finite, got 1 NaN or inf value\(s\) in an array of shape \(3, 2\)"),
    ("Neuron.forward inf", lambda: Neuron(3).forward(with_nan(np.ones((3, 1)), value=np.inf)),
     ValueError, r"x must be finite, got 1 NaN or inf value\(s\) in an array of shape \(3, 1\)"),
    ("NeuronLayer.forward -inf",
     lambda: NeuronLayer(3, 2, ReLU()).forward(with_nan(np.ones((3, 1)), value=-np.inf)),
     ValueError, r"x must be finite, got 1 NaN"),
    ("Layer.backward NaN",
     lambda: after_forward(Layer(3, 2, ReLU()), np.ones((3, 1))).backward(
         with_nan(np.ones((2, 1))), 0.1),
     ValueError, r"dLdA must be finite, got 1 NaN or inf value\(s\) in an array of shape"),
    ("Neuron.backward NaN error",
     lambda: after_forward(Neuron(3), np.ones((3, 1))).backward(np.array([np.nan]), 0.1),
     ValueError, r"error must be finite"),
    ("activation NaN", lambda: Softmax().forward(with_nan(np.ones((2, 2)))),
     ValueError, r"Z must be finite, got 1 NaN"),
    ("activation backward inf",
     lambda: ReLU().backward(np.ones((2, 2)), with_nan(np.ones((2, 2)), value=np.inf)),
     ValueError, r"dLdA must be finite, got 1 NaN or inf"),
    ("MSE y NaN", lambda: MSE().forward(np.ones((2, 2)), with_nan(np.ones((2, 2)))),
     ValueError, r"y must be finite, got 1 NaN"),
    ("window inf", lambda: window(with_nan(np.arange(20.0), 3, np.inf)),
     ValueError, r"series must be finite, got 1 NaN or inf value\(s\) in an array of shape "
                 r"\(20,\)"),
    ("train x NaN", lambda: net().train(with_nan(X, (4, 2)), Y, 0.1, 1),
     ValueError, r"x must be finite, got 1 NaN or inf value\(s\) in an array of shape \(10, 5\)"),
    ("train y inf", lambda: net().train(X, with_nan(with_nan(Y, (1, 1), np.inf)), 0.1, 1),
     ValueError, r"y must be finite, got 2 NaN or inf value\(s\) in an array of shape \(10, 2\)"),
    ("predict NaN", lambda: net().predict(with_nan(X)),
     ValueError, r"x must be finite"),
    ("validation NaN", lambda: net().train(X, Y, 0.1, 1, validation=(with_nan(X), Y)),
     ValueError, r"x_val must be finite, got 1 NaN"),
    # x / y length mismatch
    ("train x/y length", lambda: net().train(X, Y[:9], 0.1, 1),
     ValueError, r"x and y must hold the same number of samples, got x \(10, 5\) and y \(9, 2\)"),
    ("evaluate x/y length", lambda: net().evaluate(X[:3], Y),
     ValueError, r"same number of samples, got x \(3, 5\) and y \(10, 2\)"),
    ("validation x/y length", lambda: net().train(X, Y, 0.1, 1, validation=(X[:4], Y[:3])),
     ValueError, r"x_val and y_val must hold the same number of samples, got x_val \(4, 5\) "
                 r"and y_val \(3, 2\)"),
    ("validation columns", lambda: net().train(X, Y, 0.1, 1, validation=(X[:, :4], Y)),
     ValueError, r"x_val must have shape \(any, 5\), got \(10, 4\)"),
    ("split x/y length", lambda: train_test_split(X, Y[:7]),
     ValueError, r"same number of samples, got x \(10, 5\) and y \(7, 2\)"),
    # layers that do not chain, wrong layer or loss objects
    ("sizes do not chain", lambda: Network([Layer(5, 3, ReLU()), Layer(4, 2, ReLU())]),
     ValueError, r"layer sizes do not chain: layer 1 \(Layer\(4, 2, ReLU\(\)\)\) expects 4 "
                 r"inputs but the layer before it gives 3 outputs"),
    ("add_layers does not chain", lambda: net().add_layers([NeuronLayer(3, 1, ReLU())]),
     ValueError, r"layer 2 .*expects 3 inputs but the layer before it gives 2 outputs"),
    ("add_layers not a list", lambda: Network().add_layers(Layer(5, 3, ReLU())),
     TypeError, r"add_layers expects a list of layers, got Layer"),
    ("add_layers not a layer", lambda: Network().add_layers([ReLU()]),
     TypeError, r"expected a layer such as Layer\(...\) or NeuronLayer\(...\), got .*ReLU"),
    ("add_layers a Neuron", lambda: Network().add_layers([Neuron(3)]),
     TypeError, r"expected a layer .*got .*Neuron.*layer_size"),
    ("add_loss class", lambda: Network().add_loss(MSE),
     TypeError, r"loss must be an instance such as MSE\(\), got the class MSE"),
    ("add_loss string", lambda: Network().add_loss("mse"),
     TypeError, r"expected a loss such as MSE\(\), got .*(str|'mse')"),
    ("activation class", lambda: Layer(3, 2, ReLU),
     TypeError, r"activation must be an instance such as ReLU\(\), got the class ReLU"),
    ("activation string", lambda: NeuronLayer(3, 2, "relu"),
     TypeError, r"activation must have forward\(Z\) and backward\(Z, dLdA\) methods, "
                r"got 'relu'"),
    # no loss, no layers
    ("train without loss", lambda: Network([Layer(5, 2, ReLU())]).train(X, Y, 0.1, 1),
     ValueError, r"the network has no loss; call add_loss\(MSE\(\)\) first"),
    ("evaluate without loss", lambda: Network([Layer(5, 2, ReLU())]).evaluate(X, Y),
     ValueError, r"no loss"),
    ("train without layers", lambda: Network(loss=MSE()).train(X, Y, 0.1, 1),
     ValueError, r"the network has no layers; call add_layers\(\[...\]\) first"),
    ("empty network train", lambda: Network().train(X, Y, 0.1, 1),
     ValueError, r"no layers"),
    ("predict without layers", lambda: Network().predict(X),
     ValueError, r"no layers"),
    ("forward without layers", lambda: Network().forward(np.ones((5, 1))),
     ValueError, r"no layers"),
    ("input_size without layers", lambda: Network().input_size,
     ValueError, r"no layers"),
    # learning rate <= 0 (and not a number)
    ("train lr 0", lambda: net().train(X, Y, 0, 1),
     ValueError, r"learning_rate must be a finite number > 0, got 0\.0"),
    ("train lr -0.1", lambda: net().train(X, Y, -0.1, 1),
     ValueError, r"learning_rate must be a finite number > 0, got -0\.1"),
    ("train lr nan", lambda: net().train(X, Y, float("nan"), 1),
     ValueError, r"learning_rate must be a finite number > 0, got nan"),
    ("train lr inf", lambda: net().train(X, Y, np.inf, 1),
     ValueError, r"learning_rate must be a finite number > 0, got inf"),
    ("train lr string", lambda: net().train(X, Y, "0.1", 1),
     TypeError, r"learning_rate must be a positive number, got '0\.1' of type str"),
    ("train lr None", lambda: net().train(X, Y, None, 1),
     TypeError, r"learning_rate must be a positive number, got None of type NoneType"),
    ("Layer.backward lr 0",
     lambda: after_forward(Layer(3, 2, ReLU()), np.ones((3, 1))).backward(np.ones((2, 1)), 0),
     ValueError, r"learning_rate must be a finite number > 0, got 0\.0"),
    ("Neuron.backward lr -1",
     lambda: after_forward(Neuron(3), np.ones((3, 1))).backward(np.ones(1), -1),
     ValueError, r"learning_rate must be a finite number > 0, got -1\.0"),
    ("NeuronLayer.backward lr 0",
     lambda: after_forward(NeuronLayer(3, 2, ReLU()), np.ones((3, 1))).backward(
         np.ones((2, 1)), 0.0),
     ValueError, r"learning_rate must be a finite number > 0, got 0\.0"),
    ("Network.backward lr -5",
     lambda: after_forward(net(), np.ones((5, 1))).backward(np.ones((2, 1)), -5),
     ValueError, r"learning_rate must be a finite number > 0, got -5\.0"),
    # epochs < 1 (and the other train arguments)
    ("epochs 0", lambda: net().train(X, Y, 0.1, 0),
     ValueError, r"epochs must be a positive integer, got 0"),
    ("epochs -3", lambda: net().train(X, Y, 0.1, -3),
     ValueError, r"epochs must be a positive integer, got -3"),
    ("batch_size > N", lambda: net().train(X, Y, 0.1, 1, batch_size=11),
     ValueError, r"batch_size must be at most the number of samples 10, got 11"),
    ("shuffle not bool", lambda: net().train(X, Y, 0.1, 1, shuffle="yes"),
     TypeError, r"shuffle must be True or False, got 'yes'"),
    ("seed float", lambda: net().train(X, Y, 0.1, 1, shuffle=True, seed=1.5),
     TypeError, r"seed must be None, an int seed or a numpy.random.Generator, got 1\.5"),
    ("log negative", lambda: net().train(X, Y, 0.1, 1, log=-1),
     ValueError, r"log must be an integer >= 0 \(number of progress lines\), got -1"),
    ("log float", lambda: net().train(X, Y, 0.1, 1, log=2.5),
     ValueError, r"log must be an integer >= 0 .*got 2\.5"),
    ("log bool", lambda: net().train(X, Y, 0.1, 1, log=True),
     ValueError, r"log must be an integer >= 0 .*got True"),
    # backward before forward
    ("Neuron backward first", lambda: Neuron(3).backward(np.ones(1), 0.1),
     ValueError, r"backward\(\) needs the input of a forward\(\) call; call forward first"),
    ("NeuronLayer backward first", lambda: NeuronLayer(3, 2, ReLU()).backward(np.ones((2, 1)),
                                                                              0.1),
     ValueError, r"backward\(\) needs the input of a forward\(\) call; call forward first"),
    ("Layer backward first", lambda: Layer(3, 2, ReLU()).backward(np.ones((2, 1)), 0.1),
     ValueError, r"backward\(\) needs the input of a forward\(\) call; call forward first"),
    ("Layer grads first", lambda: Layer(3, 2, ReLU()).grads(np.ones((2, 1))),
     ValueError, r"grads\(\) needs the input of a forward\(\) call; call forward first"),
    ("Network backward first", lambda: net().backward(np.ones((2, 1)), 0.1),
     ValueError, r"backward\(\) needs a forward\(\) call first"),
    # optimizer given as a class, an unknown name, or something else
    ("optimizer class SGD", lambda: net().train(X, Y, 0.1, 1, optimizer=SGD),
     TypeError, r"optimizer must be an instance such as SGD\(\), got the class SGD"),
    ("optimizer class Momentum", lambda: net().train(X, Y, 0.1, 1, optimizer=Momentum),
     TypeError, r"optimizer must be an instance such as Momentum\(\), got the class Momentum"),
    ("optimizer class Adam", lambda: net().train(X, Y, 0.1, 1, optimizer=Adam),
     TypeError, r"optimizer must be an instance such as Adam\(\), got the class Adam"),
    ("optimizer unknown name", lambda: net().train(X, Y, 0.1, 1, optimizer="rmsprop"),
     ValueError, r"optimizer must be one of \['adam', 'momentum', 'sgd'\] or an optimizer "
                 r"object, got 'rmsprop'"),
    ("optimizer number", lambda: net().train(X, Y, 0.1, 1, optimizer=42),
     TypeError, r"optimizer must have a step\(key, param, grad, learning_rate\) method, got 42"),
    # optimizer and layer settings
    ("Momentum mu 1", lambda: Momentum(mu=1.0),
     ValueError, r"mu must be in \(0, 1\), got 1\.0"),
    ("Momentum mu 0", lambda: Momentum(mu=0),
     ValueError, r"mu must be a finite number > 0, got 0\.0"),
    ("Adam beta2 1.5", lambda: Adam(beta2=1.5),
     ValueError, r"beta2 must be in \(0, 1\), got 1\.5"),
    ("Adam eps 0", lambda: Adam(eps=0.0),
     ValueError, r"eps must be a finite number > 0, got 0\.0"),
    ("init unknown", lambda: Layer(3, 2, ReLU(), init="glorot"),
     ValueError, r"init must be one of \('he', 'xavier', 'article'\) or a positive number, "
                 r"got 'glorot'"),
    ("init negative", lambda: Layer(3, 2, ReLU(), init=-0.1),
     ValueError, r"init must be a finite number > 0, got -0\.1"),
    ("clip 0", lambda: Layer(3, 2, ReLU(), clip=0),
     ValueError, r"clip must be a finite number > 0, got 0\.0"),
    ("clip string", lambda: Neuron(3, clip="1"),
     TypeError, r"clip must be a positive number, got '1' of type str"),
    ("Neuron scale 0", lambda: Neuron(3, scale=0),
     ValueError, r"scale must be a finite number > 0, got 0\.0"),
    ("rng string", lambda: Layer(3, 2, ReLU(), rng="seed"),
     TypeError, r"rng must be None, an int seed or a numpy\.random\.Generator, got 'seed'"),
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
    ("train lr 10**400", lambda: series_net().train(XS, YS, HUGE, 1),
     ValueError, r"learning_rate must be a positive number that fits in a float "
                 r"\(< 1\.8e308\), got an integer of about 10\*\*400"),
    ("Momentum mu 10**400", lambda: Momentum(mu=HUGE),
     ValueError, r"mu must be a positive number that fits in a float"),
    ("Layer clip 10**400", lambda: Layer(2, 2, ReLU(), clip=HUGE),
     ValueError, r"clip must be a positive number that fits in a float"),
    ("Adam eps 10**400", lambda: Adam(eps=HUGE),
     ValueError, r"eps must be a positive number that fits in a float"),
    ("Neuron scale 10**400", lambda: Neuron(2, scale=HUGE), ValueError, r"scale must be a"),
    ("backward lr -10**400",
     lambda: (lambda n: (n.forward(np.ones((2, 1))), n.backward(np.ones(1), -HUGE)))(Neuron(2)),
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
    ("train optimizer object()", lambda: series_net().train(XS, YS, 0.1, 1, optimizer=object()),
     TypeError, r"^optimizer must have a step\(key, param, grad, learning_rate\) method, got an "
                r"instance of object$"),
    ("Layer activation object()", lambda: Layer(3, 2, object()),
     TypeError, r"^activation must have forward\(Z\) and backward\(Z, dLdA\) methods, got an "
                r"instance of object$"),
    ("Layer activation own object", lambda: Layer(3, 2, WithState()),
     TypeError, r"got an instance of WithState$"),
    # empty predictions
    ("NeuronLayer network predict 0 rows", lambda: series_neuron_net().predict(np.ones((0, 5))),
     ValueError, r"^x holds no samples \(shape \(0, 5\)\)$"),
    ("Layer network predict 0 rows", lambda: series_net().predict(np.ones((0, 5))),
     ValueError, r"^x holds no samples \(shape \(0, 5\)\)$"),
    # samples in columns instead of rows, and the other way round
    ("train x.T", lambda: series_net().train(XS.T, YS, 0.1, 1),
     ValueError, r"x must have shape \(any, 5\), got \(5, 54\): did you mean x\.T\?$"),
    ("train y.T", lambda: series_net().train(XS, YS.T, 0.1, 1),
     ValueError, r"y must have shape \(any, 2\), got \(2, 54\): did you mean y\.T\?$"),
    ("validation x.T", lambda: series_net().train(XS, YS, 0.1, 1, validation=(XS.T, YS)),
     ValueError, r"x_val must have shape .*did you mean x_val\.T\?"),
    ("predict x.T", lambda: series_net().predict(XS[:3].T),
     ValueError, r"x must have shape \(any, 5\), got \(5, 3\): did you mean x\.T\?$"),
    ("evaluate y.T", lambda: series_net().evaluate(XS, YS.T), ValueError, r"did you mean y\.T\?"),
    ("forward X.T", lambda: series_net().forward(XS[:3]),
     ValueError, r"X must have shape \(5, any\), got \(3, 5\): did you mean X\.T\?$"),
    ("no hint for other shapes", lambda: series_net().train(XS[:, :3], YS, 0.1, 1),
     ValueError, r"^x must have shape \(any, 5\), got \(54, 3\)$"),
    # layers appended to net.layers directly
    ("appended layer does not chain",
     lambda: (lambda n: (n.layers.append(Layer(3, 2, ReLU())), n.train(XS, YS, 0.1, 1)))(
         series_net()),
     ValueError, r"layer sizes do not chain: layer 2 \(Layer\(3, 2, ReLU\(\)\)\) expects 3 "
                 r"inputs but the layer before it gives 2 outputs"),
    ("appended layer, predict",
     lambda: (lambda n: (n.layers.append(Layer(3, 2, ReLU())), n.predict(XS)))(series_net()),
     ValueError, r"layer 2 \(Layer\(3, 2, ReLU\(\)\)\) expects 3 inputs"),
    ("appended layer, forward",
     lambda: (lambda n: (n.layers.insert(0, Layer(5, 7, ReLU())),
                         n.forward(np.ones((5, 1)))))(series_net()),
     ValueError, r"layer 1 \(Layer\(5, 4, ReLU\(\)\)\) expects 5 inputs but the layer before "
                 r"it gives 7 outputs"),
    ("appended non-layer",
     lambda: (lambda n: (n.layers.append(ReLU()), n.predict(XS)))(series_net()),
     TypeError, r"got a ReLU object without input_size \(a layer needs input_size, "
                r"layer_size, forward, params, grads"),
    ("layer whose params are copies", lambda: Network([Copies()]),
     TypeError, r"layer 0 \(an instance of Copies\): params\(\) must return the layer's own arrays "
                r"\(the same each call\), not copies"),
    ("layer with a str size", lambda: Network([StrSize()]),
     TypeError, r"layer 0 \(an instance of StrSize\) must have a positive int input_size, got '5'"),
    # the last fuzz kinds of issue 17 (the grads() of a layer of one's own: test_fuzz_kinds.py)
    ("make_spirals 10**30 samples", lambda: make_spirals(10**30, 3), ValueError,
     r"^n_per_class \* n_classes must be at most 100,000,000 samples .*got an integer of about "
     r"10\*\*30$"),
    ("make_series 10**13 values", lambda: make_series(10**13), ValueError,
     r"^n must be at most 100,000,000 values"),
    ("one_hot 2**63 classes", lambda: one_hot([0, 1], 2**63), ValueError,
     r"^len\(labels\) \* n_classes must be at most 100,000,000 entries"),
    ("train_test_split ragged x", lambda: train_test_split(RAGGED, [1.0, 2.0, 3.0]), ValueError,
     r"^x must be a rectangular array of numbers"),
    ("make_spirals noise 1e308", lambda: make_spirals(5, 2, noise=1e308), ValueError,
     r"^noise must be at most 1e\+300"),
    ("Layer init 1e308", lambda: Layer(3, 2, ReLU(), init=1e308), ValueError,
     r"^init must be at most 1e100 \(a weight scale\), got 1e\+308$"),
    ("History None", lambda: History(None), TypeError,
     r"^train_loss must be an array of numbers, got NoneType$"),
    ("History 2-D", lambda: History(np.ones((2, 2))), ValueError,
     r"^train_loss must be a 1-D sequence of losses, one per epoch, got shape \(2, 2\)$"),
    ("History strings", lambda: History(["a", "b"]), TypeError,
     r"^train_loss must hold real numbers, got an array of dtype <U1$"),
    ("History complex", lambda: History([1j]), TypeError,
     r"^train_loss must hold real numbers, got an array of dtype complex128$"),
    ("History val of another length", lambda: History([1.0, 0.5], [1.0]), ValueError,
     r"^val_loss must hold one loss per epoch like train_loss \(2\), got 1$"),
    ("numerical_gradient of a vector", lambda: numerical_gradient(lambda: np.ones(3), np.ones(3)),
     TypeError, r"^f must return one real number, got ndarray of shape \(3,\)$"),
    ("numerical_gradient read-only x",
     lambda: numerical_gradient(lambda: 1.0, np.broadcast_to(np.ones(3), (3,))), TypeError,
     r"^x must be a writeable array"),
    ("check_layer on a NeuronLayer",
     lambda: check_layer(NeuronLayer(3, 2, Tanh(), clip=None, rng=0), np.ones((3, 1)),
                         np.ones((2, 1))), TypeError,
     r"^check_layer nudges layer\.W in place, but this layer's W is read-only"),
    ("plot_losses log of non-positive losses", lambda: plot_losses([1.0, 0.0], log=True),
     ValueError, r"^log=True needs positive losses, got a value <= 0 in runs"),
    ("plot_losses x of another length", lambda: plot_losses([1.0, 0.5, 0.2], x=[0, 1]),
     ValueError, r"^x must hold one value per epoch of runs, shape \(3,\), got shape \(2,\)$"),
]


@pytest.mark.parametrize("call, exc, match", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_is_refused_with_a_clear_message(call, exc, match):
    figures = plt.get_fignums()
    with pytest.raises(exc, match=match) as info:
        call()
    assert type(info.value) is exc          # not a subclass such as OverflowError's kin
    assert "0x" not in str(info.value)      # no object address
    assert plt.get_fignums() == figures     # a refused plot opens no figure


# --- beside the table: other bad calls, and a refused call changes nothing -----------------

def test_none_is_not_a_size():
    with pytest.raises(TypeError, match=r"input_size must be a positive integer, got None "
                                        r"of type NoneType"):
        Layer(None, 2, ReLU())


def test_numpy_integers_are_accepted_as_sizes():
    n = Neuron(np.int64(5))
    assert n.w.shape == (1, 5) and type(n.input_size) is int
    nl = NeuronLayer(np.int32(4), np.int64(3), ReLU())
    assert nl.W.shape == (3, 4) and type(nl.layer_size) is int
    layer = Layer(np.int64(5), np.uint8(3), ReLU())
    assert layer.W.shape == (3, 5) and type(layer.input_size) is int
    x, y = window(np.arange(20.0), np.int64(4), np.int16(3))
    assert x.shape == (14, 4) and y.shape == (14, 3)
    assert make_series(np.int64(50)).shape == (50,)
    h = net().train(X, Y, 0.1, np.int64(3), batch_size=np.int64(4), seed=np.int64(2),
                    shuffle=True)
    assert len(h) == 3
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        net().train(X, Y, 0.1, 2, log=np.int64(1))
    assert len(buf.getvalue().splitlines()) == 1


def test_bad_sizes_in_a_network_train_are_value_or_type_errors():
    # epochs=1.5 is not "< 1" but not an integer either
    with pytest.raises(TypeError, match=r"epochs must be a positive integer, got 1\.5 of type "
                                        r"float"):
        net().train(X, Y, 0.1, 1.5)


def test_seed_true_is_still_refused():
    # listed in issue 9; it was already refused by make_rng, kept here as a guard
    for call in (lambda: Layer(3, 2, ReLU(), rng=True), lambda: Neuron(3, rng=True),
                 lambda: make_series(seed=True)):
        with pytest.raises(TypeError, match=r"(rng|seed) must be None, an int seed or a "
                                            r"numpy\.random\.Generator, got True$"):
            call()


def test_no_transpose_hint_when_the_transpose_does_not_fit_either():
    with pytest.raises(ValueError, match=r"^X must have shape \(3, any\), got \(4, 2\)$"):
        Layer(3, 2, ReLU()).forward(np.ones((4, 2)))
    with pytest.raises(ValueError, match=r"^x must have shape \(5, 1\), got \(5, 2\)$"):
        Neuron(5).forward(np.ones((5, 2)))


def test_huge_sizes_fail_fast():
    """Refused from the sizes alone: building 10**30 neurons, or asking NumPy for 2**80
    weights, would not end (or end in a MemoryError). The bound is generous (a refusal
    takes microseconds) so that a loaded machine cannot fail it."""
    t0 = time.perf_counter()
    for make in (lambda: NeuronLayer(2, 10**30, ReLU()), lambda: Layer(2**40, 2**40, ReLU())):
        with pytest.raises(ValueError, match="at most"):
            make()
    assert time.perf_counter() - t0 < 30.0


def test_reusing_an_optimizer_on_other_shapes_is_refused_before_anything_changes():
    opt = Adam()
    series_net().train(XS, YS, 0.01, 1, optimizer=opt)
    state = copy.deepcopy(opt.state)
    other = Network([Layer(5, 3, ReLU(), rng=0), Layer(3, 2, Identity(), rng=1)], MSE())
    before = weights(other)
    with pytest.raises(ValueError, match=r"optimizer Adam\(.*\) holds state for parameter "
                                         r"\(0, 'W'\) of shape \(4, 5\) \(float64\), but this "
                                         r"network's is \(3, 5\) \(float64\): use a new "
                                         r"optimizer, or call reset\(\) first"):
        other.train(XS, YS, 0.01, 1, optimizer=opt)
    assert same(weights(other), before)
    assert opt.state.keys() == state.keys()
    assert all(np.array_equal(opt.state[k]["m"], state[k]["m"]) for k in state)
    opt.reset()
    other.train(XS, YS, 0.01, 1, optimizer=opt)          # after reset() it may be reused


def test_reusing_a_float64_optimizer_on_a_float32_network_is_refused():
    opt = Momentum()
    series_net().train(XS, YS, 0.01, 1, optimizer=opt)
    f32 = Network([Layer(5, 4, ReLU(), dtype=np.float32), Layer(4, 2, Identity(),
                                                             dtype=np.float32)], MSE())
    with pytest.raises(ValueError, match=r"\(float64\), but this network's is \(4, 5\) "
                                         r"\(float32\)"):
        f32.train(XS, YS, 0.01, 1, optimizer=opt)


def test_a_refused_step_changes_nothing():
    p = np.ones(3)
    opt = Momentum()
    with pytest.raises(ValueError):
        opt.step("p", p, np.ones(2), 0.1)
    np.testing.assert_array_equal(p, np.ones(3))
    assert opt.state == {}
    opt.step("p", p, [1, 1, 1], 0.5)                     # a list of ints is a fine gradient
    np.testing.assert_array_equal(p, [0.5, 0.5, 0.5])


def state_bytes(network):
    out = []
    for layer in network.layers:
        if hasattr(layer, "neurons"):
            for n in layer.neurons:
                out += [n.w.tobytes(), n.b.tobytes()]
        else:
            out += [layer.W.tobytes(), layer.B.tobytes()]
    return out


XV, YV = X[:4] + 0.01, Y[:4]


BAD_TRAIN_CALLS = {
    "x NaN": dict(x=with_nan(X)),
    "x shape": dict(x=X[:, :4]),
    "y shape": dict(y=Y[:, :1]),
    "y inf": dict(y=with_nan(Y, value=np.inf)),
    "x/y length": dict(y=Y[:8]),
    "lr 0": dict(learning_rate=0.0),
    "lr -1": dict(learning_rate=-1.0),
    "lr nan": dict(learning_rate=float("nan")),
    "epochs 0": dict(epochs=0),
    "epochs 2.5": dict(epochs=2.5),
    "batch_size 0": dict(batch_size=0),
    "batch_size 11": dict(batch_size=11),
    "batch_size 2.0": dict(batch_size=2.0),
    "shuffle string": dict(shuffle="no"),
    "seed string": dict(seed="1"),
    "optimizer class": dict(optimizer=Adam),
    "optimizer name": dict(optimizer="nesterov"),
    "log -1": dict(log=-1),
    "log 0.5": dict(log=0.5),
    "validation x shape": dict(validation=(XV[:, :3], YV)),
    "validation y shape": dict(validation=(XV, YV[:, :1])),
    "validation NaN": dict(validation=(XV, with_nan(YV))),
    "validation length": dict(validation=(XV, YV[:3])),
    "validation empty": dict(validation=(XV[:0], YV[:0])),
    "validation not a pair": dict(validation=XV),
    "validation triple": dict(validation=(XV, YV, YV)),
}


@pytest.mark.parametrize("bad", BAD_TRAIN_CALLS.values(), ids=BAD_TRAIN_CALLS.keys())
def test_refused_train_leaves_the_network_exactly_as_it_was(bad):
    network, twin = net(), net()
    # give both some history first, so "as it was" is not just the initial state
    network.train(X, Y, 0.05, 2, batch_size=3)
    twin.train(X, Y, 0.05, 2, batch_size=3)
    before = state_bytes(network)
    adam = Adam()
    args = dict(x=X, y=Y, learning_rate=0.05, epochs=3, batch_size=4, shuffle=True, seed=0,
                optimizer=adam, log=1, validation=(XV, YV))
    args.update(bad)
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf), pytest.raises((TypeError, ValueError)):
        network.train(args.pop("x"), args.pop("y"), args.pop("learning_rate"),
                      args.pop("epochs"), **args)
    assert state_bytes(network) == before
    assert buf.getvalue() == ""          # nothing printed: no epoch ran
    assert adam.state == {}              # the optimizer was not stepped
    # and nothing hidden changed: it trains on exactly like its twin
    h1 = network.train(X, Y, 0.05, 2, batch_size=4, optimizer="momentum")
    h2 = twin.train(X, Y, 0.05, 2, batch_size=4, optimizer="momentum")
    assert state_bytes(network) == state_bytes(twin)
    np.testing.assert_array_equal(h1.train_loss, h2.train_loss)


@pytest.mark.parametrize("bad", [dict(batch_size=11), dict(optimizer="nesterov"),
                                 dict(optimizer=Adam), dict(validation=(XV, YV[:, :1])),
                                 dict(log=-2), dict(epochs=0)],
                         ids=["batch_size", "optimizer name", "optimizer class", "validation",
                              "log", "epochs"])
def test_refused_train_leaves_a_neuron_layer_network_as_it_was(bad):
    network = neuron_net()
    network.train(X, Y, 0.05, 1)
    before = state_bytes(network)
    args = dict(epochs=2, validation=(XV, YV), log=1)
    args.update(bad)
    with pytest.raises((TypeError, ValueError)):
        network.train(X, Y, 0.05, **args)
    assert state_bytes(network) == before
