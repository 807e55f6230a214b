# Two entry points that work on a fresh machine with only Python and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: report test test-slow quality lint schema clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test,dask]"
	touch $(STAMP) $@

report: $(STAMP)
	$(BIN)/factcheck run --fail-on never

test: $(TEST_STAMP)
	$(BIN)/ruff check factcheck tests benchmarks
	$(BIN)/factcheck rules test
	$(BIN)/python -m pytest

# The tests marked slow (an installed wheel in fresh venvs, each documented install command);
# offline, about a minute. CI runs them after `make test`.
test-slow: $(TEST_STAMP)
	$(BIN)/python -m pytest -m slow

# Quality on real news: findings on benchmarks/corpus/ecb scored against the hand-made gold.
quality: $(STAMP)
	$(BIN)/python benchmarks/quality.py

schema: $(STAMP)
	$(BIN)/factcheck schema

clean:
	rm -rf $(VENV) build *.egg-info
