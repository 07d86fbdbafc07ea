"""Hot reload: when the store's current pointer changes, build a new catalogue and swap it in.

The new catalogue is built completely, off the request path, then published by one attribute
assignment on the holder (the app's ``state``); a request reads the catalogue once, so it sees
the old layers or the new ones, never a mix. A build that fails leaves the old catalogue served
and is logged once per pointer state.
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from app.catalog import Catalog, load_catalog
from app.layers.stores import Store

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 3  # the pointer moved during a build: build again from the newer state


@dataclass(frozen=True)
class Outcome:
    """What a reload did: whether it swapped catalogues, the token served, the error if any."""

    changed: bool
    token: str
    error: Exception | None = None


def freeze_heap() -> None:
    """Put every object alive now out of the cyclic garbage collector's sight (``gc.freeze``).

    A catalogue is some 100,000 long-lived objects: each full collection walked them all and
    stalled every request for tens of milliseconds, the look-up's p99. Called once a catalogue
    is in place; the cycles of the one it replaced are collected first.
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()


class Reloader:
    """Watch ``store`` and keep ``holder.catalog`` on its current versions."""

    def __init__(
        self,
        store: Store,
        holder: Any,
        build: Callable[[Store], Catalog] = load_catalog,
    ) -> None:
        self.store = store
        self.holder = holder
        self.build = build
        self.seen = store.state()
        self._failed_state: str | None = None
        self.failure: Exception | None = None  # why the newest versions are not served
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def reload(self, force: bool = False) -> Outcome:
        """Swap in a catalogue of the current versions if they changed (or if ``force``)."""
        with self._lock:
            state = self.store.state()
            if state == self.seen and not force:
                return Outcome(False, self.holder.catalog.token)
            try:
                catalog, state = self._build_stable()
            except Exception as error:  # whatever broke the build, the old catalogue stays
                self._log_failure(state, error)
                return Outcome(False, self.holder.catalog.token, error)
            changed = catalog.token != self.holder.catalog.token
            self.holder.catalog = catalog
            self.seen, self._failed_state, self.failure = state, None, None
            if changed:
                logger.info("catalogue reloaded: %s", catalog.token)
                freeze_heap()
            return Outcome(changed, catalog.token)

    def _build_stable(self) -> tuple[Catalog, str]:
        """A catalogue built from one pointer state (the pointer did not move meanwhile)."""
        for _attempt in range(MAX_ATTEMPTS):
            before = self.store.state()
            catalog = self.build(self.store)
            if self.store.state() == before:
                return catalog, before
        return catalog, before

    def _log_failure(self, state: str, error: Exception) -> None:
        if state != self._failed_state:
            logger.error("reload failed, the previous catalogue is kept: %s", error)
        self._failed_state, self.failure = state, error
        self.seen = state  # not retried until the pointer changes again

    def start(self, interval_s: float) -> None:
        """Watch the store in a daemon thread (0: do not): PostGIS announces, a folder is polled."""
        if interval_s <= 0 or self._thread is not None:
            return
        self._stop.clear()
        watch = getattr(self.store, "watch", None)  # a store that announces its switches
        target, args = (watch, (self._stop, self.reload)) if watch else (self._poll, (interval_s,))
        self._thread = threading.Thread(target=target, args=args, name="gim-reloader", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop polling and wait for the thread to end."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=30)
            self._thread = None

    def _poll(self, interval_s: float) -> None:
        while not self._stop.wait(interval_s):
            self.reload()
