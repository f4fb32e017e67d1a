"""Diagrams: what they draw (counted), that they never show, and their errors."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.patches import Circle

from nnfs.diagrams import draw_layer, draw_network, plot_window


@pytest.fixture(autouse=True)
def _no_show(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("plt.show() was called")

    monkeypatch.setattr(plt, "show", refuse)


def _circles(ax):
    return [p for p in ax.patches if isinstance(p, Circle)]


def _texts(ax):
    return [t.get_text() for t in ax.texts]


@pytest.mark.parametrize("sizes", [(5, 10, 10, 2), (3, 1), (1, 4, 1), (2, 3, 4, 5, 6)])
def test_draw_network_one_circle_per_unit_and_one_line_per_weight(sizes):
    ax = draw_network(sizes)
    assert isinstance(ax, Axes)
    assert len(_circles(ax)) == sum(sizes)
    weights = sum(a * b for a, b in zip(sizes, sizes[1:], strict=False))
    assert len(ax.get_lines()) == weights
    shapes = [t for t in _texts(ax) if t.startswith("W: ")]
    assert shapes == [f"W: {b}×{a}" for a, b in zip(sizes, sizes[1:], strict=False)]


def test_draw_network_columns_and_captions():
    ax = draw_network((5, 10, 10, 2), labels=["x", "ReLU", "ReLU", "Softmax"])
    xs = sorted({round(c.center[0], 6) for c in _circles(ax)})
    assert len(xs) == 4
    per_column = [sum(1 for c in _circles(ax) if round(c.center[0], 6) == x) for x in xs]
    assert per_column == [5, 10, 10, 2]
    for caption in ["x\n(5)", "ReLU\n(10)", "Softmax\n(2)"]:
        assert caption in _texts(ax)


def test_draw_network_draws_on_the_given_axes():
    _, ax = plt.subplots()
    assert draw_network((2, 2), ax=ax) is ax


@pytest.mark.parametrize("sizes, error, words", [
    ("5102", TypeError, "sizes must be a sequence"),
    ((5,), TypeError, "at least 2"),
    (7, TypeError, "sizes must be a sequence"),
    ((5, 0), ValueError, "sizes[1]"),
    ((5, 2.0), TypeError, "sizes[1]"),
    ((5, True), TypeError, "sizes[1]"),
    ((5, 51), ValueError, "from 1 to 50"),
])
def test_draw_network_refuses_bad_sizes(sizes, error, words):
    with pytest.raises(error) as info:
        draw_network(sizes)
    assert words in str(info.value)


def test_draw_network_refuses_labels_of_the_wrong_length():
    with pytest.raises(ValueError, match="one caption per column"):
        draw_network((5, 2), labels=["only one"])


def test_draw_layer_labels_every_weight_and_names_the_columns():
    ax = draw_layer(3, 2, "ReLU")
    assert len(_circles(ax)) == 5
    assert len(ax.get_lines()) == 6                       # one line per weight W_ij
    texts = _texts(ax)
    weights = sorted(t for t in texts if t.startswith("$W_"))
    assert weights == [f"$W_{{{i}{j}}}$" for i in (1, 2) for j in (1, 2, 3)]
    assert "$z_1$" in texts and "$a_2$" in texts and "$x_3$" in texts
    assert "X  (3×1)" in texts and "Z = W X + B  (2×1)" in texts
    assert "A = ReLU(Z)  (2×1)" in texts
    assert any(t.startswith("W: 2×3") for t in texts)


def test_draw_layer_weight_from_input_j_to_neuron_i_joins_them():
    ax = draw_layer(2, 3)
    inputs = sorted((c for c in _circles(ax) if c.center[0] == 0), key=lambda c: -c.center[1])
    neurons = sorted((c for c in _circles(ax) if c.center[0] == 4), key=lambda c: -c.center[1])
    assert len(inputs) == 2 and len(neurons) == 3
    lines = ax.get_lines()
    # Lines are drawn neuron by neuron (i), input by input (j): W_ij is line i * n + j.
    for i, neuron in enumerate(neurons):
        for j, x_in in enumerate(inputs):
            ys = lines[i * 2 + j].get_ydata()
            assert ys[0] == pytest.approx(x_in.center[1])
            assert ys[1] == pytest.approx(neuron.center[1])


@pytest.mark.parametrize("args, error, words", [
    ((7, 2), ValueError, "input_size"),
    ((3, 0), ValueError, "layer_size"),
    ((3.0, 2), TypeError, "input_size"),
    ((3, 2, None), TypeError, "activation"),
])
def test_draw_layer_refuses_bad_input(args, error, words):
    with pytest.raises(error, match=words):
        draw_layer(*args)


def test_plot_window_marks_the_window_and_its_forecast():
    series = np.linspace(0.0, 1.0, 30) ** 2
    ax = plot_window(series, 10, window_size=5, forecast_size=2)
    whole, x_marks, y_marks = ax.get_lines()
    np.testing.assert_array_equal(whole.get_ydata(), series)
    np.testing.assert_array_equal(x_marks.get_xdata(), np.arange(10, 15))
    np.testing.assert_array_equal(x_marks.get_ydata(), series[10:15])
    np.testing.assert_array_equal(y_marks.get_xdata(), [15, 16])
    np.testing.assert_array_equal(y_marks.get_ydata(), series[15:17])
    legend = ax.get_legend()
    assert [t.get_text() for t in legend.get_texts()] == [
        "series", "x: 5 values in", "y: the next 2"]
    assert legend.get_bbox_to_anchor().x0 > ax.get_window_extent().x1 - 1   # off the data


def test_plot_window_last_possible_start():
    ax = plot_window(np.arange(10.0), 3, window_size=5, forecast_size=2)
    assert list(ax.get_lines()[2].get_xdata()) == [8, 9]


@pytest.mark.parametrize("series, start, error, words", [
    (np.arange(10.0), 4, ValueError, "start must be in [0, 3]"),
    (np.arange(10.0), -1, ValueError, "start must be in"),
    (np.arange(10.0), 1.0, TypeError, "start must be an integer"),
    (np.ones((3, 4)), 0, ValueError, "1-D"),
    ([[1.0, 2.0], [3.0]], 0, ValueError, "1-D"),
    ("0.5 0.6", 0, ValueError, "1-D"),
    ([0.1, np.nan] * 5, 0, ValueError, "finite"),
])
def test_plot_window_refuses_bad_input(series, start, error, words):
    with pytest.raises(error) as info:
        plot_window(series, start)
    assert words in str(info.value)
