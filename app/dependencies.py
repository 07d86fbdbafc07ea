"""Request dependencies, one ``Annotated`` alias each, so handlers stay a few lines."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Request

from app.catalog import Catalog
from app.gaps.threshold import DEFAULT_THRESHOLD, Threshold
from app.i18n import negotiate
from app.settings import Settings
from app.vocabulary import DEFAULT_CHOICE, TechnologyChoice


async def get_settings(request: Request) -> Settings:
    """The settings the app was created with."""
    return request.app.state.settings


async def get_catalog(request: Request) -> Catalog:
    """The current catalogue, read once so the whole request sees one version."""
    if not hasattr(request.state, "catalog"):
        request.state.catalog = request.app.state.catalog
    return request.state.catalog


async def get_lang(
    request: Request,
    lang: Annotated[
        str | None, Query(description="Langue / language: fr (défaut / default) or en.")
    ] = None,
) -> str:
    """The response language: ``?lang=``, then ``Accept-Language``, else French."""
    return negotiate(lang, request.headers.get("accept-language"))


async def get_threshold(
    threshold: Annotated[
        str,
        Query(
            description="Seuil descendant/montant en Mbit/s / download/upload threshold in Mbps.",
            examples=["50/10", "25/5", "100/20"],
            # Documents the accepted form (at least 5/1, both below 100,000); not enforced
            # here, so that Threshold.parse can say precisely what is wrong.
            json_schema_extra={
                "pattern": r"^0*([5-9]|[1-9][0-9]{1,4})([.,][0-9]*)?"
                r"/0*[1-9][0-9]{0,4}([.,][0-9]*)?$"
            },
        ),
    ] = DEFAULT_THRESHOLD.label,
) -> Threshold:
    """The speed threshold of the request (default 50/10, the CRTC objective)."""
    return Threshold.parse(threshold)


_FAMILY = "wired|fixed_wireless|satellite"
_CHOICE = rf"terrestrial|all|({_FAMILY})(,({_FAMILY}))*"


async def get_technologies(
    technology: Annotated[
        str,
        Query(
            description="Services comptés / services counted: terrestrial (défaut / default: "
            "wired + fixed_wireless, as CRTC and ISED count), all (with satellite), or families "
            "separated by commas: wired, fixed_wireless, satellite.",
            examples=["terrestrial", "all", "wired", "fixed_wireless,satellite"],
            # Documents the accepted words; TechnologyChoice.parse says what is wrong.
            json_schema_extra={"pattern": rf"^({_CHOICE})$"},
        ),
    ] = DEFAULT_CHOICE.label,
) -> TechnologyChoice:
    """The families of service the request's figures count."""
    return TechnologyChoice.parse(technology)


SettingsDep = Annotated[Settings, Depends(get_settings)]
CatalogDep = Annotated[Catalog, Depends(get_catalog)]
LangDep = Annotated[str, Depends(get_lang)]
ThresholdDep = Annotated[Threshold, Depends(get_threshold)]
TechnologyDep = Annotated[TechnologyChoice, Depends(get_technologies)]
