"""Grading the course's exercises outside a notebook: a class's submissions, or your own work/.

    python -m nnfs.grading grade SUBMISSIONS GRADES [-j N]   # a teacher: grades.csv + feedback
    python -m nnfs.grading progress work/                    # a learner: where do I stand?

Both execute each notebook afresh in its own kernel (never reading stored outputs), with
the course's own check cells put back in place, and read each check's verdict from a
fresh copy of ``nnfs.exercises`` that the notebook's code never touched (see
``_incell.py`` for how, and docs/grading-limits.md for what a determined student could
still do). The reference is the student edition (``make student``): its check cells,
exercise headings (``### Exercise 03.1: <title>``) and the blank answer cells.
"""
