"""The one HTTP cache of every GET (pages, map layers, API, OGC): ETags, 304s, kept answers.

An answer depends only on the catalogue's layer versions (``catalog.token``), the path, the
parsed query, the language, the content coding and the host and root path its links point to.
The middleware names that with a key (the weak ETag of that representation), answers
``If-None-Match`` from the key alone, serves bytes it already has (compressed once), and
otherwise lets the route compute the answer and keeps it. Compression itself is
``starlette-cramjam``'s, inside this cache, negotiated from ``Accept-Encoding`` with its
q-values; the key uses the same negotiation, so each coding is its own representation.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from starlette._utils import get_route_path
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from starlette_cramjam.compression import Compression
from starlette_cramjam.middleware import CompressionMiddleware, get_compression_backend

from app.errors import GimError
from app.gaps.threshold import DEFAULT_THRESHOLD, Threshold
from app.i18n import negotiate
from app.memo import Memo
from app.vocabulary import DEFAULT_CHOICE, TechnologyChoice

# Answers with their own validators (static files), that must never be kept (health, admin), or
# that are hardly ever asked twice: a look-up at a clicked point would only push pages out.
UNCACHED_PREFIXES = ("/static/", "/healthz", "/admin", "/api/lookup")
CODINGS = [Compression.gzip, Compression.br]
MAX_ENTRIES = 4096
MAX_BYTES = 256 * 1024 * 1024
MAX_ENTRY_BYTES = 32 * 1024 * 1024
# Headers the cache adds itself; whatever the route set for them is replaced.
_OWN_HEADERS = {b"etag", b"cache-control", b"vary"}
VARY = b"Accept-Encoding, Accept-Language"


@dataclass(frozen=True)
class Cached:
    """A complete answer: status, headers and body."""

    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes


class LruBytes:
    """Answers by key, least recently used first out, bounded in count and in bytes."""

    def __init__(self, max_entries: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.size = 0
        self._entries: OrderedDict[str, Cached] = OrderedDict()

    def get(self, key: str) -> Cached | None:
        """The answer kept for ``key``, now the most recently used."""
        entry = self._entries.get(key)
        if entry is not None:
            self._entries.move_to_end(key)
        return entry

    def put(self, key: str, entry: Cached) -> None:
        """Keep ``entry``, dropping the oldest answers beyond the bounds."""
        if len(entry.body) > MAX_ENTRY_BYTES:
            return
        previous = self._entries.pop(key, None)
        self.size -= len(previous.body) if previous else 0
        self._entries[key] = entry
        self.size += len(entry.body)
        while len(self._entries) > self.max_entries or self.size > self.max_bytes:
            _, dropped = self._entries.popitem(last=False)
            self.size -= len(dropped.body)

    def clear(self) -> None:
        """Forget every answer."""
        self._entries.clear()
        self.size = 0

    def __len__(self) -> int:
        return len(self._entries)


def compressed(app: ASGIApp) -> ASGIApp:
    """``app`` with its answers compressed as the request accepts (gzip or Brotli)."""
    return CompressionMiddleware(app, compression=CODINGS)


class ResponseCache:
    """ASGI middleware: ETag, Cache-Control and 304 on every GET, answers kept compressed.

    ``app`` is wrapped in the compression middleware here, so what is kept is what is sent.
    """

    def __init__(self, app: ASGIApp, max_age_s: int = 300, store: LruBytes | None = None) -> None:
        self.app = compressed(app)
        self.cache_control = f"public, max-age={max_age_s}".encode()
        self.store = store or LruBytes()
        self.token = ""
        self.keys: Memo[str] = Memo(MAX_ENTRIES)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer from the key when possible, else run the route and keep a 200 answer."""
        catalog = _catalog(scope)
        if catalog is None or not _cacheable(scope):
            await self.app(scope, receive, send)
            return
        if catalog.token != self.token:  # answers of a replaced catalogue are never asked again
            self.store.clear()
            self.keys.clear()
            self.token = catalog.token
        asked = dict(scope.get("headers", []))
        # Parsing thresholds costs more than the rest of a cached answer: keys are kept too.
        key = self.keys.get(request_words(scope, asked), lambda: request_key(scope, self.token))
        etag = b'W/"' + key.encode() + b'"'
        headers = [(b"etag", etag), (b"cache-control", self.cache_control), (b"vary", VARY)]
        if b"if-none-match" in asked and _matches(asked[b"if-none-match"], etag):
            await _send(send, Cached(304, headers, b""))
            return
        cached = self.store.get(key)
        if cached is not None:
            await _send(send, cached)
            return
        # The route must see the catalogue this key names, even if a reload swaps it meanwhile.
        scope.setdefault("state", {})["catalog"] = catalog
        await self.app(scope, receive, _Recorder(send, headers, key, self.store))


class _Recorder:
    """Passes an answer on with the cache headers, and keeps it when it is a complete 200."""

    def __init__(self, send: Send, headers: list[tuple[bytes, bytes]], key: str, store: LruBytes):
        self.send = send
        self.headers = headers
        self.key = key
        self.store = store
        self.status = 0
        self.start_headers: list[tuple[bytes, bytes]] = []
        self.chunks: list[bytes] = []

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.status = message["status"]
            if self.status == 200:
                kept = [(k, v) for k, v in message.get("headers", []) if k not in _OWN_HEADERS]
                self.start_headers = kept + self.headers
                message = {**message, "headers": self.start_headers}
        elif message["type"] == "http.response.body" and self.status == 200:
            self.chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                self.store.put(self.key, Cached(200, self.start_headers, b"".join(self.chunks)))
        await self.send(message)


def request_key(scope: Scope, token: str) -> str:
    """A short digest of everything a cacheable answer depends on."""
    query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
    # dict() keeps the last ?lang=, as Starlette does: the key names the language answered in.
    lang = negotiate(dict(query).get("lang"), _header(scope, b"accept-language").decode("latin-1"))
    parts = (
        token,
        scope.get("scheme", "http"),
        _header(scope, b"host").decode("latin-1"),
        scope.get("root_path", ""),
        scope["path"],
        repr(sorted(_normalised(query))),
        lang,
        coding(scope),
    )
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=12).hexdigest()


def request_words(scope: Scope, headers: dict[bytes, bytes]) -> tuple[object, ...]:
    """What ``request_key`` reads from a request, as it came (a key for the key)."""
    return (
        scope.get("scheme"),
        scope.get("root_path", ""),
        scope["path"],
        scope.get("query_string", b""),
        headers.get(b"host"),
        headers.get(b"accept-language"),
        headers.get(b"accept-encoding"),
    )


def coding(scope: Scope) -> str:
    """The content coding the answer will have: the compression middleware's own choice."""
    accepted = _header(scope, b"accept-encoding").decode("latin-1")
    backend = get_compression_backend(accepted, CODINGS)
    return backend.name if backend else "identity"


def _normalised(query: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The parameters as their parsed values say them.

    ``50/10``, ``50.0/10`` and leaving the threshold out (its default) are one key; so are the
    spellings of a technology choice.
    """
    pairs = []
    for name, value in query:
        parse, default = _PARSERS.get(name, (None, None))
        if name == "lang" or parse is None:
            pairs += [] if name == "lang" else [(name, value)]
            continue
        try:
            parsed = parse(value)
        except GimError:
            pairs.append((name, value))  # the route refuses it; keyed as given
            continue
        pairs += [] if parsed == default else [(name, parsed)]
    return pairs


_PARSERS = {
    "threshold": (lambda text: Threshold.parse(text).label, DEFAULT_THRESHOLD.label),
    "technology": (lambda text: TechnologyChoice.parse(text).label, DEFAULT_CHOICE.label),
}


def _catalog(scope: Scope) -> Any:
    """The current catalogue, or None before the app has started."""
    if scope["type"] != "http":
        return None
    app = scope.get("app")
    return getattr(getattr(app, "state", None), "catalog", None)


def _cacheable(scope: Scope) -> bool:
    return scope["method"] == "GET" and not get_route_path(scope).startswith(UNCACHED_PREFIXES)


def _header(scope: Scope, name: bytes) -> bytes:
    for key, value in scope.get("headers", []):
        if key == name:
            return value
    return b""


def _matches(if_none_match: bytes, etag: bytes) -> bool:
    """Weak comparison, as RFC 9110 prescribes for If-None-Match."""
    opaque = etag.removeprefix(b"W/")
    return any(tag.strip().removeprefix(b"W/") == opaque for tag in if_none_match.split(b","))


async def _send(send: Send, answer: Cached) -> None:
    await send({"type": "http.response.start", "status": answer.status, "headers": answer.headers})
    await send({"type": "http.response.body", "body": answer.body})


class HeadAsGet:
    """ASGI middleware: HEAD answered wherever GET is, same status and headers, no body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Route a HEAD as its GET, and drop the body on the way out (RFC 9110, 9.3.2)."""
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)
