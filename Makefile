# Huiwu: two commands do all set-up on a fresh Debian machine.
#   make run   installs what is missing, loads the sample event, serves the app and the feeds
#   make test  installs what is missing and runs the whole suite (lint included)

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SAMPLE ?= samples/office-training-2026.yaml
SAMPLE_ID ?= office-training-2026
PYTEST_ARGS ?=

.PHONY: run test lint system install clean bench

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev,postgres]'
	touch $(STAMP)

install: system $(STAMP)

system:
	@bash scripts/setup-system

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy planner solver ui tests
	$(BIN)/lint-imports

test: install lint
	bash scripts/run-tests $(PYTEST_ARGS)

run: install
	@$(BIN)/huiwu versions $(SAMPLE_ID) >/dev/null 2>&1 || \
		$(BIN)/huiwu publish $(SAMPLE) --note "sample loaded by make run"
	$(BIN)/huiwu serve

bench: install
	$(BIN)/python bench/solver.py
	$(BIN)/python bench/exports.py
	$(BIN)/python bench/feeds.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
