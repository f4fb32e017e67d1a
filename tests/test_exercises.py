"""nnfs.exercises: every check passes its reference solution and rejects typical wrong answers.

The reference solutions are in exercise_solutions.py and the wrong answers in
exercise_wrong_answers.py, each with the words its hint must contain.
"""

import inspect
import re

import exercise_solutions as sol
import exercise_wrong_answers as wrong
import numpy as np
import pytest

import nnfs
from nnfs import exercises as ex
from nnfs.exercises import Result

# check name -> (reference submission, catalogue of wrong ones, names it looks up)
CHECKS = {
    "check_neuron_forward": (sol.neuron_forward, wrong.NEURON_FORWARD),
    "check_central_difference": (sol.central_difference, wrong.CENTRAL_DIFFERENCE),
    "check_loss_gradient_w": (sol.loss_gradient_w, wrong.LOSS_GRADIENT_W),
    "check_check_column": (sol.check_column, wrong.CHECK_COLUMN),
    "check_neuron_layer_backward": ((sol.MyNeuron, sol.MyNeuronLayer), wrong.NEURON_LAYER),
    "check_softmax_backward": (sol.softmax_backward, wrong.SOFTMAX_BACKWARD),
    "check_layer_backward": (sol.MyLayer, wrong.MY_LAYER),
    "check_train_loop": (sol.train_loop, wrong.TRAIN_LOOP),
    "check_momentum_step": (sol.momentum_step, wrong.MOMENTUM_STEP),
    "check_adam_step": (sol.adam_step, wrong.ADAM_STEP),
    "check_cross_entropy": (sol.cross_entropy, wrong.CROSS_ENTROPY),
    "check_cross_entropy_backward": (sol.cross_entropy_backward, wrong.CROSS_ENTROPY_BACKWARD),
    "check_recall_precision": (sol.recall_precision, wrong.RECALL_PRECISION),
}
CLASS_CHECKS = {"check_neuron_layer_backward", "check_layer_backward"}
WRONG = [(name, label, submission, words)
         for name, (_, catalogue) in CHECKS.items()
         for label, submission, words in catalogue]


def run(name, submission):
    args = submission if isinstance(submission, tuple) else (submission,)
    return getattr(ex, name)(*args)


def assert_clean(message):
    """No traceback, no memory address, no file path in what the learner reads."""
    assert "Traceback" not in message and "File \"" not in message
    assert not re.search(r"0x[0-9a-fA-F]{4,}", message), message
    assert not re.search(r"(?:/[\w.\-]+){2,}", message), message
    assert "this check could not grade" not in message, message


# checks whose tests live in a file of their own: test_checks_matrix_layer.py (05's lines),
# test_checks_network.py (06-08's newer exercises)
TESTED_ELSEWHERE = {"check_layer_forward", "check_layer_dLdZ",
                    "check_network_forward", "check_network_backward",
                    "check_two_layer_backward", "check_untrained_loss", "check_overfit_handful"}


def test_every_public_check_is_in_this_test():
    public = {name for name in ex.__all__ if name.startswith("check_")}
    assert public == set(CHECKS) | set(VALUE_CHECKS) | set(CONCEPTS) | TESTED_ELSEWHERE


@pytest.mark.parametrize("name", CHECKS)
def test_the_reference_solution_passes(name):
    result = run(name, CHECKS[name][0])
    assert isinstance(result, Result)
    assert result.passed and bool(result), result.message
    assert repr(result) == str(result) == "Correct! " + result.message
    assert_clean(result.message)


@pytest.mark.parametrize(("name", "label", "submission", "words"), WRONG,
                         ids=[f"{n}-{lab}" for n, lab, _, _ in WRONG])
def test_a_wrong_answer_is_rejected_with_its_hint(name, label, submission, words):
    result = run(name, submission)
    assert not result.passed and not bool(result), f"{label} passed: {result.message}"
    assert repr(result) == "Not yet: " + result.message
    for word in words:
        assert word in result.message, f"{label}: {word!r} not in {result.message!r}"
    assert_clean(result.message)


@pytest.mark.parametrize(("name", "label", "submission", "words"), WRONG[::7],
                         ids=[f"{n}-{lab}" for n, lab, _, _ in WRONG[::7]])
def test_a_check_gives_the_same_message_every_time(name, label, submission, words):
    assert run(name, submission).message == run(name, submission).message


# half-written answers ----------------------------------------------------------

def _raise(error):
    def submission(*args, **kwargs):
        raise error
    return submission


def _half_written(name, behaviour):
    """The reference with its key method or function replaced by ``behaviour``."""
    if name == "check_neuron_layer_backward":
        neuron = type("MyNeuron", (sol.MyNeuron,), {"backward": behaviour})
        return neuron, sol.MyNeuronLayer
    if name == "check_layer_backward":
        return type("MyLayer", (sol.MyLayer,), {"grads": behaviour})
    return behaviour


HALF_WRITTEN = {
    "the skeleton": (_raise(NotImplementedError("your code here")),
                     ["not written yet", "NotImplementedError: your code here"]),
    "an error inside": (_raise(ZeroDivisionError("division by zero")),
                        ["raised ZeroDivisionError: division by zero"]),
    "a NameError inside": (_raise(NameError("name 'd' is not defined")),
                           ["NameError: name 'd' is not defined"]),
    "an address in the error": (_raise(TypeError(f"bad operand {object()!r}")),
                                ["TypeError: bad operand <object object>"]),
    "a path in the error": (_raise(OSError("cannot open /home/me/data/x.csv")),
                            ["OSError: cannot open <path>"]),
}


@pytest.mark.parametrize("name", sorted(set(CHECKS) - {"check_check_column"}))
@pytest.mark.parametrize("case", HALF_WRITTEN)
def test_a_half_written_answer_is_not_yet_with_the_learners_error(name, case):
    behaviour, words = HALF_WRITTEN[case]
    result = run(name, _half_written(name, behaviour))
    assert not result.passed
    for word in words:
        assert word in result.message, result.message
    assert_clean(result.message)


# check_column's return value does not matter; the classes' are tested in the catalogue
@pytest.mark.parametrize("name", sorted(set(CHECKS) - CLASS_CHECKS - {"check_check_column"}))
@pytest.mark.parametrize(("returned", "words"), [(None, "returned None"),
                                                 ("an answer", "returned a str"),
                                                 (np.array(["x"]), "returned an array")])
def test_a_wrong_kind_of_return_value_is_not_yet(name, returned, words):
    result = run(name, lambda *args: returned)
    assert not result.passed
    assert words in result.message or "should return" in result.message, result.message
    assert_clean(result.message)


@pytest.mark.parametrize("name", CHECKS)
@pytest.mark.parametrize("given", [None, 3, "a string"])
def test_something_that_is_not_a_function_or_class_is_not_yet(name, given):
    result = run(name, (given, given) if name == "check_neuron_layer_backward" else given)
    assert not result.passed
    assert "should be a" in result.message or "is not defined yet" in result.message


# finding the learner's definition ------------------------------------------------

def test_without_an_argument_a_check_looks_the_name_up_where_it_is_called():
    MyLayer = sol.MyLayer  # noqa: F841  (found by name in this frame)
    assert ex.check_layer_backward().passed
    assert ex.check_layer_backward("MyLayer").passed


def test_a_missing_definition_is_not_yet_instead_of_a_name_error():
    result = ex.check_train_loop()
    assert not result.passed
    assert result.message == "`train_loop` is not defined yet: run the cell that defines it first."
    assert not ex.check_neuron_layer_backward(sol.MyNeuron).passed       # MyNeuronLayer missing


def test_in_a_notebook_namespace_the_check_cell_is_one_call():
    namespace = {"check_layer_backward": ex.check_layer_backward}
    exec("result = check_layer_backward()", namespace)
    assert "is not defined yet" in namespace["result"].message
    namespace["MyLayer"] = sol.MyLayer
    exec("result = check_layer_backward()", namespace)
    assert namespace["result"].passed


def test_too_many_arguments_is_not_yet():
    result = ex.check_momentum_step(sol.momentum_step, sol.momentum_step)
    assert not result.passed and "at most 1 argument" in result.message


# the learner's objects -------------------------------------------------------------

def test_a_check_leaves_the_learners_class_and_objects_alone():
    layer = sol.MyLayer(3, 2, nnfs.Tanh(), rng=np.random.default_rng(0))
    W, B, attributes = layer.W.copy(), layer.B.copy(), dict(vars(sol.MyLayer))
    assert ex.check_layer_backward(sol.MyLayer).passed
    np.testing.assert_array_equal(layer.W, W)
    np.testing.assert_array_equal(layer.B, B)
    assert dict(vars(sol.MyLayer)) == attributes


def test_answers_that_change_their_inputs_in_place_are_graded_on_their_results():
    def momentum_in_place(param, grad, velocity, learning_rate, mu):
        velocity *= mu
        velocity += grad
        param -= learning_rate * velocity
        return param, velocity

    def cs231n_momentum(param, grad, velocity, learning_rate, mu):   # v holds -lr times ours
        velocity = mu * velocity - learning_rate * grad
        return param + velocity, velocity

    assert ex.check_momentum_step(momentum_in_place).passed
    assert ex.check_momentum_step(cs231n_momentum).passed
    assert ex.check_central_difference(wrong._restored_in_place).passed


def test_other_right_answers_pass():
    assert ex.check_cross_entropy(lambda P, Y: float(-np.mean(np.log(np.sum(P * Y, axis=0)))))
    for message in ("need ({n}, 1), got {shape}", "expected {n} rows, 1 column; x.shape = {shape}",
                    "x: want a column of length {n}, not an array of shape {list}"):
        assert ex.check_check_column(lambda x, n, message=message: None
                                     if np.shape(x) == (n, 1) else
                                     (_ for _ in ()).throw(ValueError(message.format(
                                         n=n, shape=np.shape(x), list=list(np.shape(x)))))
                                     ), message
    assert ex.check_neuron_forward(lambda w, x, b: np.dot(w, x) + b)


def test_the_package_ships_no_solution_under_the_learners_names():
    import nnfs.exercises as package
    names = {"neuron_forward", "central_difference", "loss_gradient_w", "check_column",
             "MyNeuron", "MyNeuronLayer", "MyLayer", "train_loop", "softmax_backward",
             "layer_forward", "layer_dLdZ",
             "two_layer_backward", "MyNetwork", "untrained_loss", "overfit_handful",
             "dLdW_by_hand", "dLdA_prev_shape", "batch_and_rate",
             "momentum_step", "adam_step", "cross_entropy", "cross_entropy_backward",
             "recall_precision"}
    modules = [package] + [getattr(package, m) for m in dir(package)
                           if type(getattr(package, m)).__name__ == "module"]
    for module in modules:
        assert not names & set(vars(module)), module.__name__


# never the answer ------------------------------------------------------------------

PRINTED_PARAMETERS = re.compile(r"\b(?:eps|mu|beta1|beta2) = [0-9.e-]+|\bclip=[0-9.]+")
RELATIVE_ERROR = re.compile(r"relative error \de[-+]\d\d")


@pytest.mark.parametrize(("name", "label", "submission", "words"), WRONG,
                         ids=[f"{n}-{lab}" for n, lab, _, _ in WRONG])
def test_a_message_prints_no_value_but_relative_errors_and_the_probes_settings(
        name, label, submission, words):
    message = run(name, submission).message
    rest = PRINTED_PARAMETERS.sub("", RELATIVE_ERROR.sub("", message))
    assert not re.search(r"\d\.\d|\de[-+]?\d", rest), message


REFERENCES = {"check_neuron_forward": sol.neuron_forward,
              "check_central_difference": sol.central_difference,
              "check_loss_gradient_w": sol.loss_gradient_w,
              "check_softmax_backward": sol.softmax_backward,
              "check_momentum_step": sol.momentum_step,
              "check_adam_step": sol.adam_step,
              "check_cross_entropy": sol.cross_entropy,
              "check_cross_entropy_backward": sol.cross_entropy_backward,
              "check_recall_precision": sol.recall_precision}
NUMERIC = [w for w in WRONG if w[0] in REFERENCES]


def _spellings(value):
    """The ways a number of the answer could show up in a message."""
    out = set()
    for v in np.ravel(np.asarray(value, dtype=float)):
        for p in range(3, 9):
            out |= {f"{v:.{p}g}", f"{v:.{p}f}", f"{abs(v):.{p}g}"}
    return {s for s in out if sum(c.isdigit() and c != "0" for c in s) >= 2}


@pytest.mark.parametrize(("name", "label", "submission", "words"), NUMERIC,
                         ids=[f"{n}-{lab}" for n, lab, _, _ in NUMERIC])
def test_a_wrong_answer_is_never_told_the_right_one(name, label, submission, words):
    seen = []

    def recording(*args):
        seen.append([a.copy() if isinstance(a, np.ndarray) else a for a in args])
        return submission(*args)

    message = run(name, recording).message
    assert seen, "the check never called the submission"
    for args in seen:
        answer = REFERENCES[name](*args)
        for spelling in _spellings(answer if not isinstance(answer, tuple) else answer[0]):
            assert spelling not in message, (spelling, message)


REPLAYABLE = sorted(set(REFERENCES) | {"check_train_loop"})


@pytest.mark.parametrize("name", REPLAYABLE)
def test_an_answer_that_replays_the_first_probes_answer_fails(name):
    reference = {**REFERENCES, "check_train_loop": sol.train_loop}[name]
    first = []

    def replay(*args):
        if not first:
            first.append(reference(*args))
        return first[0]

    assert not run(name, replay).passed


def test_a_bug_in_a_check_itself_is_still_a_message_not_a_traceback():
    from nnfs.exercises._core import check

    @check("thing")
    def check_thing(thing):
        return {}["missing"]

    result = check_thing(1)
    assert not result.passed
    assert result.message == ("this check could not grade the answer (KeyError: 'missing'); "
                              "please report it.")


# the conceptual questions: checks that grade a value ---------------------------------

CONCEPTS = {
    "check_large_learning_rate": (ex, sol.LARGE_LEARNING_RATE, wrong.LARGE_LEARNING_RATE),
    "check_first_check_that_fires": (ex, sol.FIRST_CHECK_THAT_FIRES,
                                     wrong.FIRST_CHECK_THAT_FIRES),
    "check_relu_backward_by_hand": (ex, sol.RELU_BACKWARD_BY_HAND,
                                    wrong.RELU_BACKWARD_BY_HAND),
    "check_plateau_loss": (ex, sol.PLATEAU_LOSS, wrong.PLATEAU_LOSS),
}
RIGHT_VALUES = [(name, k, value) for name, (_, right, _) in CONCEPTS.items()
                for k, value in enumerate(right)]
WRONG_VALUES = [(name, label, value, words) for name, (_, _, catalogue) in CONCEPTS.items()
                for label, value, words in catalogue]


def grade(name, *args):
    return getattr(CONCEPTS[name][0], name)(*args)


def test_every_conceptual_check_is_in_this_test():
    # the checks of a question's answer: their one argument is called answer_<k>
    public = {name for name in ex.__all__ if name.startswith("check_")
              and next(iter(inspect.signature(getattr(ex, name).__wrapped__).parameters))
              .startswith("answer_")}
    assert public == set(CONCEPTS)


@pytest.mark.parametrize(("name", "k", "value"), RIGHT_VALUES,
                         ids=[f"{n}-{k}" for n, k, _ in RIGHT_VALUES])
def test_a_right_answer_passes_in_any_spelling(name, k, value):
    result = grade(name, value)
    assert result.passed, result.message
    assert repr(result) == "Correct! " + result.message
    assert_clean(result.message)


@pytest.mark.parametrize(("name", "label", "value", "words"), WRONG_VALUES,
                         ids=[f"{n}-{lab}" for n, lab, _, _ in WRONG_VALUES])
def test_a_wrong_answer_to_a_question_is_rejected_with_its_hint(name, label, value, words):
    result = grade(name, value)
    assert not result.passed, f"{label} passed: {result.message}"
    assert repr(result) == "Not yet: " + result.message
    for word in words:
        assert word in result.message, f"{label}: {word!r} not in {result.message!r}"
    assert_clean(result.message)
    assert grade(name, value).message == result.message


ODD = [object(), {}, lambda: 0, np.array(["x"]), [None] * 4, float("nan"), b"b", 3 + 1j,
       np.zeros((4, 1), dtype=object), ("input_size",) * 40]


@pytest.mark.parametrize("name", CONCEPTS)
@pytest.mark.parametrize("value", ODD, ids=range(len(ODD)))
def test_a_question_check_never_crashes_on_an_odd_answer(name, value):
    result = grade(name, value)
    assert not result.passed
    assert_clean(result.message)


@pytest.mark.parametrize(("name", "label", "value", "words"), WRONG_VALUES,
                         ids=[f"{n}-{lab}" for n, lab, _, _ in WRONG_VALUES])
def test_a_wrong_answer_to_a_question_is_never_told_the_right_one(name, label, value, words):
    message = grade(name, value).message
    if name == "check_large_learning_rate":       # only the list of choices names a letter
        assert '"b"' not in message.replace('"a", "b" or "c"', "")
    elif name == "check_first_check_that_fires":  # only the list of labels names them
        rest = message.replace('"input_size", "x", "error" or "none"', "")
        assert not any(f'"{label}"' in rest for label in ("input_size", "x", "error"))
        assert "input_size" not in rest.replace("'input_size'", "")
    else:        # no number with decimals but the question's own prediction, 0.5
        assert not re.search(r"\d\.\d", message.replace("prediction is 0.5", "")), message


def test_a_string_answer_is_graded_not_looked_up_as_a_name():
    b = np.zeros((1, 1))          # noqa: F841  (notebook 01 has a bias called b)
    a = "b"                       # noqa: F841
    assert ex.check_large_learning_rate("b").passed
    assert not ex.check_large_learning_rate("a").passed


def test_a_question_check_looks_its_answer_up_when_called_without_one():
    namespace = {"check": ex.check_large_learning_rate}
    exec("result = check()", namespace)
    assert namespace["result"].message == ("`answer_4` is not defined yet: run the cell that "
                                           "defines it first.")
    namespace["answer_4"] = sol.LARGE_LEARNING_RATE[0]
    exec("result = check()", namespace)
    assert namespace["result"].passed


def test_a_question_check_takes_one_answer():
    result = ex.check_plateau_loss(0.1, 0.2)
    assert not result.passed and "takes at most 1 argument" in result.message


def test_the_inputs_of_a_question_are_new_arrays_every_time():
    Z, dLdA = ex.relu_by_hand_inputs()
    y = ex.plateau_targets()
    Z[:], dLdA[:], y[:] = 7.0, 7.0, 7.0
    assert ex.check_relu_backward_by_hand(sol.RELU_BACKWARD_BY_HAND[0]).passed
    assert ex.check_plateau_loss(sol.PLATEAU_LOSS[0]).passed
    assert not np.any(ex.relu_by_hand_inputs()[0] == 7.0)


# checks of a value the learner works out (notebooks 05 and 07) -------------------

# check name -> (reference answer, other right spellings, catalogue of wrong ones)
VALUE_CHECKS = {
    "check_dLdW_by_hand": (sol.dLdW_by_hand, [np.array(sol.dLdW_by_hand),
                                              tuple(map(tuple, sol.dLdW_by_hand)),
                                              [[2, 1, -6], [-1, -0.5, 3]]],
                           wrong.DLDW_BY_HAND),
    "check_dLdA_prev_shape": (sol.dLdA_prev_shape, [[7, 1], np.array([7, 1]),
                                                    (np.int64(7), 1),
                                                    (np.zeros((4, 7)).T @ np.zeros((4, 1))).shape],
                              wrong.DLDA_PREV_SHAPE),
    "check_batch_and_rate": (sol.batch_and_rate, [(1, 0.03), (2, 0.1), [4, 0.1],
                                                  (np.int64(8), np.float64(0.1))],
                             wrong.BATCH_AND_RATE),
}
VALUE_RIGHT = [(name, answer) for name, (ref, others, _) in VALUE_CHECKS.items()
               for answer in [ref, *others]]
VALUE_WRONG = [(name, label, answer, words) for name, (_, _, catalogue) in VALUE_CHECKS.items()
               for label, answer, words in catalogue]


@pytest.mark.parametrize(("name", "answer"), VALUE_RIGHT,
                         ids=[f"{n}-{i}" for i, (n, _) in enumerate(VALUE_RIGHT)])
def test_a_right_value_passes(name, answer):
    result = getattr(ex, name)(answer)
    assert result.passed, result.message
    assert_clean(result.message)


@pytest.mark.parametrize(("name", "label", "answer", "words"), VALUE_WRONG,
                         ids=[f"{n}-{lab}" for n, lab, _, _ in VALUE_WRONG])
def test_a_wrong_value_is_rejected_with_its_hint(name, label, answer, words):
    result = getattr(ex, name)(answer)
    assert not result.passed, f"{label} passed: {result.message}"
    assert repr(result) == "Not yet: " + result.message
    for word in words:
        assert word in result.message, f"{label}: {word!r} not in {result.message!r}"
    assert_clean(result.message)
    assert result.message == getattr(ex, name)(answer).message


@pytest.mark.parametrize(("label", "answer"), [(lab, a) for n, lab, a, _ in VALUE_WRONG
                                               if n == "check_dLdW_by_hand"])
def test_dLdW_by_hand_never_prints_a_number_of_the_answer(label, answer):
    message = ex.check_dLdW_by_hand(answer).message
    # counts, positions and the shape given: no minus sign, no decimal point, no 6 else
    assert not re.search(r"-\d|\d\.\d", message), message
    rest = re.sub(r"shape \([\d, ]*\)", "", message.replace("of the 6 entries", ""))
    assert "6" not in rest, message


@pytest.mark.parametrize(("label", "answer"), [(lab, a) for n, lab, a, _ in VALUE_WRONG
                                               if n == "check_dLdA_prev_shape"])
def test_dLdA_prev_shape_never_prints_the_shape(label, answer):
    message = ex.check_dLdA_prev_shape(answer).message
    assert "(7, 1)" not in message and "7 rows" not in message, message


def test_a_value_check_takes_a_string_as_an_answer_not_as_a_name():
    namespace = {"check": ex.check_dLdA_prev_shape, "dLdA_prev_shape": "(7, 1)"}
    exec("result = check(dLdA_prev_shape)", namespace)
    assert "got a str" in namespace["result"].message
    exec("result = check()", namespace)                  # no argument: the name is looked up
    assert "got a str" in namespace["result"].message
    del namespace["dLdA_prev_shape"]
    exec("result = check()", namespace)
    assert "is not defined yet" in namespace["result"].message


def test_a_value_check_leaves_the_learners_answer_alone():
    answer = [[2.0, 1.0, -6.0], [-1.0, -0.5, 3.0]]
    assert ex.check_dLdW_by_hand(answer).passed
    assert answer == sol.dLdW_by_hand


# The claims the answer key of exercise 07.3 makes about its start, and
# the reason behind the check's FEW_UPDATES hint.
RATES = [0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0]


@pytest.mark.parametrize("batch_size", [16, 32, 64, 128, 994])
def test_from_batches_of_16_on_no_learning_rate_tried_reaches_the_target(batch_size):
    from nnfs.exercises import nb07_batches_and_optimizers as nb07
    assert batch_size >= nb07.FEW_UPDATES
    for rate in RATES:
        result = ex.check_batch_and_rate((batch_size, rate))
        assert not result.passed, (batch_size, rate, result.message)


def test_the_five_epoch_target_is_no_free_lunch():
    # a learning rate from the middle of the range does not pass with just any batch size
    assert not ex.check_batch_and_rate((1, 0.003)).passed
    assert not ex.check_batch_and_rate((8, 0.01)).passed
