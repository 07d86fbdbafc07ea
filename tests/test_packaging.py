"""The Dockerfile installs and runs exactly what `make run` does (no engine to build it here)."""

import json
import re
import shlex
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def make_variable(name: str) -> str:
    match = re.search(rf"^{name} := (.+)$", (ROOT / "Makefile").read_text(), re.MULTILINE)
    assert match, f"Makefile has no {name}"
    return match.group(1).strip()


def dockerfile() -> str:
    return (ROOT / "Dockerfile").read_text()


def test_docker_installs_the_same_pinned_requirements_as_make_run():
    assert f"RUN {make_variable('PIP_INSTALL')}" in dockerfile()
    assert "pip install --no-deps -e ." in dockerfile()
    pip = re.search(r"pip install --quiet '(pip==[\d.]+)'", (ROOT / "Makefile").read_text())
    assert pip and pip.group(1) in dockerfile()


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
    assert text.index("requirements.lock") < text.index("COPY app")
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
