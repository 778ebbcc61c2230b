# Balai: every task for people and CI alike. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
REGENCY ?= 36.71
HOST ?= 127.0.0.1:8000
COMPILE := $(BIN)/pip-compile -q --generate-hashes --allow-unsafe --no-emit-index-url \
	--no-emit-find-links --strip-extras

.PHONY: help install locales setup run worker test lint typecheck pytest e2e browser bench load-tools \
	lock load-all-regions clean

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-18s %s\n", $$1, $$2}'

$(BIN)/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Balai needs Python 3.11"' \
		|| { echo "Python 3.11 is required (set PYTHON=/path/to/python3.11)"; exit 1; }
	$(PYTHON) -m venv $(VENV)

# Reinstalls only when the lock file changes.
$(VENV)/.installed: requirements/dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/dev.txt
	@touch $@

install: $(VENV)/.installed ## Create .venv and install the pinned dependencies

locales: install ## Compile the translations (.po -> .mo)
	@$(BIN)/pybabel compile --domain django --directory balai/locale --statistics 2>&1 \
		| grep -v '^compiling' || true

setup: install locales ## Install, compile translations, migrate, load regions and demo data
	$(MANAGE) migrate --no-input -v0
	$(MANAGE) load_regions $(REGENCY) -v0
	$(MANAGE) seed_demo --scale tangerang --seed 1 --if-empty

run: setup ## Set everything up, then serve on http://127.0.0.1:8000 with one job worker
	$(MANAGE) collectstatic --no-input -v0
	@echo "Serving on http://$(HOST) (Ctrl-C stops the server and its job worker)"
	@$(MANAGE) db_worker --no-reload --interval 1 -v0 & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(MANAGE) runserver $(HOST)

worker: install ## Run a job worker (production runs several, on any machines)
	$(MANAGE) db_worker --no-reload

test: lint typecheck pytest ## Lint, check migrations, type-check and run every test

lint: install locales ## ruff (lint and format) and makemigrations --check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MANAGE) makemigrations --check --dry-run -v1

typecheck: install ## mypy --strict with the Django plugin
	$(BIN)/mypy .

pytest: install locales ## The test suite (SQLite, or PostgreSQL when DATABASE_URL says so)
	$(BIN)/pytest

browser: ## Install Debian's Chromium for the browser tests, if missing (needs root)
	@command -v chromium >/dev/null || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

e2e: install locales browser ## Browser tests: Playwright driving Chromium, phone and desktop
	$(BIN)/pytest e2e -p no:cacheprovider

load-tools: ## Install wrk for the registration load benchmark, if missing (needs root)
	@command -v wrk >/dev/null || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

bench: install load-tools browser ## Benchmarks (not tests): each prints a ratio against a baseline
	@for script in bench/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

load-all-regions: install ## Load all 83,762 kelurahan/desa of Indonesia
	$(MANAGE) load_regions all

lock: install ## Re-pin requirements/*.txt from pyproject.toml
	$(COMPILE) -o requirements/base.txt pyproject.toml
	$(COMPILE) --extra dev -o requirements/dev.txt pyproject.toml

clean: ## Remove the virtual environment and local data (var/)
	rm -rf $(VENV) var
