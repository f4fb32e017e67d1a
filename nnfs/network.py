"""A network: layers in a row, a loss at the end, and a training loop.

Inside the network samples are columns, as in the layers. ``train`` and
``predict`` take the data set's layout instead: x of shape (N, inputs) and
y of shape (N, outputs), one sample per row, as the article stores them.
All input is checked once, at the start of ``train``; the loop over samples
then runs without checks.
"""

import math
import numbers

import numpy as np

from ._checks import check_array, check_positive_number, check_size, make_rng
from .optimizers import SGD, get_optimizer


def _describe(obj):
    """repr(obj) if its class defines one, else its type name (never an address)."""
    return repr(obj) if type(obj).__repr__ is not object.__repr__ else type(obj).__name__


class DivergenceError(FloatingPointError):
    """The training loss stopped being a finite number.

    Attributes: ``epoch`` where it happened, its ``loss``, and the ``history``
    of the epochs before it.
    """

    def __init__(self, message, epoch, loss, history):
        super().__init__(message)
        self.epoch, self.loss, self.history = epoch, loss, history


class History:
    """Per-epoch mean losses returned by ``Network.train``.

    ``train``: (epochs,) mean training loss of each epoch, averaged over the
    losses of its samples as they were seen. ``val``: (epochs,) validation loss
    at the end of each epoch, or None. The object itself behaves as the
    ``train`` array: ``len(h)``, ``h[-1]``, ``plt.plot(h)``, ``np.asarray(h)``.
    """

    def __init__(self, train, val=None):
        self.train = np.asarray(train, dtype=np.float64)
        self.val = None if val is None else np.asarray(val, dtype=np.float64)

    def __array__(self, dtype=None, copy=None):
        return self.train if dtype is None else self.train.astype(dtype)

    def __len__(self):
        return len(self.train)

    def __getitem__(self, index):
        return self.train[index]

    def __iter__(self):
        return iter(self.train)

    def __repr__(self):
        val = "" if self.val is None else f", val[-1]={self.val[-1]:.6g}"
        last = f"{self.train[-1]:.6g}" if len(self.train) else "nan"
        return f"History(epochs={len(self.train)}, train[-1]={last}{val})"


class Network:
    """Layers applied in order, then a loss.

    ``Network(layers, loss)`` builds it at once (the article's first form);
    ``Network()`` then ``add_layers([...])`` and ``add_loss(...)`` builds it
    step by step (its second form).
    """

    def __init__(self, layers=None, loss=None):
        self.layers = []
        self.loss = None
        self._last_output = None
        if layers is not None:
            self.add_layers(layers)
        if loss is not None:
            self.add_loss(loss)

    # building -----------------------------------------------------------

    def add_layers(self, layers):
        """Append ``layers`` (a list); each one's input_size must equal the previous layer_size.

        A layer is anything with ``input_size``, ``layer_size``, ``forward(X)``
        and ``backward(dLdA, learning_rate)``: nnfs's Layer and NeuronLayer, or
        your own class.
        """
        if not isinstance(layers, (list, tuple)):
            raise TypeError(f"add_layers expects a list of layers, got {type(layers).__name__}")
        chain = list(self.layers)
        for layer in layers:
            for attr in ("input_size", "layer_size", "forward", "backward"):
                if not hasattr(layer, attr):
                    raise TypeError(f"expected a layer such as Layer(...) or NeuronLayer(...), "
                                    f"got a {type(layer).__name__} object without {attr}")
            if chain and chain[-1].layer_size != layer.input_size:
                raise ValueError(
                    f"layer sizes do not chain: layer {len(chain)} ({_describe(layer)}) expects "
                    f"{layer.input_size} inputs but the layer before it gives "
                    f"{chain[-1].layer_size} outputs")
            chain.append(layer)
        self.layers = chain
        return self

    def add_loss(self, loss):
        """Set the loss, an object with forward(pred, y) and backward(pred, y), e.g. MSE()."""
        if isinstance(loss, type):
            raise TypeError(f"loss must be an instance such as {loss.__name__}(), "
                            f"got the class {loss.__name__}")
        for attr in ("forward", "backward"):
            if not hasattr(loss, attr):
                raise TypeError(f"expected a loss such as MSE(), got a {type(loss).__name__} "
                                f"object without {attr}")
        self.loss = loss
        return self

    @property
    def input_size(self):
        """Inputs of the first layer (the window size)."""
        self._check_layers()
        return self.layers[0].input_size

    @property
    def output_size(self):
        """Outputs of the last layer (the forecast size)."""
        self._check_layers()
        return self.layers[-1].layer_size

    def _check_layers(self):
        if not self.layers:
            raise ValueError("the network has no layers; call add_layers([...]) first")

    def _check_ready(self):
        self._check_layers()
        if self.loss is None:
            raise ValueError("the network has no loss; call add_loss(MSE()) first")

    @property
    def batched(self):
        """True if every layer takes several columns at once (Layer), False with NeuronLayers."""
        return all(getattr(layer, "batched", False) for layer in self.layers)

    # one pass -----------------------------------------------------------

    def forward(self, X):
        """X: (input_size, batch) -> A: (output_size, batch); batch must be 1 with NeuronLayers."""
        self._check_layers()
        X = check_array(X, "X", shape=(self.input_size, None))
        if not self.batched and X.shape[1] != 1:
            raise ValueError(f"this network has a layer that takes one column at a time "
                             f"(such as NeuronLayer), got X of shape {X.shape}")
        self._last_output = self._forward(X)
        return self._last_output

    def _steps(self):
        """Each layer's unchecked forward and backward (the public ones for a layer of your own)."""
        return ([getattr(layer, "_forward", layer.forward) for layer in self.layers],
                [getattr(layer, "_backward", layer.backward) for layer in self.layers])

    def _forward(self, A):
        for layer in self.layers:
            A = getattr(layer, "_forward", layer.forward)(A)
        return A

    def backward(self, dLdA, learning_rate):
        """dLdA: (output_size, batch) -> dL/dX: (input_size, batch); updates every layer."""
        self._check_layers()
        last = self._last_output
        if last is None:
            raise ValueError("backward() needs a forward() call first")
        dLdA = check_array(dLdA, "dLdA", shape=last.shape)
        learning_rate = check_positive_number(learning_rate, "learning_rate")
        return self._backward(dLdA, learning_rate)

    def _backward(self, dLdA, learning_rate):
        for layer in reversed(self.layers):
            dLdA = getattr(layer, "_backward", layer.backward)(dLdA, learning_rate)
        return dLdA

    def predict(self, x):
        """x: (N, input_size), one sample per row -> (N, output_size)."""
        self._check_layers()
        x = check_array(x, "x", shape=(None, self.input_size))
        return self._predict(x)

    def _predict(self, x):
        if self.batched:
            return self._forward(x.T).T
        return np.hstack([self._forward(x[i:i + 1].T) for i in range(len(x))]).T

    def evaluate(self, x, y):
        """Mean loss over the samples x: (N, input_size), y: (N, output_size)."""
        self._check_ready()
        x, y = self._check_xy(x, y, "x", "y")
        return self.loss.forward(self._predict(x).T, y.T)

    # training -----------------------------------------------------------

    def _check_xy(self, x, y, xname, yname):
        x = check_array(x, xname, shape=(None, self.input_size))
        y = check_array(y, yname, shape=(None, self.output_size))
        if len(x) != len(y):
            raise ValueError(f"{xname} and {yname} must hold the same number of samples, got "
                             f"{xname} {x.shape} and {yname} {y.shape}")
        if len(x) == 0:
            raise ValueError(f"{xname} holds no samples (shape {x.shape})")
        return x, y

    def train(self, x, y, learning_rate, epochs, *, batch_size=1, shuffle=False, seed=None,
              optimizer=None, validation=None, log=0):
        """Train on x: (N, input_size), y: (N, output_size); return a ``History``.

        Each epoch visits every sample once, ``batch_size`` columns at a time
        (``batch_size=None``: all N at once, plain gradient descent on the mean
        loss), in order, or with ``shuffle=True`` in the order
        ``rng.permutation(N)`` drawn anew each epoch from
        ``rng = np.random.default_rng(seed)`` (seed: None, an int or a Generator).
        ``optimizer``: None or "sgd" (the article's rule), "momentum", "adam",
        or an optimizer object (its state carries over between calls).
        ``validation``: (x_val, y_val), evaluated after every epoch.
        ``log``: how many progress lines to print, evenly spread from epoch 0
        (0: none; never more than ``epochs``): ``log=5`` over 10 000 epochs
        prints epochs 0, 2000, ..., 8000, as the article does.

        Every argument is checked before anything changes. If the loss becomes
        NaN or inf, the weights go back to the end of the last finite epoch and
        ``DivergenceError`` is raised.
        """
        self._check_ready()
        x, y = self._check_xy(x, y, "x", "y")
        n = len(x)
        learning_rate = check_positive_number(learning_rate, "learning_rate")
        epochs = check_size(epochs, "epochs")
        batch_size = n if batch_size is None else check_size(batch_size, "batch_size")
        if batch_size > n:
            raise ValueError(f"batch_size must be at most the number of samples {n}, "
                             f"got {batch_size}")
        if not isinstance(shuffle, bool):
            raise TypeError(f"shuffle must be True or False, got {shuffle!r}")
        rng = make_rng(seed, "seed")
        optimizer = get_optimizer(optimizer)
        if isinstance(log, bool) or not isinstance(log, numbers.Integral) or log < 0:
            raise ValueError(f"log must be an integer >= 0 (number of progress lines), "
                             f"got {log!r}")
        if validation is not None:
            if not isinstance(validation, (tuple, list)) or len(validation) != 2:
                got = type(validation).__name__
                if isinstance(validation, (tuple, list)):
                    got += f" of length {len(validation)}"
                raise TypeError(f"validation must be a pair (x_val, y_val), got a {got}")
            x_val, y_val = self._check_xy(*validation, "x_val", "y_val")
        if not self.batched:
            if batch_size != 1:
                raise ValueError(f"this network has a layer that takes one column at a time "
                                 f"(such as NeuronLayer); batch_size must be 1, got {batch_size}")
        if type(optimizer) is not SGD:
            for layer in self.layers:
                if not hasattr(layer, "_gradients"):
                    raise TypeError(f"optimizer {optimizer!r} needs matrix layers (Layer); "
                                    f"{_describe(layer)} updates itself with plain SGD only")
        return self._train(x, y, learning_rate, epochs, batch_size, shuffle, rng, optimizer,
                           None if validation is None else (x_val, y_val), int(log))

    def _train(self, x, y, learning_rate, epochs, batch_size, shuffle, rng, optimizer,
               validation, log):
        n = len(x)
        X_all, Y_all = np.ascontiguousarray(x.T), np.ascontiguousarray(y.T)
        log_at = set(range(epochs)) if log >= epochs else {i * epochs // log for i in range(log)}
        plain_sgd = type(optimizer) is SGD
        forwards, backwards = self._steps()
        backwards.reverse()
        # Checked losses such as MSE have unchecked twins; a loss of your own is called as is.
        loss_forward = getattr(self.loss, "_forward", self.loss.forward)
        loss_backward = getattr(self.loss, "_backward", self.loss.backward)
        indexed = list(enumerate(self.layers))[::-1]
        train_hist, val_hist = [], []
        snapshot = self._snapshot()
        with np.errstate(over="ignore", invalid="ignore"):
            for epoch in range(epochs):
                if shuffle:
                    order = rng.permutation(n)
                    X, Y = X_all[:, order], Y_all[:, order]
                else:
                    X, Y = X_all, Y_all
                total = 0.0
                for start in range(0, n, batch_size):
                    Xb = X[:, start:start + batch_size]
                    Yb = Y[:, start:start + batch_size]
                    A = Xb
                    for forward in forwards:
                        A = forward(A)
                    total += loss_forward(A, Yb) * Xb.shape[1]
                    dLdA = loss_backward(A, Yb)
                    if plain_sgd:
                        for backward in backwards:
                            dLdA = backward(dLdA, learning_rate)
                    else:
                        for i, layer in indexed:
                            dLdA, dLdW, dLdB = layer._gradients(dLdA)
                            optimizer.step((i, "W"), layer.W, dLdW, learning_rate)
                            optimizer.step((i, "B"), layer.B, dLdB, learning_rate)
                mean = total / n
                if not math.isfinite(mean):
                    self._restore(snapshot)
                    kept = "its initial weights" if epoch == 0 else \
                        f"the weights from the end of epoch {epoch - 1}"
                    raise DivergenceError(
                        f"training diverged at epoch {epoch}: the mean loss is {mean}; the "
                        f"network keeps {kept}. Try a smaller learning_rate "
                        f"(got {learning_rate}).",
                        epoch, mean, History(train_hist, val_hist if validation else None))
                train_hist.append(mean)
                if validation is not None:
                    pred = self._predict(validation[0])
                    val_hist.append(loss_forward(pred.T, validation[1].T))
                if epoch in log_at:
                    line = f"epoch = {epoch}, average error = {mean:.6g}"
                    if validation is not None:
                        line += f", validation error = {val_hist[-1]:.6g}"
                    print(line)
                snapshot = self._snapshot(snapshot)
        return History(train_hist, val_hist if validation is not None else None)

    def _params(self):
        """Every trainable array, in a fixed order (what a divergence rolls back).

        A layer of your own is included if it keeps its weights in arrays W and B.
        """
        out = []
        for layer in self.layers:
            if hasattr(layer, "params"):                       # Layer
                out += list(layer.params().values())
            elif hasattr(layer, "neurons"):                    # NeuronLayer
                for neuron in layer.neurons:
                    out += [neuron.w, neuron.b]
            else:
                out += [p for p in (getattr(layer, "W", None), getattr(layer, "B", None))
                        if isinstance(p, np.ndarray)]
        return out

    def _snapshot(self, into=None):
        if into is None:
            return [p.copy() for p in self._params()]
        for saved, p in zip(into, self._params(), strict=True):
            np.copyto(saved, p)
        return into

    def _restore(self, snapshot):
        for saved, p in zip(snapshot, self._params(), strict=True):
            np.copyto(p, saved)

    def __repr__(self):
        inner = ", ".join(repr(layer) for layer in self.layers)
        return f"Network([{inner}], {self.loss!r})"
