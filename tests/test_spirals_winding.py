"""make_spirals(winding=...): how far each arm winds, validated like the other arguments."""

import numpy as np
import pytest

from nnfs.data import make_spirals


def test_the_default_winding_is_the_old_four_radians():
    x, labels = make_spirals(50, 3)
    x4, labels4 = make_spirals(50, 3, winding=4.0)
    np.testing.assert_array_equal(x, x4)
    np.testing.assert_array_equal(labels, labels4)


@pytest.mark.parametrize("winding", [0, 2.5, 10.0, np.float32(7.0), np.int64(3)])
def test_each_arm_turns_by_winding_radians_from_the_centre_out(winding):
    x, labels = make_spirals(40, 2, noise=0.0, winding=winding)
    arm = x[labels == 1]
    angle = np.unwrap(np.arctan2(arm[1:, 1], arm[1:, 0]))     # point 0 sits at the centre
    assert angle[-1] - angle[0] == pytest.approx(float(winding) * (1 - 1 / 39), abs=1e-9)
    np.testing.assert_allclose(np.hypot(*arm.T), np.linspace(0, 1, 40), atol=1e-12)


def test_a_larger_winding_changes_the_angles_only():
    x4, labels4 = make_spirals(30, 3, winding=4.0, seed=5)
    x10, labels10 = make_spirals(30, 3, winding=10.0, seed=5)
    np.testing.assert_array_equal(labels4, labels10)
    np.testing.assert_allclose(np.hypot(*x4.T), np.hypot(*x10.T), atol=1e-12)
    assert not np.allclose(x4, x10)


@pytest.mark.parametrize(("winding", "error", "words"), [
    ("4", TypeError, "winding must be a number >= 0, got '4'"),
    (True, TypeError, "winding must be a number"),
    (None, TypeError, "got None"),
    (-1.0, ValueError, "winding must be a finite number >= 0, got -1.0"),
    (float("nan"), ValueError, "got nan"),
    (float("inf"), ValueError, "got inf"),
])
def test_a_bad_winding_is_refused_naming_it(winding, error, words):
    with pytest.raises(error) as info:
        make_spirals(10, 3, winding=winding)
    assert words in str(info.value)
