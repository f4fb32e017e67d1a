"""nnfs.data.stratified_split: stratified, disjoint, complete, seeded; bad input refused."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnfs.data import load_digits, stratified_split
from nnfs.split import part_sizes


def check_split(labels, fractions, parts):
    """Every property the docstring promises, for one split."""
    n = len(labels)
    assert len(parts) == len(fractions)
    for part in parts:
        assert part.dtype.kind == "i" and part.ndim == 1
        assert np.all(np.diff(part) > 0)                          # sorted, no repeats
    joined = np.concatenate(parts)
    np.testing.assert_array_equal(np.sort(joined), np.arange(n))  # disjoint and complete
    for c in np.unique(labels):
        n_c = int(np.sum(labels == c))
        got = np.array([np.sum(labels[part] == c) for part in parts])
        assert got.sum() == n_c and got.min() >= 1
        assert np.all(np.abs(got - n_c * np.asarray(fractions)) < 1)   # within one sample


def test_the_digits_split_60_20_20():
    _, labels = load_digits()
    parts = stratified_split(labels, (0.6, 0.2, 0.2), seed=9)
    check_split(labels, (0.6, 0.2, 0.2), parts)
    assert [len(p) for p in parts] == [1078, 362, 357]
    overall = np.bincount(labels) / len(labels)
    for part in parts:   # each part holds each digit within a percentage point of the whole
        assert np.abs(np.bincount(labels[part], minlength=10) / len(part) - overall).max() < 0.01


def test_seeded_same_seed_same_split_other_seed_other_split():
    _, labels = load_digits()
    a = stratified_split(labels, (0.7, 0.15, 0.15), seed=3)
    b = stratified_split(labels, (0.7, 0.15, 0.15), seed=3)
    c = stratified_split(labels, (0.7, 0.15, 0.15), seed=4)
    for pa, pb in zip(a, b, strict=True):
        np.testing.assert_array_equal(pa, pb)
    assert not np.array_equal(a[2], c[2])
    gen = np.random.default_rng(3)                      # a Generator works like its seed
    for pa, pg in zip(a, stratified_split(labels, (0.7, 0.15, 0.15), seed=gen), strict=True):
        np.testing.assert_array_equal(pa, pg)


def test_any_integer_labels_and_two_parts():
    labels = np.array([7, -2, 7, 7, -2, 7, -2, 7, 7, -2], dtype=np.int32)
    train, test = stratified_split(labels, [0.5, 0.5], seed=1)
    check_split(labels, (0.5, 0.5), (train, test))
    assert np.sum(labels[train] == 7) == 3 and np.sum(labels[train] == -2) == 2


def test_part_sizes_give_the_remainders_to_the_largest_shares():
    assert part_sizes(10, np.array([0.6, 0.2, 0.2])).tolist() == [6, 2, 2]
    assert part_sizes(7, np.array([0.6, 0.2, 0.2])).tolist() == [4, 2, 1]   # 4.2, 1.4, 1.4
    assert part_sizes(3, np.array([1 / 3] * 3)).tolist() == [1, 1, 1]


@settings(derandomize=True, max_examples=60, deadline=None)
@given(counts=st.lists(st.integers(1, 40), min_size=1, max_size=6),
       weights=st.lists(st.integers(1, 20), min_size=2, max_size=4),
       seed=st.integers(0, 2**32))
def test_any_sizes_and_fractions(counts, weights, seed):
    fractions = [w / sum(weights) for w in weights]
    fractions[-1] = 1 - sum(fractions[:-1])
    labels = np.repeat(np.arange(len(counts)), counts)
    labels = np.random.default_rng(seed).permutation(labels)
    try:
        parts = stratified_split(labels, tuple(fractions), seed=seed)
    except ValueError as error:
        # refused only if some class cannot give every part a sample
        assert "too few to put at least one in each" in str(error)
        assert any(part_sizes(n, np.array(fractions)).min() == 0 for n in counts)
        need = int(str(error).rsplit(" ", 1)[1])           # "it needs at least <need>"
        assert part_sizes(need, np.array(fractions)).min() > 0
        assert part_sizes(need - 1, np.array(fractions)).min() == 0
        return
    check_split(labels, fractions, parts)


BAD = [
    (dict(labels=[0.0, 1.0, 0.0, 1.0]), TypeError, "labels must be integers, got an array of "
     "dtype float64"),
    (dict(labels=np.array([True, False] * 5)), TypeError, "labels must be integers"),
    (dict(labels="0101"), TypeError, "labels must be a 1-D array of integer class labels, got str"),
    (dict(labels=None), TypeError, "got NoneType"),
    (dict(labels=np.zeros((5, 2), dtype=int)), ValueError, "got shape (5, 2)"),
    (dict(labels=np.array([], dtype=int)), ValueError, "at least one label"),
    (dict(labels=[[0, 1], [1]]), ValueError, "ragged"),
    (dict(fractions=(0.6, 0.2, 0.3)), ValueError, "fractions must add up to 1, got (0.6, 0.2, "
     "0.3) (sum 1.1)"),
    (dict(fractions=(0.5, 0.4)), ValueError, "fractions must add up to 1"),
    (dict(fractions=(1.2, -0.2)), ValueError, "fractions[0] = 1.2"),
    (dict(fractions=(0.0, 1.0)), ValueError, "fractions[0] = 0.0"),
    (dict(fractions=(0.5, float("nan"), 0.5)), ValueError, "fractions[1] = nan"),
    (dict(fractions=(1.0,)), TypeError, "tuple of 2 or more numbers, one per part, e.g. (0.6, "
     "0.2, 0.2), got a tuple of length 1"),
    (dict(fractions=0.8), TypeError, "got 0.8 of type float"),
    (dict(fractions=(0.5, "0.5")), TypeError, "fractions[1] = '0.5' of type str"),
    (dict(fractions=(True, False)), TypeError, "fractions[0] = True of type bool"),
    (dict(seed=-1), ValueError, "seed must be None, an int seed >= 0"),
    (dict(seed=1.5), TypeError, "seed must be None, an int seed"),
    (dict(labels=np.array([0] * 10 + [1] * 3)), ValueError,
     "labels: class 1 has 3 sample(s), too few to put at least one in each of the 3 parts "
     "with fractions (0.6, 0.2, 0.2); it needs at least 4"),
]


@pytest.mark.parametrize(("kwargs", "error", "words"), BAD, ids=[w[:30] for _, _, w in BAD])
def test_bad_input_is_refused_by_name_and_nothing_changes(kwargs, error, words):
    labels = np.repeat(np.arange(3), 10)
    args = {"labels": labels, "fractions": (0.6, 0.2, 0.2), "seed": 0, **kwargs}
    before = {k: (v.copy() if isinstance(v, np.ndarray) else v) for k, v in args.items()}
    with pytest.raises(error) as info:
        stratified_split(args["labels"], args["fractions"], seed=args["seed"])
    assert words in str(info.value), str(info.value)
    for k, v in before.items():
        if isinstance(v, np.ndarray):
            np.testing.assert_array_equal(args[k], v)


def test_a_refused_call_does_not_draw_from_the_callers_generator():
    gen = np.random.default_rng(5)
    state = gen.bit_generator.state
    with pytest.raises(ValueError, match="class 1 has 1 sample"):
        stratified_split(np.array([0, 0, 0, 0, 0, 1]), (0.5, 0.5), seed=gen)
    assert gen.bit_generator.state == state
