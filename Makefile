# Neural Networks from Scratch, part 4: Layers.   `make help` lists the targets.
#
# Everything runs from a project-local virtualenv, .venv/: `make lab` fills it with what the
# course needs (requirements.txt), `make check`/`make test` add the maintainers' tools
# (requirements-dev.txt), both pinned by constraints.txt (tools/install.sh: uv if it can,
# pip otherwise). Nothing is installed, configured or cached in your home directory except
# the installer's own download cache: Jupyter's, IPython's and matplotlib's folders are in .venv/.

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
DEV_STAMP := $(VENV)/.installed-dev
WEB_STAMP := $(VENV)/.installed-web
export PYTHON VENV

LINT_PATHS := nnfs tests notebooks tools handout e2e benchmarks docs
LAB_ARGS ?=
CHROMIUM ?= /usr/bin/chromium

# Same results on every machine: fixed hash seed, none of the caller's Python or matplotlib
# settings. Kernels need matplotlib's inline backend, which ipykernel picks only when
# MPLBACKEND is unset. Jupyter, IPython and matplotlib keep their settings, caches and
# runtime files in .venv/, never in $HOME (tests/test_learner_workspace.py checks it).
export PYTHONHASHSEED := 0
export PIP_DISABLE_PIP_VERSION_CHECK := 1
unexport PYTHONPATH PYTHONSTARTUP MATPLOTLIBRC MPLBACKEND
PRIVATE := $(CURDIR)/$(VENV)/home
export IPYTHONDIR := $(PRIVATE)/ipython
export MPLCONFIGDIR := $(PRIVATE)/matplotlib
export JUPYTER_CONFIG_DIR := $(PRIVATE)/jupyter/config
export JUPYTER_DATA_DIR := $(PRIVATE)/jupyter/data
export JUPYTER_RUNTIME_DIR := $(PRIVATE)/jupyter/runtime
export JUPYTERLAB_SETTINGS_DIR := $(PRIVATE)/jupyterlab/settings
export JUPYTERLAB_WORKSPACES_DIR := $(PRIVATE)/jupyterlab/workspaces
# JupyterLab asks npm about extensions where Node is installed: npm's cache and logs go here
export npm_config_cache := $(PRIVATE)/npm
# Unit tests never open a window: with no display, matplotlib falls back to Agg.
TEST_ENV := env -u DISPLAY -u WAYLAND_DISPLAY

.PHONY: help install install-dev lab reset student check test lint notebooks notebooks-check \
	bench constraints clean distclean html e2e long-runs mutants hooks

help: ## List the targets
	@echo "Targets:"
	@awk 'BEGIN {FS = ":.*## "} /^[a-z][a-z0-9-]*:.*## / {printf "  %-16s %s\n", $$1, $$2}' \
		$(MAKEFILE_LIST)

$(STAMP): requirements.txt constraints.txt pyproject.toml
	@tools/install.sh requirements.txt
	@touch $@

# The whole venv byte-compiled once (~10 s on 2 cores): uv installs without .pyc files, and
# where PYTHONDONTWRITEBYTECODE is set (CI images often do) every kernel and test process of
# make test would compile numpy, IPython and Jupyter again (~1.3 s each, hundreds of them).
$(DEV_STAMP): requirements-dev.txt $(STAMP)
	@tools/install.sh requirements-dev.txt
	@$(PY) -m compileall -q -j 0 $(VENV)/lib >/dev/null || echo "[setup] not every file byte-compiled (harmless)"
	@echo "[setup] byte-compiled $(VENV)/"
	@touch $@

$(WEB_STAMP): requirements-web.txt $(DEV_STAMP)
	@tools/install.sh requirements-web.txt
	@touch $@

install: $(STAMP) ## Create .venv with what the course needs (no-op when up to date)

install-dev: $(DEV_STAMP) ## install, plus the maintainers' test and lint tools

lab: install ## Open your copy of the course (work/) in JupyterLab (options: LAB_ARGS="--no-browser")
	@$(PY) tools/workspace.py lab $(LAB_ARGS)

NB ?=
reset: install ## Put your copy of a notebook back as the course has it: make reset NB=03 (or NB=all)
	@if [ -z "$(NB)" ]; then echo "usage: make reset NB=03   (a notebook number, or NB=all)" >&2; \
	  exit 2; fi
	@$(PY) tools/workspace.py reset "$(NB)"

student: install ## Write the student edition to build/student/ (exercises blank, no outputs)
	$(PY) tools/student_edition.py --out build/student

# The hand-out (tools/release.py): the student archive, and the teacher's beside it.
.PHONY: release
release: install ## The hand-out: build/release/nnfs-layers-course-<version>-student.zip (and -teacher.zip)
	$(PY) tools/release.py

lint: install-dev ## ruff check (code and notebooks)
	$(VENV)/bin/ruff check $(LINT_PATHS)

check: install-dev ## Inner loop: lint and the unit tests, without the course-building tests
	$(VENV)/bin/ruff check $(LINT_PATHS)
	$(TEST_ENV) $(PY) -m pytest tests -q -p no:cacheprovider -m "not course"

# `make test TEST_HOOK_TARGETS=` skips the website and browser tests (no Chromium needed).
TEST_HOOK_TARGETS ?= e2e
E2E := $(if $(strip $(TEST_HOOK_TARGETS)),1)
test: install-dev $(if $(E2E),$(WEB_STAMP) | $(CHROMIUM)) ## Lint, then side by side: unit, nbval, learner, hand-out, grading, website, browser (AVX2)
	$(VENV)/bin/ruff check $(LINT_PATHS)
	$(TEST_ENV) $(PY) tools/run_tests.py $(if $(E2E),--e2e)

notebooks: install-dev ## Re-execute every notebook in place and normalise it
	$(PY) tools/run_notebooks.py

notebooks-check: install-dev ## Re-execute in memory; fail if a stored notebook would change
	$(PY) tools/run_notebooks.py --check

# Debian's Chromium, for the browser test; installed with apt-get when missing.
$(CHROMIUM):
	@echo "$(CHROMIUM) is missing: installing Debian's chromium package"
	@if [ "$$(id -u)" = 0 ]; then SUDO=; elif command -v sudo >/dev/null; then SUDO=sudo; \
	else echo "Install Chromium (apt-get install chromium) as root, then re-run." >&2; exit 1; fi; \
	$$SUDO apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends chromium
	test -x $(CHROMIUM)

# The website shows the student edition and links the hand-out: tools/build_html.py makes
# both first (release.ensure(): a no-op when they are up to date).
html: $(WEB_STAMP) ## Build the course website from the stored notebooks: build/html/index.html
	$(PY) tools/build_html.py

hooks: $(WEB_STAMP) ## Install the git hook of .pre-commit-config.yaml (ruff, stored notebooks)
	$(VENV)/bin/pre-commit install

e2e: html | $(CHROMIUM) ## Browser test: every notebook Run All in JupyterLab, and the HTML pages
	CHROMIUM=$(CHROMIUM) $(PY) -m pytest e2e -p no:cacheprovider -o tmp_path_retention_policy=none

SETUP_ARGS ?=
bench: install-dev ## Set-up, make test, notebook and training figures (BENCH_ARGS="--check", SETUP_ARGS="--no-test")
	$(PY) benchmarks/bench_setup.py $(BENCH_ARGS) $(SETUP_ARGS)
	MPLBACKEND=Agg $(PY) benchmarks/bench_training.py $(BENCH_ARGS)

# A measurement, not a test (several minutes): the 10 000-epoch runs and the many-draw counts
# that notebooks 06 and 07 quote. It reads the seeds the stored notebooks printed.
long-runs: install-dev ## Print the numbers of the runs too long for a notebook (minutes)
	$(PY) benchmarks/long_runs.py

mutants: install-dev ## Mutation testing: would the unit tests catch each bug of tests/mutants.toml?
	$(TEST_ENV) $(PY) tools/mutants.py

LOCK_VENV := $(VENV)-lock
# soupsieve 3 (bs4's, under nbconvert) needs Python 3.11.5+ (3.0.2 and later say so; 3.0 and 3.0.1,
# broken there, are yanked): Debian 12 has 3.11.2, which gets soupsieve 2 (tests/test_release.py).
OLD_311 := python_full_version >= '3.11.5'
OLD_311_NOT := python_full_version < '3.11.5'
constraints: ## Re-resolve the requirements in a scratch venv and rewrite constraints.txt
	rm -rf $(LOCK_VENV)
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))'
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install -q -r requirements-web.txt uv
	{ echo "# Exact versions for repeatable installs: tools/install.sh requirements.txt"; \
	  echo "# (and requirements-dev.txt, requirements-web.txt) installs with -c constraints.txt."; \
	  echo "# Generated by \`make constraints\` (pip freeze --exclude-editable); do not edit by hand."; \
	  $(LOCK_VENV)/bin/python -m pip freeze --exclude-editable \
	  | sed -E "s/^(soupsieve==.*)$$/\1 ; $(OLD_311)/; s/^(soupsieve==.*) ; .*$$/&\nsoupsieve==2.10 ; $(OLD_311_NOT)/"; \
	  } > constraints.txt.tmp
	mv constraints.txt.tmp constraints.txt
	rm -rf $(LOCK_VENV)

clean: ## Remove build artefacts and caches (keeps .venv, and everything in your work/)
	rm -rf build dist .eggs *.egg-info .pytest_cache .hypothesis .ruff_cache
	find . \( -path ./$(VENV) -o -path ./.git -o -path ./work \) -prune -o \
		\( -name __pycache__ -o -name .ipynb_checkpoints \) -type d -print0 \
		| xargs -0 -r rm -rf

distclean: clean ## clean, and remove .venv (your work/ stays)
	rm -rf $(VENV) $(LOCK_VENV)

# Grading with the course's own checks (nnfs/grading/): the reference is the student
# edition in build/student/ (its check cells, exercise headings and blank answers).
.PHONY: grade progress
SUBMISSIONS ?=
GRADES ?= build/grades
GRADE_ARGS ?=
grade: student ## Grade a class: make grade SUBMISSIONS=<dir of student folders> GRADES=<dir> (GRADE_ARGS="-j 4")
	@if [ -z "$(SUBMISSIONS)" ]; then \
	  echo "usage: make grade SUBMISSIONS=<dir> GRADES=<dir>   (<dir>/<student id>/NN_name.ipynb)" >&2; \
	  exit 2; fi
	$(PY) -m nnfs.grading grade "$(SUBMISSIONS)" "$(GRADES)" --reference build/student $(GRADE_ARGS)

progress: student ## Your exercises in work/: done, not yet or not tried (re-grades only what changed)
	$(PY) -m nnfs.grading progress work --reference build/student --cache build/progress-cache.json
