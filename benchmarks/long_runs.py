#!/usr/bin/env python3
"""The course's runs too long for a notebook: prints the numbers the notebooks quote.

    python benchmarks/long_runs.py            # everything: about 10 minutes on 2 cores
    python benchmarks/long_runs.py 06         # only what notebook 06 quotes (or 07)

`make long-runs` runs it. It is a measurement, not a test: `make test` does not run it, and
nothing checks the notebooks' prose against what it prints. When a notebook's draw or set-up
changes (after `make notebooks`), run it again and update the numbers the notebook quotes; each
notebook says which of its numbers come from here.

Two kinds of runs:
  * the notebooks' own draws, continued for the article's full 10 000 epochs. A notebook that
    quotes such a run prints the seed of its draw ("article draw, seed N"); this script reads
    that line from the stored notebook and rebuilds the same weights with nnfs;
  * many draws of one set-up, to say how often a result of the notebook's single draw happens.
    These draws come from this script's own generator (seed 2024).

The article's set-up trains a 5 -> 2 ReLU -> 2 Identity network one sample at a time: 10 000
epochs are about 10 million updates, 5-10 minutes through nnfs. For that tiny network this
script does the same arithmetic in plain Python floats (a few µs per update), or for many draws
at once with NumPy, and first checks both against nnfs.Network.train on a short run.
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import sys
import time
from pathlib import Path

import numpy as np

import nnfs
from nnfs.data import make_series, train_test_split, window

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
TARGET = 0.03905                       # the article's last printed average error
FULL = 10_000                          # the article's number of epochs
x, y = window(make_series(), window_size=5, forecast_size=2)
MEAN_LOSS = float(np.mean((y - y.mean(axis=0)) ** 2))     # always predicting the mean target
own = np.random.default_rng(2024)


def stored_seed(notebook, label):
    """The seed a stored notebook printed as '<label>, seed N'."""
    cells = json.loads((NOTEBOOKS / notebook).read_text(encoding="utf-8"))["cells"]
    text = "".join("".join(out.get("text", ""))
                   for cell in cells for out in cell.get("outputs", []))
    found = re.findall(rf"{re.escape(label)}, seed (\d+)", text)
    if len(found) != 1:
        sys.exit(f"{notebook}: expected one printed '{label}, seed N', found {len(found)}; "
                 "run `make notebooks` first")
    return int(found[0])


def net_522(init, gen):
    """5 -> 2 ReLU -> 2 Identity with MSE, as notebooks 06 and 07 build it."""
    return nnfs.Network([nnfs.Layer(5, 2, nnfs.ReLU(), init=init, rng=gen),
                         nnfs.Layer(2, 2, nnfs.Identity(), init=init, rng=gen)], nnfs.MSE())


def make_net(sizes, init, gen):
    """ReLU hidden layers, Identity output, MSE: notebook 07's make_net."""
    layers = [nnfs.Layer(n_in, n_out, nnfs.ReLU() if i < len(sizes) - 2 else nnfs.Identity(),
                         init=init, rng=gen)
              for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:], strict=True))]
    return nnfs.Network(layers, nnfs.MSE())


def units_on(net, X=x):
    """Per first-layer unit: the share of the rows of X on which z > 0."""
    return (net.layers[0].W @ X.T + net.layers[0].B > 0).mean(axis=1)


def forecast_spread(net):
    """The larger std over the 994 samples of the two outputs: 0 for a constant forecast."""
    return float(net.predict(x).std(axis=0).max())


# ---- per-sample SGD of one 5-2-2 network, in order, in plain Python floats --------------
def scalar_sgd(net, lr, epochs, keep=()):
    """Train net (in place) on all of x, y in order; return the epoch losses and snapshots.

    keep: epoch counts after which to keep a copy of the network ({count: Network}).
    The same updates as nnfs.Network.train(x, y, lr, epochs), written out for 5-2-2.
    """
    (w00, w01, w02, w03, w04), (w10, w11, w12, w13, w14) = net.layers[0].W.tolist()
    (v00, v01), (v10, v11) = net.layers[1].W.tolist()
    c0, c1 = net.layers[0].B.ravel().tolist()
    d0, d1 = net.layers[1].B.ravel().tolist()
    rows = list(zip(x.tolist(), y.tolist(), strict=True))
    losses, kept = [], {}

    def write_back():
        net.layers[0].W[:] = [[w00, w01, w02, w03, w04], [w10, w11, w12, w13, w14]]
        net.layers[1].W[:] = [[v00, v01], [v10, v11]]
        net.layers[0].B[:, 0], net.layers[1].B[:, 0] = [c0, c1], [d0, d1]

    for epoch in range(epochs):
        total = 0.0
        for (x0, x1, x2, x3, x4), (t0, t1) in rows:
            z0 = w00 * x0 + w01 * x1 + w02 * x2 + w03 * x3 + w04 * x4 + c0
            z1 = w10 * x0 + w11 * x1 + w12 * x2 + w13 * x3 + w14 * x4 + c1
            a0, a1 = (z0 if z0 > 0 else 0.0), (z1 if z1 > 0 else 0.0)
            e0 = v00 * a0 + v01 * a1 + d0 - t0          # dL/dA: MSE over 2 outputs, batch 1
            e1 = v10 * a0 + v11 * a1 + d1 - t1
            total += e0 * e0 + e1 * e1
            g0 = (v00 * e0 + v10 * e1) if z0 > 0 else 0.0       # dL/dz of the hidden units
            g1 = (v01 * e0 + v11 * e1) if z1 > 0 else 0.0
            v00 -= lr * e0 * a0
            v01 -= lr * e0 * a1
            v10 -= lr * e1 * a0
            v11 -= lr * e1 * a1
            d0 -= lr * e0
            d1 -= lr * e1
            if g0:
                w00 -= lr * g0 * x0
                w01 -= lr * g0 * x1
                w02 -= lr * g0 * x2
                w03 -= lr * g0 * x3
                w04 -= lr * g0 * x4
                c0 -= lr * g0
            if g1:
                w10 -= lr * g1 * x0
                w11 -= lr * g1 * x1
                w12 -= lr * g1 * x2
                w13 -= lr * g1 * x3
                w14 -= lr * g1 * x4
                c1 -= lr * g1
        losses.append(total / (2 * len(rows)))
        if epoch + 1 in keep:
            write_back()
            kept[epoch + 1] = copy.deepcopy(net)
    write_back()
    return np.array(losses), kept


# ---- per-sample SGD of many 5-2-2 networks at once, in NumPy ------------------------------
def batched_sgd(nets, xs, ys, lr, orders):
    """Train every net of the list (in place) one sample at a time; return (draws, epochs) losses.

    orders: (epochs, N) sample order shared by all nets, or (draws, epochs, N) one per net.
    """
    W1 = np.stack([np.hstack([n.layers[0].W, n.layers[0].B]) for n in nets])   # (D, 2, 6)
    W2 = np.stack([np.hstack([n.layers[1].W, n.layers[1].B]) for n in nets])   # (D, 2, 3)
    xa = np.hstack([xs, np.ones((len(xs), 1))])
    orders = np.asarray(orders)
    shared = orders.ndim == 2
    epochs, n = orders.shape[-2:]
    losses = np.zeros((len(nets), epochs))
    A1 = np.ones((len(nets), 3))
    for epoch in range(epochs):
        total = np.zeros(len(nets))
        for k in range(n):
            i = orders[epoch, k] if shared else orders[:, epoch, k]
            Xi, Yi = xa[i], ys[i]
            Z1 = W1 @ Xi if shared else np.einsum("dij,dj->di", W1, Xi)
            np.maximum(Z1, 0, out=A1[:, :2])
            E = np.einsum("dij,dj->di", W2, A1) - Yi
            total += np.einsum("di,di->d", E, E)
            dZ1 = np.einsum("dij,di->dj", W2[:, :, :2], E) * (Z1 > 0)
            W2 -= lr * (E[:, :, None] * A1[:, None, :])
            W1 -= lr * (dZ1[:, :, None] * (Xi if shared else Xi[:, None, :]))
        losses[:, epoch] = total / (2 * n)
    for net, w1, w2 in zip(nets, W1, W2, strict=True):
        net.layers[0].W[:], net.layers[0].B[:] = w1[:, :5], w1[:, 5:]
        net.layers[1].W[:], net.layers[1].B[:] = w2[:, :2], w2[:, 2:]
    return losses


def shuffled_orders(seed, epochs, n):
    """The orders nnfs.Network.train(shuffle=True, seed=seed) visits: (epochs, n)."""
    gen = np.random.default_rng(seed)
    return np.stack([gen.permutation(n) for _ in range(epochs)])


def check_simulations():
    """Both simulations against nnfs.Network.train, on short runs."""
    net = net_522("article", own)
    ref = copy.deepcopy(net)
    ref_hist = np.asarray(ref.train(x, y, 1e-4, 3))
    scalar_hist, _ = scalar_sgd(net, 1e-4, 3)
    np.testing.assert_allclose(scalar_hist, ref_hist, rtol=1e-12, atol=0)
    for mine, theirs in zip(net.layers, ref.layers, strict=True):
        np.testing.assert_allclose(mine.W, theirs.W, rtol=1e-9, atol=1e-15)
        np.testing.assert_allclose(mine.B, theirs.B, rtol=1e-9, atol=1e-15)
    nets = [net_522("he", own) for _ in range(3)]
    seeds = own.integers(1_000_000, size=3)
    refs = [copy.deepcopy(net) for net in nets]
    hists = [np.asarray(ref.train(x, y, 0.05, 2, shuffle=True, seed=int(s)))
             for ref, s in zip(refs, seeds, strict=True)]
    losses = batched_sgd(nets, x, y, 0.05, [shuffled_orders(int(s), 2, len(x)) for s in seeds])
    np.testing.assert_allclose(losses, hists, rtol=1e-10, atol=0)
    for net, ref in zip(nets, refs, strict=True):
        np.testing.assert_allclose(net.layers[1].W, ref.layers[1].W, rtol=1e-9, atol=1e-12)
    print("simulations checked against nnfs.Network.train: same losses and weights\n")


def settled(losses, tol=1e-5):
    """The first epoch count from which every later loss is within tol of the last one."""
    off = np.flatnonzero(np.abs(losses - losses[-1]) >= tol)
    return int(off[-1]) + 2 if len(off) else 1


def reached(losses, target=TARGET):
    """How many epochs until a loss is first below target (None: never)."""
    below = np.flatnonzero(np.asarray(losses) < target)
    return int(below[0]) + 1 if len(below) else None


def share(flags):
    flags = np.asarray(flags, dtype=bool)
    return f"{flags.mean():.0%} ({flags.sum()} of {len(flags)})"


# ---- notebook 06 ----------------------------------------------------------------------------
def part_06():
    seed = stored_seed("06_network.ipynb", "article draw")
    print(f"== 06_network, the article's draw (seed {seed}), {FULL} epochs, learning rate 1e-4")
    start = net_522("article", np.random.default_rng(seed))

    article = copy.deepcopy(start)                  # the article's loop: samples 0-4 only
    log = np.asarray(article.train(x[:5], y[:5], 1e-4, FULL))
    at = [*range(0, FULL - 1, 2000), FULL - 1]               # the article printed 0, 2000, ...
    print(f"article loop (samples 0-4): log at epochs {at}:",
          " ".join(f"{log[e]:.5f}" for e in at))
    print(f"  after {FULL} epochs: MSE on samples 0-4 {article.evaluate(x[:5], y[:5]):.4f}, "
          f"on all {article.evaluate(x, y):.4f} (predict the mean: {MEAN_LOSS:.4f})")

    corrected = copy.deepcopy(start)                # every sample, in order
    log, kept = scalar_sgd(corrected, 1e-4, FULL, keep=(40, 200, 1000))
    print(f"corrected (all 994 samples): log after 40, 200, 1000, {FULL} epochs:",
          " ".join(f"{log[e - 1]:.5f}" for e in (40, 200, 1000, FULL)))
    print(f"  within 1e-5 of its last value ({log[-1]:.5f}) from epoch count {settled(log)} on; "
          f"predict the mean: {MEAN_LOSS:.5f}; reaches {TARGET} after: {reached(log) or 'never'}")
    for count, net in [*kept.items(), (FULL, corrected)]:
        print(f"  after {count:6d} epochs: units on {units_on(net)}, forecast spread "
              f"{forecast_spread(net):.0e}")

    draws = 200
    print(f"\n== 06_network section 4 over {draws} He draws: 5-2-2, lr 0.05, 10 epochs, "
          "batch 1, shuffled")
    x_train, y_train, x_test, y_test = train_test_split(x, y, test_fraction=0.2)
    nets = [net_522("he", own) for _ in range(draws)]
    dead_start = np.array([np.sum(units_on(net, x_train) == 0) for net in nets])
    seeds = own.integers(1_000_000, size=draws)
    batched_sgd(nets, x_train, y_train, 0.05,
                [shuffled_orders(int(s), 10, len(x_train)) for s in seeds])
    test = np.array([net.evaluate(x_test, y_test) for net in nets])
    mean_test = float(np.mean((y_train.mean(axis=0) - y_test) ** 2))
    last_test = float(np.mean((x_test[:, [-1, -1]] - y_test) ** 2))
    dead_end = np.array([np.sum(units_on(net, x_train) == 0) for net in nets])
    print(f"test MSE: median {np.median(test):.4f}; predict the mean {mean_test:.4f}, "
          f"repeat the last value {last_test:.4f}")
    print(f"  below half the mean forecast's: {share(test < mean_test / 2)}; "
          f"below the last value's: {share(test < last_test)}")
    print(f"  dead units (off on every training sample) at the start: one {share(dead_start == 1)}"
          f", both {share(dead_start == 2)}; at the end: one {share(dead_end == 1)}, "
          f"both {share(dead_end == 2)}")
    print(f"  no better than half the mean forecast: {share(test >= mean_test / 2)}, of which "
          f"with a dead unit at the end: {share(dead_end[test >= mean_test / 2] > 0)}")


# ---- notebook 07 ----------------------------------------------------------------------------
def part_07(article_draws, article_epochs):
    seed = stored_seed("07_batches_and_optimizers.ipynb", "article draw")
    print(f"\n== 07 section 9, the article's draw (seed {seed}), {FULL} epochs, per sample, "
          "lr 1e-4")
    start = net_522("article", np.random.default_rng(seed))
    net = copy.deepcopy(start)
    log, kept = scalar_sgd(net, 1e-4, FULL, keep=(40, 600, 2000))
    n = reached(log)
    print(f"reaches {TARGET}: {f'after {n} epochs' if n else 'never'}; last loss "
          f"{log[-1]:.5f}, within 1e-5 of it from epoch count {settled(log)} on")
    for count, snapshot in [(0, start), *kept.items(), (FULL, net)]:
        print(f"  after {count:6d} epochs: units on {units_on(snapshot)}")

    print(f"\n== 07 section 9, the article's set-up over {article_draws} draws, "
          f"{article_epochs} epochs each")
    nets = [net_522("article", own) for _ in range(article_draws)]
    dead_start = np.array([np.sum(units_on(n) == 0) for n in nets])
    t0 = time.perf_counter()
    losses = batched_sgd(nets, x, y, 1e-4, np.tile(np.arange(len(x)), (article_epochs, 1)))
    counts = np.array([reached(h) or 0 for h in losses])
    got = counts > 0
    print(f"reach {TARGET} within {article_epochs} epochs: {share(got)}"
          + (f"; after a median of {int(np.median(counts[got]))} epochs "
             f"(fastest {counts[got].min()}, slowest {counts[got].max()})" if got.any() else ""))
    print(f"  still within 1e-4 of the mean forecast's loss at the end: "
          f"{share(np.abs(losses[:, -1] - MEAN_LOSS) < 1e-4)}")
    dead_end = np.array([np.sum(units_on(n) == 0) for n in nets])
    print(f"  both units dead at the start: {share(dead_start == 2)}, of which reach: "
          f"{share(got[dead_start == 2])}; at the end: {share(dead_end == 2)}, of which reach: "
          f"{share(got[dead_end == 2])}")
    print(f"  ({time.perf_counter() - t0:.0f} s)")

    draws = 200
    print(f"\n== 07 section 9, 5-2-2 He, Adam 0.01, batch 32, 20 epochs, over {draws} draws")
    ok, stuck, dead, dead_end = [], [], [], []
    for _ in range(draws):
        small = net_522("he", own)
        dead.append(np.sum(units_on(small) == 0))
        h = small.train(x, y, 0.01, 20, batch_size=32, shuffle=True,
                        seed=int(own.integers(1_000_000)), optimizer="adam")
        ok.append(reached(h) is not None)
        stuck.append(abs(h[-1] - MEAN_LOSS) < 1e-3)
        dead_end.append(np.sum(units_on(small) == 0))
    dead, dead_end, stuck = np.array(dead), np.array(dead_end), np.array(stuck)
    print(f"reach {TARGET} within 20 epochs: {share(ok)}; end at the mean forecast: "
          f"{share(stuck)}; both units dead at the start: {share(dead == 2)}, one: "
          f"{share(dead == 1)}")
    print(f"  of those at the mean forecast, units dead at the end: both "
          f"{share(dead_end[stuck] == 2)}, at least one {share(dead_end[stuck] >= 1)}")

    draws = 100
    print(f"\n== 07 section 6, three inits, 5-10-10-2, SGD 0.05, batch 32, 20 epochs, "
          f"{draws} draws")
    finals = {init: [] for init in ("article", "xavier", "he")}
    for _ in range(draws):
        seed, train_seed = (int(s) for s in own.integers(1_000_000, size=2))
        for init in finals:
            net = make_net([5, 10, 10, 2], init, np.random.default_rng(seed))
            h = net.train(x, y, 0.05, 20, batch_size=32, shuffle=True, seed=train_seed)
            finals[init].append(h[-1])
    finals = {init: np.array(f) for init, f in finals.items()}
    print(f"article within 2% of the mean forecast's loss: "
          f"{share(np.abs(finals['article'] - MEAN_LOSS) < 0.02 * MEAN_LOSS)}")
    for init in ("xavier", "he"):
        print(f"{init} below half the mean forecast's loss: "
              f"{share(finals[init] < MEAN_LOSS / 2)}; median last loss "
              f"{np.median(finals[init]):.4f}")

    print(f"\n== 07 section 7, SGD / momentum / Adam, 5-10-10-2, lr 0.01, batch 32, 20 epochs, "
          f"{draws} draws")
    finals = {name: [] for name in ("sgd", "momentum", "adam")}
    for _ in range(draws):
        start = make_net([5, 10, 10, 2], "he", own)
        train_seed = int(own.integers(1_000_000))
        for name in finals:
            h = copy.deepcopy(start).train(x, y, 0.01, 20, batch_size=32, shuffle=True,
                                           seed=train_seed, optimizer=name)
            finals[name].append(h[-1])
    finals = {name: np.array(f) for name, f in finals.items()}
    print(f"adam below sgd: {share(finals['adam'] < finals['sgd'])}; momentum below sgd: "
          f"{share(finals['momentum'] < finals['sgd'])}; adam below momentum: "
          f"{share(finals['adam'] < finals['momentum'])}")
    print("median last loss: " + ", ".join(f"{n} {np.median(f):.4f}" for n, f in finals.items()))

    draws, sizes = 30, [1, 8, 32, 128, len(x)]
    print(f"\n== 07 section 5, batch sizes {sizes}, 5-10-10-2, SGD 0.05, 10 epochs, "
          f"{draws} draws")
    rows = []
    for _ in range(draws):
        start = make_net([5, 10, 10, 2], "he", own)
        train_seed = int(own.integers(1_000_000))
        rows.append([copy.deepcopy(start).train(x, y, 0.05, 10, batch_size=bs, shuffle=True,
                                                seed=train_seed)[-1] for bs in sizes])
    rows = np.array(rows)
    print(f"last loss grows with the batch size from 8 on: "
          f"{share(np.all(np.diff(rows[:, 1:], axis=1) > 0, axis=1))}; from 32 on: "
          f"{share(np.all(np.diff(rows[:, 2:], axis=1) > 0, axis=1))}")
    print(f"  lowest with batch 1: {share(rows.argmin(axis=1) == 0)}, with batch 8: "
          f"{share(rows.argmin(axis=1) == 1)}; median last loss by batch size: "
          + " ".join(f"{v:.4f}" for v in np.median(rows, axis=0)))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("parts", nargs="*", metavar="06|07",
                        help="only the numbers of these notebooks (default: both)")
    parser.add_argument("--article-draws", type=int, default=100)
    parser.add_argument("--article-epochs", type=int, default=2000)
    args = parser.parse_args(argv)
    parts = args.parts or ["06", "07"]
    if not set(parts) <= {"06", "07"}:
        parser.error(f"parts must be 06 or 07, got {parts}")
    t0 = time.perf_counter()
    check_simulations()
    if "06" in parts:
        part_06()
    if "07" in parts:
        part_07(args.article_draws, args.article_epochs)
    print(f"\n(total {time.perf_counter() - t0:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
