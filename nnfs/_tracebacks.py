"""In IPython and Jupyter, a refused call shows the learner's call, not nnfs's checking helpers.

When an input check of ``nnfs`` raises ``ValueError`` or ``TypeError``, the frames
below the call that entered ``nnfs`` (``check_array``, ``as_real_array``, ...) say
nothing the message does not, and pushed the message under 20 lines of internals.
In an IPython shell (a notebook's kernel included) ``install()`` has such errors
shown from the learner's code down to the first ``nnfs`` frame, the entry point
they called, and then the message. Errors raised in the learner's own code keep
their whole traceback; outside IPython nothing changes.
"""

import sys
import types
from pathlib import Path

_PACKAGE = str(Path(__file__).resolve().parent)
EXCEPTIONS = (ValueError, TypeError)


def _inside(tb):
    return str(Path(tb.tb_frame.f_code.co_filename).resolve()).startswith(_PACKAGE)


def trimmed(tb):
    """``tb`` down to the entry into nnfs of its last run of nnfs frames, if it ends in nnfs;
    else ``tb`` itself."""
    frames = []
    while tb is not None:
        frames.append(tb)
        tb = tb.tb_next
    if not frames or not _inside(frames[-1]):
        return frames[0] if frames else None
    outside = [k for k, frame in enumerate(frames) if not _inside(frame)]
    keep = frames[:outside[-1] + 2] if outside else frames[:1]
    out = None
    for frame in reversed(keep):
        out = types.TracebackType(out, frame.tb_frame, frame.tb_lasti, frame.tb_lineno)
    return out


def _show(shell, etype, value, tb, tb_offset=None):
    shell.showtraceback((etype, value, trimmed(tb)), tb_offset=tb_offset)


def install():
    """In a running IPython shell without a handler of its own, show nnfs's refusals trimmed."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is not None and not shell.custom_exceptions:
        shell.set_custom_exc(EXCEPTIONS, _show)
