"""Runs INSIDE a grading kernel: one check's verdict, from a copy of nnfs loaded afresh.

The grader never imports this module. It sends this file's source, as one silent cell
(no history, no IPython hooks), right after each of the course's check cells, in a
namespace of its own with ``ARGS`` (the check, the copy's folder and the sha256 of each
of its files) and ``USER_NS`` (the notebook's globals). The verdict is stored under a
random name that the grader reads back in the execute reply's ``user_expressions`` (the
shell channel, which print, display and writes to stdout never reach), and then drops.

What the notebook may have done cannot change the verdict through ``nnfs``: the check,
``Result`` and the nnfs code the check uses are executed again from the files whose
digests the grader computed before any submission ran (a changed file is refused), and
the learner's own ``nnfs`` modules are put back before the check calls the learner's
code. A redefined ``check_*`` name, a patched ``nnfs.exercises`` or ``Result``, a
patched ``print`` or a forged "Correct!" output all leave the verdict alone. NumPy and
the builtins are not reloaded: a tripwire refuses to run the check when one of their
functions was replaced by one the notebook defined.
"""

import builtins
import hashlib
import importlib
import importlib.util
import json
import os
import sys


def _ours(name):
    return name == "nnfs" or name.startswith("nnfs.")


class _Files:
    """A meta-path finder and loader for the nnfs copy, checking each file's digest."""

    def __init__(self, root, digests):
        self.root, self.digests = root, digests

    def find_spec(self, fullname, path=None, target=None):
        if not _ours(fullname):
            return None
        parts = fullname.split(".")
        for rel, package in (("/".join(parts) + "/__init__.py", True),
                             ("/".join(parts) + ".py", False)):
            if rel in self.digests:
                where = [os.path.join(self.root, *parts)] if package else None
                return importlib.util.spec_from_file_location(
                    fullname, os.path.join(self.root, rel), loader=self,
                    submodule_search_locations=where)
        raise ImportError(f"{fullname} is not part of the course's nnfs")

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        rel = os.path.relpath(module.__spec__.origin, self.root).replace(os.sep, "/")
        with open(module.__spec__.origin, "rb") as file:
            data = file.read()
        if hashlib.sha256(data).hexdigest() != self.digests[rel]:
            raise _Changed(rel)
        exec(compile(data, module.__spec__.origin, "exec"), module.__dict__)


class _Changed(Exception):
    pass


def _fresh(args):
    """The check function and Result class from a fresh load (sys.modules left as found)."""
    theirs = {k: v for k, v in sys.modules.items() if _ours(k)}
    for k in theirs:
        del sys.modules[k]
    finder = _Files(args["root"], args["digests"])
    sys.meta_path.insert(0, finder)
    try:
        func = getattr(importlib.import_module(args["module"]), args["attr"])
        result_class = importlib.import_module("nnfs.exercises._core").Result
    finally:
        sys.meta_path.remove(finder)
        for k in [k for k in sys.modules if _ours(k)]:
            del sys.modules[k]
        sys.modules.update(theirs)
    return func, result_class


def _replaced():
    """Functions of numpy or builtins that the notebook replaced with its own (a tripwire:
    the fresh check still uses these, as they are not reloaded)."""
    found = []
    for name in ("numpy", "numpy.linalg", "numpy.random", "builtins"):
        for key, value in vars(sys.modules.get(name) or _Changed).items():
            if callable(value) and getattr(value, "__module__", None) == "__main__":
                found.append(f"{name}.{key}")
    return found


def _verdict(args, user_ns):
    replaced = _replaced()
    if replaced:
        return False, (f"the notebook replaced {', '.join(replaced[:3])}, which checks rely "
                       f"on; the check was not run.")
    try:
        func, result_class = _fresh(args)
    except _Changed as changed:
        return False, f"the course's file nnfs/{changed} was changed while grading."
    except Exception as error:
        return False, f"the grader could not load the check ({type(error).__name__})."
    scope = dict(user_ns)
    scope.update({args["name"]: func, "__builtins__": builtins})
    try:
        result = eval(compile(args["call"], "<check>", "eval"), scope)
    except NameError as error:
        return False, f"`{error.name}` is not defined: run the cell that defines it first."
    except BaseException as error:  # the check itself never raises: something interfered
        return False, f"the check was interrupted ({type(error).__name__})."
    if type(result) is not result_class or type(result.passed) is not bool:
        return False, "the check did not return its verdict (something replaced it)."
    return result.passed, str(result.message)


def _main(args, user_ns):
    passed, message = _verdict(args, user_ns)
    user_ns[args["key"]] = json.dumps({"passed": passed, "message": message})


_main(ARGS, USER_NS)  # noqa: F821  (both given by the grader)
