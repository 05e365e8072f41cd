# One-command set-up for learners (make lab) and teachers/CI (make test).
# Every target creates or refreshes the virtual environment in .venv on demand;
# an install is skipped while the requirement files are unchanged.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
LAB_PORT ?= 8888
# The test suite (notebooks, browser) runs with isolated Jupyter state so that a
# learner's own configuration never changes what CI sees.
NBVAL_FLAGS := --nbval --nbval-current-env --nbval-cell-timeout=120 \
               --nbval-sanitize-with tests/nbval_sanitize.cfg -p no:cacheprovider

.PHONY: help install install-dev lab test test-lib test-notebooks test-browser notebooks bench lint clean

help:
	@echo "make lab        install, then start JupyterLab on 127.0.0.1 (token auth)"
	@echo "make test       install, then run every test (library, notebooks, browser)"
	@echo "make notebooks  re-execute every notebook and store its outputs"
	@echo "make bench      likelihood-grid and slider-latency benchmarks"
	@echo "make clean      remove the virtual environment, caches and test artifacts"

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

# JupyterLab defaults for this install: no news or update checks (nothing at run time
# needs the internet).
LAB_SETTINGS := $(VENV)/share/jupyter/lab/settings

$(VENV)/.runtime: requirements.txt pyproject.toml etc/jupyterlab-overrides.json | $(VENV)/bin/python
	$(PY) -m pip install -q -r requirements.txt
	mkdir -p $(LAB_SETTINGS)
	cp etc/jupyterlab-overrides.json $(LAB_SETTINGS)/overrides.json
	@touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(PY) -m pip install -q -r requirements-dev.txt
	@touch $@

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev

# Token auth stays on and only 127.0.0.1 is bound.  Root (a container) needs --allow-root.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)

lab: $(VENV)/.runtime
	$(VENV)/bin/jupyter lab --ip=127.0.0.1 --port=$(LAB_PORT) --no-browser $(ALLOW_ROOT) \
		--ServerApp.root_dir="$(CURDIR)" --LabApp.default_url=/lab/tree/notebooks

test: $(VENV)/.dev lint test-lib test-notebooks test-browser

lint: $(VENV)/.dev
	$(PY) -m ruff check mlelib tests tools

test-lib: $(VENV)/.dev
	$(PY) -m pytest -q -m "not browser" tests

test-notebooks: $(VENV)/.dev
	$(PY) -m pytest -q $(NBVAL_FLAGS) notebooks

test-browser: $(VENV)/.dev
	$(PY) -m pytest -q -m browser tests

notebooks: $(VENV)/.runtime
	$(PY) tools/run_notebooks.py notebooks/*.ipynb

# slider latency (tools/bench_sliders/): BENCH_ARGS="--only Coin" measures a subset
bench: $(VENV)/.dev
	$(PY) tools/bench_grid.py
	PYTHONPATH=tools $(PY) -m bench_sliders $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis tests/artifacts build *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
