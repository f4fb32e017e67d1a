"""Checks for notebook 05 (one matrix per layer): ``MyLayer``'s backward, and two by hand.

The learner's class (the notebook gives the constructor and forward):
``MyLayer(input_size, layer_size, activation, *, rng, scale=None)`` with
``W`` (layer_size, input_size), ``B`` (layer_size, 1),
``forward(X)``: X (input_size, batch) -> A (layer_size, batch), keeping X and Z;
``grads(dLdA)``: (layer_size, batch) -> (dLdA_prev, {"W": dLdW, "B": dLdB}) of shapes
(input_size, batch), (layer_size, input_size), (layer_size, 1), changing nothing
(the layer protocol of ``nnfs.Layer``);
``backward(dLdA, learning_rate)`` -> dLdA_prev, computed with W from before
the update W -= lr dLdW, B -= lr dLdB.

Graded with ``nnfs.gradcheck.check_layer`` on layers of several sizes,
activations and batch sizes (a batch of several columns too: then dL/dB is a
sum over the columns, erratum 14), then the update.

Worked out by hand, graded as values (each message says what is off, a
transpose, a sign, a swapped row, without the value asked for):

* ``dLdW_by_hand``: dL/dW of a layer of 2 neurons and 3 inputs, for
  dL/dZ = (2, -1) and X = (1, 0.5, -3) (columns); ``check_dLdW_by_hand``.
* ``dLdA_prev_shape``: the shape (rows, columns) of the error a layer with W of
  shape (4, 7) sends back for one sample; ``check_dLdA_prev_shape``.
"""

import numbers

import numpy as np

from .. import ReLU, Sigmoid, Tanh
from ._core import NotYet, a_name, check, need_callable, need_class
from ._grade_layer_lines import grade_dLdZ, grade_forward
from ._grade_matrix_layer import grade_backward, grade_gradients
from ._values import numbers_of

PROBES = ((3, 2, 1, Tanh()), (4, 3, 5, Sigmoid()), (2, 4, 3, ReLU()), (3, 3, 3, Tanh()),
          (5, 1, 2, Tanh()))


@check("MyLayer")
def check_layer_backward(MyLayer):
    """Grade ``MyLayer.grads`` and ``MyLayer.backward`` on 5 layers and batches."""
    need_class(MyLayer, "MyLayer")
    rng = np.random.default_rng(105)
    for n_in, n_out, batch, activation in PROBES:
        state = grade_gradients(MyLayer, n_in, n_out, batch, activation, rng)
        grade_backward(MyLayer, n_in, n_out, batch, activation, *state)
    return ("MyLayer's dLdW, dLdB and dLdA_prev agree with nnfs.gradcheck.check_layer on 5 "
            "layers with batches of 1 to 5, and backward updates W and B and sends back "
            "dLdA_prev from the weights before the update.")


# exercises 2 and 3: values worked out by hand -------------------------------------

_dLdZ = np.array([[2.0], [-1.0]])
_X = np.array([[1.0], [0.5], [-3.0]])


@check("dLdW_by_hand", strings_are_names=False)
def check_dLdW_by_hand(dLdW_by_hand):
    """Grade dL/dW (2, 3) for dL/dZ = (2, -1)^T and X = (1, 0.5, -3)^T."""
    got = numbers_of(dLdW_by_hand, "dLdW_by_hand", "a nested list of 2 rows of 3 numbers")
    want = _dLdZ @ _X.T
    if got.shape == (3, 2):
        raise NotYet("that is the transpose: dL/dW has the shape of W, one row per neuron (2) "
                     "and one column per input (3).")
    if got.shape != (2, 3):
        raise NotYet(f"dL/dW has the shape of W, 2 rows (neurons) of 3 columns (inputs); "
                     f"this has shape {got.shape}.")
    if not np.all(np.isfinite(got)):
        raise NotYet("it holds NaN or inf.")
    if np.allclose(got, want, rtol=1e-9, atol=1e-12):
        return "dL/dW = dL/dZ X^T: row i is dL/dz_i times the input row."
    for wrong, hint in ((-want, "the sign is flipped everywhere: dL/dW_ij = dL/dz_i · x_j, "
                         "with the signs as they are"),
                        (want[::-1], "the rows are swapped: row i belongs to neuron i, so it "
                         "is scaled by dL/dz_i"),
                        (np.repeat(_X.T, 2, axis=0), "each row is the input row X^T alone: "
                         "scale row i by that neuron's dL/dz_i"),
                        (np.repeat(_dLdZ, 3, axis=1), "each row is dL/dz_i alone: multiply "
                         "it by x_j, entry by entry along the row")):
        if np.allclose(got, wrong, rtol=1e-9, atol=1e-12):
            raise NotYet(f"{hint}.")
    off = [f"({i + 1}, {j + 1})" for i, j in zip(*np.nonzero(~np.isclose(got, want,
                                                                        rtol=1e-9,
                                                                        atol=1e-12)),
                                                 strict=True)]
    are = "is" if len(off) == 1 else "are"
    raise NotYet(f"{len(off)} of the 6 entries {are} off, at (row, column) {', '.join(off)}: "
                 f"entry (i, j) is dL/dz_i times x_j.")


@check("dLdA_prev_shape", strings_are_names=False)
def check_dLdA_prev_shape(dLdA_prev_shape):
    """Grade the shape of dL/dA_prev for one sample through W of shape (4, 7)."""
    value = dLdA_prev_shape
    if value is None:
        raise NotYet("`dLdA_prev_shape` is still None: set it to a tuple (rows, columns).")
    if isinstance(value, np.ndarray):
        value = value.tolist() if value.ndim == 1 else value
    if not isinstance(value, (tuple, list)):
        raise NotYet(f"give a tuple (rows, columns), got {a_name(value)}.")
    if len(value) != 2:
        raise NotYet(f"a shape here has two entries, (rows, columns); this has {len(value)}.")
    if not all(isinstance(n, numbers.Integral) and not isinstance(n, bool) for n in value):
        kinds = " and ".join(a_name(n) for n in value)
        raise NotYet(f"rows and columns are whole numbers (int), got {kinds}.")
    rows, cols = (int(n) for n in value)
    if (rows, cols) == (7, 1):
        return "W^T dL/dZ is (7, 4) @ (4, 1): one number per input, the shape of X."
    hints = {
        (4, 1): "that is the shape of dL/dZ, one number per neuron; dL/dA_prev has one "
                "number per input of this layer.",
        (1, 7): "that lays the error out as a row. Work the shape out from the product "
                "dL/dA_prev = W^T dL/dZ, with dL/dZ for one sample as this layer has it.",
        (7, 4): "that is the shape of W^T; dL/dA_prev is W^T times dL/dZ, one column for "
                "the one sample.",
        (4, 7): "that is the shape of W; dL/dA_prev is W^T times dL/dZ, one column for the "
                "one sample.",
        (1, 4): "the number of neurons counts the rows of W, not its inputs, and a sample "
                "is a column.",
    }
    raise NotYet(hints.get((rows, cols), "dL/dA_prev = W^T dL/dZ: one number per input of "
                                         "the layer, in a column. How many inputs does a W "
                                         "of shape (4, 7) take?"))


# exercises: the layer's forward pass and dL/dZ, as functions MyLayer then uses ---------
# layer_forward(W, B, X, activation) -> (Z, A), both (layer_size, batch);
# layer_dLdZ(dLdA, Z, activation) -> dLdZ (layer_size, batch). Graded in _grade_layer_lines.

@check("layer_forward")
def check_layer_forward(layer_forward):
    """Grade ``layer_forward(W, B, X, activation)`` -> (Z, A) on 5 layers and batches."""
    return grade_forward(need_callable(layer_forward, "layer_forward"))


@check("layer_dLdZ")
def check_layer_dLdZ(layer_dLdZ):
    """Grade ``layer_dLdZ(dLdA, Z, activation)`` -> dLdZ on 5 layers and batches."""
    return grade_dLdZ(need_callable(layer_dLdZ, "layer_dLdZ"))
