# irsuite: the two commands are `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
UV     := $(BIN)/uv
export UV_PROJECT_ENVIRONMENT := $(abspath $(VENV))

.PHONY: demo test install lint typecheck imports check bench serve clean e2e

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit("irsuite needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip uv

$(VENV)/.installed: $(BIN)/python pyproject.toml uv.lock
	$(UV) sync --frozen --quiet
	touch $@

install: $(VENV)/.installed

## Build the demo department in var/irsuite.sqlite3 and serve it on http://127.0.0.1:8000
demo: install
	$(BIN)/irsuite demo

## Run the whole test suite (SQLite unless DATABASE_URL points elsewhere)
test: install
	$(BIN)/pytest -n 2 --dist loadfile

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: install
	$(BIN)/mypy

imports: install
	$(BIN)/lint-imports

check: lint typecheck imports
	$(BIN)/irsuite makemigrations --check --dry-run

## Benchmarks (not tests): results go to docs/benchmarks.md
bench: install
	$(BIN)/python -m bench

serve: install
	$(BIN)/irsuite serve

clean:
	rm -rf $(VENV) var/*.sqlite3* .pytest_cache .mypy_cache .ruff_cache
