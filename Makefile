# Two commands matter: `make run` starts the service, `make test` runs every test.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Shared by `make run` and the Dockerfile (tests/test_packaging.py checks they agree).
PIP_INSTALL := pip install --build-constraint build-constraints.txt -r requirements.lock
# Slow or hostile clients: request headers within 10 s (app/api/protocol.py), bodies within
# GIM_BODY_TIMEOUT_S, idle keep-alive 5 s, headers at most 16 kB, at most 200 connections.
SERVE := uvicorn app.main:create_app --factory --http app.api.protocol:TimedH11Protocol --timeout-keep-alive 5 --h11-max-incomplete-event-size 16384 --limit-concurrency 200

.PHONY: run test bench lint demo-data clean

$(BIN)/.runtime: requirements.lock build-constraints.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet 'pip==26.3'
	$(BIN)/$(PIP_INSTALL)
	$(BIN)/pip install --no-deps -e .
	touch $@

$(BIN)/.dev: $(BIN)/.runtime requirements-dev.lock
	$(BIN)/pip install --build-constraint build-constraints.txt -r requirements-dev.lock
	touch $@

run: $(BIN)/.runtime
	$(BIN)/$(SERVE) --host $(HOST) --port $(PORT)

test: $(BIN)/.dev
	$(BIN)/python -m pytest

# explore(), the maps benchmark's baseline, needs matplotlib and mapclassify; tests do not.
$(BIN)/.bench: $(BIN)/.dev requirements-bench.lock
	$(BIN)/pip install -r requirements-bench.lock
	touch $@

bench: $(BIN)/.bench
	$(BIN)/python -m benchmarks

lint: $(BIN)/.dev
	$(BIN)/ruff check app tests scripts benchmarks
	$(BIN)/ruff format --check app tests scripts benchmarks
	$(BIN)/mypy app

demo-data: $(BIN)/.runtime
	$(BIN)/python scripts/build_geodata.py
	$(BIN)/python scripts/make_demo_households.py

clean:
	rm -rf $(VENV) artifacts .pytest_cache
