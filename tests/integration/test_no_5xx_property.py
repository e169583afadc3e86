"""A property over every request schema (issue 14): whatever a client sends as a body,
query or path id, the answer is never a 5xx.

Unlike the schemathesis run (tests/integration/test_fuzz.py), which starts from the OpenAPI
document and mostly sends what it describes, this builds bodies from each operation's own
marshmallow schema with values of any JSON type in any field, biased towards the input an
outside attack used: lone surrogates, NUL, non-ASCII digits, far-off dates, huge numbers,
long strings and nesting. `PROPERTY_EXAMPLES` sets examples per operation.
"""
from __future__ import annotations

import json
import os
from datetime import timedelta
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kefir.clock import to_iso, utcnow
from kefir.config import Settings

EXAMPLES = int(os.environ.get("PROPERTY_EXAMPLES", "30"))
HOSTILE = ["\ud800", "a\udfffb", "\x00", "²", "٣", "1" * 41, "9999-12-31T23:59:59Z",
           "1999-12-31T23:59:59Z", "0001-01-01T00:00:00+05:00", "x" * 3000,
           "ExponentPushToken[a]", "", " ", "-1", "1e308"]
# Text drawn mostly from the characters that broke things: surrogates, NUL, digits that
# are not ASCII.
hostile_text = st.text(st.one_of(st.characters(categories=["Cs"]), st.sampled_from("\x00²٣"),
                                 st.characters()), max_size=30)
leaf = st.one_of(
    st.sampled_from(HOSTILE), hostile_text, st.none(), st.booleans(),
    st.integers(min_value=-2 ** 80, max_value=2 ** 80),
    st.floats(allow_nan=False, allow_infinity=False))
json_value = st.recursive(leaf, lambda inner: st.lists(inner, max_size=3)
                          | st.dictionaries(st.text(max_size=8), inner, max_size=3),
                          max_leaves=10)
TOMORROW = to_iso(utcnow() + timedelta(days=1))
# A valid body per operation, so that a changed field or two reach the service and the
# store rather than stopping at the first missing field.
VALID = {
    ("POST", "/batches"): {"name": "Jar", "kind": "milk"},
    ("PATCH", "/batches/<batch_id>"): {"name": "Jar"},
    ("POST", "/batches/<batch_id>/events"): {"type": "note", "note": "Fizzy."},
    ("POST", "/batches/<batch_id>/photos"): {"content_type": "image/jpeg", "size_bytes": 1000},
    ("POST", "/batches/<batch_id>/reminders/confirm"): {
        "items": [{"kind": "custom", "due_at": TOMORROW}]},
    ("POST", "/me/devices"): {"push_token": "ExponentPushToken[property]", "platform": "ios"},
    ("POST", "/me/devices/<device_id>/verify"): {"code": "123456"},
    ("POST", "/auth/login"): {"email": "property@example.com"},
    ("POST", "/auth/verify"): {"email": "property@example.com", "session": "s" * 20,
                               "code": "12345678"},
    ("POST", "/auth/refresh"): {"refresh_token": "r" * 20},
}
path_id = st.one_of(st.sampled_from(["x" * 3000, "x", "a" * 22, "bad id", "ü" * 22]),
                    st.text(st.characters(exclude_categories=("Cs",)), max_size=70))


def _operations():
    """(method, rule, operation spec) of every endpoint, from an app that touches no AWS."""
    from kefir import create_app
    offline = Settings(stage="dev", region="us-east-1", table_name="-", photo_bucket="-",
                       user_pool_id="-", user_pool_client_id="-", signing_key_secret="-",
                       expo_token_secret="-", public_base_url="https://example.invalid")
    app = create_app(offline)
    found = []
    for rule in app.url_map.iter_rules():
        spec = getattr(app.view_functions[rule.endpoint], "openapi", None)
        if spec is None or (spec.body is None and spec.query is None and not rule.arguments):
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            found.append((method, rule.rule, spec))
    return found


OPERATIONS = _operations()


def fields_of(schema) -> list[str]:
    return sorted(schema._declared_fields) if schema is not None else []


def request_for(method: str, spec, rule: str):
    """A strategy of (path ids, query dict, body) for one operation: a valid body with up
    to three fields (declared or not) set to anything, any id in the path."""
    names = [part[1:-1] for part in rule.split("/") if part.startswith("<")]
    body_fields = fields_of(spec.body) + ["unknown"]
    query_fields = fields_of(spec.query) + ["unknown"]
    valid = VALID.get((method, rule), {})
    return st.tuples(
        st.tuples(*[st.one_of(st.just("REAL"), path_id) for _ in names]),
        st.dictionaries(st.sampled_from(query_fields), hostile_text, max_size=3),
        st.dictionaries(st.sampled_from(body_fields), json_value, max_size=3).map(
            lambda changes: {**valid, **changes}))


@pytest.fixture(scope="module")
def prop_app(local_settings):
    from kefir import create_app
    return create_app(local_settings.with_resources(verify_max_per_ip=10 ** 9,
                                                    login_max_per_ip=10 ** 9))


@pytest.fixture(scope="module")
def prop_headers(prop_app):
    from tests.helpers import Auth
    return Auth(prop_app.extensions["kefir"]).headers(f"property-{os.getpid()}@example.com")


@pytest.fixture(scope="module")
def real_id(prop_app, prop_headers):
    answer = prop_app.test_client().post("/batches", headers=prop_headers,
                                         json={"name": "Property", "kind": "milk"})
    return answer.get_json()["batch_id"]


@pytest.mark.parametrize(("method", "rule", "spec"), OPERATIONS,
                         ids=[f"{m} {r}" for m, r, _ in OPERATIONS])
def test_no_request_is_answered_with_a_5xx(prop_app, prop_headers, real_id, method, rule,
                                           spec):
    client = prop_app.test_client()

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(request_for(method, spec, rule))
    def check(request):
        ids, query, body = request
        path = rule
        for value in ids:
            start = path.index("<")
            path = path[:start] + (real_id if value == "REAL" else quote(value, safe="")) \
                + path[path.index(">", start) + 1:]
        answer = client.open(path, method=method, headers=prop_headers,
                             query_string=query, content_type="application/json",
                             data=json.dumps(body) if spec.body is not None else None)
        assert answer.status_code < 500, (method, path, query, body, answer.get_json())

    check()
