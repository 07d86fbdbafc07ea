"""Words both the layers and the gap figures use: layer kinds, technologies, services.

A household's ``services`` are what its source says it can get, one service per technology
reported, written as text so that QGIS and the OGC API show them as they are::

    fibre 1000/500                 exact speeds (an operator's file, our demonstration layer)
    wired 25/5-50/10               an ISED tier: at least 25/5, but not 50/10
    wired 50/10+                   ISED's top tier: 50/10 or more
    wired 0/0-5/1                  ISED's "<5_1": a service below 5/1
    fibre 1000/500; satellite 50/10+

An empty text means that no service was reported. Speeds are in Mbps.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from app.errors import InvalidParameterError, LayerValidationError


class Kind(StrEnum):
    """A kind of layer; the store holds versions of each."""

    MUNICIPALITIES = "municipalities"
    MRCS = "mrcs"
    COMMUNITY_POINTS = "community_points"
    HOUSEHOLDS = "households"
    HEXAGONS = "hexagons"
    PLACES = "places"


class Family(StrEnum):
    """A family of fixed services, as ISED reports them."""

    WIRED = "wired"
    FIXED_WIRELESS = "fixed_wireless"
    SATELLITE = "satellite"


class Technology(StrEnum):
    """The technology of one service; ``wired`` is a wired service of unnamed kind (ISED)."""

    FIBRE = "fibre"
    CABLE = "cable"
    DSL = "dsl"
    WIRED = "wired"
    FIXED_WIRELESS = "fixed_wireless"
    SATELLITE = "satellite"


FAMILY_OF = {
    Technology.FIBRE: Family.WIRED,
    Technology.CABLE: Family.WIRED,
    Technology.DSL: Family.WIRED,
    Technology.WIRED: Family.WIRED,
    Technology.FIXED_WIRELESS: Family.FIXED_WIRELESS,
    Technology.SATELLITE: Family.SATELLITE,
}
FAMILIES = tuple(Family)
TECHNOLOGIES = tuple(Technology)
TERRESTRIAL = frozenset({Family.WIRED, Family.FIXED_WIRELESS})
LOWEST_TIER = (5.0, 1.0)  # ISED's lowest tier: below it, or with nothing, a home is unserved
OPEN = math.inf
DEFAULT_SNAP_M = 1000.0  # coastal homes: within this of a municipality, they belong to it
# The households summed per (municipality code, services, LTE, snapped): all the gap engine needs
# (the code is empty for households outside every municipality). Points count every row, ISED
# type 8 points included; households only the rows holding dwellings.
SUM_KEYS = ("code", "services", "lte", "snapped")
SUM_COUNTS = ("points", "households", "dwellings", "population")
SUM_FIELDS = (*SUM_KEYS, *SUM_COUNTS)


@dataclass(frozen=True)
class Service:
    """One service: at least ``down``/``up``; below ``cap`` unless exact or open-ended.

    ``cap`` is the speed pair the service is known *not* to reach (ISED's next tier), ``None``
    for exact speeds, and (inf, inf) for an open-ended top tier.
    """

    technology: Technology
    down: float
    up: float
    cap: tuple[float, float] | None = None

    @property
    def family(self) -> Family:
        """The family the technology belongs to."""
        return FAMILY_OF[self.technology]

    @property
    def exact(self) -> bool:
        """Whether the speeds are exact (not a tier)."""
        return self.cap is None

    def __str__(self) -> str:
        speeds = f"{_number(self.down)}/{_number(self.up)}"
        if self.cap is None:
            return f"{self.technology} {speeds}"
        if self.cap == (OPEN, OPEN):
            return f"{self.technology} {speeds}+"
        return f"{self.technology} {speeds}-{_number(self.cap[0])}/{_number(self.cap[1])}"


_SPEEDS = r"(\d+(?:\.\d+)?)/(\d+(?:\.\d+)?)"
_SERVICE = re.compile(rf"([a-z_]+) {_SPEEDS}(?:(\+)|-{_SPEEDS})?")


@cache
def parse_services(text: str) -> tuple[Service, ...]:
    """The services a ``services`` text names, sorted; a refusal quoting what is unreadable."""
    services = []
    for part in str(text).split(";"):
        part = " ".join(part.split()).lower()
        if not part:
            continue
        match = _SERVICE.fullmatch(part)
        if match is None or match.group(1) not in Technology.__members__.values():
            raise LayerValidationError("services.unreadable", value=part[:60])
        technology, down, up, open_ended, cap_down, cap_up = match.groups()
        cap = (OPEN, OPEN) if open_ended else None
        if cap_down is not None:
            cap = (float(cap_down), float(cap_up))
        services.append(Service(Technology(technology), float(down), float(up), cap))
    return tuple(sorted(set(services), key=service_order))


def format_services(services: tuple[Service, ...] | list[Service]) -> str:
    """The ``services`` text of a set of services (sorted, without repeats)."""
    return "; ".join(str(service) for service in sorted(set(services), key=service_order))


def refine(services: tuple[Service, ...] | list[Service]) -> tuple[Service, ...]:
    """Exact speeds of a family replace that family's tiers (they say more of the same line)."""
    exact = {service.family for service in services if service.exact}
    kept = [service for service in services if service.exact or service.family not in exact]
    return tuple(sorted(set(kept), key=service_order))


def service_order(service: Service) -> tuple[int, float, float, tuple[float, float]]:
    """Services in a fixed order: by technology, then speeds, exact before tiers."""
    return (TECHNOLOGIES.index(service.technology), service.down, service.up, service.cap or (0, 0))


@dataclass(frozen=True)
class TechnologyChoice:
    """The families of services a figure counts (terrestrial by default, as CRTC and ISED)."""

    families: frozenset[Family] = TERRESTRIAL

    @classmethod
    def parse(cls, text: str | None) -> TechnologyChoice:
        """Read ``terrestrial``, ``all`` or families separated by commas (``wired,satellite``)."""
        given = "terrestrial" if text is None else str(text)
        words = [word.strip().lower() for word in given.split(",")]
        families: set[Family] = set()
        for word in words:
            if word in CHOICE_WORDS:
                families |= CHOICE_WORDS[word]
            elif word in Family.__members__.values():
                families.add(Family(word))
            else:
                accepted = ", ".join([*CHOICE_WORDS, *FAMILIES])
                raise InvalidParameterError(
                    "technology.unknown", value=str(text)[:40], accepted=accepted
                )
        return cls(frozenset(families))

    @property
    def label(self) -> str:
        """The choice as a URL writes it: terrestrial, all, or families in a fixed order."""
        for word, families in CHOICE_WORDS.items():
            if self.families == families:
                return word
        return ",".join(family for family in FAMILIES if family in self.families)

    @property
    def ordered(self) -> list[Family]:
        """The families counted, in the fixed order."""
        return [family for family in FAMILIES if family in self.families]

    def __str__(self) -> str:
        return self.label


def describe(choice: TechnologyChoice, lang: str) -> str:
    """The services a choice counts, in words: "services terrestres (…)", "filaire + satellite"."""
    from app.i18n import translate

    if choice.label in CHOICE_WORDS or len(choice.families) == 1:
        return translate(f"technology.choice.{choice.label}", lang)
    return " + ".join(translate(f"maps.family.{family}", lang) for family in choice.ordered)


CHOICE_WORDS: dict[str, frozenset[Family]] = {
    "terrestrial": TERRESTRIAL,
    "all": frozenset(FAMILIES),
}
DEFAULT_CHOICE = TechnologyChoice()
CHOICES = (
    DEFAULT_CHOICE,
    TechnologyChoice(frozenset(FAMILIES)),
    *(TechnologyChoice(frozenset({family})) for family in FAMILIES),
)


# ">75% -  100%" (ISED's double space), ">0% to 25%" (ISED's map service), "> 25 % – 50 %",
# "0", "0.0", "100%" once spaces are gone.
_PERCENT = r"(\d+(?:\.\d*)?)%?"
_SHARE_CLASS = re.compile(rf">?{_PERCENT}(?:(?:[-–—]|to|à){_PERCENT})?")
_NO_CLASS = ("", "nan", "none", "<na>")


def share_bounds(value: object) -> tuple[float, float]:
    """The lowest and highest share of dwellings served at 50/10 that an ISED class stands for."""
    text = re.sub(r"\s+", "", str(value)).lower()
    if text in _NO_CLASS:
        return 0.0, 0.0  # no class published: no dwelling reached at 50/10
    match = _SHARE_CLASS.fullmatch(text)
    low = float(match.group(1)) / 100 if match else math.nan
    high = float(match.group(2) or match.group(1)) / 100 if match else math.nan
    if not 0 <= low <= high <= 1:
        raise LayerValidationError("hexagons.share_class_unknown", value=str(value)[:40])
    return low, high


def _number(value: float) -> str:
    """A speed without trailing zeros: 50, 1.5, 0.25."""
    return f"{value:.6f}".rstrip("0").rstrip(".")
