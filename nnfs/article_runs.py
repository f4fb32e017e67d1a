"""The article's first test, trained from many random draws at once (notebook 04's experiment).

The article trains a 5 -> 10 ReLU -> 10 ReLU -> 2 network one sample at a time, every
update clipped to [-1, 1], with a list of Neuron objects per layer. ``train_many`` is that
loop with one matrix per layer and one more axis in front, the draw: ``W`` of shape
(D, n_out, n_in) holds that layer's weights in D networks, and ``@`` multiplies each
network's matrices on their own. The article's bugs are switches, so that each can be
turned on and off alone (notebook 04, section 5).
"""

import numpy as np

SIZES = ((5, 10), (10, 10), (10, 2))      # (n_in, n_out) of the article's three layers
BACKWARDS = ("printed", "fixed")
OUTPUTS = ("element-wise", "exact", "identity")


def article_init(rng, sizes=SIZES, scale=0.01):
    """One network as the article draws it: per layer (W, B) of shapes (n_out, n_in), (n_out, 1).

    Neuron by neuron, its weight row ``randn(1, n_in) * scale`` and then its bias
    ``randn(1, 1) * scale``, in the order the article's Neuron objects draw them."""
    start = []
    for n_in, n_out in sizes:
        draws = rng.standard_normal((n_out, n_in + 1)) * scale     # row i: neuron i's w, b
        start.append((draws[:, :n_in], draws[:, n_in:]))
    return start


def start_weights(normals, init, sizes=SIZES):
    """Per layer (W, B) of shapes (D, n_out, n_in), (D, n_out, 1) from standard normal draws.

    normals: per layer (W, B) draws of those shapes. init: a number (weights and biases
    are the draws times it, as the article does with 0.01) or "he" (weights times
    sqrt(2 / n_in), biases 0)."""
    if init == "he":
        return [(W * np.sqrt(2 / n_in), np.zeros_like(B))
                for (n_in, _), (W, B) in zip(sizes, normals, strict=True)]
    if isinstance(init, str):
        raise ValueError(f"init must be a number or 'he', got {init!r}")
    return [(W * init, B * init) for W, B in normals]


def _softmax(Z):                                   # Z: (D, n_out, 1), one column per network
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)


def forward_many(weights, X, output):
    """The outputs of D networks: X (n_in, N), samples as columns -> A (D, n_out, N).

    weights: per layer (W, B), shapes (D, n_out, n_in) and (D, n_out, 1); hidden layers
    ReLU, the last Identity (output "identity") or Softmax (any other output)."""
    A = X
    for k, (W, B) in enumerate(weights):
        Z = W @ A + B
        A = np.maximum(Z, 0) if k < len(weights) - 1 else (
            Z if output == "identity" else _softmax(Z))
    return A


def train_many(start, x, y, lr, epochs, backward, output, return_weights=False):
    """The article's training loop for D networks at once; their mean MSE per epoch, (epochs, D).

    start: per layer (W, B), shapes (D, n_out, n_in) and (D, n_out, 1); network d is
        W[d], B[d]. Hidden layers are ReLU. x: (N, n_in), y: (N, n_out) samples, one per row.
    lr: one learning rate, or one per network, shape (D, 1, 1).
    backward: "printed" (each neuron sends back its updated w^T, not w^T dL/dz: errata 2
        and 3) or "fixed" (W^T dL/dZ, with the weights before the update).
    output: "element-wise" (Softmax with the article's derivative s (1 - s), erratum 8),
        "exact" (Softmax through its Jacobian) or "identity".
    Every update is clipped to [-1, 1], as the article's neurons clip theirs. With
    ``return_weights``, returns (losses, the trained per layer (W, B)); ``start`` is unchanged."""
    if backward not in BACKWARDS:
        raise ValueError(f"backward must be one of {BACKWARDS}, got {backward!r}")
    if output not in OUTPUTS:
        raise ValueError(f"output must be one of {OUTPUTS}, got {output!r}")
    Ws = [np.array(W, dtype=float) for W, _ in start]
    Bs = [np.array(B, dtype=float) for _, B in start]
    last = len(Ws) - 1
    losses = np.zeros((epochs, len(Ws[0])))
    for epoch in range(epochs):
        total = 0.0
        for xi, yi in zip(x, y, strict=True):
            A, inputs, Zs = xi.reshape(-1, 1), [], []
            for k in range(last + 1):                              # forward
                inputs.append(A)
                Zs.append(Ws[k] @ A + Bs[k])                       # (D, n_out, 1)
                if k < last:
                    A = np.maximum(Zs[k], 0)
                else:
                    A = Zs[k] if output == "identity" else _softmax(Zs[k])
            diff = A - yi.reshape(-1, 1)                           # (D, n_out, 1)
            total = total + diff * diff
            dLdA = 2 * diff / diff.shape[1]                        # MSE: mean over the outputs
            for k in range(last, -1, -1):                          # backward
                W, Z = Ws[k], Zs[k]
                if k < last:
                    dLdZ = dLdA * (Z > 0)
                elif output == "identity":
                    dLdZ = dLdA
                elif output == "element-wise":
                    dLdZ = dLdA * A * (1 - A)                      # erratum 8
                else:
                    dLdZ = A * (dLdA - np.sum(dLdA * A, axis=1, keepdims=True))
                sent = np.swapaxes(W, 1, 2) @ dLdZ                 # W^T dL/dZ, W before update
                W -= lr * np.clip(dLdZ * np.swapaxes(inputs[k], -1, -2), -1, 1)
                Bs[k] -= lr * np.clip(dLdZ, -1, 1)
                if backward == "printed":                          # sum of the updated rows w_i^T
                    sent = np.swapaxes(W, 1, 2) @ np.ones((W.shape[1], 1))
                dLdA = sent
        losses[epoch] = total.mean(axis=(1, 2)) / len(x)
    return (losses, list(zip(Ws, Bs, strict=True))) if return_weights else losses


def run_settings(settings, normals, x, y, epochs, nudge=1e-12, sizes=SIZES):
    """Every setting from the D draws ``normals``, and again from the draws times (1 + nudge).

    settings: (label, backward, output, init, learning rate) tuples; normals: per layer
    (W, B) standard normal draws, shapes (D, n_out, n_in) and (D, n_out, 1). Settings that
    differ only in init and learning rate share one call of ``train_many``, side by side
    on the draw axis. Returns {label: losses} and {label: losses of the twins}, each
    (epochs, D). A steady run ends where its twin ends; a chaotic one does not."""
    D = len(normals[0][0])
    runs, twins = {}, {}
    for code_path in dict.fromkeys(s[1:3] for s in settings):      # (backward, output)
        group = [s for s in settings if s[1:3] == code_path]
        starts = [start_weights([(W * f, B * f) for W, B in normals], init, sizes)
                  for f in (1, 1 + nudge) for _, _, _, init, _ in group]
        side_by_side = [tuple(np.concatenate(arrays) for arrays in zip(*layer, strict=True))
                        for layer in zip(*starts, strict=True)]               # per layer (W, B)
        lr = np.tile(np.repeat([s[4] for s in group], D), 2).reshape(-1, 1, 1)
        losses = train_many(side_by_side, x, y, lr, epochs, *code_path)
        twin_at = len(group) * D
        for k, (label, *_) in enumerate(group):
            runs[label] = losses[:, k * D:(k + 1) * D]
            twins[label] = losses[:, twin_at + k * D:twin_at + (k + 1) * D]
    return runs, twins
