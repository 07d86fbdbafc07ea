"""The place search behind the map pages' search box: answer times, uncached.

``python -m benchmarks.search``: one uvicorn worker as ``make run`` serves it, on the embedded
data; one keep-alive connection asks ``/api/search?q=`` once for each of the 54 municipality names
and 100 place names (populated places, then ISED community points), so every answer is computed
(each query is new to the HTTP cache). Prints p50 and p99 of each set, then of the same queries
again (cached).
"""

from __future__ import annotations

from urllib.parse import quote

from app.layers.kinds import Kind
from app.layers.stores import open_store
from app.settings import Settings
from benchmarks.http import HERE, Server
from benchmarks.load_generator import Outcome, run

PLACE_NAMES = 100


def names() -> dict[str, list[str]]:
    """The municipality names and 100 place names of the embedded store."""
    store = open_store(Settings(_env_file=None))
    municipalities, _ = store.read(Kind.MUNICIPALITIES)
    places, _ = store.read(Kind.PLACES)
    communities, _ = store.read(Kind.COMMUNITY_POINTS)
    known = set(municipalities["name"])
    others = [name for name in [*places["name"], *communities["name_fr"]] if name not in known]
    return {
        "54 municipality names": sorted(known),
        f"{PLACE_NAMES} place names": list(dict.fromkeys(others))[:PLACE_NAMES],
    }


def asked(server: Server, queries: list[str]) -> Outcome:
    """One request per query, one connection, in order."""
    paths = iter(f"/api/search?q={quote(query)}" for query in queries)
    return run(server.port, paths, 1, len(queries))


def main() -> None:
    """Print p50 and p99 of each set, uncached then cached."""
    sets = names()
    server = Server(HERE)
    try:
        asked(server, ["warm"])  # the search index is built on the first query
        outcomes = {label: asked(server, queries) for label, queries in sets.items()}
        again = {label: asked(server, queries) for label, queries in sets.items()}
    finally:
        server.stop()
    for label in sets:
        for state, outcome in (("uncached", outcomes[label]), ("cached", again[label])):
            failures = f", failures {outcome.failures}" if outcome.failures else ""
            print(
                f"/api/search, {label:<22} {state:<9} p50 {outcome.percentile(0.5) * 1e3:5.2f} ms"
                f"  p99 {outcome.percentile(0.99) * 1e3:5.2f} ms{failures}"
            )


if __name__ == "__main__":
    main()
