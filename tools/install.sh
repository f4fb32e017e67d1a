#!/usr/bin/env bash
# Fill $VENV (.venv) from one requirements file, pinned by constraints.txt; the Makefile runs
# it for requirements.txt (the learner's set), requirements-dev.txt and requirements-web.txt.
# uv installs when it is on PATH or can be fetched from PyPI into the venv (a few seconds,
# cold cache included); pip is the fallback (offline mirrors, no uv wheel for this machine).
# One line per step.   NO_UV=1 forces pip.
set -euo pipefail
req=$1 venv=${VENV:-.venv} python=${PYTHON:-python3}
t0=$SECONDS
pin() { sed -n "s/^$1==//p" constraints.txt; }

if [ ! -x "$venv/bin/python" ]; then
  "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
    echo "error: the course needs Python 3.11+; try PYTHON=python3.11" >&2; exit 1; }
  echo "[setup] creating $venv with $("$python" --version)"
  "$python" -m venv "$venv"
fi
uv=
if [ -z "${NO_UV:-}" ]; then
  uv=$(command -v uv || true)
  if [ -z "$uv" ] && [ ! -x "$venv/bin/uv" ]; then
    echo "[setup] fetching the installer uv $(pin uv) from PyPI"
    "$venv/bin/python" -m pip install -q "uv==$(pin uv)" 2>/dev/null \
      || echo "[setup] no uv for this machine: pip installs instead (slower)"
  fi
  [ -n "$uv" ] || { [ -x "$venv/bin/uv" ] && uv=$venv/bin/uv; } || true
fi
count=$(grep -cE '^[A-Za-z]' "$req" || true)
echo "[setup] installing $req ($count packages and what they need) with $([ -n "$uv" ] && echo uv || echo pip)"
if [ -n "$uv" ]; then
  "$uv" pip install -q --python "$venv/bin/python" -r "$req" -c constraints.txt
else
  "$venv/bin/python" -m pip install -q -r "$req" -c constraints.txt
fi
echo "[setup] $req installed in $((SECONDS - t0)) s"
