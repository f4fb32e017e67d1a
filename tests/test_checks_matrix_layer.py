"""Notebook 05's checks of the layer's own lines: check_layer_forward, check_layer_dLdZ.

Each passes the right answer and rejects the typical wrong ones, each with its own hint;
a half-written, NaN, wrong-type or nearly right (x1.01) answer is "not yet", never a crash.
"""

import re

import numpy as np
import pytest
from exercise_solutions import layer_dLdZ, layer_forward

from nnfs.exercises import Result, check_layer_dLdZ, check_layer_forward


def _forward(z_of, a_of=lambda f, Z: f.forward(Z)):
    def submission(W, B, X, activation):
        Z = z_of(W, B, X)
        return Z, a_of(activation, Z)
    return submission


FORWARD_WRONG = [
    ("X W", _forward(lambda W, B, X: X @ W + B), ["that is X W"]),
    ("W^T X", _forward(lambda W, B, X: W.T @ X + B), ["uses W^T"]),
    ("W * X", _forward(lambda W, B, X: W * X + B), ["multiplies entry by entry", "@"]),
    ("B missing", _forward(lambda W, B, X: W @ X), ["the biases are missing"]),
    ("B as a row", _forward(lambda W, B, X: W @ X + B.T), ["wrong axis", "a column"]),
    ("B flattened", _forward(lambda W, B, X: W @ X + B.ravel()), ["wrong axis"]),
    ("Z transposed", _forward(lambda W, B, X: (W @ X + B).T), ["transposed"]),
    ("Z transposed, not square", _forward(lambda W, B, X: X.T @ W.T + B.T if X.shape[1] != 3
                                          else W @ X + B),
     ["W (2, 4)", "shape (5, 2), expected (2, 5)", "its transpose"]),
    ("no activation", _forward(lambda W, B, X: W @ X + B, lambda f, Z: Z),
     ["the activation is not applied"]),
    ("derivative for activation", _forward(lambda W, B, X: W @ X + B,
                                           lambda f, Z: f.derivative(Z)),
     ["the activation's derivative"]),
    ("B after the activation", lambda W, B, X, f: (W @ X, f.forward(W @ X) + B),
     ["B is added after the activation"]),
    ("swapped", lambda W, B, X, f: layer_forward(W, B, X, f)[::-1], ["swapped", "(Z, A)"]),
    ("A only", lambda W, B, X, f: layer_forward(W, B, X, f)[1],
     ["should return the pair (Z, A)", "an array of shape (3, 3)"]),
    ("Z x1.01", _forward(lambda W, B, X: 1.01 * (W @ X + B)),
     ["Z is not W X + B", "relative error"]),
    ("A x1.01", _forward(lambda W, B, X: W @ X + B, lambda f, Z: 1.01 * f.forward(Z)),
     ["Z is right, but A is not the activation of Z", "relative error"]),
    ("NaN", _forward(lambda W, B, X: np.full((W.shape[0], X.shape[1]), np.nan)),
     ["NaN or inf"]),
    ("a list", lambda W, B, X, f: [z.tolist() for z in layer_forward(W, B, X, f)],
     ["returned Z as a list", "expected a NumPy array of shape (3, 3)"]),
    ("None", lambda W, B, X, f: None, ["got None"]),
]

DLDZ_WRONG = [
    ("no derivative", lambda dLdA, Z, f: dLdA, ["the activation's derivative is missing"]),
    ("derivative alone", lambda dLdA, Z, f: f.derivative(Z), ["multiply it by dL/dA"]),
    ("f'(A)", lambda dLdA, Z, f: dLdA * f.derivative(f.forward(Z)),
     ["the derivative at A = f(Z)", "Tanh()"]),
    ("f(Z)", lambda dLdA, Z, f: dLdA * f.forward(Z), ["not by its derivative"]),
    ("dLdA @ f'(Z)", lambda dLdA, Z, f: dLdA @ f.derivative(Z), ["a matrix product"]),
    ("f'(Z) @ dLdA", lambda dLdA, Z, f: f.derivative(Z) @ dLdA, ["a matrix product"]),
    ("dot", lambda dLdA, Z, f: np.dot(dLdA, f.derivative(Z)), ["element-wise product"]),
    ("sign", lambda dLdA, Z, f: -dLdA * f.derivative(Z), ["sign flipped"]),
    ("divided", lambda dLdA, Z, f: dLdA / f.derivative(Z), ["divides by the derivative"]),
    ("dLdA transposed", lambda dLdA, Z, f: dLdA.T * f.derivative(Z), ["transposed"]),
    ("summed over the batch", lambda dLdA, Z, f: (dLdA * f.derivative(Z)).sum(
        axis=1, keepdims=True), ["sums over the batch", "expected (3, 3)"]),
    ("x1.01", lambda dLdA, Z, f: 1.01 * dLdA * f.derivative(Z),
     ["is not dL/dA ⊙ dA/dZ", "relative error"]),
    ("NaN", lambda dLdA, Z, f: dLdA * np.nan, ["NaN or inf"]),
    ("a list", lambda dLdA, Z, f: (dLdA * f.derivative(Z)).tolist(), ["returned a list"]),
    ("an int", lambda dLdA, Z, f: 3, ["returned an int"]),
]

CASES = ([(check_layer_forward, *case) for case in FORWARD_WRONG]
         + [(check_layer_dLdZ, *case) for case in DLDZ_WRONG])


def assert_clean(message):
    """No traceback, address or path; no value but a relative error and the probe's sizes."""
    assert "Traceback" not in message and "this check could not grade" not in message
    assert not re.search(r"0x[0-9a-fA-F]{4,}|(?:/[\w.\-]+){2,}", message), message
    assert not re.search(r"\d\.\d|\de[-+]?\d", re.sub(r"relative error \de[-+]\d\d", "",
                                                      message)), message


@pytest.mark.parametrize(("check", "answer"), [(check_layer_forward, layer_forward),
                                               (check_layer_dLdZ, layer_dLdZ)])
def test_the_right_answer_passes(check, answer):
    result = check(answer)
    assert isinstance(result, Result) and result.passed, result.message
    assert_clean(result.message)


def test_other_right_answers_pass():
    assert check_layer_forward(lambda W, B, X, f: (np.dot(W, X) + B,
                                                   f.forward(np.dot(W, X) + B))).passed
    assert check_layer_dLdZ(lambda dLdA, Z, f: f.backward(Z, dLdA)).passed
    assert check_layer_dLdZ(lambda dLdA, Z, f: np.multiply(dLdA, f.derivative(Z))).passed


@pytest.mark.parametrize(("check", "label", "submission", "words"), CASES,
                         ids=[f"{c.__name__}-{lab}" for c, lab, _, _ in CASES])
def test_a_wrong_answer_gets_its_own_hint(check, label, submission, words):
    result = check(submission)
    assert not result.passed, f"{label} passed: {result.message}"
    for word in words:
        assert word in result.message, f"{label}: {word!r} not in {result.message!r}"
    assert_clean(result.message)
    assert check(submission).message == result.message           # deterministic


@pytest.mark.parametrize("check", [check_layer_forward, check_layer_dLdZ])
@pytest.mark.parametrize(("given", "words"), [(None, "should be a function, got None"),
                                              (3, "should be a function, got an int")])
def test_something_that_is_not_a_function_is_not_yet(check, given, words):
    result = check(given)
    assert not result.passed and words in result.message


@pytest.mark.parametrize("check", [check_layer_forward, check_layer_dLdZ])
def test_the_skeleton_and_a_missing_definition_are_not_yet(check):
    def skeleton(*args):
        raise NotImplementedError("your code here")

    result = check(skeleton)
    assert not result.passed and "is not written yet" in result.message
    assert "NotImplementedError: your code here" in result.message
    namespace = {"check": check}                     # a notebook where the cell was never run
    exec("missing = check()", namespace)
    assert not namespace["missing"].passed
    assert "is not defined yet" in namespace["missing"].message


def test_a_check_finds_the_learners_function_by_name():
    namespace = {"check_layer_forward": check_layer_forward, "layer_forward": layer_forward}
    exec("result = check_layer_forward()", namespace)
    assert namespace["result"].passed


def test_the_learners_inputs_are_not_changed_by_the_check_and_vice_versa():
    def in_place(W, B, X, f):
        W *= 2.0                                     # spoils its own copy, not the check's
        return layer_forward(W / 2.0, B, X, f)

    assert check_layer_forward(in_place).passed
