"""Reading an answer that is a value, not code: a letter or label, numbers, a pair.

The conceptual questions are graded on the value itself. Each reader returns
the value in a form the check compares, or raises ``NotYet`` saying what is
wrong with its type; none ever quotes the answer that is asked for.
"""

import math
import numbers
import re

import numpy as np

from ._answers import kind_of
from ._core import NotYet, a_name


def label(value):
    """A string answer normalised (' "B" ' -> 'b', 'input size' -> 'input_size'), else None."""
    if not isinstance(value, str):
        return None
    return re.sub(r"[\s-]+", "_", value.strip().strip("'\"()").strip().lower())


def shown(value):
    """The learner's answer as the message quotes it: a short string itself, else its kind."""
    if isinstance(value, str) and len(value) <= 20 and value.isprintable():
        return repr(value)
    return kind_of(value)


def numbers_of(value, name, example):
    """``value`` as a float array, or NotYet if it is None or not numbers."""
    if value is None:
        raise NotYet(f"`{name}` is still None: set it to {example}.")
    if isinstance(value, (str, bytes, dict, set)):
        raise NotYet(f"`{name}` should be numbers ({example}), got {a_name(value)}.")
    try:
        with np.errstate(all="ignore"):
            array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise NotYet(f"`{name}` should be numbers in rows of equal length ({example}); "
                     f"NumPy cannot read it as one array.") from None
    if np.asarray(value).dtype == bool:
        raise NotYet(f"`{name}` should be numbers ({example}), not True/False.")
    return array


def batch_size_and_rate(value, n):
    """``batch_and_rate`` as (int batch_size in 1..n, float learning_rate > 0), else NotYet."""
    if value is None:
        raise NotYet("`batch_and_rate` is still None: set it to a pair "
                     "(batch_size, learning_rate).")
    if not isinstance(value, (tuple, list)) or len(value) != 2:
        got = (f"{a_name(value)} of length {len(value)}" if isinstance(value, (tuple, list))
               else a_name(value))
        raise NotYet(f"`batch_and_rate` should be a pair (batch_size, learning_rate), got {got}.")
    batch_size, learning_rate = value
    if isinstance(batch_size, bool) or not isinstance(batch_size, numbers.Integral):
        raise NotYet(f"the batch size is a whole number of samples (an int), got "
                     f"{a_name(batch_size)}.")
    if not 1 <= batch_size <= n:
        raise NotYet(f"the batch size must be between 1 and the {n} samples, got {batch_size}.")
    if isinstance(learning_rate, bool) or not isinstance(learning_rate, numbers.Real):
        raise NotYet(f"the learning rate is a number, got {a_name(learning_rate)}.")
    if not (math.isfinite(learning_rate) and learning_rate > 0):
        raise NotYet(f"the learning rate must be a positive number, got {learning_rate}.")
    return int(batch_size), float(learning_rate)
