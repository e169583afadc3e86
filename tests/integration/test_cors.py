"""Cross-origin calls (docs/api.md): the allowed origins get CORS headers on every answer,
errors included, and a 204 preflight; every other origin gets none."""
from __future__ import annotations

import dataclasses

import pytest

from kefir.config import LOCAL_CORS_ORIGINS
from tests.helpers import Outage

ALLOWED = LOCAL_CORS_ORIGINS[0]
REQUEST_HEADERS = "Authorization, Content-Type, Idempotency-Key, If-Match"
EXPOSED = {"Content-Disposition", "ETag", "Idempotent-Replayed", "Location", "Retry-After",
           "X-Request-Id"}
FOREIGN = ["https://evil.example", "http://localhost:8082", "https://localhost:8081",
           f"{ALLOWED}.evil.example", "null"]


def cors_headers(response) -> dict:
    return {k: v for k, v in response.headers.items() if k.lower().startswith("access-control")}


def assert_allowed(response, origin: str = ALLOWED) -> None:
    assert response.headers.get("Access-Control-Allow-Origin") == origin
    assert "Access-Control-Allow-Credentials" not in response.headers
    assert "Origin" in response.vary
    exposed = {h.strip() for h in response.headers["Access-Control-Expose-Headers"].split(",")}
    assert exposed == EXPOSED


def preflight(client, path: str, method: str, origin: str = ALLOWED):
    return client.options(path, headers={
        "Origin": origin, "Access-Control-Request-Method": method,
        "Access-Control-Request-Headers": "authorization,content-type"})


def every_operation(app) -> list[tuple[str, str]]:
    """(method, concrete path) of every route the app serves."""
    found = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        path = rule.rule
        for argument in rule.arguments:
            path = path.replace(f"<{argument}>", "some-id")
        found += [(method, path) for method in sorted(rule.methods - {"HEAD", "OPTIONS"})]
    return found


@pytest.fixture
def shared(client, me):
    """A public batch of `me`."""
    answer = client.post("/batches", headers=me, json={"name": "Jar", "kind": "water",
                                                       "is_public": True})
    assert answer.status_code == 201
    return answer.get_json()


# Preflight ------------------------------------------------------------------------------
def test_a_preflight_of_every_operation_is_204_with_the_allowed_methods_and_headers(app, client):
    operations = every_operation(app)
    assert {m for m, _ in operations} == {"GET", "POST", "PATCH", "DELETE"}
    for method, path in operations:
        answer = preflight(client, path, method)
        assert answer.status_code == 204, (method, path)
        assert answer.get_data() == b"" and "Content-Type" not in answer.headers
        assert_allowed(answer)
        assert answer.headers["Access-Control-Allow-Methods"] == "DELETE, GET, PATCH, POST"
        assert answer.headers["Access-Control-Allow-Headers"] == REQUEST_HEADERS
        assert answer.headers["Access-Control-Max-Age"] == "3600"


def test_a_preflight_needs_no_token_and_does_nothing(client, me, shared):
    answer = preflight(client, f"/batches/{shared['batch_id']}", "DELETE")
    assert answer.status_code == 204
    assert client.get(f"/batches/{shared['batch_id']}", headers=me).status_code == 200


def test_a_preflight_for_a_method_the_api_never_serves_lists_no_methods(client):
    answer = preflight(client, "/batches", "PUT")
    assert "Access-Control-Allow-Methods" not in answer.headers


def test_a_preflight_of_an_unknown_path_is_the_404_error(client):
    answer = preflight(client, "/no/such/path", "GET")
    assert answer.status_code == 404
    assert answer.get_json()["error"]["code"] == "not_found"
    assert answer.headers["Access-Control-Allow-Origin"] == ALLOWED


@pytest.mark.parametrize("origin", FOREIGN)
def test_a_preflight_from_another_origin_gets_no_cors_headers(client, origin):
    answer = preflight(client, "/batches", "POST", origin)
    assert cors_headers(answer) == {}
    assert "Origin" in answer.vary


# Ordinary answers -------------------------------------------------------------------------
@pytest.mark.parametrize("origin", LOCAL_CORS_ORIGINS)
def test_each_local_origin_is_allowed_and_echoed(client, me, origin):
    answer = client.get("/batches", headers={**me, "Origin": origin})
    assert answer.status_code == 200
    assert_allowed(answer, origin)


def test_a_created_batch_exposes_its_location_and_etag(client, me):
    answer = client.post("/batches", headers={**me, "Origin": ALLOWED},
                         json={"name": "Jar", "kind": "milk"})
    assert answer.status_code == 201
    assert_allowed(answer)
    assert answer.headers["Location"] and answer.headers["ETag"]


@pytest.mark.parametrize("origin", FOREIGN)
def test_another_origin_is_served_without_cors_headers(client, me, origin):
    answer = client.get("/batches", headers={**me, "Origin": origin})
    assert answer.status_code == 200
    assert cors_headers(answer) == {}
    assert "Origin" in answer.vary


def test_a_call_without_origin_gets_no_cors_headers(client, me):
    """The native apps send no Origin."""
    answer = client.get("/batches", headers=me)
    assert cors_headers(answer) == {}
    assert "Origin" in answer.vary


def test_only_the_configured_origins_are_allowed(local_settings, me):
    from kefir import create_app
    configured = "https://app.example.com"
    app = create_app(dataclasses.replace(local_settings, cors_origins=(configured,)))
    client = app.test_client()
    assert_allowed(client.get("/health", headers={"Origin": configured}), configured)
    assert cors_headers(client.get("/health", headers={"Origin": ALLOWED})) == {}

    closed = create_app(dataclasses.replace(local_settings, cors_origins=())).test_client()
    assert cors_headers(closed.get("/health", headers={"Origin": ALLOWED})) == {}
    assert preflight(closed, "/health", "GET").status_code == 204


# Errors keep their CORS headers, or the browser hides them from the app -------------------
def error_answers(client, me, shared, intruder):
    batch_path = f"/batches/{shared['batch_id']}"
    origin = {"Origin": ALLOWED}
    yield 400, client.post("/batches", headers={**me, **origin, "Content-Type": "application/json"},
                           data="{not json")
    yield 401, client.get("/batches", headers=origin)
    yield 404, client.get(batch_path, headers={**intruder, **origin})
    yield 404, client.get("/no/such/path", headers=origin)
    yield 405, client.put("/batches", headers={**me, **origin})
    yield 412, client.patch(batch_path, headers={**me, **origin, "If-Match": "999"},
                            json={"name": "Other"})
    yield 413, client.post("/batches", headers={**me, **origin, "Content-Type": "application/json"},
                           data="x" * (65 * 1024))
    yield 415, client.post("/batches", headers={**me, **origin}, data="name=Jar")
    yield 422, client.post("/batches", headers={**me, **origin}, json={"name": ""})


def test_every_error_from_an_allowed_origin_carries_the_cors_headers(client, me, shared,
                                                                    other):
    statuses = []
    for status, answer in error_answers(client, me, shared, other):
        assert answer.status_code == status, answer.get_data(as_text=True)
        assert set(answer.get_json()) == {"error"}
        assert_allowed(answer)
        statuses.append(status)
    assert statuses == [400, 401, 404, 404, 405, 412, 413, 415, 422]


def test_a_rate_limited_answer_exposes_retry_after(local_settings, unique):
    from kefir import create_app
    app = create_app(dataclasses.replace(local_settings, login_max_per_email=1))
    client = app.test_client()
    login = {"headers": {"Origin": ALLOWED}, "json": {"email": f"{unique}@example.com"}}
    assert client.post("/auth/login", **login).status_code == 202
    answer = client.post("/auth/login", **login)
    assert answer.status_code == 429
    assert_allowed(answer)
    assert int(answer.headers["Retry-After"]) >= 1


def test_an_unavailable_dependency_answer_carries_the_cors_headers(client, wiring, me,
                                                                   monkeypatch):
    from botocore.retries.standard import ExponentialBackoff
    monkeypatch.setattr(ExponentialBackoff, "delay_amount", lambda self, context: 0)
    with Outage(wiring.aws.dynamodb, "ThrottlingException"):
        answer = client.get("/batches", headers={**me, "Origin": ALLOWED})
    assert answer.status_code == 503
    assert_allowed(answer)


def test_an_unexpected_failure_carries_the_cors_headers(client, me, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")
    monkeypatch.setattr("kefir.services.batches.list_batches", broken)
    answer = client.get("/batches", headers={**me, "Origin": ALLOWED})
    assert answer.status_code == 500
    assert answer.get_json()["error"]["code"] == "internal_error"
    assert_allowed(answer)


# The public share view ----------------------------------------------------------------------
def test_the_public_view_answers_an_allowed_origin_and_varies_on_accept_and_origin(client,
                                                                                   shared):
    path = f"/public/b/{shared['batch_id']}"
    answer = client.get(path, headers={"Origin": ALLOWED, "Accept": "application/json"})
    assert answer.status_code == 200 and answer.get_json()["name"] == "Jar"
    assert_allowed(answer)
    assert {"Accept", "Origin"} <= set(answer.vary)
    assert preflight(client, path, "GET").status_code == 204

    foreign = client.get(path, headers={"Origin": FOREIGN[0], "Accept": "application/json"})
    assert foreign.status_code == 200 and cors_headers(foreign) == {}
    assert {"Accept", "Origin"} <= set(foreign.vary)


def test_a_private_batch_404_from_an_allowed_origin_carries_the_cors_headers(client, me,
                                                                            shared):
    client.patch(f"/batches/{shared['batch_id']}", headers=me, json={"is_public": False})
    answer = client.get(f"/public/b/{shared['batch_id']}",
                        headers={"Origin": ALLOWED, "Accept": "application/json"})
    assert answer.status_code == 404
    assert_allowed(answer)
