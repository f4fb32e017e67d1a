"""Notebook 09's check beyond the shared catalogue: other right answers pass, probes stay put."""

import exercise_solutions as sol
import numpy as np

from nnfs.exercises import check_recall_precision
from nnfs.exercises.nb09_digits import PROBES, _probe


def test_other_right_answers_pass():
    def loops(C):
        k = len(C)
        recall = [C[i, i] / sum(C[i, j] for j in range(k)) for i in range(k)]
        precision = [C[j, j] / sum(C[i, j] for i in range(k)) for j in range(k)]
        return recall, precision

    def float32_list(C):
        r, p = sol.recall_precision(C.astype(np.float32))
        return [r.astype(np.float64), p]

    assert check_recall_precision(loops).passed
    assert check_recall_precision(float32_list).passed


def test_the_probes_tell_rows_from_columns_and_are_never_empty():
    rng = np.random.default_rng(909)
    probes = [_probe(rng, k, n) for k, n in PROBES]
    assert probes[0].shape == (3, 3) and not np.array_equal(probes[0].sum(0), probes[0].sum(1))
    for C in probes:
        assert C.dtype == np.int64 and C.min() >= 0
        assert C.sum(axis=0).min() > 0 and C.sum(axis=1).min() > 0
        assert np.all(np.diag(C) > C.sum(axis=1) / 2)          # mostly right, like a classifier
    assert {C.shape[0] for C in probes} == {2, 3, 4, 5, 10}


def test_a_function_that_changes_its_matrix_in_place_is_graded_on_what_it_returns():
    def in_place(C):
        rows, cols = C.sum(axis=1), C.sum(axis=0)
        d = np.diag(C).copy()
        C[:] = 0
        return d / rows, d / cols

    assert check_recall_precision(in_place).passed
