"""Every bad input is refused with TypeError/ValueError saying what was expected and given.

The package checks with ``if ... raise``, never ``assert``, so all of this must
hold under ``python -O`` too: ``test_validation_passes_under_python_O`` runs
this file and ``test_bad_input.py`` again in an optimised interpreter.
"""

import contextlib
import io
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

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
    Sigmoid,
    Softmax,
    Tanh,
)
from nnfs.data import make_series, train_test_split, window

REPO = Path(__file__).resolve().parents[1]
UNDER_O_FLAG = "NNFS_TESTS_EXPECT_OPTIMIZED"
UNDER_O_FILES = ["test_validation.py", "test_bad_input.py"]     # run again under python -O

X = np.random.default_rng(0).uniform(size=(10, 5))
Y = np.random.default_rng(1).uniform(size=(10, 2))


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


# --- sizes: non-integers and non-positive integers ----------------------------------

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


@pytest.mark.parametrize("taker", SIZE_TAKERS.values(), ids=SIZE_TAKERS.keys())
@pytest.mark.parametrize("value, exc, match", BAD_SIZES, ids=[repr(b[0]) for b in BAD_SIZES])
def test_bad_sizes(taker, value, exc, match):
    name = next(k for k, f in SIZE_TAKERS.items() if f is taker).split(".")[1]
    with pytest.raises(exc, match=rf"^{name} {match}"):
        taker(value)


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


# --- one table of bad calls --------------------------------------------------------

CASES = [
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
]


@pytest.mark.parametrize("call, exc, match", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_is_refused_with_a_clear_message(call, exc, match):
    with pytest.raises(exc, match=match):
        call()


def test_bad_sizes_in_a_network_train_are_value_or_type_errors():
    # epochs=1.5 is not "< 1" but not an integer either
    with pytest.raises(TypeError, match=r"epochs must be a positive integer, got 1\.5 of type "
                                        r"float"):
        net().train(X, Y, 0.1, 1.5)


# --- a refused train call changes nothing -------------------------------------------


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

# each: keyword arguments that replace the good ones; later entries fail later checks
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


# --- the same under python -O -----------------------------------------------------


def test_interpreter_mode_is_as_requested():
    """Under the -O run below, prove that the interpreter really was optimised."""
    if os.environ.get(UNDER_O_FLAG) != "1":
        pytest.skip("checked inside the python -O run of test_validation_passes_under_python_O")
    assert __debug__ is False
    assert sys.flags.optimize >= 1


def test_python_O_really_disables_asserts():
    out = subprocess.run(
        [sys.executable, "-O", "-c",
         "import sys\nassert False, 'asserts are on'\nprint(__debug__, sys.flags.optimize)"],
        capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.split() == ["False", "1"]


@pytest.mark.skipif(os.environ.get(UNDER_O_FLAG) == "1", reason="already inside the -O run")
def test_validation_passes_under_python_O():
    env = {**os.environ, UNDER_O_FLAG: "1"}
    # pyproject.toml turns warnings into errors, and pytest itself warns under -O that
    # asserts outside test modules are skipped (nnfs has none: it checks with if/raise)
    # (nbval, if installed, is only for notebooks and slow to import: left out here)
    quiet = "ignore:assertions not in test modules or plugins:pytest.PytestConfigWarning"
    result = subprocess.run(
        [sys.executable, "-O", "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:nbval",
         "-W", quiet,
         *(str(Path(__file__).with_name(f)) for f in UNDER_O_FILES), "-k", "not python_O"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    assert " passed" in result.stdout and " failed" not in result.stdout, report
    # the sentinel ran (not skipped) and passed, so the run was optimised; and (nearly)
    # both files ran
    assert "skipped" not in result.stdout and "deselected" in result.stdout, report
    n_passed = int(result.stdout.split(" passed")[0].split()[-1])
    assert n_passed > 270, report
