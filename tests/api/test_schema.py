"""schemathesis against the API's own OpenAPI spec (the CI subset; benchmarks/security.py is the full run): every
operation, a few generated requests each, with the write token; no answer may be a server error, and each must
have a documented status, content type, headers and body shape."""

import shutil
import tempfile
import weakref

import schemathesis
from hypothesis import HealthCheck, settings
from schema_app import TOKEN, build_app
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_headers_conformance,
          response_schema_conformance]
EXAMPLES = 3  # generated per operation, besides the boundary cases schemathesis always sends


# Built when the module loads: schemathesis' fixture-based loader (``from_fixture``) fails under pytest 9
# ('Function' object has no attribute '_nodeid'), and ``parametrize`` needs the spec when tests are collected.
_folder = tempfile.mkdtemp(prefix="storyline-schema-")
app, _store = build_app(f"sqlite:///{_folder}/schema.db")
weakref.finalize(app, lambda: (_store.close(), shutil.rmtree(_folder, ignore_errors=True)))
schema = schemathesis.openapi.from_asgi("/openapi.json", app)


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.function_scoped_fixture])
def test_every_operation_answers_as_documented(case):
    case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"}, checks=CHECKS)


def test_the_spec_documents_every_error_status():
    """The statuses the routes give (401, 404, 413, 503 …) are in the spec, each with the error body."""
    paths = schema.raw_schema["paths"]
    assert set(paths["/api/v1/feeds/{feed_id}"]["delete"]["responses"]) == {"204", "401", "404", "413", "422", "503"}
    assert set(paths["/api/v1/stories/{story_id}"]["get"]["responses"]) == {"200", "404", "422"}
    problem = paths["/api/v1/articles"]["post"]["responses"]["401"]["content"]["application/json"]["schema"]
    assert problem == {"$ref": "#/components/schemas/Problem"}
