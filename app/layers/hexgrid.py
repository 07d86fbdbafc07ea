"""The hexagonal grid household cells are counted in: Québec Lambert metres, a fixed origin.

The same cell for a point whatever computes it: numpy here (``hexagon_of``), or PostGIS with
``HEXAGON_SQL``, the same operations in the same order on double precision numbers (rounding
half to even, as numpy does), so both stores give every home the same cell.
"""

from __future__ import annotations

import numpy as np

LAMBERT = "EPSG:32198"
LAMBERT_SRID = 32198
_SQRT3 = np.sqrt(3.0)

# q and r of the pointy-top hexagon of radius %(radius)s holding the point (x, y) of ``points``.
HEXAGON_SQL = """
WITH fractional AS (
    SELECT *, (sqrt(3::float8) / 3::float8 * x - y / 3::float8) / %(radius)s::float8 AS fq,
        (2::float8 / 3::float8 * y) / %(radius)s::float8 AS fr
    FROM points
), rounded AS (
    SELECT *, round(fq) AS rq, round(fr) AS rr, round(-fq - fr) AS rs,
        abs(round(fq) - fq) AS dq, abs(round(fr) - fr) AS dr,
        abs(round(-fq - fr) - (-fq - fr)) AS ds
    FROM fractional
)
SELECT
    (CASE WHEN dq > dr AND dq > ds THEN -rr - rs ELSE rq END)::bigint AS q,
    (CASE WHEN NOT (dq > dr AND dq > ds) AND dr > ds THEN -rq - rs ELSE rr END)::bigint AS r,
    services, lte, sum(dwellings) AS dwellings
FROM rounded GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
"""


def hexagon_of(x: np.ndarray, y: np.ndarray, radius: float) -> tuple[np.ndarray, np.ndarray]:
    """Axial coordinates (q, r) of the pointy-top hexagon of ``radius`` holding each point."""
    q = (_SQRT3 / 3.0 * x - y / 3.0) / radius
    r = (2.0 / 3.0 * y) / radius
    s = -q - r
    rq, rr, rs = np.round(q), np.round(r), np.round(s)
    dq, dr, ds = np.abs(rq - q), np.abs(rr - r), np.abs(rs - s)
    # Cube rounding: the coordinate that moved most is recomputed from the other two.
    fix_q = (dq > dr) & (dq > ds)
    fix_r = ~fix_q & (dr > ds)
    rq = np.where(fix_q, -rr - rs, rq)
    rr = np.where(fix_r, -rq - rs, rr)
    return rq.astype(np.int64), rr.astype(np.int64)
