"""Checks for notebook 06 (the network): its forward and backward loops, and a training loop.

``check_network_forward`` and ``check_network_backward`` grade the learner's
``MyNetwork`` (its ``forward`` and ``backward`` loops over the layers; see below).

The learner writes ``train_loop(net, x, y, learning_rate, epochs)`` -> a list
of ``epochs`` mean losses, x of shape (N, inputs) and y (N, outputs), one sample
per row. ``net`` offers only ``net.forward(X)`` (X: (inputs, 1) -> (outputs, 1)),
``net.backward(dLdA, learning_rate)`` and ``net.loss`` (an ``MSE``), so the
loop has to be written: per epoch, per sample in order, forward, add the loss,
loss backward, network backward; the epoch's loss is the total over N.

The check runs it next to ``nnfs.Network.train`` on an identical network
(same weights) and compares the samples visited, the losses and the weights.
"""

from ._core import check, need_callable, need_class
from ._grade_network import grade_forward
from ._grade_network_backward import grade_backward
from ._grade_train_loop import grade_train_loop


@check("train_loop")
def check_train_loop(train_loop):
    """Grade ``train_loop(net, x, y, learning_rate, epochs)`` against ``Network.train``."""
    need_callable(train_loop, "train_loop")
    return grade_train_loop(train_loop)


# exercise 06.1: the network's forward and backward loops (graded in _grade_network) ------

@check("MyNetwork")
def check_network_forward(MyNetwork):
    """Grade ``MyNetwork.forward`` against the layers applied in order, on 3 networks."""
    need_class(MyNetwork, "MyNetwork")
    return grade_forward(MyNetwork)


@check("MyNetwork")
def check_network_backward(MyNetwork):
    """Grade ``MyNetwork.backward`` (returned dL/dX, every W and B) against nnfs.Network."""
    need_class(MyNetwork, "MyNetwork")
    return grade_backward(MyNetwork)
