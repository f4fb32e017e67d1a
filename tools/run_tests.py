#!/usr/bin/env python3
"""`make test`: every check, two at a time (one per core), each notebook run as few times as it can.

    python tools/run_tests.py           # lint, then nbval, haswell, learner, unit
    python tools/run_tests.py --e2e     # and the website and browser tests

Jobs (each writes build/test-logs/<job>.log; a failed job's log is shown at the end):
  nbval    the answer key, notebooks/, re-run and compared strictly with nbval
  haswell  the same on OpenBLAS's AVX2 kernel: stored outputs must not depend on the CPU
           (skipped, and said so, on a CPU without AVX2)
  learner  the student edition built, and a learner's session on it: each notebook of it
           Run All once (errors only in raises-exception cells), reset, clean, a second lab
  release  the hand-out unpacked outside the repository, set up and run from the archive alone
  grading  make grade on fixture submissions (the answer key, blank, cheating, broken ones)
  unit     the unit tests (what `make check` runs)
  html, site, browser   the website built and read in Chromium; the course in JupyterLab
"""

import argparse
import platform
import re
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOGS = ROOT / "build" / "test-logs"
PY = sys.executable
PYTEST = [PY, "-m", "pytest", "-p", "no:cacheprovider", "-o", "tmp_path_retention_policy=failed"]
NBVAL = ["--nbval", "--nbval-current-env", "--nbval-cell-timeout=120", "notebooks"]
COURSE_TESTS = ["tests/test_student_edition.py", "tests/test_learner_workspace.py"]
SLOW_TESTS = {"grading": "tests/test_grading.py", "release": "tests/test_release.py"}
JOBS = {   # longest first: two workers take them in this order
    "browser": [PYTEST + ["e2e/test_course_in_browser.py"]],
    "html": [[PY, "tools/student_edition.py"], [PY, "tools/build_html.py"]],
    "nbval": [PYTEST + NBVAL],
    "learner": [PYTEST + COURSE_TESTS],
    "haswell": [["env", "OPENBLAS_CORETYPE=Haswell", *PYTEST, *NBVAL]],
    "release": [PYTEST + [SLOW_TESTS["release"]]],
    "grading": [PYTEST + [SLOW_TESTS["grading"]]],
    "unit": [PYTEST + ["tests"] + [f"--ignore={t}" for t in COURSE_TESTS + [*SLOW_TESTS.values()]]],
    "site": [PYTEST + ["e2e/test_site.py"]],   # waits for html
}
E2E = ("browser", "html", "site")


def has_avx2() -> bool:
    try:
        flags = Path("/proc/cpuinfo").read_text().split()
    except OSError:
        return False
    return platform.machine() == "x86_64" and "avx2" in flags


def run(name: str, html_done: threading.Event) -> bool:
    """Run one job's commands in turn, output to its log; print one line; True if it passed."""
    if name == "site":
        html_done.wait()
    start, ok = time.monotonic(), True
    with open(LOGS / f"{name}.log", "w") as log:
        for command in JOBS[name]:
            ok = ok and subprocess.run(command, cwd=ROOT, stdout=log,
                                       stderr=subprocess.STDOUT).returncode == 0
    if name == "html":
        html_done.set()
    print(f"{name:8s} {'passed' if ok else 'FAILED'} in {time.monotonic() - start:4.0f} s",
          flush=True)
    return ok


def pytest_counts(results) -> tuple[int, int]:
    """Passed and failed tests over the jobs' pytest summary lines (a failed job without a
    failed test, a crash say, counts one failure)."""
    passed = failed = 0
    for name, ok in results.items():
        lines = (LOGS / f"{name}.log").read_text(errors="replace").splitlines()
        summary = next((line for line in reversed(lines) if re.search(r" in [0-9.]+s", line)
                        and re.search(r"\d+ (passed|failed|error)", line)), "")
        counts = {word: int(n) for n, word in re.findall(r"(\d+) (\w+)", summary)}
        passed += counts.get("passed", 0)
        bad = counts.get("failed", 0) + counts.get("error", 0) + counts.get("errors", 0)
        failed += bad or (not ok)
    return passed, failed


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--e2e", action="store_true", help="the website and browser tests too")
    args = parser.parse_args(argv)
    names = [n for n in JOBS if args.e2e or n not in E2E]
    if not has_avx2():
        names.remove("haswell")
        print("SKIPPED haswell: the nbval pass on OpenBLAS's AVX2 kernel needs an x86-64 CPU "
              "with AVX2")
    LOGS.mkdir(parents=True, exist_ok=True)
    start = time.monotonic()
    lint = [str(Path(PY).with_name("ruff")), "check", "nnfs", "tests", "notebooks", "tools",
            "e2e", "benchmarks"]
    if subprocess.run(lint, cwd=ROOT).returncode:
        return 1
    html_done = threading.Event()
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = dict(zip(names, pool.map(lambda n: run(n, html_done), names), strict=True))
    failed = [n for n, ok in results.items() if not ok]
    for name in failed:
        tail = (LOGS / f"{name}.log").read_text(errors="replace").splitlines()[-60:]
        print(f"\n===== {name}: the end of build/test-logs/{name}.log\n" + "\n".join(tail))
    print(f"\nmake test: {len(names)} jobs in {time.monotonic() - start:.0f} s, "
          f"{len(failed)} failed {' '.join(failed)}")
    print("tests: {} passed, {} failed".format(*pytest_counts(results)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
