#!/usr/bin/env bash
# Fill $VENV (.venv) from one requirements file, pinned by constraints.txt; the Makefile runs
# it for requirements.txt (the learner's set), requirements-dev.txt and requirements-web.txt.
# uv installs (seconds, cold cache included) when it is on PATH or can be fetched from PyPI
# (into $VENV/uv); pip is the fallback (no uv wheel for this machine, an index without uv).
# One line per step.   NO_UV=1: pip only.
set -euo pipefail
req=$1 venv=${VENV:-.venv} python=${PYTHON:-python3}
t0=$SECONDS
uv_pin=$(sed -n 's/^uv==//p' constraints.txt)

if [ ! -x "$venv/bin/python" ]; then
  "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
    echo "error: the course needs Python 3.11+; try PYTHON=python3.11" >&2; exit 1; }
  echo "[setup] creating $venv with $("$python" --version)"
  "$python" -m venv --without-pip "$venv"
fi
uv=$(command -v uv || true)
[ -n "$uv" ] || uv=$(ls "$venv"/uv/bin/uv 2>/dev/null || true)
if [ -z "$uv" ] && [ -z "${NO_UV:-}" ]; then
  echo "[setup] fetching the installer uv $uv_pin from PyPI"
  if "$python" -m pip install -q --disable-pip-version-check --target "$venv/uv" \
       "uv==$uv_pin" >/dev/null 2>&1; then uv=$venv/uv/bin/uv; fi
fi
if [ -z "$uv" ] || [ -n "${NO_UV:-}" ]; then
  [ -x "$venv/bin/pip" ] || "$venv/bin/python" -m ensurepip >/dev/null
  echo "[setup] installing $req with pip (uv is not available: slower)"
  "$venv/bin/python" -m pip install -q -r "$req" -c constraints.txt
else
  echo "[setup] installing $req with uv"
  "$uv" pip install -q --python "$venv/bin/python" -r "$req" -c constraints.txt
fi
echo "[setup] $req installed in $((SECONDS - t0)) s"
