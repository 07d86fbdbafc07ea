"""A private PostgreSQL/PostGIS cluster for the tests, in a temporary folder (initdb, pg_ctl).

Debian's ``postgresql`` and ``postgresql-15-postgis-3`` packages provide the binaries
(``.ci/run`` installs them). initdb refuses to run as root, so as root the cluster belongs to
the ``postgres`` user that the Debian package creates (the commands run through ``runuser``).
It listens on a free loopback port with ``trust`` authentication, fsync off: test data only.
Outside CI, a machine without PostgreSQL skips these tests with the reason; under ``CI=true``
they fail instead.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import psycopg
import pytest

from app.layers.pgstore import PgStore
from app.layers.store import LayerStore
from app.layers.stores import copy_store

PACKAGES = "postgresql postgresql-15-postgis-3"


def _binaries() -> Path | None:
    """The newest PostgreSQL whose cluster can load PostGIS."""
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        version = Path(folder).parent.name
        if glob.glob(f"/usr/share/postgresql/{version}/extension/postgis.control"):
            return Path(folder)
    return None


class Cluster:
    """One PostgreSQL server for the session; one database per store a test asks for."""

    def __init__(self, bin_dir: Path, port: int) -> None:
        self.bin = bin_dir
        self.port = port
        self.folder = Path(tempfile.mkdtemp(prefix="gim-postgis-"))
        self.data = self.folder / "data"
        self.owner = "postgres" if os.geteuid() == 0 else None
        self.count = 0

    def _run(self, *command: str) -> None:
        prefix = ["runuser", "-u", self.owner, "--"] if self.owner else []
        subprocess.run([*prefix, *command], check=True, capture_output=True, timeout=120)

    def start(self) -> Cluster:
        """initdb, then start the server and wait for it."""
        if self.owner:
            shutil.chown(self.folder, self.owner)
        self._run(str(self.bin / "initdb"), "-D", str(self.data), "-A", "trust", "-U",
                  "postgres", "-E", "UTF8", "--no-sync")  # fmt: skip
        options = (
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        log = str(self.folder / "server.log")
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", options, "-l", log,
                  "-w", "-t", "60", "start")  # fmt: skip
        with psycopg.connect(self.url("postgres"), autocommit=True) as connection:
            connection.execute("CREATE DATABASE template_gim")
        with psycopg.connect(self.url("template_gim"), autocommit=True) as connection:
            connection.execute("CREATE EXTENSION postgis")
        return self

    def stop(self) -> None:
        """Stop the server (fast: test data only) and remove its folder."""
        try:
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, database: str) -> str:
        """The connection URL of one database of the cluster."""
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def database(self, template: str = "template_gim") -> str:
        """A new database (PostGIS installed; a copy of ``template``); its URL."""
        self.count += 1
        name = f"gim_{self.count}"
        with psycopg.connect(self.url("postgres"), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        return self.url(name)

    def store_template(self, source: LayerStore) -> str:
        """A template database holding a copy of ``source``: its name."""
        url = self.database()
        for _copied in copy_store(source, PgStore(url)):
            pass
        name = url.rsplit("/", 1)[1]
        with psycopg.connect(self.url("postgres"), autocommit=True) as connection:
            connection.execute(f'ALTER DATABASE "{name}" WITH IS_TEMPLATE true')
        return name


def start_cluster(port: int) -> Cluster:
    """A started cluster, or a skip (a failure under CI) when PostgreSQL/PostGIS is missing."""
    bin_dir = _binaries()
    if bin_dir is None:
        reason = f"PostgreSQL with PostGIS is not installed (Debian packages: {PACKAGES})"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return Cluster(bin_dir, port).start()
