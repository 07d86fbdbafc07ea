"""``gim-broadband`` on the PostGIS store: load, layers, rollback as on the folder; copy-store."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from app.cli import app
from app.layers.kinds import Kind
from app.layers.pgstore import PgStore
from app.layers.store import LayerStore
from tests.conftest import EMBEDDED_STORE


@pytest.fixture
def run(database_url, monkeypatch):
    monkeypatch.delenv("LANG", raising=False)
    monkeypatch.setenv("GIM_DATABASE_URL", database_url)
    runner = CliRunner()
    return lambda *args: runner.invoke(app, [*map(str, args)])


def test_load_layers_and_rollback_work_on_the_database(run, database_url, layer_files):
    result = run("load", "mrcs", layer_files / "mrcs.geojson", "--vintage", "2021")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("mrcs : version 2 chargée et rendue courante (6 entités")
    store = PgStore(database_url)
    assert store.current()[Kind.MRCS] == 2
    listing = json.loads(run("layers", "mrcs", "--json").stdout)
    assert [(row["version"], row["current"]) for row in listing["mrcs"]] == [(1, False), (2, True)]
    assert run("rollback", "mrcs", "--lang", "en").stdout.startswith("mrcs: version 1")
    assert store.current()[Kind.MRCS] == 1


def test_copy_store_copies_every_version_and_the_pointer(run, postgis, tmp_path):
    empty = postgis.database()
    result = run("copy-store", "--database", empty, "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "households: version 1 copied." in result.stdout
    embedded, copied = LayerStore(EMBEDDED_STORE), PgStore(empty)
    assert copied.current() == embedded.current()
    assert all(copied.versions(kind) == embedded.versions(kind) for kind in Kind)


def test_copy_store_needs_a_database_and_says_so(monkeypatch):
    monkeypatch.delenv("GIM_DATABASE_URL", raising=False)
    result = CliRunner().invoke(app, ["copy-store", "--lang", "en"], env={"GIM_DATABASE_URL": ""})
    assert result.exit_code == 1 and "No database" in result.stderr


def test_an_unreachable_database_is_a_clear_refusal(monkeypatch, layer_files):
    monkeypatch.setenv("GIM_DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")
    result = CliRunner().invoke(app, ["layers", "--lang", "en"])
    assert result.exit_code == 1 and "The database refused or did not answer" in result.stderr
