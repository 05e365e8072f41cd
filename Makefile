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

.PHONY: help check-python install install-dev lab test test-lib test-notebooks test-student test-teacher test-browser test-site notebooks student site site-sizes bench lint clean test-latest

help:
	@echo "make lab        install, then start JupyterLab on 127.0.0.1 (token auth)"
	@echo "make lab LANG=ko  the same in Korean (한국어판): JupyterLab's menus in Korean, opens notebooks/ko/;"
	@echo "                 plain make lab does this when your own LANG is Korean (ko_KR.UTF-8),"
	@echo "                 make lab LANG=en opens the English edition whatever your LANG"
	@echo "make test       install, then run every test (library, notebooks, browser)"
	@echo "make notebooks  put solutions at the back, re-execute every notebook, store its outputs;"
	@echo "                 then write and run the Korean edition, notebooks/ko/"
	@echo "make student    write the student edition (no solutions, no outputs) to build/student/"
	@echo "                 (the Korean one to build/student/ko/)"
	@echo "make test-teacher  pip check, repo2docker's build plan, an nbgrader round trip"
	@echo "make site       build the course as a static web site, sliders working without Python, in build/site/"
	@echo "                 (the Korean pages in build/site/ko/)"
	@echo "make bench      likelihood-grid and slider-latency benchmarks"
	@echo "make site-sizes sizes and first-picture times of the pages of build/site"
	@echo "make test-latest  library and notebook tests against the newest release of every package"
	@echo "                 on the newest Python found (LATEST_PYTHON=<path> picks one)"
	@echo "make clean      remove the virtual environment, caches and test artifacts"

# The pinned stack (numpy 2.4) needs Python 3.11 or newer: say so in one line, before pip
# would fail with a resolution error.  Checked on every run (a venv made by an older
# Python fails too).
PYTHON_MIN := 3.11
check-python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "$(PYTHON) not found: this course needs Python $(PYTHON_MIN) or newer (run make with PYTHON=<path to it>)"; exit 1; }
	@$(PYTHON) -c 'import sys; v = sys.version_info; need = tuple(map(int, "$(PYTHON_MIN)".split("."))); \
	sys.exit(0 if v >= need else f"this course needs Python $(PYTHON_MIN) or newer, found Python {v.major}.{v.minor}.{v.micro} ({sys.executable}); run make with PYTHON=<a newer python>")'
	@if [ -x $(PY) ]; then $(PY) -c 'import sys; need = tuple(map(int, "$(PYTHON_MIN)".split("."))); \
	sys.exit(0 if sys.version_info >= need else "$(VENV) was made with Python " + sys.version.split()[0] + ", older than $(PYTHON_MIN): run make clean, then make again")'; fi

$(VENV)/bin/python: | check-python
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

# JupyterLab defaults for this install: no news or update checks (nothing at run time
# needs the internet).
LAB_SETTINGS := $(VENV)/share/jupyter/lab/settings

# Sizes measured on Linux x86-64 with Python 3.11 (README, "Start"): a fresh .venv with
# requirements.txt is ~455 MB on disk from ~95 MB of downloads; the test tools add ~410 MB.
# pip shows its progress on the first install, and is quiet when only a pin changed
# (the stamp file exists only after an install that went through).
quiet_if = $(if $(wildcard $(1)),-q,)

$(VENV)/.runtime: requirements.txt pyproject.toml etc/jupyterlab-overrides.json | $(VENV)/bin/python
	@echo ">>> installing the course's packages into $(VENV): ~110 packages (JupyterLab, numpy, matplotlib, ipywidgets...), ~95 MB to download, ~455 MB on disk; once only"
	$(PY) -m pip install $(call quiet_if,$@) -r requirements.txt
	$(PY) -m pip check
	mkdir -p $(LAB_SETTINGS)
	cp etc/jupyterlab-overrides.json $(LAB_SETTINGS)/overrides.json
	@touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	@echo ">>> installing the test tools into $(VENV): ~20 packages (scipy, pytest, playwright, nbgrader, repo2docker...), ~410 MB more on disk; once only"
	$(PY) -m pip install $(call quiet_if,$@) -r requirements-dev.txt
	$(PY) -m pip check
	@# nbgrader is here for its command line: its JupyterLab and server extensions stay
	@# off, so the JupyterLab of the browser tests is the one a learner gets
	$(VENV)/bin/jupyter labextension disable --level=sys_prefix @jupyter/nbgrader >/dev/null 2>&1
	for e in formgrader validate_assignment assignment_list course_list; do \
		$(VENV)/bin/jupyter server extension disable --sys-prefix nbgrader.server_extensions.$$e \
			>/dev/null 2>&1 || exit 1; done
	@touch $@

install: check-python $(VENV)/.runtime
install-dev: check-python $(VENV)/.dev

# Token auth stays on and only 127.0.0.1 is bound.  Root (a container) needs --allow-root.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)

# The Korean edition (notebooks/ko/) when LANG names Korean: `make lab LANG=ko`, or a
# learner whose own LANG is ko_KR.UTF-8.  Its JupyterLab reads the user settings in
# etc/jupyterlab-ko/ (the language pack's locale, ko_KR), copied at every Korean launch
# to a settings directory of its own under .venv, so the English launch is untouched.
COURSE_LANG = $(if $(filter ko ko_% ko.%,$(LANG)),ko,en)
LAB_KO_SETTINGS := $(VENV)/share/jupyter/lab/user-settings-ko
LAB_ARGS_en := --LabApp.default_url=/lab/tree/notebooks
LAB_ARGS_ko := --LabApp.default_url=/lab/tree/notebooks/ko \
	--LabApp.user_settings_dir="$(CURDIR)/$(LAB_KO_SETTINGS)"
# LANG=ko is a language, not a locale a machine can set: the server and its kernels then
# run in C.UTF-8 (a LANG this machine has, such as ko_KR.UTF-8 where installed, stays).
LAB_LOCALE = $(shell LANG='$(LANG)' $(PY) -c 'import locale; locale.setlocale(locale.LC_ALL, "")' \
	2>/dev/null || echo "LC_ALL= LANG=C.UTF-8")

lab: check-python $(VENV)/.runtime
	$(if $(filter ko,$(COURSE_LANG)),mkdir -p $(LAB_KO_SETTINGS) && cp -R etc/jupyterlab-ko/. $(LAB_KO_SETTINGS)/)
	$(LAB_LOCALE) $(VENV)/bin/jupyter lab --ip=127.0.0.1 --port=$(LAB_PORT) --no-browser $(ALLOW_ROOT) \
		--ServerApp.root_dir="$(CURDIR)" $(LAB_ARGS_$(COURSE_LANG))

test: check-python $(VENV)/.dev lint test-lib test-notebooks test-student test-teacher test-browser test-site

lint: $(VENV)/.dev
	$(PY) -m ruff check mlelib tests tools course

test-lib: $(VENV)/.dev
	$(PY) -m pytest -q -m "not browser and not student and not teacher and not site" tests

test-notebooks: $(VENV)/.dev
	$(PY) -m pytest -q $(NBVAL_FLAGS) notebooks

# the student editions (English and Korean), built and run on fresh kernels: every
# check must say "not yet"
test-student: $(VENV)/.dev
	$(PY) -m pytest -q -m student tests

# the teacher's tools for real: pip check, repo2docker's build plan, an nbgrader round
# trip (release, autograde of three submissions, validate), about a minute and a half
test-teacher: $(VENV)/.dev
	$(PY) -m pip check
	$(PY) -m pytest -q -rA -m teacher tests

test-browser: $(VENV)/.dev
	$(PY) -m pytest -q -m "browser and not site" tests

# the static site (both editions), built by make site, in headless Chromium with no kernel
# and no network
test-site: $(VENV)/.dev site
	MLELIB_SITE=build/site $(PY) -m pytest -q -m site tests/test_site.py

# both editions: the English notebooks, then notebooks/ko/ from them and the catalogs
# (mlelib's own words first, so the Korean run sees the package's catalog merged too)
notebooks: $(VENV)/.runtime
	$(PY) tools/package_messages.py update
	$(PY) tools/run_notebooks.py notebooks/*.ipynb

student: $(VENV)/.runtime
	$(PY) tools/make_student.py --out build/student

# The static site's front-end files (widget manager, require.js, anywidget, KaTeX) at the
# versions pinned in package-lock.json, from the npm registry.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	@touch $@

site: $(VENV)/.runtime node_modules/.package-lock.json
	$(PY) tools/build_site.py --out build/site

site-sizes: $(VENV)/.dev
	$(PY) tools/measure_site.py build/site

# slider latency (tools/bench_sliders/): BENCH_ARGS="--only Coin" measures a subset
bench: $(VENV)/.dev
	$(PY) tools/bench_grid.py
	PYTHONPATH=tools $(PY) -m bench_sliders $(BENCH_ARGS)

# Drift check: a throwaway environment with every package at its newest release (pins
# dropped), then the library and notebook tests.  CI keeps the pinned stack; run this
# before moving a pin to see what would break.
# It runs on the newest Python this machine has (python3.14 ... python3.11 on PATH, or a
# pyenv install), or on LATEST_PYTHON=<path>; the interpreter is named before anything runs.
LATEST := build/latest
NEWEST_PYTHON = $(firstword $(foreach v,3.14 3.13 3.12 3.11,\
	$(shell command -v python$(v) >/dev/null 2>&1 && python$(v) -c "" 2>/dev/null && command -v python$(v)) \
	$(lastword $(sort $(wildcard $(HOME)/.pyenv/versions/$(v).*/bin/python$(v))))) $(PYTHON))
LATEST_PYTHON ?= $(NEWEST_PYTHON)
test-latest: check-python
	@echo ">>> test-latest on $(LATEST_PYTHON) ($$($(LATEST_PYTHON) --version))"
	$(MAKE) --no-print-directory check-python PYTHON=$(LATEST_PYTHON)
	rm -rf $(LATEST) && mkdir -p $(LATEST)
	$(LATEST_PYTHON) -m venv $(LATEST)/venv
	$(LATEST)/venv/bin/python -m pip install -q --upgrade pip
	grep -hv -e '^-' -e '^#' -e '^$$' requirements.txt requirements-dev.txt \
		| sed -e 's/[=<>~!].*//' > $(LATEST)/requirements.txt
	$(LATEST)/venv/bin/python -m pip install -q --upgrade -r $(LATEST)/requirements.txt -e .
	$(LATEST)/venv/bin/python -m pip freeze --exclude-editable > $(LATEST)/freeze.txt
	@echo "newest releases installed (differences from the pins):"
	@cat requirements.txt requirements-dev.txt | grep '==' | sort > $(LATEST)/pinned.txt
	@sed -e 's/==.*/==/' $(LATEST)/pinned.txt > $(LATEST)/names.txt
	@sort $(LATEST)/freeze.txt | comm -13 $(LATEST)/pinned.txt - | grep -i -F -f $(LATEST)/names.txt \
		|| echo "  none: every pin is the newest release"
	$(LATEST)/venv/bin/python -m pytest -q -p no:cacheprovider -m "not browser and not student and not site" tests
	$(LATEST)/venv/bin/python -m pytest -q $(NBVAL_FLAGS) notebooks

clean:
	rm -rf $(VENV) node_modules .pytest_cache .ruff_cache .hypothesis tests/artifacts build *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
