# Two commands matter: `make run` (the main job) and `make test` (every test).
# Both create the virtualenv in .venv on first use.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint eval bench clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "need $(PYTHON) on PATH"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/digestbot run

test: $(STAMP)
	$(BIN)/ruff check bot storage digests tests bench
	$(BIN)/mypy
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check bot storage digests tests bench
	$(BIN)/mypy

eval: $(STAMP)
	$(BIN)/digestbot eval

bench: $(STAMP)
	$(BIN)/python bench/store.py --n 100000

clean:
	rm -rf $(VENV) data/*.db data/*.db-*
