"""Check for notebook 04 (the first test): Softmax's backward through its Jacobian.

The learner writes ``softmax_backward(z, dLdA)``: z and dLdA (n, 1) -> dL/dz
(n, 1). Each output s_i depends on every z_j, so dL/dz = J^T dL/dA with
J[i, j] = s_i (δ_ij - s_j); the article's element-wise ``backward(z)`` keeps only
the diagonal s_i (1 - s_i) (erratum 8).
"""

import numpy as np

from ._answers import rel, rel_text, returned_array, same
from ._core import NotYet, call, check, need_callable


def _softmax(z):
    e = np.exp(z - z.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)


@check("softmax_backward")
def check_softmax_backward(softmax_backward):
    """Grade ``softmax_backward(z, dLdA)`` -> (n, 1) on columns of 2 to 6 logits."""
    need_callable(softmax_backward, "softmax_backward")
    rng = np.random.default_rng(104)
    for n, spread in ((3, 1.0), (2, 0.5), (5, 2.0), (4, 3.0), (6, 1.0)):
        z = rng.normal(size=(n, 1)) * spread
        dLdA = rng.normal(size=(n, 1))
        what = f"softmax_backward(z, dLdA) with {n} logits"
        got = call(what, softmax_backward, z.copy(), dLdA.copy())
        hint = " One number per logit: a column like z." if getattr(got, "shape", None) in (
            (n,), (1, n), (n, n)) else ""
        got = returned_array(got, f"{what} returned", (n, 1), hint)
        s = _softmax(z)
        jacobian = np.diagflat(s) - s @ s.T
        want = jacobian.T @ dLdA
        if same(got, want, 1e-8):
            continue
        diagonal = dLdA * s * (1 - s)
        for wrong, hint in (
                (diagonal, "multiplies by s (1 - s) element by element: that is only the "
                 "diagonal of the Jacobian, and each s_i depends on every z_j (erratum 8)"),
                (-want, "has the sign flipped: J[i, j] = s_i (δ_ij - s_j)"),
                (dLdA * s, "multiplies by s alone: the Jacobian is diag(s) - s sᵀ"),
                (jacobian.sum(axis=1, keepdims=True), "ignores dL/dA: multiply the Jacobian "
                 "by dL/dA")):
            if same(got, wrong, 1e-8):
                raise NotYet(f"{what} {hint}.")
        raise NotYet(f"{what} is not Jᵀ dL/dA ({rel_text(rel(got, want))}).")
    return "softmax_backward agrees with Jᵀ dL/dA for 5 columns of 2 to 6 logits."
