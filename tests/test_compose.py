"""compose.yaml: PostGIS, the store copied into it once, two replicas, a proxy under /gim/."""

from __future__ import annotations

import re
import shlex

import yaml

from app.cli import app as cli
from tests.test_packaging import ROOT, make_variable

PREFIX = "/gim"


def compose() -> dict:
    return yaml.safe_load((ROOT / "compose.yaml").read_text())


def replicas() -> dict[str, dict]:
    return {name: spec for name, spec in compose()["services"].items() if "replica" in name}


def test_each_replica_runs_the_make_run_server_command_under_the_sub_path():
    serve = shlex.split(make_variable("SERVE"))
    expected = [*serve, "--host", "0.0.0.0", "--port", "8000", "--root-path", PREFIX]
    assert len(replicas()) == 2
    for spec in replicas().values():
        assert spec["command"] == expected
        assert spec["build"] == "."


def test_every_replica_and_the_copy_use_the_one_database():
    services = compose()["services"]
    user = services["db"]["environment"]["POSTGRES_USER"]
    database = services["db"]["environment"]["POSTGRES_DB"]
    url = re.compile(rf"^postgresql://{user}:[^@]+@db:5432/{database}$")
    for spec in [*replicas().values(), services["store"]]:
        assert url.match(spec["environment"]["GIM_DATABASE_URL"])
        assert spec["depends_on"]


def test_the_store_is_filled_by_a_command_of_gim_broadband():
    command = compose()["services"]["store"]["command"]
    assert command[0] == "gim-broadband"
    assert command[1] in {info.name for info in cli.registered_commands}


def test_the_proxy_sends_the_sub_path_to_both_replicas_without_its_prefix():
    config = (ROOT / "deploy" / "nginx.conf").read_text()
    upstream = re.search(r"upstream (\w+) \{([^}]*)\}", config)
    assert upstream
    assert set(re.findall(r"server ([\w-]+):8000;", upstream.group(2))) == set(replicas())
    assert f"location {PREFIX}/ {{" in config
    assert f"proxy_pass http://{upstream.group(1)}/;" in config  # the trailing / strips it
    mount = compose()["services"]["proxy"]["volumes"][0]
    assert mount.startswith("./deploy/nginx.conf:")
