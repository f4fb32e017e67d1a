"""Check for notebook 07 (batches and optimizers): the bias gradient of a batch.

The learner writes ``bias_gradient(dLdZ)``: (n, batch) -> dL/dB (n, 1). A
batch's columns each add their own gradient to the biases, so dL/dB is the
sum over the columns (erratum 14: the article's dLdB = dLdZ works for one
column only).
"""

import numpy as np

from ._answers import rel, rel_text, returned_array, same
from ._core import NotYet, call, check, need_callable


@check("bias_gradient")
def check_bias_gradient(bias_gradient):
    """Grade ``bias_gradient(dLdZ)`` -> (n, 1) on batches of 4, 1, 3, 6 and 4 columns."""
    need_callable(bias_gradient, "bias_gradient")
    rng = np.random.default_rng(107)
    for n, batch in ((3, 4), (2, 1), (5, 3), (1, 6), (4, 4)):
        dLdZ = rng.normal(size=(n, batch))
        what = f"bias_gradient(dLdZ) with dLdZ of shape {dLdZ.shape}"
        got = call(what, bias_gradient, dLdZ.copy())
        shape = getattr(got, "shape", None)
        hints = {(n, batch): " That is the shape of dL/dZ: B has one number per neuron, so "
                             "the batch's columns are combined (erratum 14).",
                 (n,): " Keep it a column: keepdims=True.",
                 (1, batch): " That combines the neurons (axis 0), one number per sample.",
                 (batch,): " That combines the neurons (axis 0), one number per sample.",
                 (): " That is one number for the whole batch; B has one per neuron."}
        hint = hints.get(shape, "") if batch > 1 else ""
        got = returned_array(got, f"{what} returned", (n, 1), hint)
        want = dLdZ.sum(axis=1, keepdims=True)
        if same(got, want, 1e-9):
            continue
        for wrong, hint in ((want / batch, "is the mean over the columns: the batch's 1/batch "
                             "is already inside dL/dZ, so dL/dB is their sum (erratum 14)"),
                            (dLdZ[:, :1], "is the first column only"),
                            (dLdZ[:, -1:], "is the last column only"),
                            (dLdZ.sum(axis=0).reshape(-1, 1), "sums over the neurons (axis 0), "
                             "not over the samples (axis 1)"),
                            (-want, "has the sign flipped")):
            if same(got, wrong, 1e-9):
                raise NotYet(f"{what} {hint}.")
        raise NotYet(f"{what} is not the gradient of the biases ({rel_text(rel(got, want))}).")
    return "bias_gradient gives dL/dB of shape (n, 1) for 5 batches, of 1 to 6 columns."
