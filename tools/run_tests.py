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
  unit     the unit tests (what `make check` runs)
  html, site, browser   the website built and read in Chromium; the course in JupyterLab
"""

import argparse
import platform
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
JOBS = {   # longest first: two workers take them in this order
    "browser": [PYTEST + ["e2e/test_course_in_browser.py"]],
    "html": [[PY, "tools/student_edition.py"], [PY, "tools/build_html.py"]],
    "nbval": [PYTEST + NBVAL],
    "learner": [PYTEST + COURSE_TESTS],
    "haswell": [["env", "OPENBLAS_CORETYPE=Haswell", *PYTEST, *NBVAL]],
    "unit": [PYTEST + ["tests"] + [f"--ignore={t}" for t in COURSE_TESTS]],
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
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
