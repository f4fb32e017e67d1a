"""Figures drawn by code: a network, one layer, and one window of the series.

Each function draws on the Axes it is given (or a new figure's) and returns
that Axes; none calls ``plt.show()``. Only matplotlib is used.
"""

import numbers

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Circle
from matplotlib.ticker import MaxNLocator


def _size(value, name, largest=50):
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {value!r} of type {type(value).__name__}")
    if not 1 <= value <= largest:
        raise ValueError(f"{name} must be an integer from 1 to {largest}, got {value}")
    return int(value)


def _axes(ax, figsize):
    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    return ax


def _column(n, x, ax, radius, color, height):
    """n circles at x, spread evenly over ``height`` around y = 0; returns their y, (n,)."""
    ys = np.linspace(height / 2, -height / 2, n) if n > 1 else np.zeros(1)
    for y in ys:
        ax.add_patch(Circle((x, y), radius, facecolor=color, edgecolor="black", zorder=3))
    return ys


def _finish(ax, xlim, ylim):
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax


def draw_network(sizes, labels=None, ax=None):
    """Draw a fully connected network and return the Axes.

    sizes: (inputs, size of layer 1, ..., outputs), e.g. (5, 10, 10, 2): one
    column of circles each, and one line per weight, sizes[k+1] x sizes[k] of
    them between columns k and k+1, whose W has shape (sizes[k+1], sizes[k]).
    labels: one caption per column (default "inputs", "layer 1", ...).
    """
    if isinstance(sizes, (str, bytes)) or not hasattr(sizes, "__len__") or len(sizes) < 2:
        raise TypeError(f"sizes must be a sequence of at least 2 integers, got {sizes!r}")
    sizes = [_size(n, f"sizes[{k}]") for k, n in enumerate(sizes)]
    labels = ["inputs"] + [f"layer {k}" for k in range(1, len(sizes))] if labels is None \
        else list(labels)
    if len(labels) != len(sizes):
        raise ValueError(f"labels must hold one caption per column ({len(sizes)}), "
                         f"got {len(labels)}")
    gap, top = 2.5, max(sizes) / 2
    ax = _axes(ax, (2.2 * len(sizes), 0.5 * max(sizes) + 1.5))
    columns = [_column(n, k * gap, ax, 0.3, "white" if k == 0 else "tab:blue", n - 1)
               for k, n in enumerate(sizes)]
    for k in range(len(sizes) - 1):
        for y0 in columns[k]:
            for y1 in columns[k + 1]:
                ax.plot([k * gap, (k + 1) * gap], [y0, y1], color="gray", lw=0.4, zorder=1)
        ax.text((k + 0.5) * gap, -top - 0.3, f"W: {sizes[k + 1]}×{sizes[k]}",
                ha="center", va="top", fontsize=9)
    for k, (label, n) in enumerate(zip(labels, sizes, strict=True)):
        ax.text(k * gap, top + 0.3, f"{label}\n({n})", ha="center", va="bottom", fontsize=9)
    return _finish(ax, (-1, (len(sizes) - 1) * gap + 1), (-top - 1.2, top + 1.4))


def draw_layer(input_size=3, layer_size=2, activation="f", ax=None):
    """Draw one layer: inputs x_j, neurons z_i = sum_j W_ij x_j + b_i, outputs a_i.

    input_size (n), layer_size (m): at most 6 each, so that every weight can be
    labelled: W_ij joins input j to neuron i, W has shape (m, n). The columns
    X (n, 1), Z = W X + B (m, 1) and A = activation(Z) (m, 1) are named.
    """
    n, m = _size(input_size, "input_size", 6), _size(layer_size, "layer_size", 6)
    if not isinstance(activation, str):
        raise TypeError(f"activation must be a name (str), got {activation!r}")
    height, top = max(n, m) - 1, max(n, m) / 2 + 0.2
    ax = _axes(ax, (8, 0.9 * max(n, m) + 1.5))
    xs = _column(n, 0, ax, 0.25, "white", height)
    zs = _column(m, 4, ax, 0.35, "tab:blue", height)
    for i, yz in enumerate(zs):
        for j, yx in enumerate(xs):
            ax.plot([0.25, 3.65], [yx, yz], color="gray", lw=0.8, zorder=1)
            t = 0.7                                     # near the neuron, apart from the others
            ax.text(0.25 + t * 3.4, yx + t * (yz - yx), f"$W_{{{i + 1}{j + 1}}}$", fontsize=8,
                    ha="center", va="center", backgroundcolor="white", zorder=2)
        ax.text(4, yz, f"$z_{i + 1}$", ha="center", va="center", color="white", zorder=4)
        ax.text(4, yz - 0.42, f"$+\\,b_{i + 1}$", ha="center", va="top", fontsize=8)
        ax.annotate("", (6.3, yz), (4.4, yz), arrowprops={"arrowstyle": "->"})
        ax.text(5.35, yz + 0.12, activation, ha="center", va="bottom", fontsize=8)
        ax.text(6.4, yz, f"$a_{i + 1}$", ha="left", va="center")
    for j, yx in enumerate(xs):
        ax.text(0, yx, f"$x_{j + 1}$", ha="center", va="center", zorder=4)
    for x, text in [(0, f"X  ({n}×1)"), (4, f"Z = W X + B  ({m}×1)"),
                    (6.5, f"A = {activation}(Z)  ({m}×1)")]:
        ax.text(x, top, text, ha="center", va="bottom", fontsize=9)
    ax.text(2, -top, f"W: {m}×{n}, row i = the weights of neuron i", ha="center", va="top",
            fontsize=9)
    return _finish(ax, (-0.8, 7.8), (-top - 0.6, top + 0.6))


def plot_window(series, start, window_size=5, forecast_size=2, ax=None):
    """Plot a series (T,) and mark sample ``start``: x = series[start : start + window_size]
    (window_size,) and y, the forecast_size values that follow (forecast_size,).

    Returns the Axes; the legend sits outside, right of the data.
    """
    try:
        values = None if isinstance(series, (str, bytes)) else np.asarray(series)
    except ValueError:                                  # a ragged list
        values = None
    if values is None or values.ndim != 1 or values.dtype == bool \
            or values.dtype.kind not in "iuf" or not np.all(np.isfinite(values)):
        raise ValueError(f"series must be a 1-D sequence of finite real numbers, "
                         f"got {type(series).__name__}")
    window_size = _size(window_size, "window_size")
    forecast_size = _size(forecast_size, "forecast_size")
    last = len(values) - window_size - forecast_size
    if isinstance(start, bool) or not isinstance(start, numbers.Integral):
        raise TypeError(f"start must be an integer, got {start!r} of type {type(start).__name__}")
    if not 0 <= start <= last:
        raise ValueError(f"start must be in [0, {last}] for a series of length {len(values)}, "
                         f"got {start}")
    ax = _axes(ax, (9, 3))
    ax.plot(np.arange(len(values)), values, color="gray", lw=0.8, label="series")
    ix = np.arange(start, start + window_size)
    iy = np.arange(start + window_size, start + window_size + forecast_size)
    ax.plot(ix, values[ix], "o", color="tab:blue", label=f"x: {window_size} values in")
    ax.plot(iy, values[iy], "s", color="tab:orange", label=f"y: the next {forecast_size}")
    ax.axvspan(ix[0] - 0.5, ix[-1] + 0.5, color="tab:blue", alpha=0.12)
    ax.axvspan(iy[0] - 0.5, iy[-1] + 0.5, color="tab:orange", alpha=0.15)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("time step t")
    ax.set_ylabel("value")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=9)
    ax.grid(True, alpha=0.3)
    return ax
