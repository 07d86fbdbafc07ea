"""Fixtures shared by every test package: a copy of the embedded store, apps, a live server."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient
from starlette.applications import Starlette
from starlette.routing import Mount

from app.main import create_app
from app.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
EMBEDDED_STORE = ROOT / "geodata"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARTIFACTS = ROOT / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def copy_store(target: Path) -> Path:
    """A private copy of the embedded store, so a test can change it freely."""
    shutil.copytree(EMBEDDED_STORE, target)
    return target


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    """A fresh copy of the embedded store for one test."""
    return copy_store(tmp_path / "store")


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings on a session-wide copy of the store; tests must not change that copy."""
    store = copy_store(tmp_path_factory.mktemp("session") / "store")
    return Settings(store_dir=store, reload_interval_s=0, tiles_url="", _env_file=None)


@pytest.fixture(scope="session")
def client(settings: Settings) -> Iterator[TestClient]:
    """A client of the app on the embedded GÎM data (shared by the session: read only)."""
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def behind_proxy(app: FastAPI, prefix: str) -> Starlette:
    """``app`` as a reverse proxy at ``prefix`` shows it: the prefix is its ``root_path``."""
    return Starlette(
        routes=[Mount(prefix, app=app)], lifespan=lambda _: app.router.lifespan_context(app)
    )


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LiveServer:
    """Uvicorn serving an app in a thread, on a free loopback port."""

    def __init__(self, settings: Settings, prefix: str = "") -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}{prefix}"
        app = create_app(settings)
        served = behind_proxy(app, prefix) if prefix else app
        config = uvicorn.Config(served, host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 60
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the live server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_server(settings: Settings) -> Iterator[LiveServer]:
    """The app served over real HTTP on loopback (for browsers and GIS clients)."""
    with LiveServer(settings) as server:
        yield server


@pytest.fixture(scope="session")
def proxied_server(settings: Settings) -> Iterator[LiveServer]:
    """The app as behind a proxy at /carte (``uvicorn --root-path /carte``)."""
    with LiveServer(settings, prefix="/carte") as server:
        yield server


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's headless Chromium driven by Playwright (never a downloaded browser)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install the Debian package 'chromium' (see .ci/run)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where browser tests leave screenshots for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
