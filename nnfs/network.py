"""A network: layers in a row, a loss at the end, and a training loop.

Inside the network samples are columns, as in the layers. ``train`` and
``predict`` take the data set's layout instead: x of shape (N, inputs) and
y of shape (N, outputs), one sample per row, as the article stores them.
All input is checked once, at the start of ``train``; the loop over samples
then runs without checks. Every update goes through ``optimizer.step``.
"""

import numpy as np

from ._checks import check_array, check_positive_number, describe
from ._twins import unchecked
from .backprop import backward_step, check_chain, make_plan
from .history import History
from .optimizers import _SGD, Optimizer, get_optimizer
from .training import Batches, Snapshot, check_pair, check_run, diverged, log_line


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

    def add_layers(self, layers):
        """Append ``layers`` (a list) after the ones already there; return the network.

        The layer protocol, what a layer needs to go into a Network (nnfs's
        Layer and NeuronLayer have it, and so can a class of your own):

        * ``input_size``, ``layer_size``: ints; each layer's input_size is the
          layer_size of the layer before it;
        * ``forward(X)``: X (input_size, batch) -> A (layer_size, batch), for
          any batch >= 1, keeping what ``grads`` needs;
        * ``params()``: {name: array}, the trainable arrays themselves (float,
          one dtype in the whole network); the optimizer changes them in place;
        * ``grads(dLdA)``: dLdA (layer_size, batch) -> (dL/dA_prev, {name: grad}),
          the true gradients at the last forward under the names of ``params()``,
          changing nothing;
        * optionally ``clip``: None or c > 0, to clip each gradient element to
          [-c, c] before the optimizer's step (NeuronLayer's default: 1).

        ``add_layers`` checks all of it (``train``, ``forward`` and ``predict``
        check it again, for layers appended to ``net.layers`` directly).
        """
        if not isinstance(layers, (list, tuple)):
            raise TypeError(f"add_layers expects a list of layers, got {type(layers).__name__}")
        chain = list(self.layers) + list(layers)
        check_chain(chain)
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
        """Check the layers (again: net.layers may have changed); return their dtype."""
        if not self.layers:
            raise ValueError("the network has no layers; call add_layers([...]) first")
        return check_chain(self.layers)

    def _check_ready(self):
        dtype = self._check_layers()
        if self.loss is None:
            raise ValueError("the network has no loss; call add_loss(MSE()) first")
        return dtype

    def forward(self, X):
        """X: (input_size, batch) -> A: (output_size, batch), in the weights' dtype."""
        dtype = self._check_layers()
        X = check_array(X, "X", shape=(self.layers[0].input_size, None), dtype=dtype)
        self._last_output = self._forward(X)
        return self._last_output

    def _forward(self, A):
        for layer in self.layers:
            A = unchecked(layer, "forward")(A)
        return A

    def backward(self, dLdA, learning_rate):
        """dLdA: (output_size, batch) -> dL/dX: (input_size, batch), after one plain SGD step.

        Each layer's error is computed with its weights from before the update.
        """
        dtype = self._check_layers()
        if self._last_output is None:
            raise ValueError("backward() needs a forward() call first")
        dLdA = check_array(dLdA, "dLdA", shape=self._last_output.shape, dtype=dtype)
        learning_rate = check_positive_number(learning_rate, "learning_rate")
        steps, _ = make_plan(self.layers, input_gradient=True)
        return backward_step(dLdA, steps, _SGD._step, learning_rate)

    def predict(self, x):
        """x: (N, input_size), one sample per row, N >= 1 -> (N, output_size)."""
        x = self._check_x(x, "x", self._check_layers())
        return self._forward(x.T).T

    def evaluate(self, x, y):
        """Mean loss over the samples x: (N, input_size), y: (N, output_size)."""
        x, y = self._check_xy(x, y, "x", "y", self._check_ready())
        return self.loss.forward(self._forward(x.T), y.T)

    def _check_x(self, x, name, dtype):
        x = check_array(x, name, shape=(None, self.layers[0].input_size), dtype=dtype)
        if len(x) == 0:
            raise ValueError(f"{name} holds no samples (shape {x.shape})")
        return x

    def _check_xy(self, x, y, xname, yname, dtype):
        x = self._check_x(x, xname, dtype)
        y = check_array(y, yname, shape=(None, self.layers[-1].layer_size), dtype=dtype)
        if len(x) != len(y):
            raise ValueError(f"{xname} and {yname} must hold the same number of samples, got "
                             f"{xname} {x.shape} and {yname} {y.shape}")
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
        or an optimizer object (its state carries over between calls); every
        update of every array is ``optimizer.step((layer index, name), ...)``.
        ``validation``: (x_val, y_val), evaluated after every epoch.
        ``log``: how many progress lines to print, evenly spread from epoch 0
        (0: none; never more than ``epochs``): ``log=5`` over 10 000 epochs
        prints epochs 0, 2000, ..., 8000, as the article does.

        Every argument is checked before anything changes. If the loss or the
        weights stop being finite, the weights and the optimizer's state go
        back to the end of the last finite epoch and ``DivergenceError`` is raised.
        """
        dtype = self._check_ready()
        x, y = self._check_xy(x, y, "x", "y", dtype)
        run = check_run(len(x), learning_rate, epochs, batch_size, shuffle, seed, log)
        optimizer = get_optimizer(optimizer)
        if validation is not None:
            x_val, y_val = self._check_xy(*check_pair(validation), "x_val", "y_val", dtype)
            validation = x_val.T, y_val.T
        plan, params = make_plan(self.layers, output_at_Z=self._fused())
        for key, p in params.items():
            if not np.isfinite(p).all():
                raise ValueError(f"the network's weights are not finite: layer {key[0]} "
                                 f"{key[1]!r} holds NaN or inf values; set finite weights "
                                 f"(or build a new network) before training")
        if isinstance(optimizer, Optimizer):
            optimizer._check_params(params)
        return self._train(x, y, validation, run, optimizer, plan, list(params.values()))

    def _train(self, x, y, validation, run, optimizer, plan, params):
        forwards = [unchecked(layer, "forward") for layer in self.layers]
        loss, output_gradient = unchecked(self.loss, "forward"), self._output_gradient()
        step, lr = unchecked(optimizer, "step"), run.learning_rate
        batches, snapshot = Batches(x, y, run), Snapshot(params, optimizer)
        losses, val_losses = [], None if validation is None else []
        with np.errstate(over="ignore", invalid="ignore"):
            for epoch in range(run.epochs):
                total = 0.0
                for A, Y in batches:
                    batch = A.shape[1]
                    for forward in forwards:
                        A = forward(A)
                    total += loss(A, Y) * batch
                    backward_step(output_gradient(A, Y), plan, step, lr)
                mean = total / len(x)
                if not snapshot.keep(mean):
                    raise diverged(epoch, mean, lr, History(losses, val_losses))
                losses.append(mean)
                if validation is not None:
                    val_losses.append(loss(self._forward(validation[0]), validation[1]))
                if epoch in run.log_at:
                    print(log_line(epoch, mean, val_losses))
        return History(losses, val_losses)

    def _output_gradient(self):
        """(A, Y) -> where the last layer starts: the loss's dL/dA, or dL/dZ itself for a loss
        fused with the last activation (CrossEntropy after Softmax: (S - Y) / N, exact even
        where a probability underflows)."""
        if self._fused():
            return self.loss._logit_gradient
        return unchecked(self.loss, "backward")

    def _fused(self):
        """True if the loss names the last layer's activation as its ``fused_activation``."""
        kind = getattr(self.loss, "fused_activation", None)
        activation = getattr(self.layers[-1], "activation", None)
        if kind is None or activation is None:
            return False
        if not isinstance(activation, kind):
            raise ValueError(f"{describe(self.loss)} needs the last layer's activation to be "
                             f"{kind.__name__}(), got {describe(activation)}")
        return hasattr(self.layers[-1], "_grads_from_dLdZ")

    def __repr__(self):
        inner = ", ".join(repr(layer) for layer in self.layers)
        return f"Network([{inner}], {self.loss!r})"
