"""``gim-broadband``: load, layers, rollback; messages in French or English; JSON reports."""

from __future__ import annotations

import io
import json
import re
import runpy
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from app import cli
from app.cli import app
from app.layers.kinds import Kind

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "load_layer.py"


@pytest.fixture
def run(store, monkeypatch):
    monkeypatch.delenv("LANG", raising=False)
    runner = CliRunner()

    def invoke(*args, env=None):
        return runner.invoke(app, [*map(str, args), "--store", str(store.root)], env=env)

    return invoke


def test_load_prints_what_it_did_in_french_by_default(run, store, layer_files):
    result = run("load", "mrcs", layer_files / "mrcs.geojson", "--vintage", "2021")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("mrcs : version 2 chargée et rendue courante (6 entités")
    assert store.current()[Kind.MRCS] == 2


def test_numbers_are_written_for_the_language(run, layer_files):
    french = run("load", "mrcs", layer_files / "mrcs.geojson", "--vintage", "2021").stdout
    assert re.search(r"\(6 entités, \d+,\d s\)", french), french
    english = run("load", "mrcs", layer_files / "mrcs.geojson", "--lang", "en").stdout
    assert re.search(r"\(6 features, \d+\.\d s\)", english), english


def test_english_with_lang_or_with_an_english_locale(run, layer_files):
    result = run("load", "mrcs", layer_files / "mrcs.geojson", "--dry-run", "--lang", "en")
    assert result.stdout.startswith("mrcs: file valid, nothing written (--dry-run)")
    assert "Warning: no vintage" in result.stderr
    result = run("load", "mrcs", layer_files / "mrcs.geojson", "--dry-run", env={"LANG": "en_CA"})
    assert result.stdout.startswith("mrcs: file valid")


def test_json_report_counts_repairs_and_warnings(run, layer_files):
    name = layer_files / "bowtie_municipality.geojson"
    result = run("load", "municipalities", name, "--json", "--dry-run", "--lang", "en")
    report = json.loads(result.stdout)
    assert report["ok"] and report["dry_run"] and report["version"] is None
    assert report["repairs"] == 1 and report["features"] == 3
    assert report["counts"]["repaired_geometries"] == 1
    assert any("repaired" in warning for warning in report["warnings"])


def test_a_refusal_is_one_line_naming_the_file_with_exit_status_1(run, store, layer_files):
    state = store.state()
    result = run("load", "community_points", layer_files / "swapped.csv")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("Erreur : swapped.csv : latitude et longitude inversées")
    assert store.state() == state


def test_a_refusal_in_json_carries_the_reason_key(run, layer_files):
    result = run("load", "mrcs", layer_files / "zip_slip.zip", "--json", "--lang", "en")
    report = json.loads(result.stdout)
    assert result.exit_code == 1 and report["ok"] is False
    assert report["error"]["key"] == "layers.zip_unsafe"
    assert report["error"]["message"].startswith("zip_slip.zip: the archive holds a path")


def test_layers_lists_versions_and_rollback_goes_back(run, layer_files):
    run("load", "mrcs", layer_files / "mrcs.geojson", "--vintage", "2021", "--source", "MRC test")
    listing = json.loads(run("layers", "mrcs", "--json").stdout)["mrcs"]
    assert [(row["version"], row["current"]) for row in listing] == [(1, False), (2, True)]
    assert listing[1]["source"] == "MRC test" and listing[1]["feature_count"] == 6
    text = run("layers").stdout
    assert "  * 0002|2021|" in text and "hexagons" in text
    result = run("rollback", "mrcs", "--lang", "en")
    assert result.exit_code == 0 and result.stdout.strip() == "mrcs: version 1 is now current."
    result = run("rollback", "mrcs")
    assert result.exit_code == 1 and "pas de version antérieure à 1" in result.stderr
    assert run("rollback", "mrcs", "--to", "2").exit_code == 0
    assert json.loads(run("layers", "mrcs", "--json").stdout)["mrcs"][1]["current"]


def test_help_explains_each_command_with_examples():
    runner = CliRunner()
    for command, example in [
        ("load", "gim-broadband load households PHH-QC.csv --speeds"),
        ("layers", "gim-broadband layers households --json"),
        ("rollback", "gim-broadband rollback households"),
    ]:
        result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"})
        assert result.exit_code == 0 and example in result.stdout
        assert "Exemples / examples" in result.stdout


def test_the_load_layer_script_wraps_the_load_command(store, layer_files, monkeypatch, capsys):
    arguments = ["mrcs", str(layer_files / "mrcs.geojson"), "--store", str(store.root)]
    monkeypatch.setattr("sys.argv", ["load_layer.py", *arguments, "--lang", "en"])
    with pytest.raises(SystemExit) as exit_status:
        runpy.run_path(str(SCRIPT), run_name="__main__")
    assert exit_status.value.code == 0
    assert capsys.readouterr().out.startswith("mrcs: version 2 loaded and made current")


def test_the_progress_bar_shows_on_a_terminal_only_once_the_delay_has_passed(monkeypatch):
    screen = io.StringIO()
    monkeypatch.setattr(cli, "stderr", Console(file=screen, force_terminal=True, width=100))
    with cli.StepProgress("en", delay_s=3600) as progress:
        progress("read")
    assert screen.getvalue() == ""  # a quick load shows nothing
    with cli.StepProgress("en", delay_s=0) as progress:
        progress.timer.join()
        progress("region")
        progress.bar.refresh()
    assert "Cutting to the region" in screen.getvalue() and "3/6" in screen.getvalue()


def test_demonstration_data_stays_flagged_when_loaded(run, store, layer_files):
    result = run("load", "mrcs", layer_files / "mrcs.geojson", "--demonstration")
    assert result.exit_code == 0, result.output
    assert store.meta(Kind.MRCS).demonstration is True
    run("load", "mrcs", layer_files / "mrcs.geojson")
    assert store.meta(Kind.MRCS).demonstration is False


def test_escape_sequences_from_a_file_or_an_option_are_printed_escaped(run, tmp_path):
    path = tmp_path / "ansi.csv"
    path.write_text("\x1b[2Jcode,\x1b]0;pwned\x07name\n1,a\n")
    result = run("load", "community_points", path, "--lang", "en")
    assert result.exit_code == 1 and "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "\\x1b[2J" in result.stderr and result.stderr.count("\n") == 1
    assert cli.printable("a\x1b[31mb\nc") == "a\\x1b[31mb\\x0ac"


def test_a_read_only_or_full_store_on_rollback_is_one_line(run, store, monkeypatch):
    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("app.layers.store._atomic_write", full)
    result = run("rollback", "municipalities", "--to", "1", "--lang", "en")
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert "No space left on device" in result.stderr and "Traceback" not in result.output


def test_layers_on_damaged_metadata_is_one_line_naming_the_file(run, store):
    (store.root / "mrcs" / "0001.json").write_text("{not json")
    result = run("layers", "--lang", "en")
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert "mrcs/0001.json" in result.stderr and "Traceback" not in result.output
