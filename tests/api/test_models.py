"""The answers' models describe exactly what the gap engine computes."""

from __future__ import annotations

from typing import get_args

import pytest
from pydantic import ValidationError

from app.api import models
from app.gaps.engine import CLASSES, COUNT_COLUMNS, TECHNOLOGY_NAMES
from app.gaps.hexagons import FIGURES


def test_an_area_model_has_a_field_for_every_figure_of_the_engine_and_no_other():
    assert set(models.Figures.model_fields) == set(COUNT_COLUMNS)
    unassigned = set(models.UnassignedFigures.model_fields) - {"households", "points"}
    assert unassigned == set(COUNT_COLUMNS) - {"census_dwellings", "census_population"}
    assert set(models.HexagonFigures.model_fields) == set(FIGURES)


def test_ranked_rows_start_with_rank_code_and_names():
    fields = list(models.GapRow.model_fields)
    assert fields[:5] == ["rank", "code", "name", "mrc_code", "mrc_name"]
    assert set(fields[5:]) == set(COUNT_COLUMNS)


def test_the_models_words_are_the_engines():
    assert get_args(models.TechnologyName) == TECHNOLOGY_NAMES
    assert get_args(models.ClassName) == CLASSES


RING = [[-64.75, 48.3], [-64.6, 48.3], [-64.6, 48.4], [-64.75, 48.4], [-64.75, 48.3]]


def test_a_closed_polygon_body_is_read():
    polygon = models.PolygonIn.model_validate({"type": "Polygon", "coordinates": [RING]})
    assert polygon.exterior is not None and len(polygon.exterior) == 5


@pytest.mark.parametrize(
    "rings",
    [[RING[:-1] + [[-64.7, 48.3]]], [[[False, 48.3], *RING[1:]]], [RING[:3]], [[["1", 2]] * 4]],
    ids=["open ring", "boolean", "three positions", "text"],
)
def test_a_polygon_body_must_close_its_rings_and_use_numbers(rings):
    with pytest.raises(ValidationError):
        models.PolygonIn.model_validate({"type": "Polygon", "coordinates": rings})
