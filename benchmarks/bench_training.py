#!/usr/bin/env python3
"""How fast does nnfs train? A benchmark: it measures, prints and exits 0.

    python benchmarks/bench_training.py             # measure and print
    python benchmarks/bench_training.py --check     # also exit 1 if a target is missed
    python benchmarks/bench_training.py --rounds 31 # more rounds, steadier figures
    python benchmarks/bench_training.py --wall      # judge the targets on elapsed time

The targets (a-d: issue 8, "No wasted work"; e: issue 20):

a. Per sample, 5-10-10-2 (ReLU, ReLU, Identity, MSE), 994 samples:
   ``Network.train(batch_size=1)`` takes at most 1.25 times as long per epoch
   as a bare NumPy loop doing the same maths.
b. Full batch (``batch_size=None``) is at least 200 times faster per epoch
   than per sample (``batch_size=1``) on 1000 samples.
c. Large net 784-256-256-10 (ReLU, ReLU, Identity, MSE), batch 128, one BLAS
   thread: an nnfs training step takes at most 1.10 times as long as a bare
   NumPy step that computes only the products a step needs.
d. On that net, a float32 nnfs step is at least 1.6 times faster than a
   float64 one. Needs ``Layer(..., dtype=...)``; an nnfs without it misses.
e. On that net, one ``train`` call of one epoch (12 steps of 128), with its
   fixed cost (checks, weight snapshot, batches), takes at most 1.10 times as
   long as a bare loop doing the same steps on row slices of x (issue 20).

The bare loops are what a competent NumPy programmer would write, with no
trick nnfs could not use: the same column slices of a contiguous (features, N)
copy of x, Z = W @ X + B, ReLU by np.maximum, the MSE loss summed every step,
dLdZ, dLdW = dLdZ @ X^T, dLdB summed over the batch, dL/dA_prev = W^T @ dLdZ
(not for the first layer: nobody uses the gradient with respect to the data),
in-place updates. Before and after the timing, nnfs and the bare loop must
hold the same weights (to 1e-12), or the benchmark stops with an error: a
speed comparison is honest only if both did the same work.

How it measures. The contenders of a section take turns round by round, in
ABBA order. The clock is the CPU time of this thread (``--wall``: elapsed
time): it counts the work and not the time spent waiting while other programs
had the CPU. A ratio is the median of the round-by-round ratios: the two
contenders of a round ran one right after the other, so a slow spell of a
shared machine that outlasts a round cancels in their ratio, and the median
drops the rounds a spell hit unevenly. The quartiles of those ratios, and the
ratio of the best rounds (timeit's statistic), are printed beside it.

One BLAS thread, everywhere: with threadpoolctl installed, by
``threadpool_limits(1, "blas")``; without it, this script re-executes itself
with OPENBLAS_NUM_THREADS=1, OMP_NUM_THREADS=1 and MKL_NUM_THREADS=1 set
before NumPy is imported. Nothing else in the environment is changed:
OPENBLAS_CORETYPE, which some machines set on purpose, forces a BLAS kernel
(the script prints the one in use); to measure without it, run
``env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE make bench``.
"""

import argparse
import gc
import glob
import importlib.util
import inspect
import os
import platform
import statistics
import subprocess
import sys
import time

PIN_VARS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
HAVE_THREADPOOLCTL = importlib.util.find_spec("threadpoolctl") is not None

if (__name__ == "__main__" and not HAVE_THREADPOOLCTL
        and any(os.environ.get(var) != "1" for var in PIN_VARS)):
    # BLAS reads its thread count when NumPy loads it: set it, then start again.
    env = dict(os.environ, **dict.fromkeys(PIN_VARS, "1"))
    sys.exit(subprocess.call([sys.executable, *sys.argv], env=env))

import numpy as np  # noqa: E402

import nnfs  # noqa: E402
from nnfs import MSE, Identity, Layer, Network, NeuronLayer, ReLU  # noqa: E402
from nnfs.data import make_series, window  # noqa: E402

SMALL = (5, 10, 10, 2)          # inputs, hidden, hidden, outputs
LARGE = (784, 256, 256, 10)
SMALL_LR, LARGE_LR = 0.01, 0.001
LARGE_BATCH, LARGE_STEPS, LARGE_EPOCHS = 128, 8, 4   # 1024 samples, 32 steps a call
SAME_WEIGHTS_TOL = 1e-12
HAS_DTYPE = "dtype" in inspect.signature(Layer).parameters


# ---------------------------------------------------------------- contenders

def make_network(sizes, seed, dtype=None, neuron_layers=False):
    """Layer, Layer, Layer with ReLU, ReLU, Identity and MSE; He initialisation."""
    rng = np.random.default_rng(seed)
    acts = (ReLU(), ReLU(), Identity())
    extra = {} if dtype is None else {"dtype": dtype}
    layers = [Layer(n_in, n_out, act, rng=rng, **extra)
              for n_in, n_out, act in zip(sizes[:-1], sizes[1:], acts, strict=True)]
    if not neuron_layers:
        return Network(layers, MSE())
    # The same weights, held neuron by neuron; clip=None so that the maths is Layer's.
    neuron_net = Network([NeuronLayer(layer.input_size, layer.layer_size, act, clip=None)
                          for layer, act in zip(layers, acts, strict=True)], MSE())
    for neuron_layer, layer in zip(neuron_net.layers, layers, strict=True):
        neuron_layer.W, neuron_layer.B = layer.W, layer.B
    return neuron_net


def params_of(net):
    """Copies of every (W, B), for a bare loop to own and update."""
    return [(layer.W.copy(), layer.B.copy()) for layer in net.layers]


def bare_train(params, x, y, learning_rate, batch_size, epochs=1, rows=False):
    """Train the ReLU-ReLU-Identity network in plain NumPy, as nnfs's train does.

    params: [(W1, B1), (W2, B2), (W3, B3)], updated in place. x: (N, inputs),
    y: (N, outputs), in the arrays' own dtype. Returns the last epoch's mean loss.
    Batches are column slices of a (features, N) copy of x, or with ``rows`` row
    slices of x seen as columns (nothing copied).
    """
    (W1, B1), (W2, B2), (W3, B3) = params
    n = len(x)
    if not rows:
        x, y = np.ascontiguousarray(x.T), np.ascontiguousarray(y.T)
    lr = learning_rate
    maximum, vdot = np.maximum, np.vdot
    for _ in range(epochs):
        total = 0.0
        for start in range(0, n, batch_size):
            if rows:
                X, Y = x[start:start + batch_size].T, y[start:start + batch_size].T
            else:
                X, Y = x[:, start:start + batch_size], y[:, start:start + batch_size]
            # forward
            Z1 = W1 @ X + B1
            A1 = maximum(Z1, 0.0)
            Z2 = W2 @ A1 + B2
            A2 = maximum(Z2, 0.0)
            Z3 = W3 @ A2 + B3                     # Identity: A3 = Z3
            # the loss and its gradient
            diff = Z3 - Y
            total += float(vdot(diff, diff)) / diff.size * X.shape[1]
            dZ3 = (2.0 / diff.size) * diff
            # layer 3 (Identity)
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
            # layer 1 (ReLU): the gradient with respect to the data is not needed
            dZ1 = dA1 * (Z1 > 0)
            dW1 = dZ1 @ X.T
            dB1 = dZ1.sum(axis=1, keepdims=True)
            W1 -= lr * dW1
            B1 -= lr * dB1
    return total / n


def check_same_work(net, params, when):
    """Stop unless nnfs's weights and the bare loop's agree to SAME_WEIGHTS_TOL."""
    diff = max(float(np.max(np.abs(a - b)))
               for layer, (W, B) in zip(net.layers, params, strict=True)
               for a, b in ((layer.W, W), (layer.B, B)))
    print(f"    same work {when}: max |W_nnfs - W_bare| = {diff:.3g} "
          f"(at most {SAME_WEIGHTS_TOL:g})")
    if not diff <= SAME_WEIGHTS_TOL:
        raise SystemExit("bench_training: nnfs and the bare loop disagree, so comparing "
                         "their speed would not be honest")


# ---------------------------------------------------------------- timing

def cpu_clock_usable():
    """Is this thread's CPU clock fine enough? (Linux, macOS: 1 ns; Windows: about 16 ms.)"""
    try:
        return time.get_clock_info("thread_time").resolution <= 1e-6
    except (AttributeError, ValueError, OSError):
        return False


class Timings:
    """Seconds per unit (epoch or step) of each contender, one value per round."""

    def __init__(self, names, unit):
        self.unit = unit
        self.cpu = {name: [] for name in names}
        self.wall = {name: [] for name in names}
        self.other_cpu = self.total_cpu = 0.0   # CPU time of the process's other threads

    def on(self, clock):
        return self.cpu if clock == "cpu" else self.wall


def interleave(contenders, rounds, unit="epoch"):
    """Time each contender once per round, alternating the order (ABBA...).

    contenders: [(name, run, units)], where ``run()`` does ``units`` epochs or
    steps. As in timeit, the garbage collector is off while a contender runs.
    """
    t = Timings([name for name, _, _ in contenders], unit)
    for r in range(rounds):
        for name, run, units in (contenders if r % 2 == 0 else contenders[::-1]):
            gc.collect()
            gc.disable()
            try:
                p0, c0, w0 = time.process_time(), time.thread_time(), time.perf_counter()
                run()
                w1, c1, p1 = time.perf_counter(), time.thread_time(), time.process_time()
            finally:
                gc.enable()
            t.wall[name].append((w1 - w0) / units)
            t.cpu[name].append((c1 - c0) / units)
            t.total_cpu += p1 - p0
            t.other_cpu += max(0.0, (p1 - p0) - (c1 - c0))
    return t


def ratio(times, a, b):
    """a / b: (median, lower and upper quartile) of the round-by-round ratios, and best a / best b.

    Each round's a and b ran one after the other, so a slow spell that lasts
    longer than a round cancels in their ratio; the median drops the rounds
    that one spell hit unevenly.
    """
    per_round = [ta / tb for ta, tb in zip(times[a], times[b], strict=True)]
    q1, q2, q3 = (statistics.quantiles(per_round, n=4) if len(per_round) > 1
                  else per_round * 3)
    return q2, q1, q3, min(times[a]) / min(times[b])


def print_times(t, units, rounds):
    head = f"ms per {t.unit}, {rounds} rounds"
    print(f"    {head:34s} {'CPU best':>8s} {'median':>8s}  | {'wall best':>9s} {'median':>8s}")
    for name in t.cpu:
        cpu, wall = [1e3 * s for s in t.cpu[name]], [1e3 * s for s in t.wall[name]]
        plural = "s" if units[name] > 1 else ""
        print(f"    {name:34s} {min(cpu):8.3f} {statistics.median(cpu):8.3f}  | "
              f"{min(wall):9.3f} {statistics.median(wall):8.3f}"
              f"   ({units[name]} {t.unit}{plural} a call)")
    if t.total_cpu > 0 and t.other_cpu > 0.02 * t.total_cpu:
        print(f"    note: other threads of this process used "
              f"{100 * t.other_cpu / t.total_cpu:.0f}% of its CPU time (BLAS threads?); "
              f"the CPU column undercounts, use --wall")


def print_ratio(label, t, a, b, clock, digits):
    """Print a / b on both clocks; return the judged one: the median ratio on ``clock``."""
    out = []
    for times in (t.cpu, t.wall):
        med, q1, q3, best = ratio(times, a, b)
        out.append(f"{med:8.{digits}f} [{q1:.{digits}f}..{q3:.{digits}f}] "
                   f"best {best:.{digits}f}")
    print(f"    {label:34s} CPU {out[0]}  | wall {out[1]}")
    return ratio(t.on(clock), a, b)[0]


def verdict(ok):
    return "MET" if ok else "MISSED"


# ---------------------------------------------------------------- sections

def section_per_sample(rounds, clock):
    x, y = window(make_series(), 5, 2)
    net = make_network(SMALL, seed=1)
    params = params_of(net)
    target = 1.25
    print(f"a. Per-sample training, {len(x)} samples, 5-10-10-2 ReLU/ReLU/Identity + MSE, "
          f"lr {SMALL_LR}: nnfs vs a bare NumPy loop")
    net.train(x, y, SMALL_LR, epochs=1, batch_size=1)             # warm-up, from the
    bare_train(params, x, y, SMALL_LR, batch_size=1)              # same weights
    check_same_work(net, params, "after one epoch each")
    a, b = "nnfs Network.train(batch_size=1)", "bare NumPy loop"
    t = interleave([
        (a, lambda: net.train(x, y, SMALL_LR, epochs=1, batch_size=1), 1),
        (b, lambda: bare_train(params, x, y, SMALL_LR, batch_size=1), 1),
    ], rounds)
    check_same_work(net, params, f"after {rounds + 1} epochs each")
    print_times(t, {a: 1, b: 1}, rounds)
    value = print_ratio("nnfs / bare", t, a, b, clock, 3)
    extra_us = 1e6 * (statistics.median(t.on(clock)[a])
                      - statistics.median(t.on(clock)[b])) / len(x)
    print(f"    nnfs costs {extra_us:+.2f} us a sample more; target <= {target}: "
          f"{verdict(value <= target)}")
    return [("a. per sample: nnfs / bare loop", f"{value:.3f}", f"<= {target}",
             value <= target)]


def section_full_batch(rounds, clock):
    x, y = window(make_series(1006), 5, 2)
    n = len(x)
    full, single = make_network(SMALL, seed=2), make_network(SMALL, seed=2)
    full_epochs, single_epochs = 200, 2
    target = 200.0
    print(f"b. Full batch vs per sample, {n} samples, nnfs Network.train")
    full.train(x, y, SMALL_LR, epochs=1, batch_size=None)     # warm-up
    single.train(x, y, SMALL_LR, epochs=1, batch_size=1)
    a, b = f"batch_size=None (all {n})", "batch_size=1"
    t = interleave([
        (a, lambda: full.train(x, y, SMALL_LR, epochs=full_epochs, batch_size=None),
         full_epochs),
        (b, lambda: single.train(x, y, SMALL_LR, epochs=single_epochs, batch_size=1),
         single_epochs),
    ], rounds)
    print_times(t, {a: full_epochs, b: single_epochs}, rounds)
    value = print_ratio("full batch speed-up per epoch", t, b, a, clock, 1)
    print(f"    target speed-up >= {target:g}: {verdict(value >= target)}")
    return [("b. full batch speed-up per epoch", f"{value:.1f}", f">= {target:g}",
             value >= target)]


def section_large(rounds, clock):
    sizes = "-".join(map(str, LARGE))
    n = LARGE_BATCH * LARGE_STEPS
    steps = LARGE_STEPS * LARGE_EPOCHS
    step_target, float32_target = 1.10, 1.6
    print(f"c, d. Training steps of {sizes} ReLU/ReLU/Identity + MSE, batch {LARGE_BATCH}, "
          f"lr {LARGE_LR}, {n} samples, {LARGE_EPOCHS} epochs a call: nnfs vs a bare "
          f"NumPy loop, float64 and float32")
    rng = np.random.default_rng(5)
    x64, y64 = rng.standard_normal((n, LARGE[0])), rng.standard_normal((n, LARGE[-1]))
    x32, y32 = x64.astype(np.float32), y64.astype(np.float32)
    net64 = make_network(LARGE, seed=6)
    bare64 = params_of(net64)
    bare32 = [(W.astype(np.float32), B.astype(np.float32)) for W, B in bare64]

    def train(net, x, y):
        return lambda: net.train(x, y, LARGE_LR, epochs=LARGE_EPOCHS, batch_size=LARGE_BATCH)

    def bare(params, x, y):
        return lambda: bare_train(params, x, y, LARGE_LR, LARGE_BATCH, LARGE_EPOCHS)

    A, B = "nnfs float64", "bare float64"
    A32, B32 = "nnfs float32", "bare float32"
    contenders = [(A, train(net64, x64, y64), steps), (B, bare(bare64, x64, y64), steps),
                  (B32, bare(bare32, x32, y32), steps)]
    net32 = None
    if HAS_DTYPE:
        net32 = make_network(LARGE, seed=6, dtype=np.float32)
        contenders.append((A32, train(net32, x32, y32), steps))
    for _, run, _ in contenders:                      # warm-up, from the same weights
        run()
    check_same_work(net64, bare64, "in float64 after one call each")
    t = interleave(contenders, rounds, unit="step")
    check_same_work(net64, bare64, f"in float64 after {rounds + 1} calls each")
    print_times(t, {name: steps for name, _, _ in contenders}, rounds)

    step = print_ratio("nnfs / bare, float64", t, A, B, clock, 3)
    print(f"    c. target <= {step_target}: {verdict(step <= step_target)}")
    print_ratio("bare: float32 speed-up", t, B, B32, clock, 2)
    results = [("c. large net step: nnfs / bare", f"{step:.3f}", f"<= {step_target}",
                step <= step_target)]
    if net32 is None:
        print("    d. float32: nnfs has no dtype yet: MISSED")
        results.append(("d. float32 speed-up of a step", "n/a", f">= {float32_target}", False))
        return results
    kept = sorted({str(a.dtype) for layer in net32.layers for a in (layer.W, layer.B)})
    speedup = print_ratio("nnfs: float32 speed-up", t, A, A32, clock, 2)
    ok = speedup >= float32_target and kept == ["float32"]
    print(f"    d. dtype of the float32 net's W and B after training: {', '.join(kept)}; "
          f"target speed-up >= {float32_target}: {verdict(ok)}")
    results.append(("d. float32 speed-up of a step", f"{speedup:.2f}", f">= {float32_target}",
                    ok))
    return results


def section_one_epoch(rounds, clock):
    """e. A one-epoch train call, its fixed cost included, against a bare loop's same steps."""
    sizes, steps, target = "-".join(map(str, LARGE)), 12, 1.10
    n = LARGE_BATCH * steps
    print(f"e. One-epoch train calls of {sizes}, batch {LARGE_BATCH}, {n} samples ({steps} "
          f"steps): nnfs (checks, snapshot, batches) vs a bare loop over row slices")
    rng = np.random.default_rng(7)
    x, y = rng.standard_normal((n, LARGE[0])), rng.standard_normal((n, LARGE[-1]))
    net = make_network(LARGE, seed=8)
    bare = params_of(net)
    A, B = "nnfs call", "bare call"
    contenders = [
        (A, lambda: net.train(x, y, LARGE_LR, epochs=1, batch_size=LARGE_BATCH), 1),
        (B, lambda: bare_train(bare, x, y, LARGE_LR, LARGE_BATCH, rows=True), 1)]
    for _, run, _ in contenders:
        run()
    check_same_work(net, bare, "after one call each")
    t = interleave(contenders, rounds, unit="call")
    check_same_work(net, bare, f"after {rounds + 1} calls each")
    print_times(t, {A: 1, B: 1}, rounds)
    value = print_ratio("nnfs / bare, one-epoch call", t, A, B, clock, 3)
    print(f"    e. target <= {target}: {verdict(value <= target)}")
    return [("e. one-epoch call: nnfs / bare", f"{value:.3f}", f"<= {target}", value <= target)]


def section_neuron_layers(rounds, clock):
    x, y = window(make_series(), 5, 2)
    matrix = make_network(SMALL, seed=3)
    neurons = make_network(SMALL, seed=3, neuron_layers=True)
    print(f"For information: NeuronLayer (lists of neurons) vs Layer network, per sample, "
          f"{len(x)} samples")
    a, b = "NeuronLayer network", "Layer network"
    t = interleave([
        (a, lambda: neurons.train(x, y, SMALL_LR, epochs=1, batch_size=1), 1),
        (b, lambda: matrix.train(x, y, SMALL_LR, epochs=1, batch_size=1), 1),
    ], rounds)
    print_times(t, {a: 1, b: 1}, rounds)
    print_ratio("NeuronLayer / Layer", t, a, b, clock, 2)


def section_batch_sizes(rounds, clock):
    x, y = window(make_series(1006), 5, 2)
    n = len(x)
    print(f"For information: time per epoch by batch size, {n} samples")
    epochs_for = {1: 1, 8: 5, 32: 20, 128: 60, n: 200}     # about 30-50 ms a call each
    contenders = []
    for bs, ep in epochs_for.items():
        net = make_network(SMALL, seed=4)

        def run(net=net, bs=bs, ep=ep):
            net.train(x, y, SMALL_LR, epochs=ep, batch_size=bs)

        contenders.append((f"batch_size={bs}", run, ep))
    t = interleave(contenders, rounds)
    print_times(t, {name: ep for name, _, ep in contenders}, rounds)
    print("    speed-up per epoch over batch_size=1: " + ", ".join(
        f"{bs}: {ratio(t.on(clock), 'batch_size=1', f'batch_size={bs}')[0]:.1f}x"
        for bs in epochs_for))


# ---------------------------------------------------------------- machine

def openblas_corename():
    """The kernel OpenBLAS picked at run time (what threadpoolctl reports), or None."""
    import ctypes

    base = os.path.dirname(np.__file__)
    for lib in glob.glob(base + ".libs/*openblas*") + glob.glob(base + "/.dylibs/*openblas*"):
        try:
            cdll = ctypes.CDLL(lib)
        except OSError:
            continue
        for prefix in ("scipy_openblas", "openblas"):
            for suffix in ("64_", ""):
                fn = getattr(cdll, f"{prefix}_get_corename{suffix}", None)
                if fn is not None:
                    fn.restype = ctypes.c_char_p
                    return fn().decode()
    return None


def blas_line():
    """One line: which BLAS, which kernel, how many threads and how they were pinned."""
    if HAVE_THREADPOOLCTL:
        from threadpoolctl import threadpool_info
        pools = [p for p in threadpool_info() if p["user_api"] == "blas"]
        libs = "; ".join(f"{p['internal_api']} {p['version']}, kernel "
                         f"{p.get('architecture') or 'unknown'}, {p['num_threads']} thread(s)"
                         for p in pools) or "none found"
        return f"BLAS: {libs} (threadpoolctl: threadpool_limits(1, 'blas'))"
    blas = np.show_config(mode="dicts").get("Build Dependencies", {}).get("blas", {})
    return (f"BLAS: {blas.get('name', 'unknown')} {blas.get('version', '')}, kernel "
            f"{openblas_corename() or 'unknown'}, 1 thread ({', '.join(PIN_VARS)} = 1 set "
            f"before numpy was imported; threadpoolctl is not installed)")


def machine_info(clock):
    try:
        load = "load average " + " ".join(f"{v:.2f}" for v in os.getloadavg())
    except (AttributeError, OSError):
        load = "load average unknown"
    forced = ", ".join(f"{k}={os.environ[k]}" for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
                       if k in os.environ)
    print(f"Python {platform.python_version()}, numpy {np.__version__}, "
          f"os.cpu_count() = {os.cpu_count()}, {platform.machine()}, {load}")
    print(blas_line())
    if forced:
        print(f"note: {forced} is set: it forces the BLAS kernel (see the docstring)")
    print(f"nnfs {nnfs.__version__} from {os.path.dirname(nnfs.__file__)}; "
          f"Layer(..., dtype=): {'yes' if HAS_DTYPE else 'no'}")
    judged = ("CPU time of this thread" if clock == "cpu"
              else "elapsed (wall) time" + ("" if cpu_clock_usable()
                                           else " (this thread's CPU clock is too coarse)"))
    print(f"ratios judged: median of the round-by-round ratios of the {judged}")


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Measure how fast nnfs trains. Exits 0, unless --check finds a missed "
                    "target (exit 1) or nnfs and a bare loop disagree.")
    parser.add_argument("--check", action="store_true",
                        help="exit 1 if a target is missed (for maintainers)")
    parser.add_argument("--rounds", type=int, default=21,
                        help="rounds of the timed sections (the sections for information "
                             "run a third as many; default %(default)s)")
    parser.add_argument("--wall", action="store_true",
                        help="judge the targets on elapsed time instead of CPU time")
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    clock = "wall" if args.wall or not cpu_clock_usable() else "cpu"
    if HAVE_THREADPOOLCTL:
        from threadpoolctl import threadpool_limits
        threadpool_limits(limits=1, user_api="blas")   # for the rest of the process

    start = time.perf_counter()
    print("nnfs training benchmark")
    machine_info(clock)
    results = []
    for section in (section_per_sample, section_full_batch, section_large, section_one_epoch):
        print()
        results += section(args.rounds, clock)
    info_rounds = max(3, args.rounds // 3)
    print()
    section_neuron_layers(info_rounds, clock)
    print()
    section_batch_sizes(info_rounds, clock)
    print()
    print(f"Targets (median ratios, {clock})")
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
