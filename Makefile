# One command for everything CI checks: `make check` (lint, types, tests).
PY ?= python

.PHONY: check lint test bench conformance suite

check: lint test

lint:
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy

test:
	$(PY) -m pytest -q

conformance:
	$(PY) scripts/conformance.py

# The official CSL test suite (../shared/csl-test-suite): pass counts per category.
suite:
	$(PY) tests/csl_suite/runner.py

bench:
	$(PY) bench/bench.py
