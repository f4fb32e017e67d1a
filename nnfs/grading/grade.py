"""Grading: a class's submissions into grades.csv and one feedback file per student.

The unit of work is one (student, notebook): read, planned against the reference,
executed in its own kernel (kernel.py). Up to ``jobs`` of them run at once, each in a
worker process of its own, so that a notebook that misbehaves can only spoil itself.
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import kernel, submission
from .runtime import setup

LIMITS = {"cell": 60.0, "notebook": 300.0, "output": 10_000_000}
MAX_BYTES = 50_000_000   # a course notebook with its outputs is well under 1 MB


@dataclass
class Graded:
    """One notebook's grading: exercise id -> (passed, message), and the notes."""

    results: dict = field(default_factory=dict)
    notes: list = field(default_factory=list)
    tried: dict = field(default_factory=dict)
    seconds: float = 0.0


def grade_notebook(data: bytes | None, exercises: list, runtime: dict, limits: dict) -> Graded:
    """Grade one submitted notebook (``None``: not handed in). Never raises."""
    start = time.monotonic()
    out = Graded(tried={ex.id: False for ex in exercises})
    failed, got = None, {}
    if data is None:
        failed = "not handed in"
    elif len(data) > MAX_BYTES:
        failed = f"the file is larger than {MAX_BYTES // 10**6} MB"
    else:
        try:
            plan = submission.plan(submission.read(data), exercises)
        except submission.Unreadable as error:
            failed = f"this file could not be read as a notebook ({error})"
        else:
            out.tried, out.notes = plan.tried, list(plan.notes)
            verdicts, notes, wrote = kernel.run(plan.steps, runtime, limits)
            out.notes += notes
            if wrote:
                out.notes.append("the notebook wrote files into its folder (deleted after "
                                 "grading, which does not use them): " + ", ".join(wrote[:5]))
            got = {}
            for (ex_id, _k, _call), passed, message in verdicts:
                got.setdefault(ex_id, []).append((passed, message))
            out.results = {ex_id: (all(p for p, _ in v), "\n".join(m for _, m in v))
                           for ex_id, v in got.items()}
    for ex in exercises:
        if len(got.get(ex.id, [])) < len(ex.checks):
            reason = failed or "grading stopped before its check ran (see the notes)"
            out.results[ex.id] = (False, f"not graded: {reason}.")
    out.seconds = time.monotonic() - start
    return out


def _work(task):
    data, exercises, runtime, limits = task
    return grade_notebook(data, exercises, runtime, limits)


def grade_all(tasks: dict, course: dict, jobs: int, limits: dict = LIMITS) -> dict:
    """``tasks``: key -> (notebook name, bytes or None). Returns key -> Graded."""
    done = {}
    with tempfile.TemporaryDirectory(prefix="nnfs-grading-") as root:
        runtime = setup(Path(root))
        context = multiprocessing.get_context("spawn")
        with cf.ProcessPoolExecutor(max_workers=max(1, jobs), mp_context=context) as pool:
            futures = {pool.submit(_work, (data, course[name], runtime, limits)): key
                       for key, (name, data) in tasks.items()}
            for future in cf.as_completed(futures):
                key = futures[future]
                try:
                    done[key] = future.result()
                except Exception as error:   # a worker lost: still a graded row
                    exercises = course[tasks[key][0]]
                    done[key] = Graded({ex.id: (False, "not graded: the grader's worker "
                                                f"failed ({type(error).__name__}).")
                                        for ex in exercises})
    return done
