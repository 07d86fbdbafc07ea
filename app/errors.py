"""Domain errors. They carry a message key and its parameters, never HTTP.

The one mapping from these classes to HTTP statuses is ``HTTP_STATUS``; the one
handler that uses it lives in ``app.problems``.
"""

from __future__ import annotations

from typing import Any


class GimError(Exception):
    """Base of every error a user may see; ``key`` names a message in ``app.i18n``."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def __str__(self) -> str:
        from app.i18n import translate

        return translate(self.key, "en", **self.params)


class NotFoundError(GimError):
    """A code or id names nothing that is loaded."""


class InvalidParameterError(GimError):
    """A query or body parameter is malformed or out of range."""


class LayerValidationError(GimError):
    """A layer file cannot be loaded as it is."""


class LayerUnavailableError(GimError):
    """A layer the request needs is not loaded."""


class NotAuthorizedError(GimError):
    """Missing or wrong credentials for an admin endpoint."""


class DisabledError(GimError):
    """The feature is switched off by the settings."""


class PayloadTooLargeError(GimError):
    """An upload is larger than the settings allow."""


class RequestTimeoutError(GimError):
    """A client took longer than the settings allow to send its request."""


class BadQueryError(InvalidParameterError):
    """An invalid query parameter where a standard asks for 400 (OGC API – Features)."""


HTTP_STATUS: dict[type[GimError], int] = {
    NotFoundError: 404,
    BadQueryError: 400,
    InvalidParameterError: 422,
    LayerValidationError: 422,
    LayerUnavailableError: 503,
    NotAuthorizedError: 401,
    DisabledError: 404,
    PayloadTooLargeError: 413,
    RequestTimeoutError: 408,
}


def http_status(error: GimError) -> int:
    """The HTTP status for a domain error (its nearest class in the table)."""
    for cls in type(error).__mro__:
        if cls in HTTP_STATUS:
            return HTTP_STATUS[cls]
    return 400
