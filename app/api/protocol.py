"""Uvicorn's httptools protocol with a deadline and a size limit on request heads.

A client that opens a connection and sends its request line and headers slowly, or not at all
(slowloris), would hold a connection for ever: this protocol closes it after
``HEADERS_TIMEOUT_S``. A request line and headers larger than ``MAX_HEAD_BYTES`` get 431 and the
connection is closed. Bodies have their own deadline (``app.api.security``), idle keep-alive
connections uvicorn's ``--timeout-keep-alive``. Served with
``--http app.api.protocol:TimedHttpToolsProtocol``.

httptools (llhttp, in C) rather than h11: the same guards cost less than half as much per
request (118 against 278 µs of server CPU for a cached answer, measured here).
"""

from __future__ import annotations

import asyncio

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from app.i18n import LANGUAGES, translate

HEADERS_TIMEOUT_S = 10.0
MAX_HEAD_BYTES = 16 * 1024
_TOO_LARGE = (
    b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-type: text/plain; charset=utf-8\r\n"
    b"connection: close\r\ncontent-length: %d\r\n\r\n%s"
)


class HeadTooLarge(Exception):
    """The request line and headers passed ``MAX_HEAD_BYTES``."""


class TimedHttpToolsProtocol(HttpToolsProtocol):
    """Close a connection whose request head is not complete in time, or is too large."""

    headers_timeout_s = HEADERS_TIMEOUT_S
    max_head_bytes = MAX_HEAD_BYTES
    _headers_timer: asyncio.TimerHandle | None = None
    _head_bytes = 0
    _head_too_large = False

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        """Start the clock as soon as the connection opens."""
        super().connection_made(transport)
        self._arm()

    def on_message_begin(self) -> None:
        """A request starts: its head has ``headers_timeout_s`` to arrive."""
        super().on_message_begin()
        self._head_bytes = 0
        if self._headers_timer is None:  # the first request's clock runs from the connection
            self._arm()

    def on_url(self, url: bytes) -> None:
        """Count the request line against the limit."""
        self._count(len(url))
        super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        """Count each header against the limit."""
        self._count(len(name) + len(value) + 4)
        super().on_header(name, value)

    def on_headers_complete(self) -> None:
        """The head is in: stop the clock."""
        self._disarm()
        super().on_headers_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        """Forget the clock with the connection."""
        self._disarm()
        super().connection_lost(exc)

    def send_400_response(self, msg: str) -> None:
        """Say 431 when the parser stopped because the head was too large; else uvicorn's 400."""
        if not self._head_too_large:
            super().send_400_response(msg)
            return
        # Before its headers are read, a request has no language: both, French first.
        text = " / ".join(
            translate("http.head_too_large", lang, limit=self.max_head_bytes) for lang in LANGUAGES
        ).encode()
        self.transport.write(_TOO_LARGE % (len(text), text))
        self.transport.close()

    def _count(self, size: int) -> None:
        self._head_bytes += size
        if self._head_bytes > self.max_head_bytes:
            self._head_too_large = True
            raise HeadTooLarge  # the parser stops; uvicorn answers through send_400_response

    def _arm(self) -> None:
        self._disarm()
        self._headers_timer = self.loop.call_later(self.headers_timeout_s, self._expire)

    def _disarm(self) -> None:
        if self._headers_timer is not None:
            self._headers_timer.cancel()
            self._headers_timer = None

    def _expire(self) -> None:
        self._headers_timer = None
        if not self.transport.is_closing():
            self.transport.close()
