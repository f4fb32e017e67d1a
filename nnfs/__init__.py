"""nnfs: the finished code of the course "Neural Networks from Scratch, part 4: Layers".

Samples are columns: a layer maps X of shape (input_size, batch) to
A of shape (layer_size, batch), with W of shape (layer_size, input_size).
"""

from . import _tracebacks, data, gradcheck, optimizers
from .activations import Identity, ReLU, Sigmoid, Softmax, Tanh
from .history import DivergenceError, History
from .layer import Layer
from .losses import MSE, CrossEntropy
from .network import Network
from .neuron import Neuron
from .neuron_layer import NeuronLayer
from .optimizers import SGD, Adam, Momentum

_tracebacks.install()      # in IPython/Jupyter: a refused call is shown from the learner's call

__version__ = "0.2.0"

# The notebooks' first cell imports this marker: only the course's nnfs has it, at this
# API level (PyPI's "nnfs" is an unrelated package with the same import name). A change
# that breaks the notebooks of this level renames it (course_api_3, ...), so that an
# older copy fails in that first cell with a sentence that says how to fix it.
course_api_2 = True

__all__ = [
    "Neuron", "NeuronLayer", "Layer", "Network", "History", "DivergenceError",
    "ReLU", "Identity", "Softmax", "Sigmoid", "Tanh", "MSE", "CrossEntropy",
    "SGD", "Momentum", "Adam", "data", "gradcheck", "optimizers",
]
