"""Issue 14, finding 6: odd input from outside is a 4xx in the error shape, never a 500,
and nothing is half-written."""
from datetime import timedelta

import pytest

from kefir.clock import to_iso, utcnow

BAD_IDS = ["x" * 3000, "short", "has space in it!!", "ütf-8-is-not-an-id-alphabet"]


def id_routes(app):
    """(method, path template, parameter names) of every route that carries ids."""
    for rule in app.url_map.iter_rules():
        if rule.arguments:
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                yield method, rule.rule, sorted(rule.arguments)


def test_every_route_with_ids_exists(app):
    # The test below walks these; an empty walk would prove nothing.
    assert len(list(id_routes(app))) >= 8


@pytest.mark.parametrize("bad_id", BAD_IDS, ids=["3000-chars", "short", "spaces", "non-ascii"])
def test_a_path_id_that_cannot_be_an_id_is_404_before_any_store_call(
        app, client, wiring, me, round_trips, bad_id):
    for method, template, names in id_routes(app):
        path = template
        for name in names:
            path = path.replace(f"<{name}>", bad_id)
        with round_trips.watching(wiring.aws.dynamodb, wiring.aws.cognito):
            answer = client.open(path, method=method, headers=me, json={})
        assert answer.status_code == 404, (method, template, answer.status_code)
        assert answer.get_json()["error"]["code"] == "not_found"
        assert round_trips.total == 0, (method, template, dict(round_trips.calls))


def test_the_public_page_with_a_3000_character_id(client, wiring, round_trips):
    with round_trips.watching(wiring.aws.dynamodb):
        as_json = client.get("/public/b/" + "a" * 3000, headers={"Accept": "application/json"})
        as_page = client.get("/public/b/" + "a" * 3000, headers={"Accept": "text/html"})
    assert round_trips.total == 0
    unknown = client.get("/public/b/" + "a" * 22, headers={"Accept": "text/html"})
    assert as_json.status_code == as_page.status_code == 404
    assert as_json.get_json()["error"]["code"] == "not_found"
    assert as_page.mimetype == "text/html"
    # A malformed link reads exactly like an unknown one (bar the per-answer nonce).
    assert len(as_page.get_data()) == len(unknown.get_data())


@pytest.mark.parametrize("body", ["[" * 3000, '{"name": ' + "[" * 40 + "]" * 40 + "}",
                                  '{"a":' * 900 + "1" + "}" * 900])
def test_deep_nesting_is_a_bad_request(client, me, body):
    for path, headers in (("/batches", me), ("/auth/login", {})):
        answer = client.post(path, data=body, headers=headers, content_type="application/json")
        assert answer.status_code == 400, (path, answer.status_code)
        assert answer.get_json()["error"]["code"] == "bad_request"


@pytest.mark.parametrize("text", ["\\ud800", "abc\\udfff", "nul\\u0000here"])
def test_text_that_cannot_be_stored_is_422_and_writes_nothing(client, me, text):
    before = client.get("/batches", headers=me).get_json()["items"]
    answer = client.post("/batches", headers=me, content_type="application/json",
                         data='{"name": "%s", "kind": "milk"}' % text)
    assert answer.status_code == 422
    assert answer.get_json()["error"]["details"] == {"name": [
        "Contains a character that cannot be stored (a lone surrogate or NUL)."]}
    assert client.get("/batches", headers=me).get_json()["items"] == before


def test_a_lone_surrogate_deep_in_a_body_names_its_field(client, me):
    batch = client.post("/batches", headers=me, json={"name": "B", "kind": "milk"}).get_json()
    answer = client.post(f"/batches/{batch['batch_id']}/reminders/confirm", headers=me,
                         content_type="application/json",
                         data='{"items": [{"kind": "custom", "due_at": "2030-01-01T00:00:00Z",'
                              ' "title": "\\ud83d"}]}')
    assert answer.status_code == 422
    assert set(answer.get_json()["error"]["details"]) == {"items.0.title"}


@pytest.mark.parametrize("if_match", ["²", "1" * 41, "-1", "1.0", "٣"])
def test_an_if_match_that_is_not_a_version_is_400(client, me, if_match):
    batch = client.post("/batches", headers=me, json={"name": "B", "kind": "milk"}).get_json()
    answer = client.patch(f"/batches/{batch['batch_id']}", json={"name": "C"},
                          headers={**me, "If-Match": if_match})
    assert answer.status_code == 400
    assert answer.get_json()["error"]["details"] == {"If-Match": ["Not a version number."]}
    assert client.get(f"/batches/{batch['batch_id']}", headers=me).get_json()["name"] == "B"


def test_a_large_but_valid_version_is_a_conflict_not_an_error(client, me):
    batch = client.post("/batches", headers=me, json={"name": "B", "kind": "milk"}).get_json()
    answer = client.patch(f"/batches/{batch['batch_id']}", json={"name": "C"},
                          headers={**me, "If-Match": '"' + "9" * 15 + '"'})
    assert answer.status_code == 412


@pytest.mark.parametrize("started_at", [
    "9999-12-31T23:59:59Z", "1999-12-31T23:59:59Z", "later"])
def test_a_start_outside_2000_to_tomorrow_is_422(client, me, started_at):
    if started_at == "later":
        started_at = to_iso(utcnow() + timedelta(days=1, minutes=5))
    created = client.post("/batches", headers=me, json={
        "name": "B", "kind": "milk", "started_at": started_at})
    assert created.status_code == 422
    assert "started_at" in created.get_json()["error"]["details"]
    batch = client.post("/batches", headers=me, json={"name": "B", "kind": "milk"}).get_json()
    patched = client.patch(f"/batches/{batch['batch_id']}", headers=me,
                           json={"started_at": started_at})
    assert patched.status_code == 422


def test_a_start_within_the_range_is_taken(client, me):
    for started_at in ("2000-01-01T00:00:00Z", to_iso(utcnow() + timedelta(hours=23))):
        created = client.post("/batches", headers=me, json={
            "name": "B", "kind": "milk", "started_at": started_at})
        assert created.status_code == 201
        batch_id = created.get_json()["batch_id"]
        suggestions = client.get(f"/batches/{batch_id}/reminders/suggestions", headers=me)
        assert suggestions.status_code == 200


def test_an_event_before_2000_is_422(client, me):
    batch = client.post("/batches", headers=me, json={"name": "B", "kind": "milk"}).get_json()
    answer = client.post(f"/batches/{batch['batch_id']}/events", headers=me,
                         json={"type": "fed", "at": "1999-12-31T23:59:59Z"})
    assert answer.status_code == 422
    assert answer.get_json()["error"]["details"] == {"at": ["May not be before 2000-01-01."]}
