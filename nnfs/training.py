"""The pieces of ``Network.train`` around its loop.

Its argument checks (``check_run``), the batches of an epoch (``Batches``),
the divergence snapshot and roll-back (``Snapshot``), and the log line.
"""

import copy
import math
import numbers
from typing import NamedTuple

import numpy as np

from ._checks import check_positive_number, check_size, make_rng
from .history import DivergenceError


class Run(NamedTuple):
    """The checked settings of one ``train`` call."""

    learning_rate: float
    epochs: int
    batch_size: int
    rng: object             # the Generator that shuffles, or None: samples in order
    log_at: frozenset       # the epochs that print a line


def check_run(n, learning_rate, epochs, batch_size, shuffle, seed, log):
    """Check ``train``'s settings for a data set of ``n`` samples; return a ``Run``."""
    learning_rate = check_positive_number(learning_rate, "learning_rate")
    epochs = check_size(epochs, "epochs")
    batch_size = n if batch_size is None else check_size(batch_size, "batch_size")
    if batch_size > n:
        raise ValueError(f"batch_size must be at most the number of samples {n}, "
                         f"got {batch_size}")
    if not isinstance(shuffle, bool):
        raise TypeError(f"shuffle must be True or False, got {shuffle!r}")
    rng = make_rng(seed, "seed")
    if isinstance(log, bool) or not isinstance(log, numbers.Integral) or log < 0:
        raise ValueError(f"log must be an integer >= 0 (number of progress lines), "
                         f"got {log!r}")
    log = int(log)
    log_at = range(epochs) if log >= epochs else [i * epochs // log for i in range(log)]
    return Run(learning_rate, epochs, batch_size, rng if shuffle else None, frozenset(log_at))


def check_pair(validation):
    """``validation`` must be a pair (x_val, y_val)."""
    if not isinstance(validation, (tuple, list)) or len(validation) != 2:
        got = type(validation).__name__
        if isinstance(validation, (tuple, list)):
            got += f" of length {len(validation)}"
        raise TypeError(f"validation must be a pair (x_val, y_val), got a {got}")
    return validation


class Batches:
    """The (X, Y) column batches of one epoch, each time it is iterated.

    Each batch is rows of the data set (one sample per row) seen as columns,
    a transposed view: in order, a slice of consecutive rows (nothing is
    copied); shuffled, the rows of ``rng.permutation(N)``, drawn anew each
    epoch, taken batch by batch: no epoch gathers the whole data set.
    """

    def __init__(self, x, y, run):
        self.n, self.size, self.rng = len(x), run.batch_size, run.rng
        self.x, self.y = np.ascontiguousarray(x), np.ascontiguousarray(y)

    def __iter__(self):
        x, y, size = self.x, self.y, self.size
        if self.rng is None:
            for s in range(0, self.n, size):
                yield x[s:s + size].T, y[s:s + size].T
            return
        order = self.rng.permutation(self.n)
        for s in range(0, self.n, size):
            rows = order[s:s + size]
            yield x.take(rows, axis=0).T, y.take(rows, axis=0).T


def _finite(obj):
    """True if every float and float array in ``obj`` (nested dicts, lists, tuples) is finite."""
    if isinstance(obj, np.ndarray):
        return obj.dtype.kind not in "fc" or bool(np.isfinite(obj).all())
    if isinstance(obj, float):
        return math.isfinite(obj)
    if isinstance(obj, dict):
        return all(_finite(v) for v in obj.values())
    return not isinstance(obj, (list, tuple)) or all(_finite(v) for v in obj)


class Snapshot:
    """The weights and the optimizer's state at the end of the last finite epoch.

    ``keep(loss)``: if the epoch's mean loss, every weight and the optimizer's
    state are finite, they become the snapshot (True); otherwise the snapshot
    is put back (False). The optimizer's state is its attributes, copied with
    ``copy.deepcopy``, so that weights and state always match.
    """

    def __init__(self, params, optimizer):
        self.params, self.optimizer = params, optimizer
        self.weights = [p.copy() for p in params]
        self.state = self._state()

    def _state(self):
        attrs = getattr(self.optimizer, "__dict__", None)
        return None if attrs is None else copy.deepcopy(attrs)

    def keep(self, loss):
        state = self._state()
        if math.isfinite(loss) and _finite(self.params) and _finite(state):
            for saved, p in zip(self.weights, self.params, strict=True):
                np.copyto(saved, p)
            self.state = state
            return True
        for saved, p in zip(self.weights, self.params, strict=True):
            np.copyto(p, saved)
        if self.state is not None:
            vars(self.optimizer).clear()
            vars(self.optimizer).update(self.state)
        return False


def diverged(epoch, loss, learning_rate, history):
    """The DivergenceError of ``epoch`` (the network is already rolled back)."""
    kept = ("its initial weights" if epoch == 0
            else f"the weights from the end of epoch {epoch - 1}")
    what = (f"the mean loss is {loss}" if not math.isfinite(loss) else
            f"the weights or the optimizer's state are no longer finite (mean loss {loss:.6g})")
    return DivergenceError(
        f"training diverged at epoch {epoch}: {what}; the network keeps {kept}, and the "
        f"optimizer its state from then. Try a smaller learning_rate (got {learning_rate}).",
        epoch, loss, history)


def log_line(epoch, loss, val_losses):
    """The article's progress line, plus the validation loss if there is one."""
    line = f"epoch = {epoch}, average error = {loss:.6g}"
    return line + (f", validation error = {val_losses[-1]:.6g}" if val_losses else "")
