"""What the grader writes: grades.csv, a feedback file per student, the progress table."""

from __future__ import annotations

import csv
from pathlib import Path

MARK = {True: "[done]", False: "[not yet]"}   # words: readable without an emoji font


def exercise_ids(course: dict) -> list[str]:
    return [ex.id for exercises in course.values() for ex in exercises]


def write_csv(path: Path, course: dict, rows: dict) -> None:
    """One row per student: 1/0 per exercise id, score (passed) and of (exercises)."""
    ids = exercise_ids(course)
    with open(path, "w", newline="", encoding="utf-8") as file:
        out = csv.writer(file)
        out.writerow(["student", *ids, "score", "of"])
        for student, graded in sorted(rows.items()):
            marks = [int(_passed(graded, nb, i)) for nb, exs in course.items() for i in
                     (ex.id for ex in exs)]
            out.writerow([student, *marks, sum(marks), len(ids)])


def _passed(graded: dict, notebook: str, ex_id: str) -> bool:
    return graded[notebook].results[ex_id][0] is True


def feedback(student: str, course: dict, graded: dict, extra: list[str]) -> str:
    """The feedback file: per notebook, each exercise with its check's message, and notes."""
    ids = exercise_ids(course)
    score = sum(_passed(graded, nb, ex.id) for nb, exs in course.items() for ex in exs)
    lines = [f"# Feedback for {student}", "", f"Score: {score} of {len(ids)} exercises.", ""]
    lines += [f"- {note}" for note in extra] + ([""] if extra else [])
    for notebook, exercises in course.items():
        result = graded[notebook]
        lines += [f"## {notebook}", ""]
        for ex in exercises:
            passed, message = result.results[ex.id]
            text = message.replace("\n", " / ")
            lines.append(f"- {MARK[passed]} **{ex.id}** {ex.title}: {text}")
        if result.notes:
            lines += ["", "Notes:"] + [f"- {note}" for note in result.notes]
        lines.append("")
    return "\n".join(lines)


def status(result, ex_id: str) -> str:
    if result.results[ex_id][0] is True:
        return "done"
    return "not yet" if result.tried.get(ex_id, True) else "not tried"


def progress_table(course: dict, graded: dict, folder: str) -> str:
    """Per notebook, each exercise done / not yet / not tried, then the total."""
    lines, counts = [f"Your exercises in {folder}:"], {"done": 0, "not yet": 0, "not tried": 0}
    for notebook, exercises in course.items():
        result = graded[notebook]
        states = [status(result, ex.id) for ex in exercises]
        done = states.count("done")
        lines.append(f"  {notebook:<32} {done} of {len(exercises)} done")
        for ex, state in zip(exercises, states, strict=True):
            counts[state] += 1
            lines.append(f"    {ex.id:<6} {state:<10} {ex.title}")
            if state == "not yet":   # the check's own message: what is wrong, never the answer
                lines += [f"{'':18}{line}" for line in result.results[ex.id][1].splitlines()]
        lines += [f"    note: {note}" for note in result.notes]
    total = sum(counts.values())
    lines.append(f"Total: {counts['done']} of {total} exercises done "
                 f"({counts['not yet']} not yet, {counts['not tried']} not tried).")
    return "\n".join(lines)
