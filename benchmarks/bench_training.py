#!/usr/bin/env python3
"""How fast does nnfs train? A benchmark: it measures, prints and exits 0.

    python benchmarks/bench_training.py             # measure and print
    python benchmarks/bench_training.py --check     # also exit 1 if a target is missed
    python benchmarks/bench_training.py --rounds 31 # more rounds, steadier medians
    python benchmarks/bench_training.py --wall      # judge the targets on elapsed time

What it measures. Every comparison is interleaved in one run: the contenders
take turns round by round, in ABBA order, so that a slow spell of a shared
machine hits all of them alike. Each figure is the median time per epoch over
the rounds, with its min and max; a ratio is the ratio of the medians, and the
min .. max of the round-by-round ratios shows how much it moved.

1. The per-sample cost of nnfs's checks and abstraction: ``Network.train``
   with ``batch_size=1`` on the course's series (994 samples) against a bare
   NumPy loop written here that does the same maths per sample: the same
   column slices of a contiguous (features, N) array, Z = W @ X + B, ReLU by
   np.maximum, the MSE loss computed and summed every sample (vdot / size),
   dLdZ, dLdW = dLdZ @ X.T, dLdB summed over axis 1, dLdA_prev = W.T @ dLdZ,
   in-place updates. Both start from the same weights and must end the first
   epoch with the same weights (to 1e-12), or the benchmark stops with an
   error: the comparison is honest only if both did the same work.
   Target: nnfs takes at most 1.3 times as long as the bare loop.
2. Full-batch training (``batch_size=None``) against per-sample training
   (``batch_size=1``) with nnfs on 1000 samples, time per epoch.
   Target: full batch at least 200 times faster per epoch.
3. For information: the article's network of ``NeuronLayer`` s (lists of
   neurons) against the ``Layer`` network, per sample; and the time per epoch
   of mini-batches of 1, 8, 32, 128 and 1000 samples.

The bare loop is what a competent NumPy programmer would write, with no trick
nnfs could not use: it skips the gradient with respect to the network's input
(nobody uses it) and uses ``pred - y`` for both the loss and its gradient.

Two clocks. "CPU" is the CPU time of this thread: everything timed here runs
on one thread (the matrices are far below the size at which OpenBLAS starts
threads; the benchmark checks that the other threads stayed idle), so it
counts the work and not the time spent waiting while other programs had the
CPU. "wall" is elapsed time. Targets are judged on CPU time unless ``--wall``
is given or this thread's CPU clock is coarse (Windows).

BLAS threads are not pinned: the benchmark sets no environment variable
(some machines set OPENBLAS_CORETYPE on purpose), and threadpoolctl, which
could limit them at run time, is not a dependency of the course.
"""

import argparse
import gc
import os
import platform
import statistics
import sys
import time

import numpy as np

import nnfs
from nnfs import MSE, Identity, Layer, Network, NeuronLayer, ReLU
from nnfs.data import make_series, window

LEARNING_RATE = 0.01
RATIO_TARGET = 1.3          # section 1: nnfs / bare loop, at most
FULL_BATCH_TARGET = 200.0   # section 2: per-sample / full-batch time per epoch, at least
SAME_WEIGHTS_TOL = 1e-12
SIZES = (5, 10, 10, 2)      # inputs, hidden, hidden, outputs
NNFS, BARE = "nnfs Network.train(batch_size=1)", "bare NumPy loop"


# ---------------------------------------------------------------- contenders

def make_network(seed, neuron_layers=False):
    """Layer(5, 10, ReLU) -> Layer(10, 10, ReLU) -> Layer(10, 2, Identity), MSE."""
    rng = np.random.default_rng(seed)
    acts = (ReLU(), ReLU(), Identity())
    layers = [Layer(n_in, n_out, act, rng=rng)
              for n_in, n_out, act in zip(SIZES[:-1], SIZES[1:], acts, strict=True)]
    if not neuron_layers:
        return Network(layers, MSE())
    # The same weights, held neuron by neuron; clip=None so that the maths is Layer's.
    neuron_net = Network([NeuronLayer(layer.input_size, layer.layer_size, act, clip=None)
                          for layer, act in zip(layers, acts, strict=True)], MSE())
    for neuron_layer, layer in zip(neuron_net.layers, layers, strict=True):
        neuron_layer.W, neuron_layer.B = layer.W, layer.B
    return neuron_net


def params_of(net):
    """Copies of every (W, B), for the bare loop to own and update."""
    return [(layer.W.copy(), layer.B.copy()) for layer in net.layers]


def bare_epoch(params, x, y, learning_rate):
    """One epoch of per-sample SGD on the 5-10-10-2 network, in plain NumPy.

    params: [(W1, B1), (W2, B2), (W3, B3)], updated in place. x: (N, 5),
    y: (N, 2). Returns the mean of the samples' MSE losses, as nnfs does.
    """
    (W1, B1), (W2, B2), (W3, B3) = params
    X_all, Y_all = np.ascontiguousarray(x.T), np.ascontiguousarray(y.T)
    n = X_all.shape[1]
    lr = learning_rate
    maximum, vdot = np.maximum, np.vdot
    total = 0.0
    for i in range(n):
        X = X_all[:, i:i + 1]
        Y = Y_all[:, i:i + 1]
        # forward
        Z1 = W1 @ X + B1
        A1 = maximum(Z1, 0.0)
        Z2 = W2 @ A1 + B2
        A2 = maximum(Z2, 0.0)
        Z3 = W3 @ A2 + B3                     # Identity: A3 = Z3
        # the loss and its gradient
        diff = Z3 - Y
        total += float(vdot(diff, diff)) / diff.size
        dZ3 = (2.0 / diff.size) * diff
        # backward: layer 3 (Identity)
        dW3 = dZ3 @ A2.T
        dB3 = dZ3.sum(axis=1, keepdims=True)
        dA2 = W3.T @ dZ3                      # with W3 before its update
        W3 -= lr * dW3
        B3 -= lr * dB3
        # layer 2 (ReLU)
        dZ2 = dA2 * (Z2 > 0)
        dW2 = dZ2 @ A1.T
        dB2 = dZ2.sum(axis=1, keepdims=True)
        dA1 = W2.T @ dZ2
        W2 -= lr * dW2
        B2 -= lr * dB2
        # layer 1 (ReLU): the gradient with respect to the input is not needed
        dZ1 = dA1 * (Z1 > 0)
        dW1 = dZ1 @ X.T
        dB1 = dZ1.sum(axis=1, keepdims=True)
        W1 -= lr * dW1
        B1 -= lr * dB1
    return total / n


def max_weight_diff(net, params):
    return max(float(np.max(np.abs(a - b)))
               for layer, (W, B) in zip(net.layers, params, strict=True)
               for a, b in ((layer.W, W), (layer.B, B)))


# ---------------------------------------------------------------- timing

def cpu_clock_usable():
    """Is this thread's CPU clock fine enough? (Linux, macOS: 1 ns; Windows: about 16 ms.)"""
    try:
        return time.get_clock_info("thread_time").resolution <= 1e-6
    except (AttributeError, ValueError, OSError):
        return False


class Timings:
    """Seconds per epoch of each contender, one value per round, on both clocks."""

    def __init__(self, names):
        self.cpu = {name: [] for name in names}
        self.wall = {name: [] for name in names}
        self.other_cpu = 0.0    # CPU time of the process's other threads
        self.total_cpu = 0.0

    def on(self, clock):
        return self.cpu if clock == "cpu" else self.wall


def interleave(contenders, rounds):
    """Time each contender once per round, alternating the order (ABBA...).

    contenders: [(name, run, epochs)], where ``run()`` trains ``epochs`` epochs.
    As in timeit, the garbage collector is off while a contender runs (it runs
    in between).
    """
    t = Timings([name for name, _, _ in contenders])
    for r in range(rounds):
        for name, run, epochs in (contenders if r % 2 == 0 else contenders[::-1]):
            gc.collect()
            gc.disable()
            try:
                p0, c0, w0 = time.process_time(), time.thread_time(), time.perf_counter()
                run()
                w1, c1, p1 = time.perf_counter(), time.thread_time(), time.process_time()
            finally:
                gc.enable()
            t.wall[name].append((w1 - w0) / epochs)
            t.cpu[name].append((c1 - c0) / epochs)
            t.total_cpu += p1 - p0
            t.other_cpu += max(0.0, (p1 - p0) - (c1 - c0))
    return t


def med(values):
    return statistics.median(values)


def ratio(times, a, b):
    """(median a / median b, min and max of the round-by-round ratios a / b)."""
    per_round = [ta / tb for ta, tb in zip(times[a], times[b], strict=True)]
    return med(times[a]) / med(times[b]), min(per_round), max(per_round)


def print_times(t, epochs, rounds):
    head = f"ms per epoch, {rounds} rounds"
    print(f"    {head:34s} {'CPU med':>8s} {'min':>8s} {'max':>8s}  | "
          f"{'wall med':>8s} {'min':>8s} {'max':>8s}")
    for name in t.cpu:
        cpu, wall = [1e3 * s for s in t.cpu[name]], [1e3 * s for s in t.wall[name]]
        plural = "s" if epochs[name] > 1 else ""
        print(f"    {name:34s} {med(cpu):8.3f} {min(cpu):8.3f} {max(cpu):8.3f}  | "
              f"{med(wall):8.3f} {min(wall):8.3f} {max(wall):8.3f}"
              f"   ({epochs[name]} epoch{plural} a call)")
    if t.total_cpu > 0 and t.other_cpu > 0.02 * t.total_cpu:
        print(f"    note: other threads of this process used "
              f"{100 * t.other_cpu / t.total_cpu:.0f}% of its CPU time (BLAS threads?); "
              f"the CPU column undercounts, use --wall")


def print_ratio(label, t, a, b, clock, digits):
    """Print a / b on both clocks; return the one on ``clock``."""
    cpu, wall = ratio(t.cpu, a, b), ratio(t.wall, a, b)
    print(f"    {label:34s} {cpu[0]:8.{digits}f} rounds {cpu[1]:.{digits}f}..{cpu[2]:.{digits}f}"
          f"  | {wall[0]:8.{digits}f} rounds {wall[1]:.{digits}f}..{wall[2]:.{digits}f}")
    return cpu[0] if clock == "cpu" else wall[0]


def verdict(ok):
    return "MET" if ok else "MISSED"


# ---------------------------------------------------------------- sections

def section_overhead(rounds, clock):
    x, y = window(make_series(), 5, 2)
    net = make_network(seed=1)
    params = params_of(net)
    print(f"1. Per-sample training, {len(x)} samples, 5-10-10-2 ReLU/ReLU/Identity + MSE, "
          f"lr {LEARNING_RATE}: nnfs vs a bare NumPy loop")

    # Honesty check (and warm-up): one epoch each from the same weights.
    loss_nnfs = float(net.train(x, y, LEARNING_RATE, epochs=1, batch_size=1)[-1])
    loss_bare = bare_epoch(params, x, y, LEARNING_RATE)
    diff = max_weight_diff(net, params)
    print(f"    same work: after one epoch max |W_nnfs - W_bare| = {diff:.3g} "
          f"(at most {SAME_WEIGHTS_TOL:g}), mean losses {loss_nnfs:.12g} and {loss_bare:.12g}")
    if not (diff <= SAME_WEIGHTS_TOL and abs(loss_nnfs - loss_bare) <= SAME_WEIGHTS_TOL):
        raise SystemExit("bench_training: nnfs and the bare loop disagree after one epoch, "
                         "so comparing their speed would not be honest")

    t = interleave([
        (NNFS, lambda: net.train(x, y, LEARNING_RATE, epochs=1, batch_size=1), 1),
        (BARE, lambda: bare_epoch(params, x, y, LEARNING_RATE), 1),
    ], rounds)
    print_times(t, {NNFS: 1, BARE: 1}, rounds)
    value = print_ratio("nnfs / bare, ratio of medians", t, NNFS, BARE, clock, 3)
    times = t.on(clock)
    extra_us = 1e6 * (med(times[NNFS]) - med(times[BARE])) / len(x)
    ok = value <= RATIO_TARGET
    print(f"    nnfs costs {extra_us:+.2f} us a sample more ({clock}); "
          f"target ratio <= {RATIO_TARGET}: {verdict(ok)}")
    print(f"    still the same after {rounds + 1} epochs each: max |W_nnfs - W_bare| = "
          f"{max_weight_diff(net, params):.3g}")
    return [("nnfs per sample / bare loop", f"{value:.3f}", f"<= {RATIO_TARGET}", ok)]


def section_full_batch(rounds, clock):
    x, y = window(make_series(1006), 5, 2)
    n = len(x)
    full, single = make_network(seed=2), make_network(seed=2)
    full_epochs, single_epochs = 200, 2
    print(f"2. Full batch vs per sample, {n} samples, nnfs Network.train")
    full.train(x, y, LEARNING_RATE, epochs=1, batch_size=None)     # warm-up
    single.train(x, y, LEARNING_RATE, epochs=1, batch_size=1)
    a, b = f"batch_size=None (all {n})", "batch_size=1"
    t = interleave([
        (a, lambda: full.train(x, y, LEARNING_RATE, epochs=full_epochs, batch_size=None),
         full_epochs),
        (b, lambda: single.train(x, y, LEARNING_RATE, epochs=single_epochs, batch_size=1),
         single_epochs),
    ], rounds)
    print_times(t, {a: full_epochs, b: single_epochs}, rounds)
    value = print_ratio("full batch speed-up per epoch", t, b, a, clock, 1)
    ok = value >= FULL_BATCH_TARGET
    print(f"    target speed-up >= {FULL_BATCH_TARGET:g} ({clock}): {verdict(ok)}")
    return [("full batch speed-up per epoch", f"{value:.1f}", f">= {FULL_BATCH_TARGET:g}", ok)]


def section_neuron_layers(rounds, clock):
    x, y = window(make_series(), 5, 2)
    matrix, neurons = make_network(seed=3), make_network(seed=3, neuron_layers=True)
    print(f"3a. For information: NeuronLayer (lists of neurons) vs Layer network, per sample, "
          f"{len(x)} samples")
    matrix.train(x, y, LEARNING_RATE, epochs=1, batch_size=1)       # warm-up
    neurons.train(x, y, LEARNING_RATE, epochs=1, batch_size=1)
    diff = max(float(np.max(np.abs(getattr(m, p) - getattr(nl, p))))
               for m, nl in zip(matrix.layers, neurons.layers, strict=True) for p in "WB")
    print(f"    same start, clip=None: after one epoch max |W_neurons - W_layer| = {diff:.3g}")
    a, b = "NeuronLayer network", "Layer network"
    t = interleave([
        (a, lambda: neurons.train(x, y, LEARNING_RATE, epochs=1, batch_size=1), 1),
        (b, lambda: matrix.train(x, y, LEARNING_RATE, epochs=1, batch_size=1), 1),
    ], rounds)
    print_times(t, {a: 1, b: 1}, rounds)
    print_ratio("NeuronLayer / Layer", t, a, b, clock, 2)


def section_batch_sizes(rounds, clock):
    x, y = window(make_series(1006), 5, 2)
    n = len(x)
    print(f"3b. For information: time per epoch by batch size, {n} samples")
    epochs_for = {1: 1, 8: 5, 32: 20, 128: 60, n: 200}     # about 30-50 ms a call each
    contenders, epochs = [], {}
    for bs, ep in epochs_for.items():
        net = make_network(seed=4)
        net.train(x, y, LEARNING_RATE, epochs=1, batch_size=bs)     # warm-up
        name = f"batch_size={bs}"

        def run(net=net, bs=bs, ep=ep):
            net.train(x, y, LEARNING_RATE, epochs=ep, batch_size=bs)

        contenders.append((name, run, ep))
        epochs[name] = ep
    t = interleave(contenders, rounds)
    print_times(t, epochs, rounds)
    times = t.on(clock)
    base = med(times["batch_size=1"])
    speedups = ", ".join(f"{bs}: {base / med(times[f'batch_size={bs}']):.1f}x"
                         for bs in epochs_for)
    print(f"    speed-up per epoch over batch_size=1 ({clock}): {speedups}")


# ---------------------------------------------------------------- main

def machine_info(clock):
    try:
        load = "load average " + " ".join(f"{v:.2f}" for v in os.getloadavg())
    except (AttributeError, OSError):
        load = "load average unknown"
    try:
        import threadpoolctl  # noqa: F401
        pool = "threadpoolctl is installed but not used"
    except ImportError:
        pool = "threadpoolctl is not installed"
    blas_env = ", ".join(f"{k}={v}" for k, v in sorted(os.environ.items())
                         if k.startswith(("OPENBLAS", "OMP_", "MKL_"))) or "none"
    print(f"Python {platform.python_version()}, numpy {np.__version__}, "
          f"os.cpu_count() = {os.cpu_count()}, {platform.machine()}, {load}")
    print(f"BLAS threads not pinned ({pool}); BLAS variables set: {blas_env}")
    print(f"nnfs {nnfs.__version__} from {os.path.dirname(nnfs.__file__)}")
    judged = ("CPU time of this thread" if clock == "cpu"
              else "elapsed (wall) time" + ("" if cpu_clock_usable()
                                           else ": this thread's CPU clock is too coarse"))
    print(f"targets judged on {judged}")


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Measure how fast nnfs trains. Exits 0, unless --check finds a missed "
                    "target or nnfs and the bare loop disagree (exit 1).")
    parser.add_argument("--check", action="store_true",
                        help="exit 1 if a target is missed (for maintainers)")
    parser.add_argument("--rounds", type=int, default=15,
                        help="rounds of sections 1 and 2 (section 3 runs a third as many; "
                             "default %(default)s)")
    parser.add_argument("--wall", action="store_true",
                        help="judge the targets on elapsed time instead of CPU time")
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    clock = "wall" if args.wall or not cpu_clock_usable() else "cpu"

    start = time.perf_counter()
    print("nnfs training benchmark")
    machine_info(clock)
    print()
    results = section_overhead(args.rounds, clock)
    print()
    results += section_full_batch(args.rounds, clock)
    print()
    info_rounds = max(3, args.rounds // 3)
    section_neuron_layers(info_rounds, clock)
    print()
    section_batch_sizes(info_rounds, clock)
    print()
    print(f"Targets ({clock})")
    for what, value, target, ok in results:
        print(f"    {what:34s} {value:>8s}   target {target:8s} {verdict(ok)}")
    print(f"total time {time.perf_counter() - start:.1f} s")
    missed = [what for what, _, _, ok in results if not ok]
    if missed and args.check:
        print(f"--check: {len(missed)} target(s) missed: {', '.join(missed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
