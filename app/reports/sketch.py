"""A static map of a place as SVG: its municipalities coloured as the map colours them.

Drawn from the same coverage-simplified borders as the interactive maps (``app.maps.borders``):
the place's municipalities by served share, their neighbours in grey, the household cells with
dwellings below the threshold on top, MRC outlines and the place's own outline last.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import shapely
from markupsafe import Markup, escape

from app.catalog import Catalog
from app.gaps.threshold import Threshold
from app.maps import places, style
from app.maps.borders import borders
from app.maps.cells import household_cells
from app.maps.places import Place
from app.maps.zoom import LEVELS
from app.vocabulary import TechnologyChoice

WIDTH, MAX_HEIGHT = 600.0, 400.0
MARGIN = 0.06  # of the place's extent, on every side
NEIGHBOUR_COLOUR = "#e4e4e4"
CELL_STROKE = "#3f007d"  # as the interactive map outlines its cells
BORDER_COLOUR = "#ffffff"
# Level of detail of the borders, by scope; household cells are the finest level whose hexagons
# are still CELL_MIN_PX across on the sketch.
BORDER_LEVEL = {places.REGION: 0, places.MRC: 1, places.MUNICIPALITY: 1}
CELL_MIN_PX = 4.0
METRES_PER_DEGREE = 111_320.0


@dataclass(frozen=True)
class Frame:
    """The window of the map in longitude/latitude and its scale to SVG units."""

    west: float
    north: float
    scale_x: float
    scale_y: float
    width: float
    height: float

    @classmethod
    def around(cls, bounds: tuple[float, float, float, float]) -> Frame:
        """A window around ``bounds`` with a margin, its aspect that of the ground."""
        west, south, east, north = bounds
        pad_x, pad_y = (east - west) * MARGIN or 0.01, (north - south) * MARGIN or 0.01
        west, south, east, north = west - pad_x, south - pad_y, east + pad_x, north + pad_y
        squeeze = math.cos(math.radians((south + north) / 2))
        ground_w, ground_h = (east - west) * squeeze, north - south
        width = (
            WIDTH if ground_h / ground_w * WIDTH <= MAX_HEIGHT else MAX_HEIGHT * ground_w / ground_h
        )
        unit = width / ground_w
        return cls(west, north, unit * squeeze, unit, width, ground_h * unit)

    @property
    def box(self) -> shapely.Geometry:
        """The window as a longitude/latitude rectangle."""
        east = self.west + self.width / self.scale_x
        south = self.north - self.height / self.scale_y
        return shapely.box(self.west, south, east, self.north)

    def path(self, geometry: shapely.Geometry) -> str:
        """The SVG path data of a (multi)polygon, in view-box units rounded to 0.1."""
        rings = []
        for polygon in shapely.get_parts(geometry):
            count = shapely.get_num_interior_rings(polygon)
            outline = [shapely.get_exterior_ring(polygon)]
            outline += [shapely.get_interior_ring(polygon, i) for i in range(count)]
            rings += [self._ring(ring) for ring in outline if not shapely.is_empty(ring)]
        return "".join(rings)

    def _ring(self, ring: shapely.Geometry) -> str:
        xy = shapely.get_coordinates(ring)
        x = np.round((xy[:, 0] - self.west) * self.scale_x, 1)
        y = np.round((self.north - xy[:, 1]) * self.scale_y, 1)
        points = " ".join(f"{a:g} {b:g}" for a, b in zip(x, y, strict=True))
        return f"M{points}Z"


def place_map(
    catalog: Catalog, place: Place, threshold: Threshold, technologies: TechnologyChoice, title: str
) -> Markup:
    """The SVG map of ``place`` at ``threshold``, titled ``title`` for assistive technology."""
    key = (place.scope, place.code, threshold, technologies, title)
    return catalog.derived(
        "report maps",
        key,
        lambda: _draw(catalog, place, threshold, technologies, title),
        size=256,
    )


def _draw(
    catalog: Catalog, place: Place, threshold: Threshold, technologies: TechnologyChoice, title: str
) -> Markup:
    frame = Frame.around(place.bounds)
    window = frame.box
    shapes = borders(catalog, LEVELS[BORDER_LEVEL[place.scope]])
    figures = catalog.report(threshold, technologies).municipalities
    shares = figures.loc[shapes.codes, "served_share"].to_numpy(float)
    unknown = figures.loc[shapes.codes, "unknown_share"].to_numpy(float)
    colours = np.array(style.colours(style.SHARE_CLASSES))[style.share_classes(shares, unknown)]
    inside = _members(place, shapes.codes, shapes.mrc_codes)
    seen = shapely.intersects(shapes.municipalities, window)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="gim-sketch" role="img" '
        f'viewBox="0 0 {frame.width:.0f} {frame.height:.0f}" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<rect width="{frame.width:.0f}" height="{frame.height:.0f}" fill="#f4f8fb"/>',
    ]
    for polygon, colour, own in zip(
        shapes.municipalities[seen], colours[seen], inside[seen], strict=True
    ):
        fill = colour if own else NEIGHBOUR_COLOUR
        clipped = shapely.clip_by_rect(polygon, *window.bounds)
        parts.append(
            f'<path d="{frame.path(clipped)}" fill="{fill}" stroke="{BORDER_COLOUR}" '
            f'stroke-width="0.6"/>'
        )
    own_area = shapely.union_all(shapes.municipalities[inside])
    parts += _cells(catalog, place, threshold, technologies, frame, own_area)
    for outline in shapes.mrcs[shapely.intersects(shapes.mrcs, window)]:
        clipped = shapely.clip_by_rect(shapely.boundary(outline), *window.bounds)
        parts.append(_line(frame, clipped, style.OUTLINE_COLOUR, 0.8))
    if place.scope != places.REGION:
        parts.append(_line(frame, shapely.boundary(own_area), style.OUTLINE_COLOUR, 2.0))
    parts.append("</svg>")
    return Markup("".join(parts))


def _members(place: Place, codes: np.ndarray, mrc_codes: np.ndarray) -> np.ndarray:
    """Which municipalities make up ``place``."""
    if place.scope == places.MUNICIPALITY:
        return codes == place.code
    if place.scope == places.MRC:
        return mrc_codes == place.code
    return np.ones(len(codes), dtype=bool)


def _cells(
    catalog: Catalog,
    place: Place,
    threshold: Threshold,
    technologies: TechnologyChoice,
    frame: Frame,
    area: shapely.Geometry,
) -> list[str]:
    """The household cells over the place, coloured by dwellings below the threshold."""
    px_per_m = frame.scale_y / METRES_PER_DEGREE
    fine = [item for item in LEVELS if 2 * item.cell_radius_m * px_per_m >= CELL_MIN_PX]
    cell_level = fine[-1] if fine else LEVELS[0]
    cells = household_cells(catalog, cell_level, threshold, technologies)
    if not len(cells.polygons):
        return []
    seen = shapely.intersects(cells.polygons, area)
    palette = np.array(style.colours(style.CELL_CLASSES))
    classes = style.cell_classes(cells.below[seen])
    return [
        f'<path d="{frame.path(polygon)}" fill="{colour}" fill-opacity="0.85" '
        f'stroke="{CELL_STROKE}" stroke-width="0.4"/>'
        for polygon, colour in zip(cells.polygons[seen], palette[classes], strict=True)
    ]


def _line(frame: Frame, lines: shapely.Geometry, colour: str, width: float) -> str:
    """Outlines (a boundary, clipped) as one unfilled path."""
    paths = []
    for part in shapely.get_parts(lines):
        xy = shapely.get_coordinates(part)
        if len(xy) < 2:
            continue
        x = np.round((xy[:, 0] - frame.west) * frame.scale_x, 1)
        y = np.round((frame.north - xy[:, 1]) * frame.scale_y, 1)
        paths.append("M" + " ".join(f"{a:g} {b:g}" for a, b in zip(x, y, strict=True)))
    return (
        f'<path d="{"".join(paths)}" fill="none" stroke="{colour}" stroke-width="{width:g}" '
        f'stroke-linejoin="round"/>'
    )
