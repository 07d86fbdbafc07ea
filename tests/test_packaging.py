"""Packaging: the wheel is a working service; Docker installs and runs what `make run` does."""

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import sysconfig
import time
import tomllib
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import free_port

ROOT = Path(__file__).resolve().parents[1]
# What the Dockerfile's build stage copies: the wheel is made from these alone.
WHEEL_SOURCES = ("pyproject.toml", "README.md", "LICENSE", "app", "static", "geodata")


def make_variable(name: str) -> str:
    match = re.search(rf"^{name} := (.+)$", (ROOT / "Makefile").read_text(), re.MULTILINE)
    assert match, f"Makefile has no {name}"
    return match.group(1).strip()


def dockerfile() -> str:
    return (ROOT / "Dockerfile").read_text()


def test_docker_installs_the_same_pinned_requirements_as_make_run():
    makefile = (ROOT / "Makefile").read_text()
    for name in ("PIP_INSTALL", "BUILD_TOOLS", "WHEEL"):
        assert f"RUN {make_variable(name)}" in dockerfile(), name
        assert f"$(BIN)/$({name})" in makefile, name
    assert "RUN pip install --no-deps dist/*.whl" in dockerfile()
    assert "-e ." not in dockerfile()
    pip = re.search(r"pip install --quiet '(pip==[\d.]+)'", makefile)
    assert pip and pip.group(1) in dockerfile()


def test_every_install_checks_hashes_and_every_lock_has_them():
    for name in ("PIP_INSTALL", "BUILD_TOOLS"):
        assert "--require-hashes" in make_variable(name)
    installs = re.findall(
        r"pip install (.*-r requirements.*)$", (ROOT / "Makefile").read_text(), re.M
    )
    assert installs and all("--require-hashes" in line for line in installs)
    for lock in ROOT.glob("requirements*.lock"):
        pins = re.findall(r"^\S+==\S+ \\\n\s+--hash=sha256:", lock.read_text(), re.M)
        assert pins and len(pins) == lock.read_text().count("=="), lock.name


def test_docker_cmd_is_the_make_run_server_command_in_exec_form():
    cmd = re.search(r"^CMD (\[.*\])$", dockerfile(), re.MULTILINE)
    assert cmd, "CMD must be in exec form"
    argv = json.loads(cmd.group(1))
    serve = shlex.split(make_variable("SERVE"))
    assert argv[: len(serve)] == serve
    assert argv[len(serve) :] == ["--host", "0.0.0.0", "--port", "8000"]
    assert "--host $(HOST) --port $(PORT)" in (ROOT / "Makefile").read_text()


def test_docker_is_slim_installs_dependencies_before_code_and_runs_unprivileged():
    text = dockerfile()
    assert re.search(r"^FROM python:3\.11-slim", text, re.MULTILINE)
    build, final = text.split("\nFROM ")[-2:]
    assert build.index("requirements-build.lock") < build.index("COPY app")
    assert final.index("requirements.lock") < final.index("COPY --from=build")
    user = re.findall(r"^USER (\S+)", text, re.MULTILINE)
    assert user and user[-1] not in ("root", "0")


def test_every_declared_dependency_is_pinned_in_the_lock():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pinned = {
        line.split("==")[0].lower().replace("_", "-")
        for line in (ROOT / "requirements.lock").read_text().splitlines()
        if "==" in line
    }
    for requirement in project["dependencies"]:
        name = re.split(r"[<>=\[ ]", requirement)[0].lower().replace("_", "-")
        assert name in pinned, f"{name} is not pinned in requirements.lock"


def test_ci_installs_chromium_and_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text()
    assert "chromium" in ci and "make test" in ci
    readme = (ROOT / "README.md").read_text()
    assert "make run" in readme and "make test" in readme


def wheel_environment(home: Path) -> dict[str, str]:
    """The environment of a process run outside the checkout, on the embedded store."""
    keep = ("PATH", "LANG", "SYSTEMROOT", "TMPDIR")
    env = {name: value for name, value in os.environ.items() if name in keep}
    return {**env, "HOME": str(home), "GIM_RELOAD_INTERVAL_S": "0", "GIM_TILES_URL": ""}


def get(url: str, deadline: float) -> tuple[int, str]:
    """GET ``url``, retrying until the server answers or ``deadline`` passes."""
    while True:
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                return response.status, response.read().decode()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@pytest.mark.slow
def test_the_wheel_installed_outside_the_checkout_serves_healthz_and_the_map(tmp_path):
    source = tmp_path / "src"
    source.mkdir()
    for name in WHEEL_SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(
                ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__", ".lock")
            )
        else:
            shutil.copy2(ROOT / name, source / name)
    wheel = [sys.executable, "-m", *shlex.split(make_variable("WHEEL"))]
    subprocess.run(wheel, cwd=source, check=True, capture_output=True)
    (built,) = (source / "dist").glob("gim_broadband-*.whl")
    # A fresh venv; its dependencies are the project venv's (a .pth line), so no index is needed.
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", venv], check=True)
    site = venv / "lib" / "python3.11" / "site-packages"
    (site / "project-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    python = venv / "bin" / "python"
    env = wheel_environment(tmp_path)
    pip = [python, "-m", "pip", "install", "--no-index", built]
    subprocess.run(pip, cwd=tmp_path, env=env, check=True, capture_output=True)
    where = subprocess.run(
        [python, "-c", "import app.settings as s; print(s.__file__); print(s.EMBEDDED_STORE)"],
        cwd=tmp_path,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    assert all(Path(path).is_relative_to(site / "app") for path in where), where
    port = free_port()
    serve = [python, "-m", *shlex.split(make_variable("SERVE")), "--port", str(port)]
    server = subprocess.Popen(serve, cwd=tmp_path, env=env, stderr=subprocess.PIPE)
    try:
        base = f"http://127.0.0.1:{port}"
        status, body = get(f"{base}/healthz", time.monotonic() + 120)
        assert status == 200 and json.loads(body)["layers"]["municipalities"]["features"] == 54
        status, page = get(f"{base}/?lang=en", time.monotonic())
        assert status == 200 and '<html lang="en">' in page
        for asset in ("/static/gim.css", "/static/vendor/leaflet/leaflet.js"):
            assert get(base + asset, time.monotonic())[0] == 200, asset
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_every_package_of_app_is_listed_for_the_wheel():
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    found = {
        ".".join(path.parent.relative_to(ROOT).parts)
        for path in (ROOT / "app").rglob("*.py")
        if "__pycache__" not in path.parts
    }
    assert found - listed == set(), "add these packages to [tool.setuptools] packages"
