"""Plots: what they draw, that they never show, and their errors."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.axes import Axes

from nnfs import History
from nnfs.plotting import plot_forecast, plot_losses


@pytest.fixture(autouse=True)
def _no_show(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("plt.show() was called")

    monkeypatch.setattr(plt, "show", refuse)


def test_the_backend_is_headless():
    import matplotlib

    assert matplotlib.get_backend().lower() == "agg"


def test_plot_losses_one_curve():
    ax = plot_losses([0.5, 0.3, 0.2, 0.15])
    assert isinstance(ax, Axes)
    (line,) = ax.get_lines()
    np.testing.assert_array_equal(line.get_xdata(), [0, 1, 2, 3])
    np.testing.assert_array_equal(line.get_ydata(), [0.5, 0.3, 0.2, 0.15])
    assert line.get_label() == "training"
    assert ax.get_yscale() == "linear"
    assert ax.get_xlabel() == "epoch" and ax.get_ylabel() == "mean loss"
    assert ax.get_title() == "Loss per epoch"


def test_plot_losses_several_labelled_runs():
    ax = plot_losses({"sgd": [1.0, 0.5], "adam": [1.0, 0.2, 0.1], "momentum": [0.9]})
    labels = [line.get_label() for line in ax.get_lines()]
    assert labels == ["sgd", "adam", "momentum"]
    legend = ax.get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == labels


def test_plot_losses_log_scale():
    ax = plot_losses([1.0, 0.1, 0.01], log=True)
    assert ax.get_yscale() == "log"
    assert "log" in ax.get_ylabel()


def test_plot_losses_history_with_validation_adds_a_dashed_line():
    h = History([0.5, 0.4, 0.3], val_loss=[0.6, 0.5, 0.45])
    ax = plot_losses({"run": h})
    train, val = ax.get_lines()
    assert train.get_label() == "run" and val.get_label() == "run (validation)"
    assert train.get_linestyle() == "-"
    assert val.get_linestyle() == "--"
    assert val.get_color() == train.get_color()
    np.testing.assert_array_equal(val.get_ydata(), [0.6, 0.5, 0.45])


def test_plot_losses_history_without_validation_is_one_line():
    ax = plot_losses(History([0.5, 0.4]))
    assert len(ax.get_lines()) == 1


def test_plot_losses_custom_x_values():
    ax = plot_losses({"a": [3.0, 2.0]}, x={"a": [0.5, 1.5]}, xlabel="seconds")
    np.testing.assert_array_equal(ax.get_lines()[0].get_xdata(), [0.5, 1.5])
    assert ax.get_xlabel() == "seconds"


def test_plot_losses_draws_on_the_given_axes():
    fig, (left, right) = plt.subplots(1, 2)
    ax = plot_losses([1.0, 0.5], ax=right)
    assert ax is right
    assert len(left.get_lines()) == 0 and len(right.get_lines()) == 1
    assert len(plt.get_fignums()) == 1


@pytest.mark.parametrize("bad, shape", [([], r"\(0,\)"), ([[1.0, 2.0]], r"\(1, 2\)"),
                                        (np.float64(1.0), r"\(\)")])
def test_plot_losses_bad_curve(bad, shape):
    with pytest.raises(ValueError, match=r"non-empty 1-D sequence of losses, got shape " + shape):
        plot_losses(bad)


def test_plot_losses_x_shape_mismatch():
    with pytest.raises(ValueError, match=r"^x\['a'\] must hold one value per epoch of "
                                         r"runs\['a'\], shape \(2,\), got shape \(3,\)$"):
        plot_losses({"a": [1.0, 2.0]}, x={"a": [0, 1, 2]})
    with pytest.raises(ValueError, match=r"^x must hold one value per epoch of runs, shape "
                                         r"\(3,\), got shape \(2,\)$"):
        plot_losses([1.0, 0.5, 0.2], x=[0, 1])          # not "x values for None"


@pytest.mark.parametrize("curve", [[1.0, 0.0, 0.5], [1.0, -1.0], History([1.0, 0.5], [0.4, 0.0])])
def test_plot_losses_log_refuses_non_positive_losses_before_drawing(curve):
    before = plt.get_fignums()
    with pytest.raises(ValueError, match=r"^log=True needs positive losses, got a value <= 0 "
                                         r"in runs: plot it with log=False$"):
        plot_losses(curve, log=True)
    assert plt.get_fignums() == before


def test_plot_losses_x_must_be_a_dict_with_several_runs():
    with pytest.raises(TypeError, match=r"x must be a dict"):
        plot_losses({"a": [1.0], "b": [2.0]}, x=[0])


def test_plot_losses_no_runs_is_a_value_error():
    with pytest.raises(ValueError):
        plot_losses({})


def test_plot_forecast_lines_and_labels():
    y_true = np.array([[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]])
    y_pred = y_true + 0.05
    ax = plot_forecast(y_true, y_pred, step=1)
    assert isinstance(ax, Axes)
    truth, pred = ax.get_lines()
    assert truth.get_label() == "truth" and pred.get_label() == "forecast (step 2)"
    np.testing.assert_array_equal(truth.get_ydata(), [0.2, 0.4, 0.6])
    np.testing.assert_allclose(pred.get_ydata(), [0.25, 0.45, 0.65])
    np.testing.assert_array_equal(truth.get_xdata(), [0, 1, 2])
    assert ax.get_legend() is not None


def test_plot_forecast_one_dimensional():
    ax = plot_forecast([1.0, 2.0], [1.5, 2.5])
    np.testing.assert_array_equal(ax.get_lines()[1].get_ydata(), [1.5, 2.5])


def test_plot_forecast_shape_mismatch():
    with pytest.raises(ValueError, match=r"same shape, got \(3, 2\) and \(3, 1\)"):
        plot_forecast(np.zeros((3, 2)), np.zeros((3, 1)))


@pytest.mark.parametrize("step", [2, -1])
def test_plot_forecast_bad_step(step):
    with pytest.raises(ValueError, match=rf"step must be in \[0, 2\), got {step}"):
        plot_forecast(np.zeros((3, 2)), np.zeros((3, 2)), step=step)


def test_plot_forecast_bad_ndim():
    with pytest.raises(ValueError, match=r"\(N,\) or \(N, forecast_size\), got \(2, 2, 2\)"):
        plot_forecast(np.zeros((2, 2, 2)), np.zeros((2, 2, 2)))


def test_figures_are_closed_between_tests():
    # the autouse fixture in conftest.py closes what the tests above opened
    assert plt.get_fignums() == []


@pytest.mark.parametrize("step", [0.5, "1"])
def test_plot_forecast_non_integer_step(step):
    with pytest.raises((TypeError, ValueError), match=r"step"):
        plot_forecast(np.zeros((3, 2)), np.zeros((3, 2)), step=step)
