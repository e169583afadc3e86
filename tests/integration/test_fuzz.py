"""Fuzzing the API with schemathesis, from its OpenAPI document, signed in.

The document is docs/openapi.json, the contract clients see (a unit test keeps it equal
to what the code generates). Requests go in process (WSGI), not over HTTP to the e2e
server: the fuzzer wants volume and a failing example's traceback, and the HTTP layer
itself is covered by tests/e2e. Every request goes through the same app, middleware and
error handlers as on a server.

Checks: no 5xx, every status and content type documented, every body and header true
to its schema, invalid input refused with a 4xx. `FUZZ_EXAMPLES` sets examples per
operation (`make fuzz` raises it); the stateful run follows the document's links from
POST /batches into the batch's sub-resources.
"""
from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "8"))
STEPS = int(os.environ.get("FUZZ_STEPS", "8"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance, response_headers_conformance, negative_data_rejection]
# derandomize: the same examples on every run (and no example database to keep).
FUZZ_SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                         database=None, suppress_health_check=list(HealthCheck))


@pytest.fixture(scope="module")
def fuzz_app(local_settings):
    from kefir import create_app
    return create_app(local_settings)


@pytest.fixture(scope="module")
def fuzz_headers(fuzz_app):
    from tests.helpers import Auth
    email = f"fuzz-{os.getpid()}@example.com"
    return Auth(fuzz_app.extensions["kefir"]).headers(email)


# Loaded at import so pytest sees one test per operation (schemathesis' fixture-based
# loader does not work with pytest 9).
schema = schemathesis.openapi.from_path(
    Path(__file__).resolve().parents[2] / "docs" / "openapi.json")


@schema.parametrize()
@FUZZ_SETTINGS
def test_no_operation_fails_or_breaks_its_contract(case, fuzz_app, fuzz_headers):
    if (case.method, case.path) == ("DELETE", "/me"):
        # Deleting the account ends the fuzz user: each example deletes a user of its own.
        from tests.helpers import Auth
        fuzz_headers = Auth(fuzz_app.extensions["kefir"]).headers(
            f"fuzz-leaving-{uuid.uuid4().hex}@example.com")
    case.call_and_validate(app=fuzz_app, headers=fuzz_headers, checks=CHECKS)


def test_stateful_sequences_through_the_links(fuzz_app, fuzz_headers):
    reached: set[str] = set()

    # A sequence that deleted the account would leave the rest of the run signed out.
    class Workflow(schema.exclude(method="DELETE", path="/me").as_state_machine()):
        def get_call_kwargs(self, case):
            return {"app": fuzz_app, "headers": fuzz_headers}

        def after_call(self, response, case):
            super().after_call(response, case)
            if case.path.startswith("/batches/{batch_id}") and response.status_code < 300:
                reached.add(f"{case.method} {case.path}")

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            case.validate_response(response, checks=CHECKS, transport_kwargs=kwargs or None)

    Workflow.run(settings=settings(FUZZ_SETTINGS, stateful_step_count=STEPS))
    # The links took the fuzzer from a new batch into its sub-resources.
    assert reached, "no sequence reached an existing batch's sub-resource"
