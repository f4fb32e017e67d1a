"""Checked twins: a public method checks its input, its private twin only computes.

A method that checks its input (``forward``, ``grads``, ``step``...) has an
unchecked private twin with the same name and an underscore (``_forward``,
``_grads``, ``_step``) that does the arithmetic only. Inner loops
(``Network.train``) check everything once and then call the twins; an object
of your own that has only the public method is called through it:
``unchecked(obj, name)`` is that one fallback.
"""


def unchecked(obj, name):
    """``obj._<name>``, the unchecked twin of the public ``obj.<name>``; the public one if
    there is no twin or it is overridden (on the instance, in a subclass) below the twin."""
    public, private = getattr(obj, name, None), getattr(obj, "_" + name, None)
    if private is None or public is None:
        return private if public is None else public
    for scope in (getattr(obj, "__dict__", {}), *(vars(c) for c in type(obj).__mro__)):
        if "_" + name in scope:
            return private
        if name in scope:
            return public
    return private
