"""The checks of notebooks 06-08's newer exercises: the network's forward and backward loops,
a two-layer backward pass by hand, and the two sanity checks of a classifier.

Each: the right answer passes; NaN, wrong types, near misses and each typical mistake fail
with their own hint; no message leaks a traceback, an address or a path.
"""

import re

import numpy as np
import pytest
from exercise_solutions import MyNetwork, overfit_handful

from nnfs.exercises import (
    Result,
    check_network_backward,
    check_network_forward,
    check_overfit_handful,
    check_two_layer_backward,
    check_untrained_loss,
)


def assert_clean(message):
    assert "Traceback" not in message and "File \"" not in message
    assert not re.search(r"0x[0-9a-fA-F]{4,}", message), message
    assert not re.search(r"(?:/[\w.\-]+){2,}", message), message
    assert "this check could not grade" not in message, message


def assert_fails_with(result, words):
    assert isinstance(result, Result)
    assert not result.passed, result.message
    assert repr(result) == "Not yet: " + result.message
    for word in words:
        assert word in result.message, (word, result.message)
    assert_clean(result.message)


# 06 · MyNetwork.forward and MyNetwork.backward --------------------------------------------

def _with(**methods):
    return type("MyNetwork", (MyNetwork,), methods)


def _chain(layers, X):
    for layer in layers:
        X = layer.forward(X)
    return X


def _backward(order=reversed, rate=lambda lr: lr, chained=True, after=False, stop=False,
              returned=True):
    """The reference backward with one thing changed."""
    def backward(self, dLdA, learning_rate):
        error = dLdA
        for layer in order(self.layers):
            error_prev, grads = layer.grads(error if chained else dLdA)
            for name, param in layer.params().items():
                param -= rate(learning_rate) * grads[name]
            if after:
                error_prev, _ = layer.grads(error)
            error = error_prev
            if stop:
                return error
        return error if returned else None
    return backward


def _in_order(layers):
    return list(layers)


def _nan_weights(self, dLdA, learning_rate):
    for layer in self.layers:
        layer.params()["W"][...] = np.nan
    return MyNetwork.backward(self, dLdA, learning_rate)


FORWARD_WRONG = [
    ("last to first", _with(forward=lambda self, X: _chain(self.layers[::-1], X)),
     ["applies the layers last to first"]),
    ("every layer gets X", _with(forward=lambda self, X: [la.forward(X) for la in self.layers][-1]),
     ["gives every layer the input X"]),
    ("return inside the loop", _with(forward=lambda self, X: self.layers[0].forward(X)),
     ["first layer only", "`return` inside the loop"]),
    ("the input back", _with(forward=lambda self, X: X), ["returns the input X unchanged"]),
    ("None", _with(forward=lambda self, X: None), ["returned None"]),
    ("a list", _with(forward=lambda self, X: _chain(self.layers, X).tolist()),
     ["returned a list"]),
    ("NaN", _with(forward=lambda self, X: _chain(self.layers, X) * np.nan), ["NaN or inf"]),
    ("near miss x1.01", _with(forward=lambda self, X: _chain(self.layers, X) * 1.01),
     ["not the layers applied in order", "relative error"]),
    ("a row", _with(forward=lambda self, X: _chain(self.layers, X).T),
     ["shape (1, 3)", "expected (3, 1)"]),
    ("skeleton", _with(forward=lambda self, X: (_ for _ in ()).throw(
        NotImplementedError("your code here"))), ["not written yet"]),
]

BACKWARD_WRONG = [
    ("not reversed", _with(backward=_backward(order=_in_order)), ["first to last", "reverse"]),
    ("error from the updated W", _with(backward=_backward(after=True)),
     ["already updated", "before changing its W and B"]),
    ("loss error to every layer", _with(backward=_backward(chained=False)),
     ["every layer the loss's dL/dA"]),
    ("uphill", _with(backward=_backward(rate=lambda lr: -lr)), ["uphill"]),
    ("no learning rate", _with(backward=_backward(rate=lambda lr: 1.0)),
     ["without the learning rate"]),
    ("twice the learning rate", _with(backward=_backward(rate=lambda lr: 2 * lr)),
     ["not its old value minus learning_rate times its gradient"]),
    ("near miss x1.01", _with(backward=_backward(rate=lambda lr: 1.01 * lr)),
     ["not its old value minus learning_rate times its gradient", "relative error"]),
    ("return inside the loop", _with(backward=_backward(stop=True)),
     ["last layer only", "`return` inside the loop"]),
    ("no return", _with(backward=_backward(returned=False)), ["returned None"]),
    ("no update", _with(backward=lambda self, dLdA, lr: dLdA), ["did not change"]),
    ("NaN weights", _with(backward=_nan_weights), ["NaN or inf"]),
    ("wrong return", _with(backward=lambda self, dLdA, lr: MyNetwork.backward(self, dLdA, lr)
                           * 2), ["does not return dL/dX"]),
    ("skeleton", _with(backward=lambda self, dLdA, lr: (_ for _ in ()).throw(
        NotImplementedError("your code here"))), ["not written yet"]),
]


def test_the_reference_network_passes_both_checks():
    for check in (check_network_forward, check_network_backward):
        result = check(MyNetwork)
        assert result.passed, result.message
        assert_clean(result.message)


def test_a_backward_through_the_layers_own_backward_passes_too():
    def backward(self, dLdA, learning_rate):
        for layer in reversed(self.layers):
            dLdA = layer.backward(dLdA, learning_rate)
        return dLdA
    assert check_network_backward(_with(backward=backward)).passed


@pytest.mark.parametrize(("label", "cls", "words"), FORWARD_WRONG,
                         ids=[w[0] for w in FORWARD_WRONG])
def test_a_wrong_forward_is_named(label, cls, words):
    assert_fails_with(check_network_forward(cls), words)
    assert check_network_forward(cls).message == check_network_forward(cls).message


@pytest.mark.parametrize(("label", "cls", "words"), BACKWARD_WRONG,
                         ids=[w[0] for w in BACKWARD_WRONG])
def test_a_wrong_backward_is_named(label, cls, words):
    assert_fails_with(check_network_backward(cls), words)


@pytest.mark.parametrize("check", [check_network_forward, check_network_backward])
@pytest.mark.parametrize(("given", "words"), [(None, "should be a class"),
                                              (3, "should be a class"),
                                              (MyNetwork(), "not an instance")])
def test_not_a_class_is_not_yet(check, given, words):
    assert_fails_with(check(given), [words])


def test_a_network_that_loses_its_layers_is_not_yet():
    assert_fails_with(check_network_backward(_with(add_layers=lambda self, layers: None)),
                      ["net.layers should be a list of the 3 layers"])


# 07 · two_layer_backward -------------------------------------------------------------------

def _forward(X, W1, B1, W2, B2):
    Z1 = W1 @ X + B1
    return Z1, np.maximum(Z1, 0), W2 @ np.maximum(Z1, 0) + B2


def two_layer_backward(X, Y, W1, B1, W2, B2, *, relu=True, bias=np.sum, scale=1.0,
                       second_input="A1"):
    Z1, A1, A2 = _forward(X, W1, B1, W2, B2)
    dLdA2 = scale * 2 * (A2 - Y) / Y.size
    dLdZ1 = (W2.T @ dLdA2) * ((Z1 > 0) if relu else 1.0)
    inputs = {"A1": A1, "Z1": Z1}[second_input]
    return (dLdZ1 @ X.T, bias(dLdZ1, axis=1, keepdims=True), dLdA2 @ inputs.T,
            bias(dLdA2, axis=1, keepdims=True))


def _changed(index, change):
    def submission(*args):
        grads = list(two_layer_backward(*args))
        grads[index] = change(grads[index], *args)
        return tuple(grads)
    return submission


def _per_sample(dLdZ, axis, keepdims):
    return dLdZ


TWO_LAYER_WRONG = [
    ("no ReLU derivative", lambda *a: two_layer_backward(*a, relu=False),
     ["dLdW1 leaves out ReLU's derivative"]),
    ("ReLU(Z1) for its derivative", _changed(0, lambda g, X, Y, W1, B1, W2, B2: (
        (W2.T @ (2 * (_forward(X, W1, B1, W2, B2)[2] - Y) / Y.size)) * _forward(
            X, W1, B1, W2, B2)[1]) @ X.T), ["uses A1 where ReLU's derivative belongs"]),
    ("mean for the biases", lambda *a: two_layer_backward(*a, bias=np.mean),
     ["dLdB1 is the mean over the columns"]),
    ("bias per sample", lambda *a: two_layer_backward(*a, bias=_per_sample),
     ["dLdB1", "shape (4, 5)", "one column per sample", "erratum 14"]),
    ("Z1 into the second layer", lambda *a: two_layer_backward(*a, second_input="Z1"),
     ["dLdW2 uses Z1 where A1 belongs"]),
    ("no 1/m", lambda X, *a: two_layer_backward(X, *a, scale=X.shape[1]),
     ["5 times too large", "mean over the batch"]),
    ("1/m twice", lambda X, *a: two_layer_backward(X, *a, scale=1 / X.shape[1]),
     ["divided by the batch size twice"]),
    ("no 2", lambda *a: two_layer_backward(*a, scale=0.5), ["half the gradient"]),
    ("sign flipped", lambda *a: two_layer_backward(*a, scale=-1.0), ["sign flipped"]),
    ("near miss x1.01", _changed(2, lambda g, *a: 1.01 * g),
     ["dLdW2 disagrees with the numerical gradient", "relative error"]),
    ("dLdW1 transposed", _changed(0, lambda g, *a: g.T), ["shape (3, 4)", "transpose"]),
    ("NaN", _changed(3, lambda g, *a: g * np.nan), ["dLdB2", "NaN or inf"]),
    ("three values", lambda *a: two_layer_backward(*a)[:3],
     ["should return (dLdW1, dLdB1, dLdW2, dLdB2)", "a tuple of length 3"]),
    ("None", lambda *a: None, ["got None"]),
    ("a list of lists", _changed(1, lambda g, *a: g.tolist()), ["dLdB1 as a list"]),
    ("skeleton", lambda *a: (_ for _ in ()).throw(NotImplementedError("your code here")),
     ["not written yet"]),
]


def test_the_two_layer_reference_passes_and_as_a_dict_too():
    assert check_two_layer_backward(two_layer_backward).passed
    names = ("dLdW1", "dLdB1", "dLdW2", "dLdB2")
    assert check_two_layer_backward(
        lambda *a: dict(zip(names, two_layer_backward(*a), strict=True))).passed


@pytest.mark.parametrize(("label", "submission", "words"), TWO_LAYER_WRONG,
                         ids=[w[0] for w in TWO_LAYER_WRONG])
def test_a_wrong_two_layer_backward_is_named(label, submission, words):
    assert_fails_with(check_two_layer_backward(submission), words)


def test_a_two_layer_answer_replaying_the_first_probe_fails():
    first = []

    def replay(*args):
        first.append(first[0] if first else two_layer_backward(*args))
        return first[-1]
    assert not check_two_layer_backward(replay).passed


# 08 · the sanity checks ---------------------------------------------------------------------

UNTRAINED_WRONG = [
    ("minus", lambda C: -np.log(C), ["sign flipped"]),
    ("1/C", lambda C: 1 / C, ["probability of each class"]),
    ("divided by C", lambda C: np.log(C) / C, ["divides by the number of classes"]),
    ("summed over the classes", lambda C: C * np.log(C), ["adds -log(1/C) over all"]),
    ("log10", lambda C: np.log10(C), ["log10"]),
    ("log2", lambda C: np.log2(C), ["log2"]),
    ("near miss x1.01", lambda C: 1.01 * np.log(C), ["not the cross-entropy", "relative error"]),
    ("hard-coded ln 3", lambda C: 1.0986122886681098, ["untrained_loss(2)"]),
    ("NaN", lambda C: float("nan"), ["NaN or inf"]),
    ("a string", lambda C: "ln(C)", ["returned a str"]),
    ("an array of two", lambda C: np.log([C, C]), ["returned an array of shape (2,)"]),
    ("None", lambda C: None, ["returned None"]),
]


def test_ln_C_passes_as_a_float_and_as_a_numpy_number():
    assert check_untrained_loss(lambda C: float(np.log(C))).passed
    assert check_untrained_loss(lambda C: -np.log(1 / C)).passed


@pytest.mark.parametrize(("label", "submission", "words"), UNTRAINED_WRONG,
                         ids=[w[0] for w in UNTRAINED_WRONG])
def test_a_wrong_untrained_loss_is_named(label, submission, words):
    assert_fails_with(check_untrained_loss(submission), words)


OVERFIT_WRONG = [
    ("too few epochs", lambda net, x, y: overfit_handful(net, x, y, epochs=10),
     ["not below 0.01", "more epochs"]),
    ("the logged loss", lambda net, x, y: net.train(x, y, 0.01, 200, batch_size=None,
                                                    optimizer="adam")[-1],
     ["not the trained network's loss", "net.evaluate(x, y)"]),
    ("the loss before training", lambda net, x, y: (net.evaluate(x, y), overfit_handful(
        net, x, y))[0], ["the loss before training"]),
    ("no training", lambda net, x, y: net.evaluate(x, y), ["did not train net"]),
    ("a wild rate", lambda net, x, y: overfit_handful(net, x, y, learning_rate=1e6),
     ["not below 0.01"]),
    ("None", lambda net, x, y: (overfit_handful(net, x, y), None)[1], ["returned None"]),
    ("an array", lambda net, x, y: np.array([overfit_handful(net, x, y)] * 2),
     ["returned an array"]),
    ("skeleton", lambda net, x, y: (_ for _ in ()).throw(NotImplementedError("your code")),
     ["not written yet"]),
]


def test_training_a_handful_of_points_passes():
    result = check_overfit_handful(overfit_handful)
    assert result.passed, result.message


@pytest.mark.parametrize(("label", "submission", "words"), OVERFIT_WRONG,
                         ids=[w[0] for w in OVERFIT_WRONG])
def test_a_wrong_overfit_handful_is_named(label, submission, words):
    assert_fails_with(check_overfit_handful(submission), words)


@pytest.mark.parametrize("check", [check_two_layer_backward, check_untrained_loss,
                                   check_overfit_handful])
@pytest.mark.parametrize("given", [None, 3, "a string"])
def test_something_that_is_not_a_function_is_not_yet(check, given):
    result = check(given)
    assert not result.passed
    assert "should be a" in result.message or "is not defined yet" in result.message
