# One command for everything CI checks: `make check` (lint, types, tests).
PY ?= python

.PHONY: check lint test bench conformance

check: lint test

lint:
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy

test:
	$(PY) -m pytest -q

conformance:
	$(PY) scripts/conformance.py

bench:
	$(PY) bench/bench.py
