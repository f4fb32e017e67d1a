"""CrossEntropy: values by hand, the exact derivative, the fused S - Y gradient, bad input."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numdiff import central_diff

from nnfs import CrossEntropy, Identity, Layer, Network, NeuronLayer, ReLU, Softmax

EPS = np.finfo(np.float64).eps
TINY = np.finfo(np.float64).tiny

classes_st = st.integers(2, 8)
batches = st.integers(1, 6)
seeds = st.integers(0, 2**32 - 1)


def softmax(Z):
    E = np.exp(Z - Z.max(axis=0, keepdims=True))
    return E / E.sum(axis=0, keepdims=True)


def random_targets(rng, classes, batch):
    """One-hot Y (classes, batch) with random classes."""
    Y = np.zeros((classes, batch))
    Y[rng.integers(classes, size=batch), np.arange(batch)] = 1.0
    return Y


def random_probabilities(rng, classes, batch):
    """Columns that sum to 1, every entry >= 0.1 / classes.

    Central differences of -log p with step h have a truncation error ~ h^2 / p^3;
    keeping p >= 0.0125 makes it < 1e-6 of the gradient 1 / p.
    """
    return 0.9 * softmax(rng.normal(size=(classes, batch))) + 0.1 / classes


# --- by hand ------------------------------------------------------------------------

def test_single_column_by_hand():
    P = np.array([[0.7], [0.2], [0.1]])
    Y = np.array([[1.0], [0.0], [0.0]])
    assert CrossEntropy().forward(P, Y) == pytest.approx(-np.log(0.7), rel=1e-15)
    # d(-log p_0)/dp_0 = -1 / p_0; the other entries do not enter the loss
    np.testing.assert_allclose(CrossEntropy().backward(P, Y), [[-1 / 0.7], [0.0], [0.0]],
                               rtol=1e-15)


def test_batch_by_hand():
    P = np.array([[0.7, 0.1], [0.2, 0.5], [0.1, 0.4]])
    Y = np.array([[1.0, 0.0], [0.0, 0.0], [0.0, 1.0]])
    # mean of -log 0.7 and -log 0.4; each gradient divided by the batch size 2
    assert CrossEntropy().forward(P, Y) == pytest.approx(-(np.log(0.7) + np.log(0.4)) / 2,
                                                         rel=1e-15)
    np.testing.assert_allclose(CrossEntropy().backward(P, Y),
                               [[-1 / 1.4, 0.0], [0.0, 0.0], [0.0, -1 / 0.8]], rtol=1e-15)
    np.testing.assert_allclose(CrossEntropy().logit_gradient(P, Y),
                               [[-0.15, 0.05], [0.1, 0.25], [0.05, -0.3]], rtol=1e-15)


def test_a_certain_right_answer_costs_nothing():
    Y = np.eye(3)
    assert CrossEntropy().forward(Y.copy(), Y) == 0.0
    np.testing.assert_array_equal(CrossEntropy().logit_gradient(Y.copy(), Y), np.zeros((3, 3)))


def test_forward_returns_a_python_float_and_backward_has_no_negative_zeros():
    P = np.array([[0.7], [0.2], [0.1]])
    Y = np.array([[0.0], [1.0], [0.0]])
    assert type(CrossEntropy().forward(P, Y)) is float
    G = CrossEntropy().backward(P, Y)
    assert not np.any(np.signbit(G[Y == 0]))      # prints as 0, not -0


def test_repr():
    assert repr(CrossEntropy()) == "CrossEntropy()"


# --- the derivative, against central differences (float64) --------------------------

@settings(max_examples=40, derandomize=True)
@given(classes=classes_st, batch=batches, seed=seeds)
def test_backward_is_the_derivative_of_forward(classes, batch, seed):
    rng = np.random.default_rng(seed)
    P = random_probabilities(rng, classes, batch)
    Y = random_targets(rng, classes, batch)
    numeric = central_diff(lambda p: CrossEntropy().forward(p, Y), P)
    # h = 1e-6: truncation < 1e-6 relative (see random_probabilities), rounding
    # ~1e-16 * |L| / h ~ 1e-10 absolute.
    np.testing.assert_allclose(CrossEntropy().backward(P, Y), numeric, rtol=1e-6, atol=1e-9)


@settings(max_examples=40, derandomize=True)
@given(classes=classes_st, batch=batches, seed=seeds)
def test_batch_is_the_mean_of_its_samples(classes, batch, seed):
    rng = np.random.default_rng(seed)
    P = random_probabilities(rng, classes, batch)
    Y = random_targets(rng, classes, batch)
    ce = CrossEntropy()
    losses = [ce.forward(P[:, [k]], Y[:, [k]]) for k in range(batch)]
    assert ce.forward(P, Y) == pytest.approx(np.mean(losses), rel=1e-12)
    per_sample = np.hstack([ce.backward(P[:, [k]], Y[:, [k]]) for k in range(batch)])
    np.testing.assert_allclose(ce.backward(P, Y), per_sample / batch, rtol=1e-14)
    np.testing.assert_allclose(per_sample, -Y / P, rtol=1e-14)


# --- Softmax and cross-entropy together: S - Y -------------------------------------

@settings(max_examples=40, derandomize=True)
@given(classes=classes_st, batch=batches, seed=seeds, scale=st.floats(0.1, 10))
def test_logit_gradient_is_the_chain_rule_through_softmax(classes, batch, seed, scale):
    rng = np.random.default_rng(seed)
    Z = rng.normal(size=(classes, batch)) * scale
    Y = random_targets(rng, classes, batch)
    S = Softmax().forward(Z)
    ce = CrossEntropy()
    fused = ce.logit_gradient(S, Y)
    np.testing.assert_array_equal(fused, (S - Y) / batch)
    chain = Softmax().backward(Z, ce.backward(S, Y))
    # Every entry is O(1 / batch); the chain rule forms s_j (dL/ds_j - sum_i s_i dL/ds_i)
    # in about five rounded steps, where s_t * (1 / (batch s_t)) = 1 / batch up to an ulp,
    # so the two agree to a few ulps of 1 / batch (1.5 eps / batch at most over 20 000
    # random cases): 8 eps / batch.
    np.testing.assert_allclose(chain, fused, rtol=0, atol=8 * EPS / batch)
    # and column by column through the Jacobian the course builds
    for k in range(batch):
        J = Softmax().jacobian(Z[:, [k]])
        np.testing.assert_allclose(J.T @ ce.backward(S[:, [k]], Y[:, [k]]), fused[:, [k]] * batch,
                                   rtol=0, atol=16 * EPS)


@settings(max_examples=40, derandomize=True)
@given(classes=classes_st, batch=batches, seed=seeds)
def test_logit_gradient_against_central_differences(classes, batch, seed):
    rng = np.random.default_rng(seed)
    Z = rng.normal(size=(classes, batch)) * 2
    Y = random_targets(rng, classes, batch)
    numeric = central_diff(lambda z: CrossEntropy().forward(Softmax().forward(z), Y), Z)
    # L(Z) is smooth with bounded curvature (|d^2L/dz^2| <= 1 / batch): truncation ~h^2,
    # rounding ~1e-16 * |L| / h; both far below 1e-8.
    np.testing.assert_allclose(CrossEntropy().logit_gradient(Softmax().forward(Z), Y), numeric,
                               rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("gap", [800.0, 745.0, 1e300])
def test_fused_gradient_stays_exact_where_the_target_probability_underflows(gap):
    # The true class (row 0) of column 0 lies `gap` below the others: its probability
    # exp(-gap) is 0 in float64 (or subnormal, and below tiny, for gap = 745).
    Z = np.array([[0.0, 1.0], [gap, 0.0], [0.0, -1.0]])
    Y = np.array([[1.0, 1.0], [0.0, 0.0], [0.0, 0.0]])
    S = Softmax().forward(Z)
    assert S[0, 0] < TINY
    ce = CrossEntropy()
    fused = ce.logit_gradient(S, Y)
    # the exact gradient: (S - Y) / 2, and S[:, 0] is [~0, 1, ~0] to the last bit
    np.testing.assert_allclose(fused[:, 0], [-0.5, 0.5, 0.0], rtol=0, atol=TINY)
    np.testing.assert_array_equal(fused[:, 1], (S[:, 1] - Y[:, 1]) / 2)
    assert np.isfinite(ce.forward(S, Y))
    dLdS = ce.backward(S, Y)
    assert np.all(np.isfinite(dLdS))
    chain = Softmax().backward(Z, dLdS)
    # The chain rule multiplies by s_t, which has lost its value: column 0 cannot be right.
    assert np.max(np.abs(chain[:, 0] - fused[:, 0])) > 0.1
    # The ordinary column is still fine.
    np.testing.assert_allclose(chain[:, 1], fused[:, 1], rtol=0, atol=8 * EPS / 2)


def test_network_output_gradient_is_S_minus_Y_over_the_batch():
    rng = np.random.default_rng(3)
    last = Layer(4, 3, Softmax(), rng=rng)
    net = Network([Layer(2, 4, ReLU(), rng=rng), last], CrossEntropy())
    X = rng.normal(size=(2, 5))
    Y = random_targets(rng, 3, 5)
    S = net.forward(X)
    _, grads = last.grads(net.loss.backward(S, Y))
    dLdW, dLdB = grads["W"], grads["B"]
    dLdZ = net.loss.logit_gradient(S, Y)
    np.testing.assert_allclose(dLdW, dLdZ @ last.X.T, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(dLdB, dLdZ.sum(axis=1, keepdims=True), rtol=1e-12, atol=1e-15)


# --- zero probabilities ---------------------------------------------------------------

def test_zero_probability_of_another_class_is_exact_and_quiet():
    P = np.array([[0.0, 0.5], [1.0, 0.5], [0.0, 0.0]])
    Y = np.array([[0.0, 1.0], [1.0, 0.0], [0.0, 0.0]])
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        L = CrossEntropy().forward(P, Y)
        G = CrossEntropy().backward(P, Y)
    assert L == pytest.approx(np.log(2) / 2, rel=1e-15)
    np.testing.assert_array_equal(G, [[0.0, -1.0], [-0.5, 0.0], [0.0, 0.0]])


def test_zero_probability_of_the_true_class_is_finite_and_quiet():
    P = np.array([[0.0, 0.5], [1.0, 0.5]])
    Y = np.array([[1.0, 1.0], [0.0, 0.0]])
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        L = CrossEntropy().forward(P, Y)
        G = CrossEntropy().backward(P, Y)
    # the 0 counts as the smallest normal float64, tiny: -log(tiny) = 708.4
    assert L == pytest.approx((-np.log(TINY) + np.log(2)) / 2, rel=1e-15)
    assert 700 < CrossEntropy().forward(P[:, [0]], Y[:, [0]]) < 710
    assert np.all(np.isfinite(G))
    assert G[0, 0] == -1 / (2 * TINY) and G[0, 0] < -1e307      # a big push up, not inf


def test_float32_in_float32_out():
    P64 = np.array([[0.7, 0.1], [0.2, 0.5], [0.1, 0.4]])
    Y = np.array([[1, 0], [0, 0], [0, 1]])                     # integer one-hot is fine
    P32 = P64.astype(np.float32)
    ce = CrossEntropy()
    assert ce.backward(P32, Y).dtype == np.float32
    assert ce.logit_gradient(P32, Y).dtype == np.float32
    assert type(ce.forward(P32, Y)) is float
    # float32 rounding of P (2^-24 relative) is the only difference
    np.testing.assert_allclose(ce.backward(P32, Y), ce.backward(P64, Y), rtol=1e-6)
    assert ce.forward(P32, Y) == pytest.approx(ce.forward(P64, Y), rel=1e-6)
    assert ce.backward(P64, Y).dtype == np.float64
    assert ce.backward(P64.tolist(), Y.tolist()).dtype == np.float64
    # a zero true-class probability in float32: float32's tiny, still finite
    Z32 = np.array([[0.0], [1.0]], dtype=np.float32)
    Y1 = np.array([[1.0], [0.0]])
    assert ce.forward(Z32, Y1) == pytest.approx(-np.log(np.finfo(np.float32).tiny), rel=1e-6)
    assert np.all(np.isfinite(ce.backward(Z32, Y1)))


def test_the_unchecked_steps_a_network_calls_keep_the_dtype_of_the_probabilities():
    # Network.train calls _forward / _backward (and, once fused, _logit_gradient) on its
    # own arrays without checks; targets may arrive as float64 next to float32 outputs.
    S32 = np.array([[0.7, 0.1], [0.2, 0.5], [0.1, 0.4]], dtype=np.float32)
    Y64 = np.array([[1.0, 0.0], [0.0, 0.0], [0.0, 1.0]])
    ce = CrossEntropy()
    assert ce._logit_gradient(S32, Y64).dtype == np.float32
    assert ce._backward(S32, Y64).dtype == np.float32
    np.testing.assert_array_equal(ce._logit_gradient(S32, Y64), ce.logit_gradient(S32, Y64))
    np.testing.assert_array_equal(ce._backward(S32, Y64), ce.backward(S32, Y64))
    assert ce._forward(S32, Y64) == ce.forward(S32, Y64)


# --- bad input ------------------------------------------------------------------------

P0 = np.array([[0.7, 0.1], [0.2, 0.5], [0.1, 0.4]])
Y0 = np.array([[1.0, 0.0], [0.0, 0.0], [0.0, 1.0]])

BAD = [
    ("shapes differ", P0, Y0[:2], ValueError,
     r"^P and Y must have the same shape \(classes, batch\), got P \(3, 2\) and Y \(2, 2\)$"),
    ("Y transposed", P0, Y0.T, ValueError,
     r"got P \(3, 2\) and Y \(2, 3\) \(one sample per row\? transpose Y\)"),
    ("labels for Y", P0, np.array([0, 2]), ValueError,
     r"^Y must be one-hot targets of shape \(classes, batch\) like P, got shape \(2,\) \(1-D\); "
     r"for labels use nnfs\.data\.one_hot\(labels, n_classes\)\.T$"),
    ("P 1-D", P0[:, 0], Y0[:, 0], ValueError, r"^P must be a 2-D array, got \(3,\) \(1-D\)"),
    ("NaN in P", np.where(P0 == 0.2, np.nan, P0), Y0, ValueError,
     r"^P must be finite, got 1 NaN or inf value\(s\) in an array of shape \(3, 2\)$"),
    ("inf in Y", P0, np.where(Y0 == 1, np.inf, Y0), ValueError, r"^Y must be finite"),
    ("Y soft", P0, np.array([[0.5, 0.0], [0.5, 0.0], [0.0, 1.0]]), ValueError,
     r"^Y must be one-hot: each column all 0 but a single 1, got 1 column\(s\) that are not, "
     r"the first is column 0: \[0\.5, 0\.5, 0\.0\]$"),
    ("Y two ones", P0, np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 1.0]]), ValueError,
     r"got 1 column\(s\) that are not, the first is column 1: \[0\.0, 1\.0, 1\.0\]$"),
    ("Y no one", P0, np.zeros((3, 2)), ValueError, r"got 2 column\(s\) that are not"),
    ("Y label 2", P0, np.array([[2.0, 0.0], [0.0, 0.0], [0.0, 1.0]]), ValueError,
     r"column 0: \[2\.0, 0\.0, 0\.0\]$"),
    ("Y bool", P0, Y0.astype(bool), TypeError,
     r"^Y must hold real numbers, got an array of dtype bool$"),
    ("P logits", np.array([[2.0, -1.0], [0.5, 0.3], [-1.0, 0.1]]), Y0, ValueError,
     r"^P must hold probabilities in \[0, 1\] \(a Softmax output\), got values from -1 to 2$"),
    ("P sigmoid", np.array([[0.7, 0.1], [0.6, 0.5], [0.1, 0.4]]), Y0, ValueError,
     r"^each column of P must sum to 1 \(within 0\.0001\) as a Softmax output does, got "
     r"column 0 summing to 1\.4$"),
    ("empty batch", np.zeros((3, 0)), np.zeros((3, 0)), ValueError,
     r"^P must hold at least one sample \(column\), got shape \(3, 0\)$"),
    ("P string", "P", Y0, TypeError, r"^P must be an array of numbers, got str$"),
    ("Y None", P0, None, TypeError, r"^Y must be an array of numbers, got NoneType$"),
]


@pytest.mark.parametrize("method", ["forward", "backward", "logit_gradient"])
@pytest.mark.parametrize("P, Y, exc, match", [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_bad_input_is_refused_with_a_clear_message(method, P, Y, exc, match):
    if method == "logit_gradient":
        match = match.replace("^P ", "^S ").replace(" of P ", " of S ").replace(
            "like P,", "like S,").replace("got P ", "got S ").replace("P and Y", "S and Y")
    before = [np.array(a, copy=True) if isinstance(a, np.ndarray) else a for a in (P, Y)]
    with pytest.raises(exc, match=match):
        getattr(CrossEntropy(), method)(P, Y)
    for old, new in zip(before, (P, Y), strict=True):       # a refused call changes nothing
        if isinstance(new, np.ndarray):
            np.testing.assert_array_equal(old, new)


def test_a_nudge_of_one_entry_is_still_accepted():
    # numerical gradients move one entry by ~1e-6: the column no longer sums to 1 exactly
    P = P0.copy()
    P[0, 0] += 1e-6
    assert np.isfinite(CrossEntropy().forward(P, Y0))


# --- the network: Softmax + CrossEntropy start the last layer at dL/dZ = (S - Y) / N ---


def _softmax_net(layer_kind=Layer, dtype=np.float64):
    rng = np.random.default_rng(5)
    kw = {"dtype": dtype} if layer_kind is Layer else {"clip": None}
    return Network([layer_kind(2, 4, ReLU(), rng=rng, **kw),
                    layer_kind(4, 3, Softmax(), rng=rng, **kw)], CrossEntropy())


@pytest.mark.parametrize("layer_kind", [Layer, NeuronLayer])
def test_train_uses_the_fused_gradient_and_it_agrees_with_the_chain_rule(layer_kind):
    x = np.random.default_rng(0).normal(size=(6, 2))
    y = np.eye(3)[[0, 1, 2, 0, 1, 2]]
    fused, chain = _softmax_net(layer_kind), _softmax_net(layer_kind)
    fused.train(x, y, 0.1, 3, batch_size=3)
    # the chain rule by hand: forward, CrossEntropy.backward, then every layer's backward
    for _ in range(3):
        for start in (0, 3):
            X, Y = x[start:start + 3].T, y[start:start + 3].T
            S = chain.forward(X)
            chain.backward(CrossEntropy().backward(S, Y), 0.1)
    for a, b in zip(fused.layers, chain.layers, strict=True):
        np.testing.assert_allclose(a.W, b.W, rtol=1e-12, atol=1e-14)
        np.testing.assert_allclose(a.B, b.B, rtol=1e-12, atol=1e-14)


def test_train_is_exact_where_a_target_probability_underflows():
    # logits ~1000 apart: the target's probability is 0.0 in float64, the chain rule's
    # -y/p is infinite, but (S - Y)/N pulls the target logit up by exactly 1/N
    net = Network([Layer(1, 2, Softmax(), init=1.0, rng=0)], CrossEntropy())
    net.layers[0].W = np.array([[1000.0], [-1000.0]])
    net.layers[0].B = np.zeros((2, 1))
    net.train(np.ones((1, 1)), np.array([[0.0, 1.0]]), 0.5, 1)
    np.testing.assert_allclose(net.layers[0].B, [[-0.5], [0.5]], rtol=0, atol=0)
    assert np.all(np.isfinite(net.layers[0].W))


def test_cross_entropy_after_a_non_softmax_layer_is_refused_before_training():
    net = Network([Layer(2, 3, Identity(), rng=0)], CrossEntropy())
    before = net.layers[0].W.copy()
    refused = r"CrossEntropy\(\) needs the last layer's activation to be Softmax\(\), got Identity"
    with pytest.raises(ValueError, match=refused + r"\(\)"):
        net.train(np.ones((2, 2)), np.eye(3)[:2], 0.1, 1)
    np.testing.assert_array_equal(net.layers[0].W, before)


def test_float32_softmax_network_trains_in_float32_with_the_fused_gradient():
    net = _softmax_net(Layer, np.float32)
    x = np.random.default_rng(0).normal(size=(6, 2)).astype(np.float32)
    net.train(x, np.eye(3, dtype=np.float32)[[0, 1, 2, 0, 1, 2]], 0.1, 2, batch_size=None)
    assert all(p.dtype == np.float32 for layer in net.layers for p in layer.params().values())
