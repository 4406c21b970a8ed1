# One command for everything CI checks: `make check` (lint, types, tests).
PY ?= python

.PHONY: check lint test bench conformance

check: lint test

lint:
	$(PY) -m ruff check citekit tests bench scripts
	$(PY) -m ruff format --check citekit tests bench scripts
	$(PY) -m mypy

test:
	$(PY) -m pytest -q

conformance:
	$(PY) scripts/conformance.py

bench:
	$(PY) bench/bench.py
