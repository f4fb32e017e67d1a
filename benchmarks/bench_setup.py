#!/usr/bin/env python3
"""How long do people wait around nnfs? A benchmark: it measures, prints and exits 0.

    python benchmarks/bench_setup.py            # everything (make bench runs it)
    python benchmarks/bench_setup.py --no-lab   # only the notebooks
    python benchmarks/bench_setup.py --check    # also exit 1 if a target is missed

a. First `make lab` in a fresh clone (of the committed HEAD, into a temporary folder),
   with empty uv and pip caches, until JupyterLab answers on its port: at most 20 s.
b. A later `make lab` in the same clone, until JupyterLab answers: at most 5 s.
c. Every notebook's Run All (tools/run_notebooks.py --check: a fresh kernel, every cell,
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
TARGETS = {"first make lab": 20.0, "later make lab": 5.0, "notebook Run All": 10.0,
           "make notebooks": 40.0}


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


def lab_figures() -> dict:
    with tempfile.TemporaryDirectory(prefix="nnfs-bench-setup-") as tmp:
        clone = Path(tmp) / "course"
        subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "MAKE"))}
        env.update(UV_CACHE_DIR=f"{tmp}/uv-cache", PIP_CACHE_DIR=f"{tmp}/pip-cache",
                   PIP_NO_CACHE_DIR="0")
        first = time_make_lab(clone, env)
        later = time_make_lab(clone, env)
    return {"first make lab": first, "later make lab": later}


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
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    args = parser.parse_args(argv)
    print("nnfs set-up benchmark; load average", " ".join(
        f"{x:.2f}" for x in os.getloadavg()), f"on {os.cpu_count()} CPUs")
    figures = {} if args.no_lab else lab_figures()
    figures.update(notebook_figures())
    missed = []
    for what, seconds in figures.items():
        target = TARGETS.get(what, TARGETS["notebook Run All"])
        ok = seconds <= target
        missed += [] if ok else [what]
        print(f"    {what:34s} {seconds:6.1f} s   target <= {target:4.0f} s "
              f"{'ok' if ok else 'MISSED'}")
    return 1 if missed and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
