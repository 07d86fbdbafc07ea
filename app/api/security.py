"""Bounded requests and security headers, as two ASGI middlewares.

``RequestLimits`` refuses a body larger than the settings allow while it arrives (from its
``Content-Length`` before any byte is read, else by counting), a body sent too slowly, and a
drawn area with far too many positions before it is parsed; the refusal is the usual
problem+json. ``SecurityHeaders`` gives every response ``nosniff``, a referrer policy, framing
denied unless the settings name sites, and a Content-Security-Policy that allows only this
site's scripts plus the inline scripts folium writes, each by its SHA-256 hash.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import re
import time
from urllib.parse import urlsplit

from starlette._utils import get_route_path
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.api.problems import problem, request_lang
from app.errors import (
    GimError,
    InvalidParameterError,
    PayloadTooLargeError,
    RequestTimeoutError,
    http_status,
)
from app.gaps.area_stats import MAX_VERTICES
from app.i18n import translate
from app.settings import Settings

MB = 1024 * 1024
ADMIN = "/admin"
# Routes whose body is one drawn area: a position opens one bracket, so far more brackets than
# MAX_VERTICES (rings and parts add a few) is refused before the JSON is parsed.
AREA_ROUTES = ("/api/stats",)
MAX_BRACKETS = 2 * MAX_VERTICES
# Swagger UI and ReDoc come with their own inline script and CDN: no script policy there.
UNPOLICED = ("/docs", "/redoc")
INLINE_SCRIPT = re.compile(rb"<script>(.*?)</script>", re.DOTALL)
CSP = b"content-security-policy"
BODILESS = ("GET", "HEAD")


class RequestLimits:
    """Refuse oversized, slow or absurdly detailed request bodies while they arrive."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Run the app on a body that stops at the limits, and answer the refusal if any."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        asked = dict(scope.get("headers", []))
        declared = asked.get(b"content-length", b"").decode("latin-1")
        if scope["method"] in BODILESS and not declared and b"transfer-encoding" not in asked:
            await self.app(scope, receive, send)  # no body came, and no route reads one
            return
        body = _Body(receive, *self._limits(scope))
        if declared.isdigit() and int(declared) > body.limit:
            await _refuse(scope, receive, send, body.error)
            return
        sent = _Watched(send, body)
        try:
            await self.app(scope, body, sent)
        except GimError:
            if body.refusal is None:
                raise
        if body.refusal is not None and not sent.started:
            await _refuse(scope, receive, send, body.refusal)

    def _limits(self, scope: Scope) -> tuple[int, float, GimError, bool]:
        """Bytes and seconds allowed for this request's body, the refusal beyond, area or not."""
        path = get_route_path(scope)
        settings = self.settings
        if path.startswith(ADMIN):
            error = PayloadTooLargeError("admin.too_large", limit=settings.max_upload_mb)
            return settings.max_upload_mb * MB, settings.upload_timeout_s, error, False
        limit = int(settings.max_body_mb * MB)
        error = PayloadTooLargeError("http.body_too_large", limit=f"{settings.max_body_mb:g}")
        return limit, settings.body_timeout_s, error, path in AREA_ROUTES


class _Body:
    """An ASGI ``receive`` that records a refusal once a limit is passed, then raises it."""

    def __init__(
        self, receive: Receive, limit: int, timeout_s: float, error: GimError, area: bool
    ) -> None:
        self.receive = receive
        self.limit = limit
        self.error = error
        self.area = area
        self.deadline = time.monotonic() + timeout_s
        self.timeout_s = timeout_s
        self.size = self.brackets = 0
        self.complete = False
        self.refusal: GimError | None = None

    async def __call__(self) -> Message:
        if self.refusal is not None:
            raise self.refusal
        if self.complete:  # past the body: a wait for the client's disconnect, unbounded
            return await self.receive()
        try:
            message = await asyncio.wait_for(self.receive(), self.deadline - time.monotonic())
        except TimeoutError:
            self.refusal = RequestTimeoutError("http.body_timeout", seconds=f"{self.timeout_s:g}")
            raise self.refusal from None
        chunk = message.get("body", b"")
        self.complete = message["type"] != "http.request" or not message.get("more_body", False)
        self.size += len(chunk)
        self.brackets += chunk.count(b"[") if self.area else 0
        if self.size > self.limit:
            self.refusal = self.error
        elif self.brackets > MAX_BRACKETS:
            self.refusal = InvalidParameterError("api.stats.too_complex", max=MAX_VERTICES)
        if self.refusal is not None:
            raise self.refusal
        return message


class _Watched:
    """An ASGI ``send`` that notes whether a response started, and drops it after a refusal."""

    def __init__(self, send: Send, body: _Body) -> None:
        self.send = send
        self.body = body
        self.started = False

    async def __call__(self, message: Message) -> None:
        if self.body.refusal is not None and not self.started:
            return  # the app's answer to a cut body (a parsing error): ours replaces it
        self.started = True
        await self.send(message)


async def _refuse(scope: Scope, receive: Receive, send: Send, error: GimError) -> None:
    """Answer ``error`` as problem+json (or the HTML page a browser gets)."""
    request = Request(scope, receive)
    detail = translate(error.key, request_lang(request), **error.params)
    response = problem(request, http_status(error), error.key, detail)
    response.headers["Connection"] = "close"  # the rest of the body is not read
    await response(scope, receive, send)


class SecurityHeaders:
    """Add the security headers to every response, and the policy where a page set none.

    Outermost, so answers from the HTTP cache, refusals and errors carry them too; HTML pages
    get their own policy from ``ScriptPolicy``, inside the cache, once per kept answer.
    """

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        common = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"same-origin")]
        frames = frame_options(settings)
        self.common = common + ([(b"x-frame-options", frames.encode())] if frames else [])
        self.default_policy = content_policy(settings).format(scripts="").encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Run the app, adding the headers to its response."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        policed = not get_route_path(scope).startswith(UNPOLICED)

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [*message.get("headers", []), *self.common]
                if policed and not any(name == CSP for name, _ in headers):
                    headers.append((CSP, self.default_policy))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


class ScriptPolicy:
    """Give each HTML page a policy allowing exactly its inline scripts, by their hashes.

    Inside the HTTP cache and before compression: the page is hashed as written, once per
    answer kept, whatever coding it is then sent in.
    """

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.policy = content_policy(settings)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Run the app; hold an HTML answer until its whole body is known."""
        if scope["type"] != "http" or get_route_path(scope).startswith(UNPOLICED):
            await self.app(scope, receive, send)
            return
        held: list[Message] = []

        async def with_policy(message: Message) -> None:
            if message["type"] == "http.response.start" and _is_html(message):
                held.append(message)
                return
            if held:
                held.append(message)
                if not message.get("more_body", False):
                    await self._send_page(held, send)
                return
            await send(message)

        await self.app(scope, receive, with_policy)

    async def _send_page(self, held: list[Message], send: Send) -> None:
        """Send a held HTML response with a policy naming the hashes of its inline scripts."""
        start, *parts = held
        body = b"".join(part.get("body", b"") for part in parts)
        policy = self.policy.format(scripts=script_hashes(body)).encode()
        await send({**start, "headers": [*start.get("headers", []), (CSP, policy)]})
        await send({"type": "http.response.body", "body": body, "more_body": False})


def script_hashes(body: bytes) -> str:
    """The CSP sources allowing each inline ``<script>`` of an HTML page by its hash."""
    digests = (
        base64.b64encode(hashlib.sha256(script).digest()).decode()
        for script in INLINE_SCRIPT.findall(body)
    )
    return "".join(f" 'sha256-{digest}'" for digest in digests)


def content_policy(settings: Settings) -> str:
    """The Content-Security-Policy, with ``{scripts}`` left for the page's script hashes."""
    tiles = _origin(settings.tiles_url)
    ancestors = " ".join(settings.frame_ancestors) or "'none'"
    return "; ".join(
        (
            "default-src 'self'",
            "script-src 'self'{scripts}",
            "style-src 'self' 'unsafe-inline'",  # Leaflet and folium set style attributes
            f"img-src 'self' data:{tiles}",
            "font-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            f"frame-ancestors {ancestors}",
        )
    )


def frame_options(settings: Settings) -> str:
    """``X-Frame-Options`` for browsers without CSP: DENY, unless embedding is allowed."""
    return "" if settings.frame_ancestors else "DENY"


def _origin(url: str) -> str:
    """The origin of the tiles, for img-src (a ``{s}`` subdomain becomes a wildcard)."""
    if not url:
        return ""
    parts = urlsplit(url.replace("{s}.", "*."))
    return f" {parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def _is_html(message: Message) -> bool:
    headers = dict(message.get("headers", []))
    return headers.get(b"content-type", b"").startswith(b"text/html")
