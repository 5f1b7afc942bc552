# WRES reports. `make help` lists the targets.
# The environment lives in .venv/ and is created from requirements.lock whenever it is missing:
# every package at its locked version, each file checked against the lock's SHA-256 hashes.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help install report final new reports preview lab test test-all lint format bench lock clean

help: ## Show this help
	@echo "WRES reports: make <target> [ORG=<code>] [YEAR=<yyyy>]"
	@echo
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  %-9s %s\n", $$1, $$2}'
	@echo
	@echo "Example: make report ORG=ECCH YEAR=2019"

PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check

$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) --require-hashes --no-deps -r requirements.lock
	@# The project itself, built by the locked setuptools (no unhashed download to build it).
	$(PIP) --no-deps --no-build-isolation -e .
	@touch $@

install: $(STAMP) ## Create the environment in .venv/ (only that)

# ORG, YEAR, JOBS, PORT, STANDARD, NAME, DATA and FORCE reach recipes only through the
# environment ("$$ORG"), never pasted into a command line, so no value can run anything.
# ORG, YEAR, JOBS, PORT and STANDARD are checked here first, on their literal text (each is
# made a simple variable holding its text as typed, so a `$(shell …)` in any of them is never
# expanded): letters and digits only. wres then checks the exact form, with the message the
# guide shows.
$(foreach v,ORG YEAR JOBS PORT STANDARD NAME DATA FORCE,$(eval override $(v) := $$(value $(v))))
export ORG YEAR JOBS PORT STANDARD NAME DATA FORCE
_allowed := A B C D E F G H I J K L M N O P Q R S T U V W X Y Z 0 1 2 3 4 5 6 7 8 9 \
            a b c d e f g h i j k l m n o p q r s t u v w x y z
_strip = $(if $(2),$(call _strip,$(subst $(firstword $(2)),,$(1)),$(wordlist 2,99,$(2))),$(1))
$(foreach v,ORG YEAR JOBS PORT STANDARD,$(if $(call _strip,$(value $(v)),$(_allowed)),\
  $(error $(v) may hold only letters and digits, e.g. ORG=ECCH YEAR=2019 JOBS=4)))

define need_org_year
	@if [ -z "$$ORG" ] || [ -z "$$YEAR" ]; then \
	  echo "Usage: make $(1) ORG=<organisation code> YEAR=<yyyy>   e.g. make $(1) ORG=ECCH YEAR=2019"; \
	  exit 2; fi
endef

# `wres report` decides freshness itself, from the digests of the report's actual inputs
# (wherever data_root is), and says "up to date"; FORCE=1 rebuilds anyway.
# STANDARD=wdes builds the WDES report beside the WRES one (its files: indicators-wdes.*).

report: $(STAMP) ## Build one report: output/ORG/YEAR/ (notebook, HTML, PDF, data files); STANDARD=wdes, FORCE=1
	$(call need_org_year,report)
	$(BIN)/wres report "$$ORG" "$$YEAR" $${STANDARD:+--standard "$$STANDARD"} $${FORCE:+--force}

final: $(STAMP) ## Build the final report, refusing while anything is missing (STANDARD=wdes too)
	$(call need_org_year,final)
	$(BIN)/wres report "$$ORG" "$$YEAR" --final $${STANDARD:+--standard "$$STANDARD"}

new: $(STAMP) ## Start params/ORG/YEAR/ from the templates (never overwrites); NAME=, DATA=, STANDARD= optional
	$(call need_org_year,new)
	$(BIN)/wres new "$$ORG" "$$YEAR" $${NAME:+--name "$$NAME"} $${DATA:+--data-root "$$DATA"} $${STANDARD:+--standard "$$STANDARD"}

reports: $(STAMP) ## Build every organisation's report for YEAR (in parallel), then the national comparison
	@if [ -z "$$YEAR" ]; then echo "Usage: make reports YEAR=<yyyy>   e.g. make reports YEAR=2019"; exit 2; fi
	@# The comparison is built from whatever succeeded; a failed report still fails the target.
	@$(BIN)/wres batch "$$YEAR" $${JOBS:+--jobs "$$JOBS"} $${FORCE:+--force}; status=$$?; \
	  $(BIN)/wres batch "$$YEAR" --standard wdes $${JOBS:+--jobs "$$JOBS"} $${FORCE:+--force} || status=1; \
	  $(BIN)/wres national "$$YEAR" && $(BIN)/wres national "$$YEAR" --standard wdes && exit $$status

preview: $(STAMP) ## Serve the report's page on 127.0.0.1:PORT (8000), rebuilt on every save
	$(call need_org_year,preview)
	$(BIN)/wres preview "$$ORG" "$$YEAR" --port "$${PORT:-8000}" $${STANDARD:+--standard "$$STANDARD"}

# JupyterLab is an optional extra, installed on first use.
$(VENV)/.lab: $(STAMP) requirements-lab.lock
	$(PIP) --require-hashes --no-deps -r requirements-lab.lock
	@touch $@

lab: $(VENV)/.lab ## Open JupyterLab on the project (the report notebook is in wres_helpers/notebooks/)
	$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.root_dir=. \
	  $(if $(filter 0,$(shell id -u)),--allow-root) wres_helpers/notebooks/wres_report.ipynb

# Tests keep their compiled code in __pycache__ (ignored by git) even where the environment
# says not to (PYTHONDONTWRITEBYTECODE): otherwise each worker compiles the package and
# rewrites every test module again on every run, about 4 s of the fast tier on two cores.
PYTEST = PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest

# pytest exits 5 when a marker expression selects nothing: that fails the target, as it should.
test: $(STAMP) ## Run the fast tests (about 20 s on two cores): no report builds, no browser
	@# One thread a worker: pyarrow's and numpy's own pools would fight the workers for cores.
	OMP_NUM_THREADS=1 $(PYTEST) -m "not slow and not browser" -n auto --dist loadfile

test-all: $(STAMP) node_modules/axe-core ## Run every test: end-to-end builds, accessibility in chromium
	$(PYTEST)

node_modules/axe-core: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	@touch $@

lint: $(STAMP) ## Check style with ruff and the type hints with mypy
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(STAMP) ## Format the code with ruff
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(STAMP) ## Time every stage of a report, a batch and the national computation
	$(BIN)/python bench/bench.py

# uv resolves (in seconds) for this Python; the lab lock first, so both hold the same versions.
# The build backend named in pyproject.toml is locked too, for --no-build-isolation.
LOCKING := /tmp/wres-lock
COMPILE  = $(LOCKING)/bin/uv pip compile pyproject.toml $(LOCKING)/build.in --python $(LOCKING)/bin/python \
           --generate-hashes --no-header --no-annotate --quiet
lock: ## Re-resolve the newest allowed versions into requirements.lock and requirements-lab.lock
	rm -rf $(LOCKING) && $(PYTHON) -m venv $(LOCKING)
	$(LOCKING)/bin/pip install --quiet uv==0.13.9
	$(LOCKING)/bin/python -c "import tomllib; print(*tomllib.load(open('pyproject.toml', 'rb'))['build-system']['requires'], sep='\n')" > $(LOCKING)/build.in
	{ sed -n '1,2p' requirements-lab.lock; $(COMPILE) --extra dev --extra lab; } > $(LOCKING)/lab.lock
	{ sed -n '1,2p' requirements.lock; $(COMPILE) --extra dev -c $(LOCKING)/lab.lock; } > $(LOCKING)/dev.lock
	mv $(LOCKING)/lab.lock requirements-lab.lock && mv $(LOCKING)/dev.lock requirements.lock

clean: ## Remove outputs and caches (not the environment)
	rm -rf output .pytest_cache .ruff_cache .mypy_cache
