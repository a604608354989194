# Two commands set everything up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: run test lint types unit fmt bot eval check bench bench-parse bench-fuzz bench-articles bench-draft fixtures clean

# The stored dataset and index (`qa index`, refreshing only what changed) let every later
# start, `qa ask` included, skip reading the YAML and tokenizing the articles.
run: $(VENV)/.run
	@$(COMPILE)
	@$(BIN)/qa index --no-progress >/dev/null
	@$(BIN)/qa repl

test: $(VENV)/.test lint types unit

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Byte-compiling the sources up front keeps start-up fast even where the environment
# stops Python from writing bytecode (PYTHONDONTWRITEBYTECODE).
COMPILE := $(BIN)/python -m compileall -q src bot benchmarks >/dev/null

$(VENV)/.run: pyproject.toml setup.py $(wildcard src/qa/search/_*.[ch]) | $(BIN)/python
	$(PIP) install -e .
	@$(COMPILE)
	@touch $@

$(VENV)/.test: pyproject.toml setup.py $(wildcard src/qa/search/_*.[ch]) | $(BIN)/python
	$(PIP) install -e '.[test]'
	@$(COMPILE)
	@touch $@ $(VENV)/.run

$(VENV)/.bench: pyproject.toml setup.py $(wildcard src/qa/search/_*.[ch]) | $(BIN)/python
	$(PIP) install -e '.[test,bench]'
	@$(COMPILE)
	@touch $@

lint: $(VENV)/.test
	$(BIN)/ruff check src bot tests benchmarks
	$(BIN)/ruff format --check src bot tests benchmarks

types: $(VENV)/.test
	$(BIN)/mypy

unit: $(VENV)/.test
	$(BIN)/pytest

fmt: $(VENV)/.test
	$(BIN)/ruff format src bot tests benchmarks
	$(BIN)/ruff check --fix src bot tests benchmarks

eval: $(VENV)/.run
	$(BIN)/qa eval

check: $(VENV)/.run
	$(BIN)/qa check

bot: $(VENV)/.test
	$(BIN)/python -m bot

# The start-up figures are "with a stored index": refresh it first, as `make run` does.
bench: $(VENV)/.bench
	@$(COMPILE)
	@$(BIN)/qa index --no-progress >/dev/null
	$(BIN)/python -m benchmarks.run

bench-articles: $(VENV)/.test
	@$(COMPILE)
	$(BIN)/python -m benchmarks.articles

bench-parse: $(VENV)/.test
	@$(COMPILE)
	$(BIN)/python -m benchmarks.adversarial

bench-fuzz: $(VENV)/.test
	@$(COMPILE)
	$(BIN)/python -m benchmarks.fuzz

# The two-article test folder carries copies of the bundled files; refresh them after
# editing data/ (a test fails until they match).
fixtures:
	for d in two_articles three_articles; do \
		cp data/*.yaml tests/fixtures/$$d/ && \
		cp data/articles/ppp-asean-2022.txt data/articles/ppp-asean-2022.yaml \
			tests/fixtures/$$d/articles/ || exit 1; \
	done
	cp tests/fixtures/two_articles/articles/mekong-2031.txt \
		tests/fixtures/two_articles/articles/mekong-2031.yaml tests/fixtures/three_articles/articles/

bench-draft: $(VENV)/.test
	@$(COMPILE)
	$(BIN)/python -m benchmarks.draft

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
