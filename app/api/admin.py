"""``/admin``: reload the layers now, or upload a layer file (same checks as the command line).

Every admin route needs ``Authorization: Bearer <GIM_ADMIN_TOKEN>``; without a configured token
the routes answer 404. The token and the upload size are checked before the body is read, so a
stranger or an oversized file costs nothing; uploads are streamed to a staging folder inside the
store (removed afterwards, or swept by the next writer if the service was killed).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Coroutine
from dataclasses import asdict, dataclass, replace
from pathlib import Path, PurePath
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.routing import APIRoute
from fastapi.security import HTTPBearer
from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.types import Message, Receive

from app.api.responses import PROBLEM
from app.catalog import load_layer
from app.dependencies import LangDep, get_lang
from app.errors import (
    DisabledError,
    LayerUnavailableError,
    LayerValidationError,
    NotAuthorizedError,
    PayloadTooLargeError,
)
from app.layers.kinds import Kind
from app.layers.loader import LoadOptions, Reason
from app.layers.readers import excerpt
from app.layers.stores import Store
from app.settings import Settings

MB = 1024 * 1024
CHUNK = MB
NAME_LIMIT, SUFFIX_LIMIT = 80, 16


class AdminRoute(APIRoute):
    """A route that checks the admin token and the upload size before reading the body."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        """The usual handler, behind the token and size checks."""
        handler = super().get_route_handler()

        async def guarded(request: Request) -> Response:
            settings: Settings = request.app.state.settings
            authorize(settings, request.headers.get("authorization", ""))
            limit = settings.max_upload_mb * MB
            declared = request.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limit:
                raise PayloadTooLargeError("admin.too_large", limit=settings.max_upload_mb)
            body = _Limited(request.receive, limit)
            try:
                return await handler(Request(request.scope, body))
            except HTTPException as error:
                if body.exceeded:  # FastAPI reports a body cut short as a parsing error
                    raise PayloadTooLargeError(
                        "admin.too_large", limit=settings.max_upload_mb
                    ) from error
                raise error

        return guarded


class _Limited:
    """An ASGI ``receive`` that stops once more than ``limit`` body bytes have arrived."""

    def __init__(self, receive: Receive, limit: int) -> None:
        self.receive = receive
        self.limit = limit
        self.size = 0
        self.exceeded = False

    async def __call__(self) -> Message:
        message = await self.receive()
        self.size += len(message.get("body", b""))
        if self.size > self.limit:
            self.exceeded = True
            raise PayloadTooLargeError("admin.too_large", limit=self.limit // MB)
        return message


def authorize(settings: Settings, header: str) -> None:
    """Pass with the right bearer token; 404 when no token is configured, 401 otherwise."""
    if settings.admin_token is None or not settings.admin_token.get_secret_value():
        raise DisabledError("admin.disabled")
    scheme, _, given = header.partition(" ")
    expected = settings.admin_token.get_secret_value().encode()
    if scheme.lower() != "bearer" or not secrets.compare_digest(given.strip().encode(), expected):
        error = NotAuthorizedError("admin.unauthorized")
        error.headers = {"WWW-Authenticate": "Bearer"}  # type: ignore[attr-defined]
        raise error


router = APIRouter(
    prefix="/admin",
    tags=["admin"],
    route_class=AdminRoute,
    # Documents the scheme in OpenAPI; AdminRoute does the checking.
    dependencies=[Depends(HTTPBearer(auto_error=False)), Depends(get_lang)],
    responses={401: PROBLEM, 404: PROBLEM, 413: PROBLEM, 422: PROBLEM, 503: PROBLEM},
)


@router.post("/reload", summary="Recharger les couches / reload the layers")
def reload_layers(request: Request) -> dict[str, Any]:
    """Build a catalogue of the current layer versions now and serve it."""
    outcome = request.app.state.reloader.reload(force=True)
    if outcome.error is not None:
        raise LayerUnavailableError("admin.reload_failed", reason=Reason(outcome.error))
    return {"changed": outcome.changed, "catalog": outcome.token, **_versions(request)}


@dataclass
class LoadForm:
    """The options of ``gim-broadband load``, as form fields of an upload."""

    columns: Annotated[str | None, Form(description="src=dst,…")] = None
    crs: Annotated[str | None, Form(description="EPSG:NNNN if the file has none")] = None
    vintage: Annotated[str, Form(description="YYYY-MM")] = ""
    source: Annotated[str, Form(description="provenance shown")] = ""
    layer: Annotated[str | None, Form(description="layer name in a multi-layer file")] = None
    strict: Annotated[bool, Form()] = False
    dry_run: Annotated[bool, Form()] = False
    demonstration: Annotated[bool, Form(description="synthetic or illustrative data")] = False


@router.post("/layers/{kind}", summary="Charger une couche / upload a layer")
def upload_layer(
    request: Request,
    kind: Kind,
    lang: LangDep,
    form: Annotated[LoadForm, Depends()],
    file: Annotated[UploadFile, File(description="GeoPackage, GeoJSON, zip, CSV, GeoParquet")],
    speeds: Annotated[UploadFile | None, File(description="ISED PHH speeds (households)")] = None,
) -> dict[str, Any]:
    """Validate an uploaded file like ``gim-broadband load`` and, unless a dry run, serve it."""
    store: Store = request.app.state.store
    try:
        with store.staging() as folder:
            options = _options(kind, form, folder, file, speeds)
            settings = request.app.state.settings
            options = replace(
                options, snap_m=settings.snap_distance_m, region_bounds=settings.region_bounds
            )
            report = load_layer(store, options)
    except OSError as error:  # a full disk or a read-only store: nothing changed
        reason = error.strerror or type(error).__name__
        failure = LayerValidationError("layers.write_failed", store=store.root.name, reason=reason)
        raise failure from error
    if form.dry_run:
        return report.to_dict(lang) | {"catalog": None}
    outcome = request.app.state.reloader.reload()
    if outcome.error is not None:
        raise LayerUnavailableError("admin.reload_failed", reason=Reason(outcome.error))
    return report.to_dict(lang) | {"catalog": outcome.token}


def _options(
    kind: Kind, form: LoadForm, folder: Path, file: UploadFile, speeds: UploadFile | None
) -> LoadOptions:
    """The uploads saved in ``folder``, and the options to load them with."""
    path = _saved(file, folder, "layer")
    speeds_path = _saved(speeds, folder, "speeds") if speeds else None
    names = {str(path): _name(file)} | ({str(speeds_path): _name(speeds)} if speeds else {})
    paths = (speeds_path,) if speeds_path else ()
    return LoadOptions(kind=kind, path=path, speeds=paths, names=names, **asdict(form))


def _name(upload: UploadFile | None) -> str:
    """The uploaded file's own name, without any folder, short and printable for messages."""
    return excerpt(PurePath((upload.filename if upload else None) or "upload").name, NAME_LIMIT)


def _saved(upload: UploadFile, folder: Path, stem: str) -> Path:
    """Copy an upload to ``folder`` under a safe name that keeps its extension."""
    name = PurePath((upload.filename or "upload").replace("\\", "/")).name
    suffix = "".join(ch for ch in PurePath(name).suffix.lower() if ch.isalnum() or ch == ".")
    suffix = suffix[:SUFFIX_LIMIT]  # a longer one is no known format, and the name stays short
    target = folder / f"{stem}{suffix}"
    with target.open("wb") as out:
        while chunk := upload.file.read(CHUNK):
            out.write(chunk)
    return target


def _versions(request: Request) -> dict[str, dict[str, int]]:
    """The layer versions the service now serves."""
    layers = request.app.state.catalog.layers
    return {"layers": {str(kind): layer.meta.version for kind, layer in layers.items()}}
