"""What every check shares: the Result, and running the learner's code safely.

A check is a function decorated with ``@check("name")`` (``@answer("name")`` if
it grades a value, not code). Inside it, anything
that is not right yet is reported by raising ``NotYet(message)``; the
decorator turns that into a failed ``Result``. Learner code is only ever
called through ``call``, which turns any exception it raises into ``NotYet``.
"""

import functools
import re
import sys
import warnings

import numpy as np

_MISSING = object()
_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")
_PATH = re.compile(r"(?:[A-Za-z]:)?(?:[\\/][\w.\-]+){2,}")


class Result:
    """The verdict of a check: ``passed`` (bool) and ``message`` (str).

    Its repr is what a notebook shows: "Correct! ..." or "Not yet: ...", words that
    carry the verdict on any screen and font (no emoji, which some fonts draw as empty
    boxes). ``bool(result)`` is ``result.passed``.
    """

    __slots__ = ("passed", "message")

    def __init__(self, passed, message):
        self.passed = bool(passed)
        self.message = str(message)

    def __bool__(self):
        return self.passed

    def __repr__(self):
        return ("Correct! " if self.passed else "Not yet: ") + self.message

    __str__ = __repr__


class NotYet(Exception):
    """Raised inside a check: the answer is not right yet, for the reason in the message."""


def _lookup(name, frame):
    for scope in (frame.f_locals, frame.f_globals):
        if name in scope:
            return scope[name]
    raise NotYet(f"`{name}` is not defined yet: run the cell that defines it first.")


def _verdict(func, find, frame):
    """Result(True, func(*find(frame))), or a failed Result for a NotYet or a check's bug."""
    try:
        return Result(True, func(*find(frame)))
    except NotYet as not_yet:
        return Result(False, str(not_yet))
    except Exception as error:  # a bug of the check itself: still no traceback wall
        return Result(False, f"this check could not grade the answer "
                             f"({error_text(error)}); please report it.")
    finally:
        del frame


def check(*names, strings_are_names=True):
    """Decorate a check whose arguments are the learner's objects called ``names``.

    Each argument may be omitted (the check looks that name up in the caller's
    namespace, so a missing definition is a "not yet", not a NameError) or
    given as a string (the name to look up). With ``strings_are_names=False``
    (a check of a value the learner typed in, where a string is an answer
    too) a string is passed on as it is.
    """
    def decorate(func):
        @functools.wraps(func)
        def wrapper(*args):
            if len(args) > len(names):
                return Result(False, f"{func.__name__} takes at most {len(names)} "
                                     f"argument(s): {', '.join(names)}.")
            args = list(args) + [_MISSING] * (len(names) - len(args))
            return _verdict(func, lambda frame: [
                _lookup(n if a is _MISSING else a, frame)
                if a is _MISSING or (strings_are_names and isinstance(a, str)) else a
                for a, n in zip(args, names, strict=True)], sys._getframe(1))
        return wrapper
    return decorate


def answer(name):
    """``check(name)`` for a check of a value the learner works out: a string is an answer
    (a letter, a label), graded as it is, never looked up as a name."""
    return check(name, strings_are_names=False)


def error_text(error):
    """'Type: message' of an exception, one line, without addresses or file paths."""
    text = " ".join(str(error).split())
    text = _PATH.sub("<path>", _ADDRESS.sub("", text))
    if len(text) > 200:
        text = text[:197] + "..."
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def call(what, func, *args, **kwargs):
    """Run learner code ``func(*args)``; any exception becomes NotYet naming ``what``."""
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            return func(*args, **kwargs)
    except NotYet:
        raise
    except NotImplementedError as error:
        raise NotYet(f"{what} is not written yet: it raised {error_text(error)}.") from None
    except Exception as error:
        raise NotYet(f"{what} raised {error_text(error)}") from None


def call_method(what, obj, name, *args):
    """``call(what, obj.name, *args)``; a missing method is NotYet too."""
    method = getattr(obj, name, None)
    if not callable(method):
        raise NotYet(f"{type(obj).__name__} has no method {name}(), which the check calls.")
    return call(what, method, *args)


def a_name(obj):
    """"None", or the type of obj with its article: "an int", "a float", "a tuple"."""
    if obj is None:
        return "None"
    name = type(obj).__name__
    return f"{'an' if name[:1].lower() in 'aeio' else 'a'} {name}"


def need_callable(obj, name):
    if obj is None or not callable(obj):
        got = a_name(obj)
        raise NotYet(f"`{name}` should be a function, got {got}.")
    return obj


def need_class(obj, name):
    if not isinstance(obj, type):
        got = a_name(obj)
        raise NotYet(f"`{name}` should be a class (pass the class itself, not an instance), "
                     f"got {got}.")
    return obj
