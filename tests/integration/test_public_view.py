"""The public share view in process: allow-listed fields, escaping, headers, one 404."""
import re

import pytest
import requests

from tests.helpers import new_batch


@pytest.fixture
def shared(client, me):
    batch = new_batch(client, me, name="Ana's <script>alert(1)</script> jar", is_public=True,
                      notes="SECRET-NOTES", started_at="2026-11-20T08:00:00Z")
    url = f"/batches/{batch['batch_id']}/events"
    client.post(url, headers=me, json={"type": "temperature", "temperature_c": 22.5,
                                       "note": "SECRET-EVENT-NOTE", "at": "2026-11-20T09:00:00Z"})
    client.post(url, headers=me, json={"type": "note", "note": "SECRET-NOTE-EVENT",
                                       "at": "2026-11-20T10:00:00Z"})
    client.post(url, headers=me, json={"type": "tasted", "rating": 4,
                                       "at": "2026-11-20T11:00:00Z"})
    return batch


JSON = {"Accept": "application/json"}
BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


def test_json_holds_only_the_allow_listed_fields(client, shared, wiring):
    response = client.get(f"/public/b/{shared['batch_id']}", headers=JSON)
    assert response.status_code == 200 and response.mimetype == "application/json"
    view = response.get_json()
    assert set(view) == {"name", "kind", "status", "started_at", "events", "photos"}
    assert view["events"] == [
        {"type": "tasted", "at": "2026-11-20T11:00:00Z", "rating": 4},
        {"type": "temperature", "at": "2026-11-20T09:00:00Z", "temperature_c": 22.5}]
    owner = wiring.table.get({"PK": f"BATCH#{shared['batch_id']}", "SK": "META"})["owner"]
    for secret in ("SECRET", owner, "example.com", "owner", "user_id", "version", "note"):
        assert secret not in response.get_data(as_text=True)


def test_html_by_default_escaped_with_open_graph_tags(client, shared):
    for headers in ({}, {"Accept": "*/*"}, BROWSER):
        response = client.get(f"/public/b/{shared['batch_id']}", headers=headers)
        assert response.status_code == 200 and response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert ('property="og:title" content="Ana&#39;s &lt;script&gt;alert(1)&lt;/script&gt; jar"'
            in html)
    assert re.search(r'property="og:description" content="Milk kefir · Fermenting · started '
                     r'20 Nov 2026"', html)
    assert f'property="og:url" content="http://localhost/public/b/{shared["batch_id"]}"' in html
    assert "22.5 °C" in html and "★★★★☆" in html and "SECRET" not in html


def test_security_headers(client, shared):
    for path in (f"/public/b/{shared['batch_id']}", "/public/b/unknown"):
        response = client.get(path)
        csp = response.headers["Content-Security-Policy"]
        assert "default-src 'none'" in csp and "script-src" not in csp
        assert "frame-ancestors 'none'" in csp
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "no-referrer"
    html = client.get(f"/public/b/{shared['batch_id']}")
    nonce = re.search(r"'nonce-([^']+)'", html.headers["Content-Security-Policy"]).group(1)
    assert f'<style nonce="{nonce}">' in html.get_data(as_text=True)


def test_private_deleted_and_unknown_are_the_same_404(client, me, shared):
    private = new_batch(client, me, name="Mine")
    gone = new_batch(client, me, name="Gone", is_public=True)
    client.delete(f"/batches/{gone['batch_id']}", headers=me)
    unshared = shared["batch_id"]
    client.patch(f"/batches/{unshared}", json={"is_public": False}, headers=me)
    for headers in (JSON, {}, BROWSER):
        # Only the per-response CSP nonce may differ.
        answers = {re.sub(r'nonce="[^"]+"', "", client.get(f"/public/b/{batch_id}",
                                                          headers=headers).get_data(as_text=True))
                   for batch_id in (private["batch_id"], gone["batch_id"], unshared,
                                    "unknown-id-xyz")}
        assert len(answers) == 1
        response = client.get(f"/public/b/{private['batch_id']}", headers=headers)
        assert response.status_code == 404
    assert client.get("/public/b/x", headers=JSON).get_json()["error"]["code"] == "not_found"
    assert client.get("/public/b/x", headers=BROWSER).mimetype == "text/html"


def test_photos_show_with_their_origin_allowed(client, me, shared, wiring):
    form = client.post(f"/batches/{shared['batch_id']}/photos", headers=me,
                       json={"content_type": "image/png", "size_bytes": 100}).get_json()
    requests.post(form["upload"]["url"], data=form["upload"]["fields"], timeout=10,
                  files={"file": ("p.png", b"\x89PNG-bytes", "image/png")})
    client.post(f"/batches/{shared['batch_id']}/events", headers=me,
                json={"type": "photo", "photo_key": form["photo_key"]})
    view = client.get(f"/public/b/{shared['batch_id']}", headers=JSON).get_json()
    assert requests.get(view["photos"][0]["url"], timeout=10).content == b"\x89PNG-bytes"
    owner = wiring.table.get({"PK": f"BATCH#{shared['batch_id']}", "SK": "META"})["owner"]
    assert owner not in str(view)
    page = client.get(f"/public/b/{shared['batch_id']}")
    origin = re.match(r"https?://[^/]+", view["photos"][0]["url"]).group(0)
    assert origin in page.headers["Content-Security-Policy"]
    assert 'property="og:image" content="' + origin in page.get_data(as_text=True)


def test_the_public_view_is_one_query(client, shared, wiring, round_trips):
    with round_trips.watching(wiring.aws.dynamodb):
        assert client.get(f"/public/b/{shared['batch_id']}").status_code == 200
    assert round_trips.calls == {"Query": 1}
