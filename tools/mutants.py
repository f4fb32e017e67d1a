#!/usr/bin/env python3
"""Mutation testing by hand-chosen mutants: would the unit tests notice this bug?

    python tools/mutants.py              # every mutant, 2 at a time (make mutants)
    python tools/mutants.py -j 1 -k adam # one worker, only mutants whose text has "adam"
    python tools/mutants.py --list       # print the mutants, run nothing

A mutant of tests/mutants.toml replaces an exact snippet of a file in nnfs/ (a bug a real
change could make) in a scratch copy of nnfs/, tests/, notebooks/ and pyproject.toml (the
work tree is never written). The unit tests run there (`make check`'s set, no notebook): the
files [first] names for that module, then, if they pass, all. A mutant is *killed* (a test
failed, or the run timed out), *survived* (no test noticed) or *not applicable* (the snippet
is not in the file exactly once any more: update the entry). Kill rate = killed / (killed +
survived). The python -O re-run (tests/test_python_O.py) is left out: nnfs checks with
if/raise, never assert, so it cannot kill a mutant the plain run does not. Exit status 1 if a
mutant is not applicable or the kill rate is below --min-rate (default 0.95).
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
COPIED = ["nnfs", "tests", "notebooks", "tools", "handout", "pyproject.toml"]
DATA = tomllib.loads((REPO / "tests" / "mutants.toml").read_text(encoding="utf-8"))
FIRST = DATA["first"]   # the test files that exercise a module most directly: tried first
MUTANTS = [(m["file"], m["old"], m["new"], m["why"]) for m in DATA["mutant"]]
# Plugins are not auto-loaded (that alone took ~1.5 s of every run: the Jupyter stack
# installs several); Hypothesis's is loaded by name, nbval is not needed for tests/.
PYTEST = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider",
          "-p", "_hypothesis_pytestplugin",
          "--deselect", "tests/test_python_O.py::test_guards_pass_under_python_O"]
# The unit tests of nnfs, as `make check` runs them: tests/ without those marked course
# (minutes each, no nnfs behaviour of their own; tools/ and handout/ are copied for pytest to
# collect them).
UNIT = ["tests", "-m", "not course"]


def copy_repository(dest):
    for name in COPIED:
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, dest / name,
                            ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"))
        else:
            shutil.copy2(src, dest / name)


def run_tests(workdir, files, timeout):
    """True if every test passes, False if one fails or the run times out."""
    env = {**os.environ, "PYTHONPATH": str(workdir), "PYTHONHASHSEED": "0",
           "PYTHONDONTWRITEBYTECODE": "1", "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
    for var in ("MPLBACKEND", "DISPLAY", "WAYLAND_DISPLAY"):
        env.pop(var, None)
    try:
        result = subprocess.run(PYTEST + files, cwd=workdir, env=env, capture_output=True,
                                text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return False
    return result.returncode == 0


def run_mutant(workdir, mutant, timeout):
    file, old, new, _ = mutant
    path = workdir / "nnfs" / file
    source = path.read_text()
    if source.count(old) != 1:
        return "not applicable"
    path.write_text(source.replace(old, new))
    try:
        first = ["tests/" + f for f in FIRST.get(file, [])]
        if first and not run_tests(workdir, first, timeout):
            return "killed"
        return "survived" if run_tests(workdir, UNIT, timeout) else "killed"
    finally:
        path.write_text(source)


def run_mutants(chosen, jobs, timeout):
    """Each mutant's outcome, in the order of ``chosen``; None if the unmutated code fails."""
    with tempfile.TemporaryDirectory(prefix="nnfs-mutants-") as tmp:
        free = [Path(tmp) / f"copy{j}" for j in range(max(1, jobs))]
        for workdir in free:
            workdir.mkdir()
            copy_repository(workdir)
        if not run_tests(free[0], UNIT, timeout):
            return None

        def job(mutant):
            workdir = free.pop()
            try:
                return run_mutant(workdir, mutant, timeout)
            finally:
                free.append(workdir)

        outcomes = [None] * len(chosen)
        with ThreadPoolExecutor(max_workers=len(free)) as pool:
            futures = {pool.submit(job, m): i for i, m in enumerate(chosen)}
            for done, future in enumerate(as_completed(futures), 1):
                i = futures[future]
                outcomes[i] = future.result()
                print(f"[{done}/{len(chosen)}] {outcomes[i]}: {chosen[i][0]}: {chosen[i][3]}",
                      file=sys.stderr, flush=True)
    return outcomes


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-j", "--jobs", type=int, default=2, help="mutants run at once")
    parser.add_argument("-k", default="", help="only mutants whose file or why contains this")
    parser.add_argument("--list", action="store_true", help="print the mutants and exit")
    parser.add_argument("--min-rate", type=float, default=0.95)
    parser.add_argument("--timeout", type=float, default=300, help="seconds per pytest run")
    args = parser.parse_args()
    chosen = [m for m in MUTANTS if args.k.lower() in (m[0] + " " + m[3]).lower()]
    if args.list:
        for i, (file, _, _, why) in enumerate(chosen, 1):
            print(f"{i:3d}  {file:16s} {why}")
        return 0
    start = time.monotonic()
    outcomes = run_mutants(chosen, args.jobs, args.timeout)
    if outcomes is None:
        print("the unit tests fail on the unmutated code: fix that first", file=sys.stderr)
        return 2
    width = max((len(o) for o in outcomes), default=0)
    for (file, _, _, why), outcome in zip(chosen, outcomes, strict=True):
        print(f"{outcome:{width}s}  {file:16s} {why}")
    counts = {o: outcomes.count(o) for o in ("killed", "survived", "not applicable")}
    tried = counts["killed"] + counts["survived"]
    rate = counts["killed"] / tried if tried else 1.0
    print(f"\n{len(chosen)} mutants: {counts['killed']} killed, {counts['survived']} survived, "
          f"{counts['not applicable']} not applicable; kill rate {rate:.1%} "
          f"({time.monotonic() - start:.0f} s)")
    return 0 if counts["not applicable"] == 0 and rate >= args.min_rate else 1


if __name__ == "__main__":
    sys.exit(main())
