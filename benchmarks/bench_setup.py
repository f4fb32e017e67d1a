#!/usr/bin/env python3
"""How long do people wait around nnfs? A benchmark: it measures, prints and exits 0.

    python benchmarks/bench_setup.py            # everything (make bench runs it)
    python benchmarks/bench_setup.py --no-lab   # only the notebooks
    python benchmarks/bench_setup.py --no-test  # no make check / make test (minutes)
    python benchmarks/bench_setup.py --check    # also exit 1 if a target is missed

a. First `make lab` in a fresh clone (of the committed HEAD, into a temporary folder),
   with empty uv and pip caches, until JupyterLab answers on its port: at most 20 s.
b. A later `make lab` in the same clone, until JupyterLab answers: at most 5 s.
c. In the same clone, `make check` (lint and unit tests): at most 60 s; then `make test`
   (its set-up included: the maintainers' tools, from the same empty caches): at most 300 s,
   with the time of each of its jobs as it printed them (--no-test skips c).
d. Every notebook's Run All (tools/run_notebooks.py --check: a fresh kernel, every cell,
   nothing written): at most 10 s each, and the whole course at most 40 s.

The lab figures include downloading from the package index this machine uses: they say
what a learner with that index waits. Print `uptime` beside them: on a loaded machine
they measure the load.
"""

import argparse
import http.client
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {"first make lab": 20.0, "later make lab": 5.0, "make check": 60.0,
           "make test": 300.0, "notebook Run All": 10.0, "make notebooks": 40.0}
JOB_LINE = re.compile(r"^(\w+)\s+(?:passed|FAILED) in\s+(\d+) s$")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def time_make_lab(clone: Path, env: dict, timeout=600.0) -> float:
    """Seconds from `make lab` until JupyterLab answers /api/status; then stop it."""
    port, token = free_port(), secrets.token_hex(8)
    args = (f"--no-browser --ServerApp.port={port} --ServerApp.port_retries=0 "
            f"--IdentityProvider.token={token}")
    start = time.perf_counter()
    lab = subprocess.Popen(["make", "lab", f"LAB_ARGS={args}"], cwd=clone, env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                           start_new_session=True)
    url = f"http://127.0.0.1:{port}/api/status?token={token}"
    try:
        while time.perf_counter() - start < timeout:
            if lab.poll() is not None:
                sys.exit(f"make lab exited with {lab.returncode}:\n{lab.stdout.read()}")
            try:
                urllib.request.urlopen(url, timeout=1).close()
                return time.perf_counter() - start
            except (OSError, http.client.HTTPException):
                time.sleep(0.05)
        sys.exit(f"JupyterLab did not answer within {timeout} s")
    finally:
        os.killpg(lab.pid, signal.SIGTERM)
        lab.communicate(timeout=60)


def time_make(clone: Path, env: dict, target: str) -> tuple[float, str]:
    """Seconds `make target` took in ``clone``, and its output; exits if it failed."""
    start = time.perf_counter()
    done = subprocess.run(["make", target], cwd=clone, env=env, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"make {target} failed:\n{done.stdout[-3000:]}{done.stderr[-2000:]}")
    return time.perf_counter() - start, done.stdout


def lab_figures(test: bool) -> dict:
    with tempfile.TemporaryDirectory(prefix="nnfs-bench-setup-") as tmp:
        clone = Path(tmp) / "course"
        subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "MAKE"))}
        env.update(UV_CACHE_DIR=f"{tmp}/uv-cache", PIP_CACHE_DIR=f"{tmp}/pip-cache",
                   PIP_NO_CACHE_DIR="0")
        figures = {"first make lab": time_make_lab(clone, env),
                   "later make lab": time_make_lab(clone, env)}
        if test:
            figures["make check"] = time_make(clone, env, "check")[0]
            figures["make test"], out = time_make(clone, env, "test")
            for line in out.splitlines():
                if job := JOB_LINE.match(line.strip()):
                    figures[f"  job {job[1]}"] = float(job[2])
    return figures


def notebook_figures() -> dict:
    """Run All of every notebook, as `make notebooks` runs them (nothing is written)."""
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "run_notebooks.py"), "--check"],
                          cwd=ROOT, capture_output=True, text=True)
    times = {}
    for line in done.stdout.splitlines():
        found = re.match(r"\s*([\d.]+) s\s+(\S+(?: change)?)\s+(\S+)$", line)
        if found:
            times[Path(found[3]).name] = float(found[1])
        elif "total" in line:
            times["make notebooks"] = float(line.split()[0])
    if done.returncode and "Would change" not in done.stderr:
        sys.exit(f"a notebook failed:\n{done.stderr[-2000:]}")
    return times


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-lab", action="store_true", help="skip the fresh-clone make lab")
    parser.add_argument("--no-test", action="store_true", help="skip make check and make test")
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    args = parser.parse_args(argv)
    print("nnfs set-up benchmark; load average", " ".join(
        f"{x:.2f}" for x in os.getloadavg()), f"on {os.cpu_count()} CPUs")
    figures = {} if args.no_lab else lab_figures(not args.no_test)
    figures.update(notebook_figures())
    missed = []
    for what, seconds in figures.items():
        if what.startswith("  job "):     # a part of make test: no target of its own
            print(f"    {what:34s} {seconds:6.1f} s")
            continue
        target = TARGETS.get(what, TARGETS["notebook Run All"])
        ok = seconds <= target
        missed += [] if ok else [what]
        print(f"    {what:34s} {seconds:6.1f} s   target <= {target:4.0f} s "
              f"{'ok' if ok else 'MISSED'}")
    return 1 if missed and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
