"""The public share page in a real headless Chromium against the local server: it renders
on a phone without JavaScript, and an uploaded photo shows on it."""
from pathlib import Path

import pytest
import requests

from tests.e2e.browser import count_pixels, dump_dom, make_png, screenshot
from tests.e2e.test_batches_http import upload_photo

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PHOTO_RGB = (233, 30, 140)  # a colour nothing else on the page uses


@pytest.fixture
def shared_batch(api, unique):
    owner = api.sign_in(f"sharer-{unique}@example.com")
    batch = owner.http.post(api.url("/batches"), timeout=10, json={
        "name": "Sunday <b>milk</b> kefir", "kind": "milk", "is_public": True,
        "notes": "PRIVATE-NOTES", "grains_g": 15, "liquid_ml": 500,
        "started_at": "2026-11-22T08:30:00Z"}).json()
    events = api.url(f"/batches/{batch['batch_id']}/events")
    for body in ({"type": "fed", "at": "2026-11-22T08:30:00Z"},
                 {"type": "temperature", "temperature_c": 23.5, "at": "2026-11-22T20:00:00Z"},
                 {"type": "ph", "ph": 4.6, "at": "2026-11-23T07:45:00Z"},
                 {"type": "note", "note": "PRIVATE-EVENT-NOTE", "at": "2026-11-23T08:00:00Z"},
                 {"type": "strained", "at": "2026-11-23T08:10:00Z"},
                 {"type": "tasted", "rating": 4, "at": "2026-11-23T08:15:00Z"}):
        assert owner.http.post(events, json=body, timeout=10).status_code == 201
    key = upload_photo(owner, api, batch["batch_id"], make_png(360, 240, PHOTO_RGB))
    assert owner.http.post(events, json={"type": "photo", "photo_key": key},
                           timeout=10).status_code == 201
    return batch


def test_the_page_renders_on_a_phone_with_its_photo(api, shared_batch):
    url = api.url(f"/public/b/{shared_batch['batch_id']}")
    shot = ARTIFACTS / "public-page-phone.png"
    screenshot(url, shot)
    # The uploaded photo, fetched by the browser from storage through its presigned URL and
    # allowed by the page's CSP, fills a good part of the phone's first screen.
    assert count_pixels(shot.read_bytes(), PHOTO_RGB) > 40_000

    dom = dump_dom(url)
    assert "<h1>Sunday &lt;b&gt;milk&lt;/b&gt; kefir</h1>" in dom
    assert "Milk kefir" in dom and "Fermenting" in dom and "23.5 °C" in dom
    assert "pH 4.6" in dom and "Strained" in dom
    assert "PRIVATE" not in dom and "<script" not in dom
    assert 'property="og:image"' in dom


def test_the_missing_page_renders_too(api):
    shot = ARTIFACTS / "public-page-missing.png"
    screenshot(api.url("/public/b/not-a-batch"), shot)
    assert "This batch isn’t shared" in dump_dom(api.url("/public/b/not-a-batch"))


def test_json_for_clients_that_prefer_it(api, shared_batch):
    response = requests.get(api.url(f"/public/b/{shared_batch['batch_id']}"), timeout=10,
                            headers={"Accept": "application/json"})
    assert response.status_code == 200
    assert set(response.json()) == {"name", "kind", "status", "started_at", "events", "photos"}
    assert len(response.json()["photos"]) == 1
