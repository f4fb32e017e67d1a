"""Grading notebook 06's ``train_loop``: run next to ``nnfs.Network.train``, compared.

The learner's loop gets a network that offers only forward, backward and loss, and that
logs what it sees (the samples fed to forward, the learning rates and errors given to
backward); the loop's losses and final weights are compared with ``Network.train`` run on
an identical network (same seeded weights), and a wrong visit order, rate, error or loss
is named.
"""

import numpy as np

from .. import MSE, Layer, Network, Sigmoid, Tanh
from ._answers import rel_text, same
from ._core import NotYet, a_name, call

PROBES = ((7, 3, 2, 4, Tanh, 3, 0.05), (5, 4, 1, 3, Sigmoid, 2, 0.1))


def _loop_network(net, x, y, log):
    """An object with forward, backward and loss only; what it sees goes into ``log``."""
    class LoopNetwork:
        __slots__ = ()
        loss = net.loss

        def forward(self, X):
            A = net.forward(X)
            cols = np.asarray(X, dtype=np.float64).T
            log["batches"].append(len(cols))
            log["last"] = [int(np.flatnonzero(np.all(x == c, axis=1))[0])
                           if np.any(np.all(x == c, axis=1)) else -1 for c in cols]
            log["visits"] += log["last"]
            log["A"] = A.copy()
            return A

        def backward(self, dLdA, learning_rate):
            dLdX = net.backward(dLdA, learning_rate)       # nnfs's own checks come first
            log["rates"].append(learning_rate)
            if len(log["last"]) == 1 and log["last"][0] >= 0:
                want = net.loss.backward(log["A"], y[log["last"][0]].reshape(-1, 1))
                got = np.asarray(dLdA, dtype=np.float64)
                log["errors"].append("ok" if same(got, want, 1e-9) else
                                     "minus" if same(got, -want, 1e-9) else "other")
            return dLdX

        def train(self, *args, **kwargs):
            raise AttributeError("this network has forward, backward and loss only: "
                                 "train_loop writes the loop over the samples itself")

        def __repr__(self):
            return "LoopNetwork(forward, backward, loss)"
    return LoopNetwork()


def _network(n_in, n_out, hidden, activation):
    """The same weights every time (seeded layers)."""
    return Network([Layer(n_in, hidden, activation(), rng=1),
                    Layer(hidden, n_out, activation(), rng=2)], MSE())


def _check_visits(log, N, n_in, epochs, learning_rate):
    visits = log["visits"]
    if not visits:
        raise NotYet("train_loop never called net.forward.")
    if max(log["batches"]) > 1:
        raise NotYet(f"train_loop gave net.forward {max(log['batches'])} samples at once: "
                     f"this loop feeds one sample (a column) at a time.")
    if -1 in visits:
        raise NotYet("train_loop fed net.forward a column that is not a sample of x: feed "
                     "sample i as the column x[i].reshape(-1, 1).")
    if visits != list(range(N)) * epochs:
        if visits == list(range(n_in)) * epochs:
            raise NotYet(f"train_loop: each epoch visits {n_in} samples, not all {N}: "
                         f"x.shape[1] is the number of inputs (the window size); loop over "
                         f"the N = len(x) samples (erratum 5).")
        for k in (2, 3):
            if visits == [i for i in range(N) for _ in range(k)] * epochs:
                raise NotYet(f"train_loop called net.forward {k} times per sample: one "
                             f"forward pass gives the prediction that both the loss and "
                             f"backward use.")
        if len(visits) == N * epochs:
            raise NotYet(f"train_loop visits {N * epochs} samples, but not 0, 1, ..., {N - 1} "
                         f"in order in each epoch.")
        raise NotYet(f"train_loop visited {len(visits)} samples in all; {epochs} epochs over "
                     f"{N} samples visit {N * epochs}.")
    if not log["rates"]:
        raise NotYet("train_loop never called net.backward: the weights never change.")
    if len(log["rates"]) != len(visits):
        raise NotYet(f"train_loop called net.backward {len(log['rates'])} times for "
                     f"{len(visits)} forward passes: once per sample.")
    if any(rate != learning_rate for rate in log["rates"]):
        raise NotYet("train_loop called net.backward with a learning rate other than the "
                     "learning_rate it was given.")
    if "minus" in log["errors"]:
        raise NotYet("train_loop passed minus dL/dA to net.backward: the sign is flipped.")
    if "other" in log["errors"]:
        raise NotYet("the error train_loop passes to net.backward is not "
                     "net.loss.backward(prediction, target) of that sample.")


def _losses(losses, what, epochs):
    """What train_loop returned, as an array of ``epochs`` finite numbers, or NotYet."""
    try:
        got = np.asarray(losses, dtype=np.float64)
    except (TypeError, ValueError):
        got = None
    if losses is None or got is None or got.ndim != 1 or len(got) != epochs:
        kind = ("None" if losses is None else f"an array of dtype {losses.dtype}"
                if isinstance(losses, np.ndarray) and got is None else
                a_name(losses) if got is None or got.ndim == 0 else
                f"{got.size} numbers in shape {got.shape}")
        raise NotYet(f"{what} returned {kind}; expected one mean loss per epoch, "
                     f"{epochs} numbers.")
    if not np.all(np.isfinite(got)):
        raise NotYet(f"{what} returned NaN or inf among its losses.")
    return got


def grade_train_loop(train_loop):
    """NotYet unless ``train_loop`` visits, steps and loses as ``Network.train`` does."""
    rng = np.random.default_rng(106)
    for N, n_in, n_out, hidden, activation, epochs, learning_rate in PROBES:
        x, y = rng.uniform(0, 1, (N, n_in)), rng.uniform(0, 1, (N, n_out))
        mine, ref = (_network(n_in, n_out, hidden, activation) for _ in range(2))
        log = {"batches": [], "visits": [], "rates": [], "errors": [], "last": [], "A": None}
        what = f"train_loop(net, x, y, learning_rate, epochs) with N = {N} samples"
        losses = call(what, train_loop, _loop_network(mine, x, y, log), x.copy(), y.copy(),
                      learning_rate, epochs)
        if not log["visits"]:
            _losses(losses, what, epochs)       # a skeleton's None before "never called"
        _check_visits(log, N, n_in, epochs, learning_rate)
        got = _losses(losses, what, epochs)
        want = ref.train(x, y, learning_rate, epochs).train_loss
        if not same(got, want, 1e-9):
            if same(got, want * N, 1e-9):
                raise NotYet(f"{what} returns each epoch's total loss: the mean divides it by N.")
            if same(got, want * N / n_in, 1e-9):
                raise NotYet(f"{what} divides each epoch's total by x.shape[1], the number of "
                             f"inputs, not by N, the number of samples (erratum 5).")
            off = np.abs(got - want) / np.abs(want)
            epoch = int(np.flatnonzero(off > 1e-9)[0]) if np.any(off > 1e-9) else int(off.argmax())
            raise NotYet(f"{what}: the mean loss of epoch {epoch} differs from Network.train's "
                         f"({rel_text(off[epoch])}): add each sample's loss from its forward "
                         f"pass, then divide by N.")
        for a, b in zip(mine.layers, ref.layers, strict=True):
            if not (same(a.W, b.W, 1e-9) and same(a.B, b.B, 1e-9)):
                raise NotYet(f"{what}: the losses match Network.train's, the final weights "
                             f"do not.")
    return ("train_loop visits every sample of every epoch in order and gives the same "
            "losses and weights as nnfs.Network.train, for 2 data sets.")
