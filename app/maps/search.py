"""Find a place by name: municipalities, MRCs, ISED community points and populated places.

Names are compared folded: without accents, case or punctuation, and with the usual French
abbreviations written out (« ste-anne » finds Sainte-Anne-des-Monts). A hit ranks by how the
query meets the name: the whole name, its start, the start of one of its words, anywhere.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import shapely

from app.catalog import Catalog
from app.errors import InvalidParameterError
from app.gaps.assign import OUTSIDE
from app.layers.kinds import SCHEMAS, Kind
from app.maps import places
from app.maps.places import View

MUNICIPALITY, MRC, COMMUNITY, PLACE = "municipality", "mrc", "community", "place"
KINDS = (MUNICIPALITY, MRC, COMMUNITY, PLACE)  # the order of hits that rank alike
EXACT, PREFIX, WORD_PREFIX, SUBSTRING = range(4)
MAX_QUERY = 80
MAX_LIMIT = 50
ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes", "mt": "mont"}
_NOT_WORD = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """``text`` without accents, case or punctuation, abbreviations written out."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    words = _NOT_WORD.sub(" ", bare.replace("œ", "oe").replace("æ", "ae")).split()
    return " ".join(ABBREVIATIONS.get(word, word) for word in words)


@dataclass(frozen=True)
class Entry:
    """One searchable name and what a hit on it shows."""

    kind: str
    code: str
    names: dict[str, str]  # by language
    mrc_code: str
    mrc_name: str
    municipality_code: str  # the page a hit opens (the MRC's own for an MRC)
    bounds: tuple[float, float, float, float] | None  # areas: west, south, east, north
    point: tuple[float, float] | None  # community points: longitude, latitude
    folded: tuple[str, ...]  # the folded names, every language


@dataclass(frozen=True)
class Hit:
    """An entry found, with its rank (lower is better)."""

    entry: Entry
    rank: int

    def name(self, lang: str) -> str:
        """The entry's name in ``lang`` (French when it has no other)."""
        return self.entry.names.get(lang) or self.entry.names["fr"]

    def page(self, view: View, lang: str) -> str:
        """The address of the page this hit opens (without the root path)."""
        if self.entry.kind == MRC:
            return places.page_url(places.MRC, self.entry.code, view, lang)
        return places.page_url(places.MUNICIPALITY, self.entry.municipality_code, view, lang)


class SearchIndex:
    """Every name of the catalogue's places, folded once."""

    def __init__(self, entries: list[Entry]) -> None:
        self.entries = entries

    def search(self, query: str, limit: int = 10) -> list[Hit]:
        """The entries matching ``query``, best first; a bad query is refused."""
        wanted = check_query(query, limit)
        if not wanted:
            return []
        hits = [
            Hit(entry, rank)
            for entry in self.entries
            if (rank := min(rank_of(wanted, name) for name in entry.folded)) <= SUBSTRING
        ]
        hits.sort(key=lambda hit: (hit.rank, KINDS.index(hit.entry.kind), hit.entry.folded[0]))
        return hits[:limit]


def check_query(query: str, limit: int) -> str:
    """The folded query, or an error saying what is wrong with it."""
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidParameterError("maps.search.limit", value=str(limit), maximum=MAX_LIMIT)
    if len(query) > MAX_QUERY:
        raise InvalidParameterError("maps.search.too_long", maximum=MAX_QUERY)
    folded = fold(query)
    if not folded:
        raise InvalidParameterError("maps.search.empty")
    return folded


def rank_of(query: str, name: str) -> int:
    """How ``query`` meets ``name`` (both folded); past ``SUBSTRING`` when it does not."""
    if name == query:
        return EXACT
    if name.startswith(query):
        return PREFIX
    if f" {query}" in f" {name}" or _words_start(query.split(), name.split()):
        return WORD_PREFIX
    if query in name or query.replace(" ", "") in name.replace(" ", ""):
        return SUBSTRING
    return SUBSTRING + 1


def _words_start(query: list[str], name: list[str]) -> bool:
    """Whether every query word starts some word of the name, in the name's order."""
    position = 0
    for word in query:
        while position < len(name) and not name[position].startswith(word):
            position += 1
        if position == len(name):
            return False
        position += 1
    return True


def search_index(catalog: Catalog) -> SearchIndex:
    """The catalogue's search index, built once."""
    return catalog.derived("search", None, lambda: build_index(catalog), size=1)


def build_index(catalog: Catalog) -> SearchIndex:
    """Index the municipalities, MRCs and (when loaded) ISED community points."""
    frame = catalog.layer(Kind.MUNICIPALITIES).frame
    entries = [
        _entry(
            MUNICIPALITY,
            str(row["code"]),
            {"fr": str(row["name"])},
            (str(row["mrc_code"]), str(row["mrc_name"])),
            str(row["code"]),
            bounds=_bounds(row.geometry.bounds),
        )
        for _, row in frame.iterrows()
    ]
    for code, members in frame.groupby(frame["mrc_code"].astype(str)):
        name = str(members["mrc_name"].iloc[0])
        whole = _bounds(members.total_bounds)
        entries.append(_entry(MRC, str(code), {"fr": name}, (str(code), name), "", bounds=whole))
    for kind, layer, names in POINT_LAYERS:
        if layer in catalog.layers:
            entries += _points(catalog, kind, layer, names, entries)
    return SearchIndex(entries)


# Point layers searched by name: (kind of hit, layer, name column by language).
POINT_LAYERS = (
    (COMMUNITY, Kind.COMMUNITY_POINTS, {"fr": "name_fr", "en": "name_en"}),
    (PLACE, Kind.PLACES, {"fr": "name"}),
)


def _points(
    catalog: Catalog, kind: str, layer: Kind, columns: dict[str, str], known: list[Entry]
) -> list[Entry]:
    """Named points, each in the municipality that holds it (by the assignment rule).

    A point named like an entry already found in the same municipality (the municipality
    itself, a community point of that name) is left out: it would be listed twice.
    """
    frame = catalog.layer(layer).frame
    points = frame.geometry.to_crs("EPSG:4326").to_numpy()
    x, y = shapely.get_x(points), shapely.get_y(points)
    area = catalog.gaps.locator.assign(x, y).area
    towns = catalog.gaps.areas.municipalities
    seen = {(name, entry.municipality_code) for entry in known for name in entry.folded}
    entries = []
    for position, row in enumerate(frame.to_dict("records")):
        if int(area[position]) == OUTSIDE or not np.isfinite(x[position]):
            continue
        town = towns.iloc[int(area[position])]
        code = str(towns.index[int(area[position])])
        names = _names(row, columns)
        if (fold(names["fr"]), code) in seen:
            continue
        seen.add((fold(names["fr"]), code))
        mrc = (str(town["mrc_code"]), str(town["mrc_name"]))
        point = (float(x[position]), float(y[position]))
        entries.append(
            _entry(kind, str(row[SCHEMAS[layer].id_field]), names, mrc, code, point=point)
        )
    return entries


def _names(row: dict[str, object], columns: dict[str, str]) -> dict[str, str]:
    """A point's names by language; a blank one takes the French (or any) name."""
    given = {lang: str(row[column] or "").strip() for lang, column in columns.items()}
    fallback = given.get("fr") or next((name for name in given.values() if name), "")
    return {lang: given.get(lang) or fallback for lang in ("fr", "en")}


def _entry(
    kind: str,
    code: str,
    names: dict[str, str],
    mrc: tuple[str, str],
    municipality_code: str,
    *,
    bounds: tuple[float, float, float, float] | None = None,
    point: tuple[float, float] | None = None,
) -> Entry:
    folded = tuple(dict.fromkeys(fold(name) for name in names.values()))
    return Entry(kind, code, names, *mrc, municipality_code, bounds, point, folded)


def _bounds(values: Iterable[float]) -> tuple[float, float, float, float]:
    west, south, east, north = (float(value) for value in values)
    return west, south, east, north
