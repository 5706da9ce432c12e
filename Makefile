# The two commands of the README: `make demo` and `make test`. Both set up .venv first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench clean example

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

## Score the Luopu 2023 example and write its report and tables to out/.
demo: $(STAMP)
	$(BIN)/jixiao report examples/luopu-2023.xlsx -o out/

## Lint, check the layer rule, and run every test.
test: $(STAMP) lint
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks examples
	$(BIN)/ruff format --check src tests benchmarks examples
	$(BIN)/lint-imports

## Print the performance figures (read, score, report, audit).
bench: $(STAMP)
	$(BIN)/python benchmarks/bench_core.py
	$(BIN)/python benchmarks/bench_audit.py

## Rebuild examples/luopu-2023.xlsx from examples/make_luopu_2023.py.
example: $(STAMP)
	$(BIN)/python examples/make_luopu_2023.py

clean:
	rm -rf $(VENV) out .pytest_cache .ruff_cache
