"""What ``Network.train`` returns (``History``) and raises when a run diverges."""

import numpy as np

from ._checks import as_real_array


def _losses(values, name):
    """values as a new 1-D float64 array, or TypeError/ValueError naming ``name``."""
    arr = as_real_array(values, name)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be a 1-D sequence of losses, one per epoch, got shape "
                         f"{arr.shape}")
    with np.errstate(over="ignore"):        # a longdouble beyond float64 becomes inf
        return np.array(arr, dtype=np.float64)


class History:
    """Per-epoch mean losses returned by ``Network.train``.

    ``train_loss``: (epochs,) mean training loss of each epoch, averaged over
    the losses of its samples as they were seen. ``val_loss``: (epochs,)
    validation loss at the end of each epoch, or None without validation.

    The object itself behaves as the ``train_loss`` array: ``len(h)``,
    ``h[-1]``, ``plt.plot(h)``; ``np.array(h)`` is a copy, ``np.asarray(h)``
    may share memory with it.
    """

    def __init__(self, train_loss, val_loss=None):
        self.train_loss = _losses(train_loss, "train_loss")
        self.val_loss = None if val_loss is None else _losses(val_loss, "val_loss")
        if self.val_loss is not None and len(self.val_loss) != len(self.train_loss):
            raise ValueError(f"val_loss must hold one loss per epoch like train_loss "
                             f"({len(self.train_loss)}), got {len(self.val_loss)}")

    def __array__(self, dtype=None, copy=None):
        out = self.train_loss if dtype is None else self.train_loss.astype(dtype)
        return out.copy() if copy and out is self.train_loss else out

    def __len__(self):
        return len(self.train_loss)

    def __getitem__(self, index):
        return self.train_loss[index]

    def __iter__(self):
        return iter(self.train_loss)

    def __repr__(self):
        def last(a):
            return f"{a[-1]:.6g}" if len(a) else "nan"
        val = "" if self.val_loss is None else f", val_loss[-1]={last(self.val_loss)}"
        n, train = len(self.train_loss), last(self.train_loss)
        return f"History(epochs={n}, train_loss[-1]={train}{val})"


class DivergenceError(FloatingPointError):
    """The training loss, or the weights, stopped being finite numbers.

    Attributes: ``epoch`` where it happened, its mean ``loss``, and the
    ``history`` of the epochs before it (validation losses included). The
    network and the optimizer are back at the end of the last finite epoch.
    """

    def __init__(self, message, epoch, loss, history):
        super().__init__(message)
        self.epoch, self.loss, self.history = epoch, loss, history
