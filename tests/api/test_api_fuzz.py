"""Property-based fuzzing of every endpoint of the OpenAPI document (schemathesis).

/api and /ogc answers are checked against everything the document promises (status codes,
media types, schemas, valid data accepted, invalid data refused). The other parts of the
service must at least never fail with a server error. /admin needs uploads and a token.
"""

from __future__ import annotations

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance

from app.main import create_app
from app.settings import Settings

pytestmark = pytest.mark.slow

FUZZ = settings(
    max_examples=20,
    deadline=None,
    derandomize=True,  # the same examples on every run: no test fails at random
    suppress_health_check=list(HealthCheck),
)


# The document needs no layers, so the schema loads at collection; the layers are loaded by the
# fixture below before the first call. (schemathesis.pytest.from_fixture fails on pytest 9.)
APP = create_app(Settings(reload_interval_s=0, tiles_url="", _env_file=None))
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@pytest.fixture(scope="module", autouse=True)
def started_app():
    """Run the app's start-up (catalogue load) around the fuzzing."""
    with TestClient(APP):
        yield


@schema.include(path_regex=r"^/(api|ogc)").parametrize()
@FUZZ
def test_api_and_ogc_keep_every_promise_of_the_document(case):
    if case.operation.method.upper() == "POST" or _has_parameter(case, "sep", "bbox"):
        # JSON Schema cannot say "the ring encloses an area" nor "the first number is a
        # longitude": such polygons and boxes (south above north) are schema-valid yet rightly
        # refused. Nor can it say that a CSV's separator and decimal mark differ.
        case.call_and_validate(excluded_checks=[positive_data_acceptance])
    else:
        case.call_and_validate()


def _has_parameter(case, *names: str) -> bool:
    return any(parameter.name in names for parameter in case.operation.query)


@schema.exclude(path_regex=r"^/(api|ogc|admin)").parametrize()
@FUZZ
def test_other_endpoints_never_fail_with_a_server_error(case):
    response = case.call()
    assert response.status_code < 500, response.text[:500]


# The OGC API's own OpenAPI 3.0 definition must describe the same answers just as well.
ogc_schema = schemathesis.openapi.from_asgi("/ogc/api", APP)


@ogc_schema.parametrize()
@settings(FUZZ, max_examples=10)
def test_the_openapi_30_definition_of_the_ogc_api_holds_too(case):
    case.call_and_validate()
