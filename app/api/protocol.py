"""Uvicorn's h11 protocol with a deadline on request headers (uvicorn has none of its own).

A client that opens a connection and sends its request line and headers slowly, or not at all
(slowloris), holds a connection for ever; this protocol closes it after ``HEADERS_TIMEOUT_S``.
Bodies have their own deadline (``app.api.security``), idle keep-alive connections uvicorn's
``--timeout-keep-alive``. Served with ``--http app.api.protocol:TimedH11Protocol``.
"""

from __future__ import annotations

import asyncio

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

HEADERS_TIMEOUT_S = 10.0


class TimedH11Protocol(H11Protocol):
    """Close a connection whose request headers are not complete in time."""

    headers_timeout_s = HEADERS_TIMEOUT_S
    _headers_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:  # type: ignore[override]
        """Start the clock as soon as the connection opens."""
        super().connection_made(transport)  # type: ignore[arg-type]
        self._arm()

    def data_received(self, data: bytes) -> None:
        """Stop the clock once a request's headers are in; start it for the next request."""
        super().data_received(data)
        if self.conn.their_state is h11.IDLE:
            self._arm()
        else:
            self._disarm()

    def connection_lost(self, exc: Exception | None) -> None:
        """Forget the clock with the connection."""
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        if self._headers_timer is None:
            self._headers_timer = self.loop.call_later(self.headers_timeout_s, self._expire)

    def _disarm(self) -> None:
        if self._headers_timer is not None:
            self._headers_timer.cancel()
            self._headers_timer = None

    def _expire(self) -> None:
        self._headers_timer = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self.transport.close()
