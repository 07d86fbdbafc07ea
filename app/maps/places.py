"""The areas a map can show (the region, an MRC, a municipality) and the links between pages."""

from __future__ import annotations

from dataclasses import dataclass, replace
from urllib.parse import urlencode

import numpy as np

from app.catalog import Catalog
from app.errors import InvalidParameterError, NotFoundError
from app.gaps.threshold import DEFAULT_THRESHOLD, Threshold
from app.layers.kinds import Kind
from app.vocabulary import DEFAULT_CHOICE, TechnologyChoice

REGION, MRC, MUNICIPALITY = "region", "mrc", "municipality"
SERVICE, LTE = "service", "lte"
THEMES = (SERVICE, LTE)


@dataclass(frozen=True)
class View:
    """What a page shows: the threshold, the technologies counted, the theme (service or LTE).

    ``root`` is the path prefix the service is reached under (the request's ``root_path``, e.g.
    ``/carte`` behind a proxy): every link and asset of the page starts with it.
    """

    threshold: Threshold = DEFAULT_THRESHOLD
    technologies: TechnologyChoice = DEFAULT_CHOICE
    theme: str = SERVICE
    root: str = ""

    def __post_init__(self) -> None:
        if self.theme not in THEMES:
            raise InvalidParameterError(
                "maps.theme_unknown", value=str(self.theme)[:40], accepted=", ".join(THEMES)
            )

    def but(self, **changes: object) -> View:
        """The same view with some of its parts changed."""
        return replace(self, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Place:
    """An area shown by a page: ``code`` is empty for the region."""

    scope: str
    code: str
    name: str
    mrc_code: str = ""
    mrc_name: str = ""
    bounds: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)  # lon/lat


def region(catalog: Catalog) -> Place:
    """The whole region."""
    frame = catalog.layer(Kind.MUNICIPALITIES).frame
    return Place(REGION, "", catalog.gaps.region_name, bounds=_bounds(frame.total_bounds))


def mrc(catalog: Catalog, code: str) -> Place:
    """The MRC with census division code ``code``, or a not-found error."""
    frame = catalog.layer(Kind.MUNICIPALITIES).frame
    members = frame[frame["mrc_code"].astype(str) == code]
    if members.empty:
        raise NotFoundError("maps.mrc_unknown", code=code)
    name = str(members["mrc_name"].iloc[0])
    return Place(MRC, code, name, code, name, _bounds(members.total_bounds))


def municipality(catalog: Catalog, code: str) -> Place:
    """The municipality with census subdivision code ``code``, or a not-found error."""
    frame = catalog.layer(Kind.MUNICIPALITIES).frame
    rows = frame[frame["code"].astype(str) == code]
    if rows.empty:
        raise NotFoundError("maps.municipality_unknown", code=code)
    row = rows.iloc[0]
    return Place(
        MUNICIPALITY,
        code,
        str(row["name"]),
        str(row["mrc_code"]),
        str(row["mrc_name"]),
        _bounds(rows.total_bounds),
    )


def find(catalog: Catalog, scope: str, code: str) -> Place:
    """The place of ``scope`` named by ``code``."""
    if scope == MRC:
        return mrc(catalog, code)
    if scope == MUNICIPALITY:
        return municipality(catalog, code)
    return region(catalog)


def page_url(scope: str, code: str, view: View, lang: str, *, table: bool = False) -> str:
    """The address of the map page (or table view) of an area, with the page's state."""
    path = "/maps" if scope == REGION and table else "/"
    if scope != REGION:
        path = f"/maps/{scope}/{code}"
    if table:
        path = f"{path}/table"
    return view.root + path + query(view, lang)


def data_url(
    layer: str, root: str, *, view: View | None = None, lang: str = "", by_level: bool = True
) -> str:
    """The address of a map layer; the browser puts its zoom's level in place of ``{level}``."""
    name = f"{layer}/{{level}}" if by_level else layer
    return f"{root}/maps/data/{name}.geojson" + query(view, lang)


def query(view: View | None, lang: str) -> str:
    """The query string carrying the state a page or layer depends on (defaults left out)."""
    params = {"threshold": view.threshold.label} if view else {}
    if view and view.technologies != DEFAULT_CHOICE:
        params["technology"] = view.technologies.label
    if view and view.theme != SERVICE:
        params["theme"] = view.theme
    params |= {"lang": lang} if lang else {}
    return "?" + urlencode(params, safe="/,") if params else ""


def _bounds(values: np.ndarray) -> tuple[float, float, float, float]:
    west, south, east, north = (float(value) for value in values)
    return west, south, east, north
