# Neural Networks from Scratch, part 4: Layers.   `make help` lists the targets.
#
# Everything runs from a project-local virtualenv, .venv/, made from $(PYTHON) on
# first use and (re)filled whenever requirements.txt, constraints.txt or
# pyproject.toml change. Nothing is installed or registered outside .venv/.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:
# The targets share .venv/ and the notebooks: never run two at once, even with -j.
.NOTPARALLEL:
MAKEFLAGS += --no-builtin-rules

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

LINT_PATHS := nnfs tests notebooks tools e2e benchmarks
LAB_ARGS ?=

# Targets run at the end of `make test`, after lint, unit tests and notebooks: the
# browser test. `make test TEST_HOOK_TARGETS=` skips it (no Chromium needed then).
TEST_HOOK_TARGETS ?= e2e
WEB_STAMP := $(VENV)/.installed-web
CHROMIUM ?= /usr/bin/chromium

# Same results on every machine: fixed hash seed (set order in printed output), and
# none of the caller's Python or matplotlib settings leak into tests or kernels.
export PYTHONHASHSEED := 0
export PIP_DISABLE_PIP_VERSION_CHECK := 1
unexport PYTHONPATH PYTHONSTARTUP MATPLOTLIBRC
# Notebook kernels (nbval, tools/run_notebooks.py) need matplotlib's inline backend,
# which ipykernel picks only when MPLBACKEND is unset, and get a private, empty IPython
# profile (no ~/.ipython startup scripts or config).
KERNEL_ENV_VARS := IPYTHONDIR="$(CURDIR)/$(VENV)/ipython"
KERNEL_ENV := env -u MPLBACKEND $(KERNEL_ENV_VARS)
# Unit tests must never open a window: with no display, matplotlib falls back to Agg in
# the test process (MPLBACKEND=Agg would also reach the nbval kernels and hide plots).
TEST_ENV := env -u MPLBACKEND -u DISPLAY -u WAYLAND_DISPLAY $(KERNEL_ENV_VARS)

.PHONY: help install lab reset student test lint notebooks notebooks-check bench constraints \
	clean distclean html e2e long-runs mutants

help: ## List the targets
	@echo "Targets:"
	@awk 'BEGIN {FS = ":.*## "} /^[a-z][a-z0-9-]*:.*## / {printf "  %-16s %s\n", $$1, $$2}' \
		$(MAKEFILE_LIST)

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { \
	  echo "error: the pinned dev environment needs Python 3.11+; try PYTHON=python3.11" >&2; \
	  exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): requirements.txt constraints.txt pyproject.toml | $(PY)
	$(PY) -m pip install -r requirements.txt -c constraints.txt
	touch $@

install: $(STAMP) ## Create .venv and install the pinned dependencies (no-op when up to date)

lab: install ## Open your copy of the course (work/) in JupyterLab (options: LAB_ARGS="--no-browser")
	$(KERNEL_ENV) $(PY) tools/workspace.py init
	env -u MPLBACKEND $(VENV)/bin/jupyter lab --notebook-dir=work \
		$(if $(filter 0,$(shell id -u)),--allow-root) $(LAB_ARGS)

NB ?=
reset: install ## Put your copy of a notebook back as the course has it: make reset NB=03 (or NB=all)
	@if [ -z "$(NB)" ]; then echo "usage: make reset NB=03   (a notebook number, or NB=all)" >&2; \
	  exit 2; fi
	$(KERNEL_ENV) $(PY) tools/workspace.py reset "$(NB)"

student: install ## Write the student edition to build/student/ (exercises blank, checks kept)
	$(KERNEL_ENV) $(PY) tools/student_edition.py --out build/student

# The hand-out (tools/release.py): the student archive, and the teacher's beside it.
.PHONY: release
release: install ## The hand-out: build/release/nnfs-layers-course-<version>-student.zip (and -teacher.zip)
	$(KERNEL_ENV) $(PY) tools/release.py

lint: install ## ruff check (code and notebooks)
	$(VENV)/bin/ruff check $(LINT_PATHS)

test: install ## Lint, unit tests, every notebook re-run and compared (nbval), then e2e
	$(VENV)/bin/ruff check $(LINT_PATHS)
	@# Stored outputs must not depend on the CPU: the notebooks once more on OpenBLAS's AVX2
	@# kernel (what a machine without AVX-512 gets), where an x86-64 CPU can run it. That
	@# pass runs beside the main one (each runs one kernel at a time: one core each).
	@mkdir -p build; haswell=; status=0; \
	if [ "$$(uname -m)" = x86_64 ] && grep -qw avx2 /proc/cpuinfo 2>/dev/null; then \
	  $(TEST_ENV) OPENBLAS_CORETYPE=Haswell $(PY) -m pytest notebooks --nbval \
	    --nbval-current-env --nbval-cell-timeout=120 -p no:cacheprovider -q \
	    > build/nbval-haswell.log 2>&1 & haswell=$$!; \
	else \
	  echo "SKIPPED: the nbval pass with OPENBLAS_CORETYPE=Haswell needs an x86-64 CPU with" \
	    "AVX2 (this machine: $$(uname -m), no avx2 flag in /proc/cpuinfo)"; \
	fi; \
	$(TEST_ENV) $(PY) -m pytest tests notebooks --nbval --nbval-current-env \
	  --nbval-cell-timeout=120 || status=$$?; \
	if [ -n "$$haswell" ]; then \
	  echo "nbval again with OPENBLAS_CORETYPE=Haswell (OpenBLAS's AVX2 kernel):"; \
	  wait $$haswell || { status=1; echo "FAILED: the nbval pass on the AVX2 kernel (its log follows)"; }; \
	  cat build/nbval-haswell.log; \
	fi; \
	exit $$status
	$(if $(strip $(TEST_HOOK_TARGETS)),$(MAKE) $(TEST_HOOK_TARGETS))

notebooks: install ## Re-execute every notebook in place and normalise it
	$(KERNEL_ENV) $(PY) tools/run_notebooks.py

notebooks-check: install ## Re-execute in memory; fail if a stored notebook would change
	$(KERNEL_ENV) $(PY) tools/run_notebooks.py --check

$(WEB_STAMP): requirements-web.txt $(STAMP)
	$(PY) -m pip install -r requirements-web.txt -c constraints.txt
	touch $@

# Debian's Chromium, for the browser test; installed with apt-get when missing.
$(CHROMIUM):
	@echo "$(CHROMIUM) is missing: installing Debian's chromium package"
	@if [ "$$(id -u)" = 0 ]; then SUDO=; elif command -v sudo >/dev/null; then SUDO=sudo; \
	else echo "Install Chromium (apt-get install chromium) as root, then re-run." >&2; exit 1; fi; \
	$$SUDO apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends chromium
	test -x $(CHROMIUM)

# The student edition is a section of the website whenever build/student/ holds
# notebooks: `make html` (and so `make e2e`) makes it first (a no-op when up to date).
HTML_STUDENT := student
html: $(WEB_STAMP) $(HTML_STUDENT) ## Build the course website from the stored notebooks: build/html/index.html
	$(PY) tools/build_html.py

.PHONY: hooks
hooks: $(WEB_STAMP) ## Install the git hook of .pre-commit-config.yaml (ruff, stored notebooks)
	$(VENV)/bin/pre-commit install

e2e: html | $(CHROMIUM) ## Browser test: every notebook Run All in JupyterLab, and the HTML pages
	$(KERNEL_ENV) CHROMIUM=$(CHROMIUM) $(PY) -m pytest e2e -p no:cacheprovider

bench: install ## Training-speed benchmark, 4 ratios (options: BENCH_ARGS="--check --rounds 31")
	MPLBACKEND=Agg $(PY) benchmarks/bench_training.py $(BENCH_ARGS)

# A measurement, not a test (several minutes): the 10 000-epoch runs and the many-draw counts
# that notebooks 06 and 07 quote. It reads the seeds the stored notebooks printed.
long-runs: install ## Print the numbers of the runs too long for a notebook (minutes)
	$(PY) tools/long_runs.py

mutants: install ## Mutation testing: would the unit tests catch each bug in tools/mutants.py?
	$(TEST_ENV) $(PY) tools/mutants.py

LOCK_VENV := $(VENV)-lock
constraints: ## Re-resolve requirements.txt in a scratch venv and rewrite constraints.txt
	rm -rf $(LOCK_VENV)
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))'
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install -q -r requirements-web.txt
	{ echo "# Exact versions for repeatable installs: pip install -r requirements.txt -c constraints.txt"; \
	  echo "# (and requirements-web.txt, for make e2e / make html)"; \
	  echo "# Generated by \`make constraints\` (pip freeze --exclude-editable); do not edit by hand."; \
	  $(LOCK_VENV)/bin/python -m pip freeze --exclude-editable; } > constraints.txt.tmp
	mv constraints.txt.tmp constraints.txt
	rm -rf $(LOCK_VENV)

clean: ## Remove build artefacts and caches (keeps .venv, and your work/)
	rm -rf build dist .eggs *.egg-info .pytest_cache .hypothesis .ruff_cache
	find . -path ./$(VENV) -prune -o -path ./.git -prune -o \
		\( -name __pycache__ -o -name .ipynb_checkpoints \) -type d -print0 \
		| xargs -0 -r rm -rf

distclean: clean ## clean, and remove .venv
	rm -rf $(VENV) $(LOCK_VENV)
