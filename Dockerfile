# The same installs and server command as `make run` (tests/test_packaging.py checks it), except
# that the service is the wheel built in the first stage, not an editable checkout.
FROM python:3.11-slim AS build

ENV PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
RUN pip install --quiet 'pip==26.3'
COPY requirements-build.lock ./
RUN pip install --require-hashes -r requirements-build.lock
COPY pyproject.toml README.md LICENSE ./
COPY app ./app
COPY geodata ./geodata
COPY static ./static
# Leaflet.VectorGrid from the npm registry (as `make` does), into static/ before the wheel.
COPY package.json package-lock.json ./
RUN apt-get update \
 && apt-get install -y --no-install-recommends npm \
 && npm ci --ignore-scripts --no-audit --no-fund --legacy-peer-deps --loglevel=error \
 && cp node_modules/leaflet.vectorgrid/dist/Leaflet.VectorGrid.bundled.min.js \
    static/leaflet.vectorgrid.js \
 && rm -rf node_modules /var/lib/apt/lists/*
RUN pip wheel --no-deps --no-build-isolation --wheel-dir dist .

FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PATH=/app/.venv/bin:$PATH
WORKDIR /app

# WeasyPrint (report card PDFs) draws text with Pango; DejaVu is the fonts the cards embed.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
    libharfbuzz-subset0 fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 10001 gim \
 && python -m venv /app/.venv \
 && pip install --quiet 'pip==26.3'

# Dependencies first, so code changes do not reinstall them.
COPY requirements.lock ./
RUN pip install --require-hashes -r requirements.lock

# The embedded store inside the wheel is read-only: loads need GIM_STORE_DIR on a writable copy.
COPY --from=build /src/dist/*.whl ./dist/
RUN pip install --no-deps dist/*.whl && rm -r dist

USER gim
EXPOSE 8000
CMD ["uvicorn", "app.main:create_app", "--factory", "--http", "app.api.protocol:TimedHttpToolsProtocol", "--timeout-keep-alive", "5", "--limit-concurrency", "200", "--host", "0.0.0.0", "--port", "8000"]
