"""Service settings: one class, read from ``GIM_*`` environment variables or ``.env``."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


def shipped(name: str) -> Path:
    """A top-level folder of the checkout (static, geodata): in the wheel it is ``app/_data``."""
    installed = resources.files("app") / "_data" / name
    if installed.is_dir():
        return Path(str(installed))
    return Path(__file__).resolve().parents[1] / name


EMBEDDED_STORE = shipped("geodata")


class Settings(BaseSettings):
    """Everything the service can be told at start-up."""

    model_config = SettingsConfigDict(env_prefix="GIM_", env_file=".env", extra="ignore")

    store_dir: Path = EMBEDDED_STORE
    """The layer store; defaults to the embedded GÎM data (read-only once installed)."""
    database_url: SecretStr | None = None
    """A PostGIS database (postgresql://…) to use as the layer store instead of ``store_dir``."""
    households_in_memory: bool = True
    """Keep every household in each process (the folder store must). False, with a database:
    a replica reads the households' sums per area and service, computed once by PostGIS, and
    asks the database for the rows a view needs (drawn areas, cells, features)."""
    region_name: str | None = None
    """The region's name in figures; by default the one recorded with the municipalities layer
    (its ``notes.region``), else Gaspésie–Îles-de-la-Madeleine."""
    region_bounds: tuple[float, float, float, float] | None = None
    """West, south, east, north (lon/lat) that loaded municipalities and MRCs are cut to, as JSON
    ("[-79.8, 45.0, -57.1, 62.6]": the province); by default the current municipalities'."""
    reload_interval_s: float = 2.0
    """How often to look for a new current layer version; 0 turns hot reload off."""
    admin_token: SecretStr | None = None
    """Bearer token for /admin; without one the admin endpoints are disabled."""
    max_upload_mb: int = 200
    """Largest layer upload accepted by /admin/layers."""
    upload_timeout_s: float = 600.0
    """Time a client has to send an upload to /admin."""
    max_body_mb: float = 2.0
    """Largest request body elsewhere (a drawn area for /api/stats: ~80,000 positions)."""
    body_timeout_s: float = 30.0
    """Time a client has to send a request body elsewhere; slower senders get 408."""
    frame_ancestors: list[str] = []
    """Sites allowed to embed the pages in a frame (CSP frame-ancestors); none by default."""
    cors_origins: list[str] = []
    """Origins allowed to call the API from a browser."""
    cache_max_age_s: int = 300
    """Cache-Control max-age on GET responses."""
    snap_distance_m: float = Field(default=1000.0, ge=0, le=10_000)
    """A household outside every municipality but this close to one belongs to the nearest."""
    tiles_above_features: int = Field(default=10_000, ge=0)
    """A map layer with more features than this (municipalities, or household cells at the finest
    level) is drawn from vector tiles (/tiles) instead of being sent whole as GeoJSON."""
    tiles_above_vertices: int = Field(default=100_000, ge=0)
    """Municipalities whose borders have more vertices than this are drawn from tiles too (GÎM's
    have about 51,000; a province's detailed borders are far too heavy to send whole)."""
    tiles_url: str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    """Optional base-map tiles; an empty string means no tiles (the data still renders)."""
    tiles_attribution: str = "© OpenStreetMap contributors"

    @model_validator(mode="after")
    def _households_somewhere(self) -> Settings:
        """Households out of memory only with a database to ask for them."""
        if not self.households_in_memory and self.database_url is None:
            raise ValueError("GIM_HOUSEHOLDS_IN_MEMORY=false needs GIM_DATABASE_URL")
        return self
