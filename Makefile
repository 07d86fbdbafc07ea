# Two commands matter: `make run` starts the service, `make test` runs every test.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Shared by `make run` and the Dockerfile (tests/test_packaging.py checks they agree).
PIP_INSTALL := pip install --require-hashes -r requirements.lock
BUILD_TOOLS := pip install --require-hashes -r requirements-build.lock
WHEEL := pip wheel --no-deps --no-build-isolation --wheel-dir dist .
# Every lock comes from pyproject.toml (dependencies, extras, build-system.requires).
COMPILE := $(BIN)/uv pip compile --python-version 3.11 --generate-hashes --quiet \
	--custom-compile-command 'make lock'
# Slow or hostile clients: request headers within 10 s (app/api/protocol.py), bodies within
# GIM_BODY_TIMEOUT_S, idle keep-alive 5 s, headers at most 16 kB, at most 200 connections.
SERVE := uvicorn app.main:create_app --factory --http app.api.protocol:TimedHttpToolsProtocol --timeout-keep-alive 5 --limit-concurrency 200

.PHONY: run test bench lint lock wheel demo-data clean

# Leaflet.VectorGrid draws the maps' vector tiles: from the npm registry at install time (pinned
# with hashes in package-lock.json), copied into static/ (git-ignored), never from a CDN.
VECTORGRID := static/leaflet.vectorgrid.js
$(VECTORGRID): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --legacy-peer-deps --loglevel=error
	cp node_modules/leaflet.vectorgrid/dist/Leaflet.VectorGrid.bundled.min.js $@

$(BIN)/.runtime: requirements.lock requirements-build.lock pyproject.toml $(VECTORGRID)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet 'pip==26.3'
	$(BIN)/$(PIP_INSTALL)
	$(BIN)/$(BUILD_TOOLS)
	$(BIN)/pip install --no-deps --no-build-isolation -e .
	touch $@

$(BIN)/.dev: $(BIN)/.runtime requirements-dev.lock
	$(BIN)/pip install --require-hashes -r requirements-dev.lock
	touch $@

run: $(BIN)/.runtime
	$(BIN)/$(SERVE) --host $(HOST) --port $(PORT)

test: $(BIN)/.dev
	$(BIN)/python -m pytest

# The wheel the Dockerfile installs: code, templates, static/ and geodata/ as package data.
wheel: $(BIN)/.runtime
	$(BIN)/$(WHEEL)

# explore(), the maps benchmark's baseline, needs matplotlib and mapclassify; tests do not.
$(BIN)/.bench: $(BIN)/.dev requirements-bench.lock
	$(BIN)/pip install --require-hashes -r requirements-bench.lock
	touch $@

bench: $(BIN)/.bench
	$(BIN)/python -m benchmarks

# Re-pins only what pyproject.toml asks to change; `make lock UPGRADE=--upgrade` for newer pins.
lock: $(BIN)/.dev
	$(COMPILE) $(UPGRADE) pyproject.toml -o requirements.lock
	$(COMPILE) $(UPGRADE) pyproject.toml --extra dev -c requirements.lock -o requirements-dev.lock
	$(COMPILE) $(UPGRADE) pyproject.toml --extra dev --extra bench -c requirements-dev.lock \
		-o requirements-bench.lock
	$(BIN)/python -c "import tomllib; print(*tomllib.load(open('pyproject.toml', 'rb'))\
	['build-system']['requires'], sep='\n')" | $(COMPILE) $(UPGRADE) - -o requirements-build.lock

lint: $(BIN)/.dev
	$(BIN)/ruff check app tests scripts benchmarks
	$(BIN)/ruff format --check app tests scripts benchmarks
	$(BIN)/mypy app

demo-data: $(BIN)/.runtime
	$(BIN)/python scripts/build_geodata.py
	$(BIN)/python scripts/make_demo_households.py

clean:
	rm -rf $(VENV) artifacts .pytest_cache build dist node_modules $(VECTORGRID)
