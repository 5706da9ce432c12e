# The two commands of the README: `make demo` and `make test`. Both set up what they need.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ASSETS := node_modules/.installed
PORT ?= 8000

.PHONY: demo report serve test lint bench example messages clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

# htmx and ECharts come from the npm registry at setup and are served as our own static files.
$(ASSETS): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(ASSETS)

## Score the Luopu 2023 example into out/, then start the web application on 127.0.0.1.
demo: report serve

## The command-line main job: report and tables of the Luopu 2023 example in out/.
report: $(STAMP)
	$(BIN)/jixiao report examples/luopu-2023.xlsx -o out/

## The web application with the Luopu 2023 example and one demo account per role.
serve: $(STAMP) $(ASSETS)
	$(BIN)/jixiao-manage demo --port $(PORT)

## Lint, check the layer rule, run every test on SQLite, then the database tests on PostgreSQL.
test: $(STAMP) $(ASSETS) lint
	@url=$$(scripts/test-services.sh) && \
	$(BIN)/pytest && \
	echo "== PostgreSQL ==" && \
	DATABASE_URL=$$url $(BIN)/pytest tests/web -m "not browser"

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks examples
	$(BIN)/ruff format --check src tests benchmarks examples
	$(BIN)/lint-imports

## Print the performance figures (read, score, report, audit, inline save, web latency, the
## monitoring round, the district's 结果应用建议表, the soak, a rules profile's change).
bench: $(STAMP) $(ASSETS)
	$(BIN)/python benchmarks/bench_core.py
	$(BIN)/python benchmarks/bench_audit.py
	$(BIN)/python benchmarks/bench_inline_save.py
	$(BIN)/python benchmarks/bench_web.py
	$(BIN)/python benchmarks/bench_monitoring_web.py
	$(BIN)/python benchmarks/bench_application.py
	$(BIN)/python benchmarks/bench_monitoring_district.py
	$(BIN)/python benchmarks/bench_ledger.py
	$(BIN)/python benchmarks/bench_soak.py
	$(BIN)/python benchmarks/bench_goal_suggestions.py
	$(BIN)/python benchmarks/bench_profile_rescore.py

## Rebuild examples/luopu-2023.xlsx, its approved goals (luopu-2023-goals.xlsx) and its
## 1-7月 monitoring round (luopu-2023-monitoring.xlsx).
example: $(STAMP)
	$(BIN)/python examples/make_luopu_2023.py
	$(BIN)/python examples/make_luopu_2023_goals.py
	$(BIN)/python examples/make_luopu_2023_monitoring.py

messages:  # recompile the Chinese translations after editing django.po (needs gettext)
	msgfmt -o src/jixiao/web/locale/zh_Hans/LC_MESSAGES/django.mo src/jixiao/web/locale/zh_Hans/LC_MESSAGES/django.po

clean:
	rm -rf $(VENV) node_modules out var .pytest_cache .ruff_cache
