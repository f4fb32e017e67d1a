"""Layer (one weight matrix) and NeuronLayer (a list of Neurons): values, gradients, equivalence."""

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from numdiff import ATOL, RTOL, away_from_zero, central_diff

from nnfs import MSE, Identity, Layer, NeuronLayer, ReLU, Sigmoid, Softmax, Tanh

ACTIVATIONS = [ReLU, Identity, Sigmoid, Tanh, Softmax]

sizes = st.integers(1, 8)
batches = st.integers(1, 6)
seeds = st.integers(0, 2**32 - 1)

W_HAND = np.array([[1.0, 2.0], [3.0, 4.0], [-1.0, 0.0]])
B_HAND = np.array([[0.5], [-1.0], [0.0]])
X_HAND = np.array([[1.0, 0.0], [2.0, 1.0]])



def dX_dW_dB(layer, dLdA):
    """``grads`` as (dL/dX, dL/dW, dL/dB); a NeuronLayer's neuron gradients stacked into rows."""
    dX, grads = layer.grads(dLdA)
    if isinstance(layer, NeuronLayer):
        rows = range(layer.layer_size)
        return (dX, np.vstack([grads[f"neurons[{i}].w"] for i in rows]),
                np.vstack([grads[f"neurons[{i}].b"] for i in rows]))
    return dX, grads["W"], grads["B"]

def hand_layer(activation, clip=None):
    layer = Layer(2, 3, activation, clip=clip, rng=0)
    layer.W = W_HAND.copy()
    layer.B = B_HAND.copy()
    return layer


# --- Layer: construction ----------------------------------------------------------


def test_layer_shapes():
    layer = Layer(5, 3, ReLU(), rng=0)
    assert layer.W.shape == (3, 5) and layer.B.shape == (3, 1)
    assert (layer.input_size, layer.layer_size) == (5, 3)
    assert layer.params()["W"] is layer.W and layer.params()["B"] is layer.B


@pytest.mark.parametrize("init, fan_in, fan_out, want", [
    ("he", 400, 300, np.sqrt(2 / 400)),
    ("xavier", 400, 300, np.sqrt(2 / 700)),
    ("article", 400, 300, 0.001),
    (0.25, 400, 300, 0.25),
])
def test_layer_init_scale(init, fan_in, fan_out, want):
    layer = Layer(fan_in, fan_out, Identity(), init=init, rng=0)
    # 120 000 normal draws: the sample std is within 1 % of the true one
    assert np.std(layer.W) == pytest.approx(want, rel=0.01)
    assert abs(np.mean(layer.W)) < 0.01 * want


def test_layer_rng_reproducible():
    a, b, c = (Layer(4, 3, ReLU(), rng=s) for s in (5, 5, 6))
    np.testing.assert_array_equal(a.W, b.W)
    np.testing.assert_array_equal(a.B, b.B)
    assert not np.array_equal(a.W, c.W)


# --- Layer: forward and backward by hand ------------------------------------------


def test_layer_forward_by_hand():
    # Z = W X + B: column 1 = [1+4+0.5, 3+8-1, -1] ; column 2 = [2+0.5, 4-1, 0]
    Z = [[5.5, 2.5], [10.0, 3.0], [-1.0, 0.0]]
    np.testing.assert_allclose(hand_layer(Identity()).forward(X_HAND), Z, rtol=1e-15)
    np.testing.assert_allclose(hand_layer(ReLU()).forward(X_HAND),
                               [[5.5, 2.5], [10.0, 3.0], [0.0, 0.0]], rtol=1e-15)


def test_layer_backward_by_hand():
    layer = hand_layer(Identity())
    layer.forward(X_HAND)
    dLdA = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    # dL/dW = dLdA X^T = [[1, 2], [0, 1], [1, 3]];  dL/dB = row sums = [1, 1, 2]
    # dL/dX = W^T dLdA = [[1-1, 3-1], [2, 4]] = [[0, 2], [2, 4]]
    dLdX = layer.backward(dLdA, 0.5)
    np.testing.assert_allclose(dLdX, [[0.0, 2.0], [2.0, 4.0]], rtol=1e-15)
    np.testing.assert_allclose(layer.dLdW, [[1.0, 2.0], [0.0, 1.0], [1.0, 3.0]], rtol=1e-15)
    np.testing.assert_allclose(layer.dLdB, [[1.0], [1.0], [2.0]], rtol=1e-15)
    np.testing.assert_allclose(layer.W, W_HAND - 0.5 * np.array([[1, 2], [0, 1], [1, 3]]),
                               rtol=1e-15)
    np.testing.assert_allclose(layer.B, B_HAND - 0.5 * np.array([[1], [1], [2]]), rtol=1e-15)


def test_layer_backward_through_relu_by_hand():
    layer = hand_layer(ReLU())
    layer.forward(X_HAND)     # Z row 3 is [-1, 0]: ReLU passes no gradient there
    dLdA = np.ones((3, 2))
    dLdX = layer.backward(dLdA, 0.1)
    # dLdZ = [[1, 1], [1, 1], [0, 0]];  W^T dLdZ = [[1+3, 1+3], [2+4, 2+4]]
    np.testing.assert_allclose(dLdX, [[4.0, 4.0], [6.0, 6.0]], rtol=1e-15)
    np.testing.assert_allclose(layer.dLdB, [[2.0], [2.0], [0.0]], rtol=1e-15)


def test_layer_clip_bounds_the_update_not_the_gradient():
    # clipping belongs to the update: dLdW stays the true derivative, W moves by the clipped one
    layer = hand_layer(Identity(), clip=0.5)
    layer.forward(X_HAND)
    layer.backward(np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]), 1.0)
    np.testing.assert_allclose(layer.dLdW, [[1.0, 2.0], [0.0, 1.0], [1.0, 3.0]])
    np.testing.assert_allclose(layer.W, W_HAND - [[0.5, 0.5], [0.0, 0.5], [0.5, 0.5]])
    # and the bias: dLdB = [1, 1, 2] -> steps of [0.5, 0.5, 0.5]
    np.testing.assert_allclose(layer.dLdB, [[1.0], [1.0], [2.0]])
    np.testing.assert_allclose(layer.B, B_HAND - [[0.5], [0.5], [0.5]])


def test_grads_changes_no_weight():
    layer = hand_layer(Tanh())
    layer.forward(X_HAND)
    layer.grads(np.ones((3, 2)))
    np.testing.assert_array_equal(layer.W, W_HAND)
    np.testing.assert_array_equal(layer.B, B_HAND)


# --- Layer: central differences ---------------------------------------------------


def at_least_two_for_softmax(act_cls, n_out):
    """Softmax over a single unit is refused (it is always 1): give it 2 or more."""
    return max(n_out, 2) if act_cls is Softmax else n_out


def layer_case(act_cls, n_in, n_out, batch, seed):
    n_out = at_least_two_for_softmax(act_cls, n_out)
    rng = np.random.default_rng(seed)
    layer = Layer(n_in, n_out, act_cls(), init=1.0, rng=rng)
    X = rng.normal(size=(n_in, batch))
    G = rng.normal(size=(n_out, batch))
    Z = layer.W @ X + layer.B
    if act_cls is ReLU:
        assume(away_from_zero(Z))
    return layer, X, G


@pytest.mark.parametrize("act_cls", ACTIVATIONS)
@settings(max_examples=20)
@given(n_in=sizes, n_out=sizes, batch=batches, seed=seeds)
def test_layer_gradients_match_central_differences(act_cls, n_in, n_out, batch, seed):
    layer, X, G = layer_case(act_cls, n_in, n_out, batch, seed)
    act, W0, B0 = act_cls(), layer.W.copy(), layer.B.copy()

    def L(W, B, X):
        return np.sum(G * act.forward(W @ X + B))

    dX_num = central_diff(lambda Xp: L(W0, B0, Xp), X)
    dW_num = central_diff(lambda Wp: L(Wp, B0, X), W0)
    dB_num = central_diff(lambda Bp: L(W0, Bp, X), B0)

    A = layer.forward(X)
    np.testing.assert_allclose(A, act.forward(W0 @ X + B0), rtol=1e-13, atol=1e-15)
    dX, dW, dB = dX_dW_dB(layer, G)
    for got, want in [(dX, dX_num), (dW, dW_num), (dB, dB_num)]:
        assert got.shape == want.shape
        np.testing.assert_allclose(got, want, rtol=RTOL, atol=ATOL)

    # backward with lr = 1 returns the same dL/dX and steps W, B by minus the gradient
    dX_b = layer.backward(G, 1.0)
    np.testing.assert_allclose(dX_b, dX_num, rtol=RTOL, atol=ATOL)
    np.testing.assert_allclose(W0 - layer.W, dW_num, rtol=RTOL, atol=ATOL)
    np.testing.assert_allclose(B0 - layer.B, dB_num, rtol=RTOL, atol=ATOL)


@settings(max_examples=25)
@given(n_in=sizes, n_out=sizes, batch=batches, seed=seeds)
def test_layer_with_mse_matches_central_differences(n_in, n_out, batch, seed):
    """The chain layer -> MSE, as training uses it."""
    layer, X, _ = layer_case(Sigmoid, n_in, n_out, batch, seed)
    Y = np.random.default_rng(seed + 1).uniform(size=(n_out, batch))
    W0 = layer.W.copy()
    dW_num = central_diff(lambda Wp: MSE().forward(Sigmoid().forward(Wp @ X + layer.B), Y), W0)
    A = layer.forward(X)
    _, dW, _ = dX_dW_dB(layer, MSE().backward(A, Y))
    np.testing.assert_allclose(dW, dW_num, rtol=RTOL, atol=ATOL)


@settings(max_examples=25)
@given(n_in=sizes, n_out=sizes, batch=st.integers(2, 6), seed=seeds)
def test_layer_batch_is_columns_side_by_side(n_in, n_out, batch, seed):
    layer, X, G = layer_case(Tanh, n_in, n_out, batch, seed)
    A = layer.forward(X)
    dX, dW, dB = dX_dW_dB(layer, G)
    sum_dW, sum_dB = np.zeros_like(dW), np.zeros_like(dB)
    for j in range(batch):
        a = layer.forward(X[:, j:j + 1])
        np.testing.assert_allclose(a, A[:, j:j + 1], rtol=1e-13, atol=1e-15)
        dx, dw, db = dX_dW_dB(layer, G[:, j:j + 1])
        np.testing.assert_allclose(dx, dX[:, j:j + 1], rtol=1e-12, atol=1e-14)
        sum_dW += dw
        sum_dB += db
    # a batch gradient is the sum of the per-sample gradients
    np.testing.assert_allclose(dW, sum_dW, rtol=1e-10, atol=1e-13)
    np.testing.assert_allclose(dB, sum_dB, rtol=1e-10, atol=1e-13)


# --- NeuronLayer ------------------------------------------------------------------


def test_neuron_layer_holds_neurons():
    nl = NeuronLayer(4, 3, ReLU(), rng=0)
    assert len(nl.neurons) == 3
    assert all(n.w.shape == (1, 4) for n in nl.neurons)
    assert nl.W.shape == (3, 4) and nl.B.shape == (3, 1)
    np.testing.assert_array_equal(nl.W[1], nl.neurons[1].w[0])
    np.testing.assert_array_equal(nl.B[2, 0], nl.neurons[2].b[0, 0])


def test_neuron_layer_W_B_setters_copy_rows_into_neurons():
    nl = NeuronLayer(2, 3, Identity(), rng=0)
    W, B = W_HAND.copy(), B_HAND.copy()
    nl.W, nl.B = W, B
    np.testing.assert_array_equal(nl.neurons[2].w, [[-1.0, 0.0]])
    np.testing.assert_array_equal(nl.neurons[1].b, [[-1.0]])
    W[:] = 99.0      # the layer keeps its own copy
    B[:] = 99.0
    np.testing.assert_array_equal(nl.W, W_HAND)
    np.testing.assert_array_equal(nl.B, B_HAND)
    got = nl.W       # and W is a copy: writing into it (if allowed at all) changes nothing
    try:
        got[:] = -5.0
    except ValueError:   # a read-only copy
        pass
    np.testing.assert_array_equal(nl.W, W_HAND)
    np.testing.assert_array_equal(nl.neurons[0].w, W_HAND[:1])


def test_neuron_layer_forward_backward_by_hand():
    nl = NeuronLayer(2, 3, Identity(), clip=None, rng=0)
    nl.W, nl.B = W_HAND, B_HAND
    A = nl.forward(X_HAND[:, :1])
    np.testing.assert_allclose(A, [[5.5], [10.0], [-1.0]], rtol=1e-15)
    # dL/dx = sum_i dLdZ_i W_i^T = 1 * [1, 2] + 0 * [3, 4] + 1 * [-1, 0] = [0, 2]
    dLdx = nl.backward(np.array([[1.0], [0.0], [1.0]]), 0.5)
    np.testing.assert_allclose(dLdx, [[0.0], [2.0]], rtol=1e-15)
    np.testing.assert_allclose(nl.W, W_HAND - 0.5 * np.array([[1, 2], [0, 0], [1, 2]]))
    np.testing.assert_allclose(nl.B, B_HAND - 0.5 * np.array([[1], [0], [1]]))


def test_neuron_layer_default_clip_is_one():
    nl = NeuronLayer(1, 1, Identity(), rng=0)
    nl.W, nl.B = np.zeros((1, 1)), np.zeros((1, 1))
    nl.forward(np.array([[50.0]]))
    nl.backward(np.array([[50.0]]), 0.1)
    np.testing.assert_allclose(nl.W, [[-0.1]], rtol=1e-15)
    np.testing.assert_allclose(nl.B, [[-0.1]], rtol=1e-15)


@pytest.mark.parametrize("act_cls", ACTIVATIONS)
@settings(max_examples=20)
@given(n_in=sizes, n_out=sizes, seed=seeds)
def test_neuron_layer_gradients_match_central_differences(act_cls, n_in, n_out, seed):
    n_out = at_least_two_for_softmax(act_cls, n_out)
    rng = np.random.default_rng(seed)
    nl = NeuronLayer(n_in, n_out, act_cls(), clip=None, rng=rng, scale=1.0)
    x = rng.normal(size=(n_in, 1))
    g = rng.normal(size=(n_out, 1))
    W0, B0 = nl.W, nl.B
    if act_cls is ReLU:
        assume(away_from_zero(W0 @ x + B0))
    act = act_cls()

    def L(W, B, x):
        return np.sum(g * act.forward(W @ x + B))

    dx_num = central_diff(lambda xp: L(W0, B0, xp), x)
    dW_num = central_diff(lambda Wp: L(Wp, B0, x), W0)
    dB_num = central_diff(lambda Bp: L(W0, Bp, x), B0)

    np.testing.assert_allclose(nl.forward(x), act.forward(W0 @ x + B0), rtol=1e-13,
                               atol=1e-15)
    dx = nl.backward(g, 1.0)
    np.testing.assert_allclose(dx, dx_num, rtol=RTOL, atol=ATOL)
    np.testing.assert_allclose(W0 - nl.W, dW_num, rtol=RTOL, atol=ATOL)
    np.testing.assert_allclose(B0 - nl.B, dB_num, rtol=RTOL, atol=ATOL)


# --- the fair comparison of erratum 10: same weights, same numbers -----------------


@pytest.mark.parametrize("act_cls", ACTIVATIONS)
@settings(max_examples=15)
@given(n_in=sizes, n_out=sizes, seed=seeds, lr=st.sampled_from([0.01, 0.1, 0.5]))
def test_neuron_layer_and_layer_agree_step_by_step(act_cls, n_in, n_out, seed, lr):
    n_out = at_least_two_for_softmax(act_cls, n_out)
    rng = np.random.default_rng(seed)
    layer = Layer(n_in, n_out, act_cls(), clip=None, rng=rng)
    nl = NeuronLayer(n_in, n_out, act_cls(), clip=None, rng=rng)
    assert not np.allclose(nl.W, layer.W)   # different before the copy
    nl.W, nl.B = layer.W, layer.B
    for _ in range(4):
        x = rng.normal(size=(n_in, 1))
        y = rng.uniform(size=(n_out, 1))
        a1, a2 = layer.forward(x), nl.forward(x)
        np.testing.assert_allclose(a2, a1, rtol=1e-12, atol=1e-15)
        dLdA = MSE().backward(a1, y)
        d1, d2 = layer.backward(dLdA, lr), nl.backward(dLdA, lr)
        np.testing.assert_allclose(d2, d1, rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(nl.W, layer.W, rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(nl.B, layer.B, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("act_cls", ACTIVATIONS)
@settings(max_examples=10)
@given(n_in=sizes, n_out=sizes, seed=seeds)
def test_neuron_layer_gradients_equal_layer_gradients_and_change_nothing(act_cls, n_in, n_out,
                                                                         seed):
    n_out = at_least_two_for_softmax(act_cls, n_out)
    rng = np.random.default_rng(seed)
    layer = Layer(n_in, n_out, act_cls(), rng=rng)
    nl = NeuronLayer(n_in, n_out, act_cls(), clip=None, rng=rng)
    nl.W, nl.B = layer.W, layer.B
    x, g = rng.normal(size=(n_in, 1)), rng.normal(size=(n_out, 1))
    layer.forward(x)
    nl.forward(x)
    for got, want in zip(dX_dW_dB(nl, g), dX_dW_dB(layer, g), strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-15)
    np.testing.assert_array_equal(nl.W, layer.W)
    np.testing.assert_array_equal(nl.B, layer.B)


def test_neuron_layer_clip_setter_reaches_every_neuron():
    nl = NeuronLayer(1, 2, Identity(), rng=0)
    nl.clip = None
    assert [n.clip for n in nl.neurons] == [None, None]
    nl.W, nl.B = np.zeros((2, 1)), np.zeros((2, 1))
    nl.forward(np.array([[50.0]]))
    nl.backward(np.array([[50.0], [50.0]]), 0.1)
    np.testing.assert_allclose(nl.W, [[-250.0], [-250.0]], rtol=1e-15)   # 0.1 * 50 * 50
    nl.clip = 2
    assert [n.clip for n in nl.neurons] == [2.0, 2.0]
    with pytest.raises(ValueError, match=r"clip must be a finite number > 0, got -1"):
        nl.clip = -1


def test_neuron_layer_W_and_B_are_read_only_copies():
    nl = NeuronLayer(3, 2, Identity(), rng=0)
    before = nl.W.copy()
    with pytest.raises(ValueError, match="read-only"):
        nl.W[0, 0] = 99.0
    with pytest.raises(ValueError, match="read-only"):
        nl.B[0, 0] = 99.0
    np.testing.assert_array_equal(nl.W, before)


@pytest.mark.parametrize("init", ["he", "xavier"])
def test_he_and_xavier_start_biases_at_zero(init):
    layer = Layer(4, 3, ReLU(), init=init, rng=0)
    np.testing.assert_array_equal(layer.B, np.zeros((3, 1)))
    assert np.count_nonzero(layer.W) == layer.W.size


@pytest.mark.parametrize("init", ["article", 0.5])
def test_article_and_explicit_scales_draw_random_biases(init):
    layer = Layer(4, 3, ReLU(), init=init, rng=0)
    assert np.count_nonzero(layer.B) == 3


# --- initial weights pinned: a change of initialisation shows here, not only in notebooks ---


def test_initial_weights_for_fixed_seeds_are_pinned():
    # numpy's default_rng (PCG64) and its normal draws are the same on every platform
    he = Layer(3, 2, ReLU(), rng=0)                       # He: randn * sqrt(2 / 3)
    np.testing.assert_allclose(he.W, [[0.102658295642, -0.107863169201, 0.522902904436],
                                      [0.085650586994, -0.437372211694, 0.295241126014]],
                               rtol=1e-11)
    np.testing.assert_array_equal(he.B, np.zeros((2, 1)))       # He and Xavier: zero biases
    xavier = Layer(2, 2, Identity(), init="xavier", rng=1)   # randn * sqrt(2 / 4)
    np.testing.assert_allclose(xavier.W, [[0.244364925680, 0.580971760816],
                                          [0.233654297325, -0.921471315420]], rtol=1e-11)
    np.testing.assert_array_equal(xavier.B, np.zeros((2, 1)))
    # NeuronLayer: neuron by neuron, w then b, randn * 0.01
    nl = NeuronLayer(2, 2, ReLU(), rng=0)
    np.testing.assert_allclose(nl.W, [[0.00125730221093, -0.00132104863291],
                                      [0.00104900117153, -0.00535669373161]], rtol=1e-11)
    np.testing.assert_allclose(nl.B, [[0.00640422650443], [0.00361595054909]], rtol=1e-11)
