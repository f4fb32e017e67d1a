"""Checks for notebook 03 (a layer of neurons): the layer's backward, and a ReLU by hand.

The learner's classes (the notebook gives their constructors and forwards):

* ``MyNeuron(input_size, rng=...)`` with ``w`` (1, n), ``b`` (1, 1),
  ``forward(x)``: x (n, 1) -> z (1, 1), and ``backward(error, learning_rate)``:
  error = dL/dz of shape (1,) -> dL/dx (n, 1), sent back with the weights
  from before the update; it also updates w -= lr dL/dw, b -= lr dL/db,
  each gradient clipped to [-clip, clip] (``MyNeuron(n, rng=..., clip=...)``,
  1.0 by default).
* ``MyNeuronLayer(input_size, layer_size, activation, rng=...)`` with a list
  ``neurons``, ``forward(x)``: (n, 1) -> A (m, 1), and
  ``backward(dLdA, learning_rate)``: (m, 1) -> dL/dx (n, 1), the sum of what
  its neurons send back.

The check builds fresh objects from the classes, sets their weights, and
compares what comes back with central differences of the whole layer.

``answer_2``: dL/dZ (4, 1) through a ReLU, worked out by hand for the Z and
dL/dA that ``relu_by_hand_inputs()`` hands out (so that the notebook shows the
numbers, never the result); graded by ``check_relu_backward_by_hand``.
"""

import numpy as np

from .. import Sigmoid, Tanh
from ._answers import kind_of
from ._core import NotYet, answer, check, need_class
from ._grade_neuron_layer import grade_layer, grade_neuron


@check("MyNeuron", "MyNeuronLayer")
def check_neuron_layer_backward(MyNeuron, MyNeuronLayer):
    """Grade ``MyNeuron.backward`` and ``MyNeuronLayer.backward`` on several sizes."""
    need_class(MyNeuron, "MyNeuron")
    need_class(MyNeuronLayer, "MyNeuronLayer")
    rng = np.random.default_rng(104)
    for n, clip in ((3, None), (1, None), (5, None), (4, 1.0), (3, 0.5)):
        grade_neuron(MyNeuron, n, rng, clip)
    for n_in, n_out, activation in ((3, 2, Tanh()), (4, 3, Sigmoid()), (2, 4, Tanh())):
        grade_layer(MyNeuronLayer, n_in, n_out, activation, rng)
    return ("MyNeuron sends back w^T times the error from the weights before its update and "
            "clips the gradients of its update, and MyNeuronLayer's dL/dx agrees with central "
            "differences for 3 layer sizes.")


# exercise 2: a value worked out by hand -------------------------------------------

_RELU_Z = ((0.3,), (-1.2,), (0.0,), (2.0,))
_RELU_DLDA = ((0.5,), (0.4,), (-0.7,), (0.1,))


def relu_by_hand_inputs():
    """Z and dL/dA, both (4, 1), of notebook 03's question (new arrays on every call)."""
    return np.array(_RELU_Z), np.array(_RELU_DLDA)


@answer("answer_2")
def check_relu_backward_by_hand(answer_2):
    """Grade dL/dZ (4, 1) through a ReLU, for relu_by_hand_inputs()."""
    Z, dLdA = relu_by_hand_inputs()
    if answer_2 is None or isinstance(answer_2, str):
        raise NotYet(f"set answer_2 to an array of shape (4, 1), dL/dZ; got {kind_of(answer_2)}.")
    try:
        got = np.asarray(answer_2, dtype=np.float64)
    except (TypeError, ValueError):
        raise NotYet(f"answer_2 should be an array of numbers of shape (4, 1); got "
                     f"{kind_of(answer_2)}.") from None
    if got.shape != (4, 1):
        hint = ": keep it a column, like Z." if got.size == 4 else "."
        raise NotYet(f"dL/dZ has the shape of Z, (4, 1); got shape {got.shape}{hint}")
    if not np.all(np.isfinite(got)):
        raise NotYet("answer_2 holds NaN or inf.")
    right = dLdA * (Z > 0)
    for wrong, hint in (
            (dLdA * (Z >= 0), "takes ReLU's derivative at z = 0 as 1; it is 0 there"),
            (dLdA, "passes dL/dA through unchanged: multiply it by ReLU's derivative"),
            (Z > 0, "is ReLU's derivative alone: multiply dL/dA by it, entry by entry"),
            (np.maximum(Z, 0), "is ReLU(Z), the forward pass: backward multiplies dL/dA by "
             "the derivative"),
            (dLdA * np.maximum(Z, 0), "multiplies dL/dA by ReLU(Z); the derivative is 1 or 0"),
            (dLdA * Z, "multiplies dL/dA by Z itself; ReLU's derivative is 1 or 0"),
            (-right, "has the sign flipped")):
        if np.allclose(got, wrong, rtol=1e-9, atol=1e-12):
            raise NotYet(f"answer_2 {hint}.")
    rows = [str(i + 1) for i in range(4) if not np.isclose(got[i, 0], right[i, 0], 1e-9, 1e-12)]
    if rows:
        which = f"row {rows[0]} is" if len(rows) == 1 else f"rows {', '.join(rows)} are"
        raise NotYet(f"{which} not right yet: each entry is dL/dA times 1 where z > 0 and "
                     f"times 0 elsewhere.")
    return "dL/dZ is dL/dA where z > 0 and 0 elsewhere, at z = 0 too."
