"""One check for every /api route: a query parameter the route does not define is refused.

A misspelt or unsupported parameter (``/api/gaps?mrc_code=2403``) would otherwise be ignored
and the answer would look filtered when it is not.
"""

from __future__ import annotations

from fastapi import Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from app.errors import InvalidParameterError
from app.i18n import negotiate, translate

_ACCEPTED = "_gim_accepted_query"


def accepted_query(route: APIRoute) -> tuple[str, ...]:
    """The query parameters ``route`` defines, its dependencies' included (read once)."""
    names = route.__dict__.get(_ACCEPTED)
    if names is None:
        names = tuple(sorted(_query_names(route.dependant)))
        route.__dict__[_ACCEPTED] = names
    return names


def _query_names(dependant: Dependant) -> set[str]:
    """The query parameters of a dependant and of its dependencies, by the name clients send."""
    names = {param.alias for param in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


async def known_query(request: Request) -> None:
    """Refuse (422) a query parameter the route does not define, naming the ones it does.

    ``async`` only so that FastAPI calls it on the event loop, not through the thread pool.
    """
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    names = accepted_query(route)
    for name in request.query_params:
        if name not in names:
            lang = negotiate(
                request.query_params.get("lang"), request.headers.get("accept-language")
            )
            listed = ", ".join(names) or translate("api.parameter_none", lang)
            raise InvalidParameterError("api.parameter_unknown", name=name[:40], accepted=listed)
