"""python -m nnfs.grading grade SUBMISSIONS GRADES [-j N] | progress WORK."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from . import grade, report
from .course import NOTEBOOK, read_course


def _grade(args, course: dict) -> int:
    if not args.submissions.is_dir():
        print(f"SUBMISSIONS must be a folder of student folders; got {args.submissions}",
              file=sys.stderr)
        return 2
    students = sorted(p for p in args.submissions.iterdir()
                      if p.is_dir() and not p.name.startswith("."))
    stray = sorted(p.name for p in args.submissions.iterdir() if not p.is_dir())
    if stray:
        print(f"ignored (not a student's folder): {', '.join(stray)}", file=sys.stderr)
    tasks, extra = {}, {}
    for folder in students:
        for name in course:
            path = folder / name
            tasks[(folder.name, name)] = (name, path.read_bytes() if path.is_file() else None)
        others = sorted(p.name for p in folder.iterdir()
                        if p.name not in course and not p.name.startswith("."))
        extra[folder.name] = [f"{name}: not one of the course's notebooks; not graded."
                              for name in others if NOTEBOOK.match(name) or
                              name.endswith(".ipynb")] + (
            [f"other files ignored: {', '.join(o for o in others if not o.endswith('.ipynb'))}"]
            if any(not o.endswith(".ipynb") for o in others) else [])
    start = time.monotonic()
    done = grade.grade_all(tasks, course, args.jobs, _limits(args))
    seconds = time.monotonic() - start
    args.grades.mkdir(parents=True, exist_ok=True)
    rows = {s.name: {name: done[(s.name, name)] for name in course} for s in students}
    report.write_csv(args.grades / "grades.csv", course, rows)
    for student, graded in rows.items():
        (args.grades / f"{student}.md").write_text(
            report.feedback(student, course, graded, extra[student]), encoding="utf-8")
    per = seconds / max(1, len(students))
    print(f"graded {len(students)} student(s), {len(tasks)} notebook(s), in {seconds:.0f} s "
          f"with -j {args.jobs} ({per:.1f} s per student): {args.grades / 'grades.csv'}")
    return 0


def _limits(args) -> dict:
    return dict(grade.LIMITS, cell=args.cell_timeout, notebook=args.notebook_timeout)


def main(argv=None) -> int:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--reference", type=Path, default=Path("build/student"),
                        help="the student edition's notebooks (default: build/student)")
    common.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1,
                        help="notebooks graded at once (default: the number of CPUs)")
    common.add_argument("--cell-timeout", type=float, default=grade.LIMITS["cell"])
    common.add_argument("--notebook-timeout", type=float, default=grade.LIMITS["notebook"])
    parser = argparse.ArgumentParser(prog="python -m nnfs.grading", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    g = sub.add_parser("grade", parents=[common],
                       help="grade a class: SUBMISSIONS/<student>/NN_name.ipynb")
    g.add_argument("submissions", type=Path)
    g.add_argument("grades", type=Path, help="folder for grades.csv and <student>.md")
    p = sub.add_parser("progress", parents=[common],
                       help="where you stand, over your own copy (work/)")
    p.add_argument("work", type=Path, nargs="?", default=Path("work"))
    p.add_argument("--cache", type=Path, default=Path("build/progress-cache.json"))
    args = parser.parse_args(argv)
    try:
        course = read_course(args.reference)
    except FileNotFoundError as error:
        print(error, file=sys.stderr)
        return 2
    if args.command == "grade":
        return _grade(args, course)
    from .progress import progress
    print(progress(args.work, args.reference, course, args.cache, args.jobs, _limits(args)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
