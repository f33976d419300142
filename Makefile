# frontlines: `make demo` sets everything up and serves the sample corpus;
# `make test` sets everything up and runs the test suite.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
STAMP := $(VENV)/.installed

.PHONY: install demo test test-fast bench train web chromium postgres-test lint typecheck clean docs

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e '.[web,postgres,cluster,dev]'
	$(PY) -m frontlines.interfaces.cli gazetteer build
	touch $(STAMP)

install: $(STAMP) web

web: $(STAMP)
	bash scripts/build_web.sh

demo: install
	$(VENV)/bin/frontlines demo --db frontlines.db

test: install chromium
	bash scripts/run_tests.sh

test-fast: install
	$(PY) -m pytest -q -m "not slow and not browser and not postgres"

chromium:
	bash scripts/install_chromium.sh

bench: install
	$(PY) benchmarks/run_all.py

# Retrain the sentence classifier from annotations/ (development part and examples;
# scikit-learn comes with the dev extra that install sets up);
# the artifact in frontlines/nlp/trained/ is committed, so install never trains.
train: install
	$(PY) scripts/train/sentences.py

lint: install
	$(VENV)/bin/ruff check frontlines tests benchmarks

typecheck: install
	$(VENV)/bin/mypy frontlines

docs: install
	$(PY) scripts/gen_cli_docs.py > docs/cli.md

clean:
	rm -rf $(VENV) frontlines.db frontlines.db-wal frontlines.db-shm build *.egg-info
