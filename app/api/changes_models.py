"""The answer of ``/api/changes``: two households versions and what changed, area by area."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class VersionOut(BaseModel):
    """One version of the households layer."""

    version: int
    vintage: str
    source: str
    loaded_at: str
    demonstration: bool


class ChangeWarning(BaseModel):
    """Why the two versions are less than comparable, in the request's language."""

    key: str
    message: str


class ChangeRow(BaseModel):
    """Before, after and change (after − before) of one area; shares are 0-1, null without homes."""

    level: Literal["region", "mrc", "municipality"]
    code: str
    name: str
    mrc_code: str
    before_served_share: float | None
    after_served_share: float | None
    change_served_share: float | None
    before_served_dwellings: float | None
    after_served_dwellings: float | None
    change_served_dwellings: float | None
    before_dwellings: float | None
    after_dwellings: float | None
    change_dwellings: float | None


class UnassignedChange(BaseModel):
    """Change of the dwellings outside every municipality (counted in the region only)."""

    change_dwellings: float
    change_served_dwellings: float


class ChangesOut(BaseModel):
    """The served figures of two households versions, by the current municipal boundaries."""

    model_config = ConfigDict(populate_by_name=True)

    before: VersionOut = Field(alias="from")
    after: VersionOut = Field(alias="to")
    threshold: str
    technologies: str
    warnings: list[ChangeWarning]
    unassigned: UnassignedChange
    rows: list[ChangeRow]
