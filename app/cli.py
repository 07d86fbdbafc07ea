"""``gim-broadband``: load layer files into the store, list their versions, roll one back.

Messages are French by default; ``--lang en`` (or a ``LANG`` starting with ``en``) gives
English. Exit status: 0 done, 1 refused (the store is unchanged), 2 wrong usage.
"""

from __future__ import annotations

import json
import os
import re
import sys
import threading
from pathlib import Path
from typing import Annotated, Any

import psycopg
import typer
from babel.numbers import format_decimal
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from app.catalog import load_layer
from app.errors import GimError, LayerValidationError
from app.i18n import locale, negotiate, number, translate
from app.layers.kinds import Kind
from app.layers.loader import STEPS, LoadOptions, LoadReport
from app.layers.pgstore import PgStore
from app.layers.store import LayerStore
from app.layers.stores import Store, copy_store, open_store
from app.settings import Settings

PROGRESS_DELAY_S = 1.0
REFUSED = 1
# Escape sequences from a file's header or an option could clear or rewrite the terminal.
CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")


EXAMPLES = {
    "load": (
        "gim-broadband load households PHH_2021_CSV.zip --speeds NBD_PHH_Speeds.zip "
        "--vintage 2024-06 --source 'ISED National Broadband Data'",
        "gim-broadband load households PHH-QC.csv "
        "--speeds PHH_Speeds_Current-PHH_Vitesses_Actuelles_QC.csv --strict",
        "gim-broadband load municipalities munic_s.zip --vintage 2025-01 --source 'MRNF SDA'",
        "gim-broadband load hexagons CHX_EXO_geo.zip --table Map_Data_CSV.zip --vintage 2024-06 "
        "--dry-run --json",
        "gim-broadband load community_points points.csv --columns NOM=name_fr,ID=id",
        "gim-broadband load mrcs mrc_lambert.shp --crs EPSG:32198",
    ),
    "layers": ("gim-broadband layers", "gim-broadband layers households --json"),
    "rollback": ("gim-broadband rollback households", "gim-broadband rollback mrcs --to 1"),
    "copy-store": (
        "GIM_DATABASE_URL=postgresql://gim@db/gim gim-broadband copy-store",
        "gim-broadband copy-store --store geodata --database postgresql://gim@db/gim",
    ),
}


def _both(key: str) -> str:
    """A help text in French, then English."""
    return f"{translate(key, 'fr')}\n\n{translate(key, 'en')}"


def _command_help(name: str) -> str:
    """A command's help in both languages, then its examples, one per line."""
    label = f"{translate('cli.examples', 'fr')} / {translate('cli.examples', 'en').lower()}"
    return "\n\n".join([_both(f"cli.help.{name}"), f"{label}:", *EXAMPLES[name]])


app = typer.Typer(
    help=_both("cli.help"),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
stdout = Console(highlight=False, soft_wrap=True, markup=False)
stderr = Console(stderr=True, highlight=False, soft_wrap=True)

KindArgument = Annotated[Kind, typer.Argument(help=_both("cli.opt.kind"), show_default=False)]
StoreOption = Annotated[
    Path | None, typer.Option("--store", help=_both("cli.opt.store"), show_default=False)
]
LangOption = Annotated[str | None, typer.Option("--lang", help=_both("cli.opt.lang"))]
JsonOption = Annotated[bool, typer.Option("--json", help=_both("cli.opt.json"))]


@app.command(
    "load",
    help=_command_help("load"),
    short_help=translate("cli.short.load", "fr"),
    no_args_is_help=True,
)
def load(
    kind: KindArgument,
    path: Annotated[Path, typer.Argument(help=_both("cli.opt.path"), show_default=False)],
    speeds: Annotated[list[Path] | None, typer.Option(help=_both("cli.opt.speeds"))] = None,
    table: Annotated[Path | None, typer.Option(help=_both("cli.opt.table"))] = None,
    columns: Annotated[str | None, typer.Option(help=_both("cli.opt.columns"))] = None,
    crs: Annotated[str | None, typer.Option(help=_both("cli.opt.crs"))] = None,
    vintage: Annotated[str, typer.Option(help=_both("cli.opt.vintage"))] = "",
    source: Annotated[str, typer.Option(help=_both("cli.opt.source"))] = "",
    layer: Annotated[str | None, typer.Option(help=_both("cli.opt.layer"))] = None,
    strict: Annotated[bool, typer.Option("--strict", help=_both("cli.opt.strict"))] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help=_both("cli.opt.dry_run"))] = False,
    demonstration: Annotated[
        bool, typer.Option("--demonstration", help=_both("cli.opt.demonstration"))
    ] = False,
    as_json: JsonOption = False,
    store: StoreOption = None,
    lang: LangOption = None,
) -> None:
    """Validate a file and store it as the new current version of KIND."""
    language = _language(lang)
    settings = Settings()
    options = LoadOptions(
        kind,
        path,
        tuple(speeds or ()),
        columns,
        crs,
        vintage,
        source,
        layer,
        strict,
        dry_run,
        demonstration,
        table=table,
        snap_m=settings.snap_distance_m,
        region_bounds=settings.region_bounds,
    )
    layer_store = _store(store)
    try:
        with StepProgress(language) as progress:
            report = load_layer(layer_store, options, progress)
    except GimError as error:
        _refuse(error, language, as_json)
    except OSError as error:
        _refuse(_write_failed(layer_store, error), language, as_json)
    _print_report(report, language, as_json)


@app.command("layers", help=_command_help("layers"), short_help=translate("cli.help.layers", "fr"))
def layers(
    kind: Annotated[Kind | None, typer.Argument(help=_both("cli.opt.kind"))] = None,
    as_json: JsonOption = False,
    store: StoreOption = None,
    lang: LangOption = None,
) -> None:
    """List the stored versions of every layer (or of KIND), the current one marked."""
    language = _language(lang)
    layer_store = _store(store)
    try:
        current = layer_store.current()
        listing = {
            str(each): [
                _version_row(meta.__dict__, current.get(each) == meta.version)
                for meta in layer_store.history(each)
            ]
            for each in ([kind] if kind else list(Kind))
        }
    except GimError as error:
        _refuse(error, language, as_json)
    if as_json:
        stdout.print_json(json.dumps(listing, ensure_ascii=False))
        return
    for name, rows in listing.items():
        _print_versions(name, rows, language)


@app.command(
    "rollback",
    help=_command_help("rollback"),
    short_help=translate("cli.help.rollback", "fr"),
    no_args_is_help=True,
)
def rollback(
    kind: KindArgument,
    to: Annotated[int | None, typer.Option("--to", help=_both("cli.opt.to"))] = None,
    store: StoreOption = None,
    lang: LangOption = None,
) -> None:
    """Make the previous version of KIND (or version ``--to``) current."""
    language = _language(lang)
    layer_store = _store(store)
    try:
        if to is None:
            version = layer_store.rollback(kind)
        else:
            layer_store.set_current(kind, to)
            version = to
    except GimError as error:
        _refuse(error, language, False)
    except OSError as error:
        _refuse(_write_failed(layer_store, error), language, False)
    stdout.print(translate("cli.rolled_back", language, kind=str(kind), version=version))


@app.command(
    "copy-store",
    help=_command_help("copy-store"),
    short_help=translate("cli.help.copy-store", "fr"),
)
def copy_to_database(
    database: Annotated[
        str | None, typer.Option("--database", help=_both("cli.opt.database"), show_default=False)
    ] = None,
    store: StoreOption = None,
    lang: LangOption = None,
) -> None:
    """Copy every version of the folder store into a PostGIS database, pointer included."""
    language = _language(lang)
    settings = Settings()
    url = database or (settings.database_url and settings.database_url.get_secret_value())
    if not url:
        _refuse(LayerValidationError("stores.database_needed"), language, False)
    source = LayerStore(store or settings.store_dir)
    try:
        for kind, version in copy_store(source, PgStore(str(url))):
            stdout.print(translate("cli.copied", language, kind=str(kind), version=version))
    except GimError as error:
        _refuse(error, language, False)
    except psycopg.Error as error:
        failure = LayerValidationError("stores.database_failed", reason=str(error).strip())
        _refuse(failure, language, False)


class StepProgress:
    """A bar of the load's steps on stderr, shown only once a load has taken a second."""

    def __init__(self, lang: str, delay_s: float = PROGRESS_DELAY_S) -> None:
        self.lang = lang
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
        self.bar = Progress(*columns, TimeElapsedColumn(), console=stderr, transient=True)
        self.task = self.bar.add_task("", total=len(STEPS))
        self.timer = threading.Timer(delay_s, self.bar.start)
        self.timer.daemon = True

    def __enter__(self) -> StepProgress:
        if stderr.is_terminal:
            self.timer.start()
        return self

    def __call__(self, step: str) -> None:
        """The load has reached ``step``."""
        description = translate(f"cli.step.{step}", self.lang)
        self.bar.update(self.task, completed=STEPS.index(step), description=description)

    def __exit__(self, *exc: object) -> None:
        self.timer.cancel()
        if self.timer.is_alive():
            self.timer.join()
        if self.bar.live.is_started:
            self.bar.stop()


def _write_failed(store: Store, error: OSError) -> LayerValidationError:
    """A full disk or a read-only store, as a refusal that says the store is unchanged."""
    reason = error.strerror or str(error)
    return LayerValidationError("layers.write_failed", store=store.root, reason=reason)


def _language(lang: str | None) -> str:
    """``--lang``, else English if ``LANG`` says so, else French."""
    return negotiate(lang, os.environ.get("LANG"))


def _store(path: Path | None) -> Store:
    """The folder named by ``--store``, else the store the service uses (PostGIS if set)."""
    return LayerStore(path) if path else open_store(Settings())


def printable(text: object) -> str:
    """Text for the terminal: control characters (escape sequences) written out as escapes."""
    return CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", str(text))


def _refuse(error: GimError, lang: str, as_json: bool) -> None:
    """Print a refusal on one line (and as JSON if asked), then exit with status 1."""
    message = translate(error.key, lang, **error.params)
    if as_json:
        key = getattr(error, "reason_key", error.key)
        stdout.print_json(
            json.dumps({"ok": False, "error": {"key": key, "message": message}}, ensure_ascii=False)
        )
    print(printable(translate("cli.error", lang, message=message)), file=sys.stderr)
    raise typer.Exit(REFUSED)


def _print_report(report: LoadReport, lang: str, as_json: bool) -> None:
    """The outcome of a load: JSON on stdout, or a line, the counts and the warnings."""
    summary = report.to_dict(lang)
    if as_json:
        stdout.print_json(json.dumps(summary, ensure_ascii=False))
        return
    key = "cli.dry_run" if report.dry_run else "cli.loaded"
    seconds = format_decimal(report.seconds, "0.0", locale=locale(lang))
    values = {"kind": str(report.kind), "version": report.version, "count": report.features}
    stdout.print(printable(translate(key, lang, seconds=seconds, **values)))
    counts = ", ".join(
        f"{name}={number(value, lang) if isinstance(value, int | float) else value}"
        for name, value in summary["counts"].items()
    )
    stdout.print(printable(translate("cli.counts", lang, counts=counts)))
    for warning in summary["warnings"]:
        print(printable(translate("cli.warning", lang, message=warning)), file=sys.stderr)


def _version_row(meta: dict[str, Any], current: bool) -> dict[str, Any]:
    """What ``layers`` shows of one version."""
    fields = ("version", "vintage", "loaded_at", "feature_count", "source", "demonstration")
    return {
        "current": current,
        **{name: meta[name] for name in fields},
        "checksum": meta["checksum"],
    }


def _print_versions(kind: str, rows: list[dict[str, Any]], lang: str) -> None:
    """A kind's versions, one line each, the current one starred."""
    stdout.print(f"{kind}  ({translate('cli.columns', lang)})")
    if not rows:
        stdout.print(f"    {translate('cli.no_versions', lang)}")
    for row in rows:
        mark = "*" if row["current"] else " "
        demo = "demo" if row["demonstration"] else ""
        cells = (row["vintage"] or "—", row["loaded_at"], row["feature_count"], row["source"], demo)
        line = f"  {mark} {row['version']:04d}|" + "|".join(str(cell) for cell in cells)
        stdout.print(printable(line))


def main() -> None:
    """Entry point of the ``gim-broadband`` script."""
    app()
