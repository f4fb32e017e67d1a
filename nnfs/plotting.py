"""Plots for the course: loss curves and forecasts.

Each function draws on the Axes it is given (or a new figure's) and returns
that Axes. None calls ``plt.show()`` or chooses a backend: the notebook does.
"""

import numbers

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes

from ._checks import as_real_array, describe


def _axes(ax):
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 4))
    elif not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes or None, got {describe(ax)}")
    return ax


def _values(value, name):
    """Real numbers as float64, NaN and inf allowed (a diverged run is still drawn)."""
    return as_real_array(value, name).astype(np.float64)


def plot_losses(runs, ax=None, *, log=False, title="Loss per epoch", xlabel="epoch",
                ylabel="mean loss", x=None):
    """Draw one or several loss curves and return the Axes.

    ``runs``: one curve (an array or a ``History``), or a dict {label: curve}
    for several labelled runs. A ``History`` with validation losses adds a
    dashed validation curve. ``log=True`` uses a log scale for the loss.
    ``x``: optional x values (a dict {label: xs} for several runs), e.g.
    seconds instead of epochs.
    """
    if isinstance(runs, dict) and not runs:
        raise ValueError("runs must hold at least one curve, got an empty dict")
    if not isinstance(runs, dict):
        runs, x = {None: runs}, {None: x}
    elif x is not None and not isinstance(x, dict):
        raise TypeError("with several runs, x must be a dict {label: x values}")
    x = x or {}
    curves, xvalues = {}, {}
    for label, curve in runs.items():
        which = describe(label)
        curves[label] = train = _values(curve, "runs" if label is None else f"runs[{which}]")
        curve_name, x_name = ("runs", "x") if label is None else (f"runs[{which}]",
                                                                   f"x[{which}]")
        if train.ndim != 1 or len(train) == 0:
            raise ValueError(f"{curve_name} must be a non-empty 1-D sequence of losses, got "
                             f"shape {train.shape}")
        xs = (np.arange(len(train)) if x.get(label) is None else _values(x[label], x_name))
        if xs.shape != train.shape:
            raise ValueError(f"{x_name} must hold one value per epoch of {curve_name}, shape "
                             f"{train.shape}, got shape {xs.shape}")
        val = getattr(curve, "val_loss", None)
        if log and (np.any(train <= 0) or val is not None and np.any(np.asarray(val) <= 0)):
            raise ValueError(f"log=True needs positive losses, got a value <= 0 in "
                             f"{curve_name}: plot it with log=False")
        xvalues[label] = xs
    ax = _axes(ax)             # checked (and a figure made) only once the data are good
    for label, curve in runs.items():
        train, xs = curves[label], xvalues[label]
        name = "training" if label is None else str(label)
        line, = ax.plot(xs, train, label=name)
        val = getattr(curve, "val_loss", None)
        if val is not None:
            ax.plot(xs, val, "--", color=line.get_color(), label=f"{name} (validation)")
    if log:
        ax.set_yscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel + (" (log scale)" if log else ""))
    if title:
        ax.set_title(title)
    if len(ax.get_lines()) > 1 or next(iter(runs)) is not None:
        ax.legend()
    ax.grid(True, alpha=0.3)
    return ax


def plot_forecast(y_true, y_pred, ax=None, *, step=0, title="Forecast against truth",
                  xlabel="sample (time order)", ylabel="value"):
    """Draw true and predicted values of forecast step ``step`` and return the Axes.

    y_true, y_pred: (N, forecast_size), samples in time order (or 1-D (N,)).
    """
    if isinstance(step, bool) or not isinstance(step, numbers.Integral):
        raise TypeError(f"step must be an integer, got {describe(step)}")
    y_true, y_pred = _values(y_true, "y_true"), _values(y_pred, "y_pred")
    if y_true.shape != y_pred.shape:
        raise ValueError(f"y_true and y_pred must have the same shape, got {y_true.shape} "
                         f"and {y_pred.shape}")
    if y_true.ndim == 2:
        if not 0 <= step < y_true.shape[1]:
            raise ValueError(f"step must be in [0, {y_true.shape[1]}), got {step}")
        y_true, y_pred = y_true[:, step], y_pred[:, step]
    elif y_true.ndim != 1:
        raise ValueError(f"y_true must be (N,) or (N, forecast_size), got {y_true.shape}")
    elif step != 0:
        raise ValueError(f"step must be 0 for a 1-D forecast (one step per sample), got {step}")
    ax = _axes(ax)
    t = np.arange(len(y_true))
    ax.plot(t, y_true, label="truth", color="black", linewidth=1.5)
    ax.plot(t, y_pred, label=f"forecast (step {step + 1})", color="tab:orange", linewidth=1.2)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title)
    ax.legend()
    ax.grid(True, alpha=0.3)
    return ax
