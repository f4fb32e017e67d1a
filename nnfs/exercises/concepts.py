"""Checks for the multiple-choice questions of notebooks 01 and 02: a letter, four labels.

The code checks run the learner's function or class; these grade the answer
itself, a value: ``check_large_learning_rate(answer_4)``. Left out, the answer
is looked up by its name in the caller's namespace (a cell never run is a "not
yet"); a string is graded as it is, never taken for a name. Letters and labels
are read without regard to case, spaces or quotes. The answers live here, not
in the notebooks, and no message prints one.

* 01 check_large_learning_rate(answer_4): "a", "b" or "c", what lr = 1.0 does
* 02 check_first_check_that_fires(answer_2): four labels, one per line
"""

import re

from ._answers import kind_of
from ._core import NotYet, answer


def _label(value):
    """A string answer normalised (' "B" ' -> 'b', 'input size' -> 'input_size'), else None."""
    if not isinstance(value, str):
        return None
    return re.sub(r"[\s-]+", "_", value.strip().strip("'\"()").strip().lower())


def _shown(value):
    """The learner's answer as the message quotes it: a short string itself, else its kind."""
    if isinstance(value, str) and len(value) <= 20 and value.isprintable():
        return repr(value)
    return kind_of(value)


# 01 · one neuron -------------------------------------------------------------------

_LEARNING_RATE_ONE = {
    "a": "each step can move a weight by up to 1.0, more than the size of the trained "
         "weights themselves (at most about 0.5). Can the loss settle?",
    "b": None,
    "c": "clipping bounds every step to the learning rate in each weight, so in 3 epochs "
         "the weights cannot run off to infinity.",
}


@answer("answer_4")
def check_large_learning_rate(answer_4):
    """Grade the letter that says what lr = 1.0 does to the neuron's mean loss."""
    letter = _label(answer_4)
    if letter not in _LEARNING_RATE_ONE:
        got = _shown(answer_4)
        raise NotYet(f'set answer_4 to one letter, "a", "b" or "c"; got {got}.')
    if _LEARNING_RATE_ONE[letter]:
        raise NotYet(_LEARNING_RATE_ONE[letter])
    return ("with lr = 1.0 every step overshoots the best weights, so the loss stays far "
            "above the baseline; clipping keeps it finite.")


# 02 · assertions -------------------------------------------------------------------

_LABELS = ("input_size", "x", "error", "none")
_FIRST_CHECKS = ("input_size", "none", "error", "x")
_LINE_HINTS = (
    "CheckedNeuron(5.0): which method runs when a neuron is made, and what does its first "
    "check ask of the size?",
    "neuron.forward(x[3:4].T): work the shape out step by step. x[3:4] slices rows of x, "
    ".T swaps the two sizes; then compare with what forward asks for.",
    "neuron.backward(np.array(0.2), 0.1): what is np.array(0.2).shape? Compare it with "
    "what backward's checks ask for, in their order.",
    "neuron.forward(x[3:5].T): how many samples does x[3:5] hold, and what shape is its "
    "transpose?",
)


@answer("answer_2")
def check_first_check_that_fires(answer_2):
    """Grade four labels: the CheckedNeuron check that fires first on each of four lines."""
    labels = '"input_size", "x", "error" or "none"'
    if not isinstance(answer_2, (tuple, list)) or len(answer_2) != 4:
        raise NotYet(f"set answer_2 to a tuple of 4 labels, one per line, each {labels}; "
                     f"got {_shown(answer_2)}.")
    for k, given in enumerate(answer_2, start=1):
        if given is None:
            raise NotYet(f'line {k}: None is not a label. For a line that runs without an '
                         f'error, write the string "none".')
        if _label(given) not in _LABELS:
            raise NotYet(f"line {k}: {_shown(given)} is not one of the labels {labels}.")
    wrong = [k for k, given in enumerate(answer_2) if _label(given) != _FIRST_CHECKS[k]]
    if wrong:
        raise NotYet(f"{4 - len(wrong)} of 4 lines are right. Look again at line "
                     f"{wrong[0] + 1}, {_LINE_HINTS[wrong[0]]}")
    return "each line stops at the check that names what is wrong with its argument."
