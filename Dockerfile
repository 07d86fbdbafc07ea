# The same install and server command as `make run` (tests/test_packaging.py checks it).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PATH=/app/.venv/bin:$PATH
WORKDIR /app

RUN useradd --create-home --uid 10001 gim \
 && python -m venv /app/.venv \
 && pip install --quiet 'pip==26.3'

# Dependencies first, so code changes do not reinstall them.
COPY requirements.lock build-constraints.txt ./
RUN pip install --build-constraint build-constraints.txt -r requirements.lock

COPY pyproject.toml README.md ./
COPY app ./app
COPY geodata ./geodata
COPY static ./static
RUN pip install --no-deps -e . && chown -R gim:gim /app/geodata

USER gim
EXPOSE 8000
CMD ["uvicorn", "app.main:create_app", "--factory", "--http", "app.api.protocol:TimedH11Protocol", "--timeout-keep-alive", "5", "--h11-max-incomplete-event-size", "16384", "--limit-concurrency", "200", "--host", "0.0.0.0", "--port", "8000"]
