"""A learner's misuse of nnfs, seen in IPython/Jupyter: the traceback ends at the call into nnfs.

The message is what helps ("X must have shape (5, any), got (5,)"); the frames of the
checking helpers below the learner's call only pushed it down the screen.
"""

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import nnfs
from nnfs import _tracebacks


def _frames(tb):
    out = []
    while tb is not None:
        out.append((Path(tb.tb_frame.f_code.co_filename).name, tb.tb_frame.f_code.co_name))
        tb = tb.tb_next
    return out


def _error(call):
    with pytest.raises((ValueError, TypeError)) as info:
        call()
    return info.value


@pytest.mark.parametrize(("call", "entry"), [
    (lambda: nnfs.Layer(5, 3, nnfs.ReLU(), rng=0).forward(np.ones(5)), "forward"),
    (lambda: nnfs.Network([nnfs.Layer(5, 3, nnfs.ReLU(), rng=0)], nnfs.MSE())
     .train(np.ones((4, 5)), np.ones((4, 2)), 0.1, 1), "train"),
    (lambda: nnfs.data.make_series("100"), "make_series"),
])
def test_a_refusal_is_trimmed_to_the_learners_call_and_the_entry_point(call, entry):
    error = _error(call)
    full, short = _frames(error.__traceback__), _frames(_tracebacks.trimmed(error.__traceback__))
    assert len(full) > len(short)                      # checking helpers were below the entry
    assert short[0] == full[0] and short[0][0] == Path(__file__).name
    assert short[-1][1] == entry, short
    assert not any(name == "_checks.py" for name, _ in short)


def test_an_error_of_the_learners_own_code_keeps_its_whole_traceback():
    def mine(x):
        raise ValueError("my own")

    def their_layer_forward(X):
        return mine(X)

    error = _error(lambda: their_layer_forward(1))
    assert _frames(_tracebacks.trimmed(error.__traceback__)) == _frames(error.__traceback__)


def test_an_error_of_the_learners_code_called_by_nnfs_keeps_its_frames():
    class Mine(nnfs.Layer):
        def forward(self, X):
            raise ValueError("raised in the learner's own forward")

    net = nnfs.Network([Mine(2, 2, nnfs.Identity(), rng=0)], nnfs.MSE())
    error = _error(lambda: net.forward(np.ones((2, 1))))
    assert _frames(_tracebacks.trimmed(error.__traceback__))[-1][1] == "forward"
    assert _frames(_tracebacks.trimmed(error.__traceback__)) == _frames(error.__traceback__)


CELL = """
import numpy as np
import nnfs
layer = nnfs.Layer(5, 3, nnfs.ReLU(), rng=0)
layer.forward(np.ones(5))
"""


def test_in_ipython_the_learner_sees_their_call_the_entry_point_and_the_message(tmp_path):
    env = {**os.environ, "IPYTHONDIR": str(tmp_path / "ipython")}
    out = subprocess.run([sys.executable, "-m", "IPython", "--colors=nocolor", "--quick",
                          "-c", CELL], capture_output=True, text=True, env=env, timeout=120)
    text = out.stdout + out.stderr
    assert "X must have shape (5, any), got (5,)" in text, text
    assert "layer.forward(np.ones(5))" in text and "Layer.forward" in text, text
    assert "_checks.py" not in text and "in check_array" not in text, text
