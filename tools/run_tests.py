#!/usr/bin/env python3
"""`make test` after ruff: every test job, one more at a time than there are cores (the jobs
wait on browsers, kernels and time limits part of the time; TEST_JOBS=N says otherwise);
--e2e adds the website and the browser test.

Each job writes build/test-logs/<job>.log; a failed job's log ends the output. The stored
outputs must depend neither on the CPU nor on the thread count: nbval runs the course on the
default BLAS kernel, and the browser test (JupyterLab, with --e2e) on OpenBLAS's AVX2 kernel
with one BLAS thread, comparing what it saved with the stored outputs as nbval does; without
--e2e, haswell re-runs nbval there instead (without AVX2: the browser test runs on the
default kernel and haswell is skipped, and said so). learner is the student edition and a
learner's session; release the hand-out unpacked and run far from the repository; grading
`make grade` on fixtures.
"""

import os
import platform
import re
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOGS, PY = ROOT / "build" / "test-logs", sys.executable
PYTEST = [PY, "-m", "pytest", "-p", "no:cacheprovider", "-o", "tmp_path_retention_policy=failed"]
NBVAL = ["--nbval", "--nbval-current-env", "--nbval-cell-timeout=120", "notebooks"]
LEARNER = ["tests/test_student_edition.py", "tests/test_learner_workspace.py"]
SLOW = ["tests/test_release.py", "tests/test_grading.py"]
HASWELL = ["env", "OPENBLAS_CORETYPE=Haswell", "OPENBLAS_NUM_THREADS=1"]
JOBS = {   # the workers take them in this order: the longest first, the website after html
    "release": [PYTEST + SLOW[:1]],   # the longest, on one core most of the time: it sets the pace
    "browser": [HASWELL + PYTEST + ["e2e/test_course_in_browser.py"]],
    "html": [[PY, "tools/student_edition.py"], [PY, "tools/build_html.py"]],
    "site": [PYTEST + ["e2e/test_site.py"]],   # waits for html
    "grading": [PYTEST + SLOW[1:]],
    "nbval": [PYTEST + NBVAL],
    "haswell": [HASWELL + PYTEST + NBVAL],
    "learner": [PYTEST + LEARNER],
    "unit": [PYTEST + ["tests", "-m", "not course"]],
}
E2E = ("browser", "html", "site")
HTML_DONE = threading.Event()


def run(name: str) -> bool:
    """Run one job's commands in turn, output to its log; print one line; True if it passed."""
    if name == "site":
        HTML_DONE.wait()
    start, ok = time.monotonic(), True
    with open(LOGS / f"{name}.log", "w") as log:
        for command in JOBS[name]:
            ok = ok and not subprocess.run(command, cwd=ROOT, stdout=log,
                                           stderr=subprocess.STDOUT).returncode
    if name == "html":
        HTML_DONE.set()
    print(f"{name:8s} {'passed' if ok else 'FAILED'} in {time.monotonic() - start:4.0f} s",
          flush=True)
    return ok


def pytest_counts(results: dict) -> tuple[int, int]:
    """Passed and failed tests over the jobs' pytest summary lines (a failed job without a
    failed test, a crash say, counts one failure)."""
    passed = failed = 0
    for name, ok in results.items():
        lines = (LOGS / f"{name}.log").read_text(errors="replace").splitlines()
        summary = next((s for s in reversed(lines) if re.search(r" in [0-9.]+s", s)
                        and re.search(r"\d+ (passed|failed|error)", s)), "")
        counts = {word: int(n) for n, word in re.findall(r"(\d+) (\w+)", summary)}
        passed += counts.get("passed", 0)
        bad = sum(counts.get(k, 0) for k in ("failed", "error", "errors"))
        failed += bad or (not ok)
    return passed, failed


def main() -> int:
    e2e = "--e2e" in sys.argv
    names = [n for n in JOBS if e2e or n not in E2E]
    if e2e:
        names.remove("haswell")   # the browser test runs the course on that kernel
    cpu = Path("/proc/cpuinfo").read_text().split() if Path("/proc/cpuinfo").exists() else []
    if platform.machine() != "x86_64" or "avx2" not in cpu:
        print("SKIPPED: the course on OpenBLAS's AVX2 kernel needs an x86-64 CPU with AVX2")
        JOBS["browser"] = [PYTEST + ["e2e/test_course_in_browser.py"]]
        names = [n for n in names if n != "haswell"]
    LOGS.mkdir(parents=True, exist_ok=True)
    start = time.monotonic()
    workers = int(os.environ.get("TEST_JOBS") or (os.cpu_count() or 1) + 1)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = dict(zip(names, pool.map(run, names), strict=True))
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
