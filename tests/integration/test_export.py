"""The CSV export in process: exact rows, quoting, formula defusing, the S3 hand-off."""
import csv
import io
from datetime import datetime, timezone

import pytest
import requests

from kefir import create_app
from kefir.services.export import HEADER, cell
from tests.helpers import new_batch

HEADER_LINE = ("batch_id,batch_name,kind,status,started_at,grains_g,liquid_ml,sugar_g,"
               "target_hours,event_id,event_type,event_at,temperature_c,ph,rating,note")


def add(client, headers, batch_id, **body):
    response = client.post(f"/batches/{batch_id}/events", json=body, headers=headers)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def parse(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.get_data(as_text=True), newline="")))


def test_header_rows_and_file_name(client, me, auth, unique):
    older = new_batch(client, me, name="Older", started_at="2026-01-01T00:00:00Z",
                      grains_g=15, liquid_ml=500, sugar_g=0, target_hours=24)
    newer = new_batch(client, me, name="Newer", kind="water",
                      started_at="2026-02-01T00:00:00Z")
    fed = add(client, me, older["batch_id"], type="fed", at="2026-01-01T01:00:00Z")
    ph = add(client, me, older["batch_id"], type="ph", ph=4.5, note="tangy",
             at="2026-01-01T02:00:00Z")
    new_batch(client, auth.headers(f"other-{unique}@example.com"), name="Not mine")

    response = client.get("/export.csv", headers=me)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    today = datetime.now(timezone.utc).date().isoformat()
    assert response.headers["Content-Disposition"] == \
        f'attachment; filename="bubblebatch-export-{today}.csv"'
    raw = response.get_data(as_text=True)
    assert raw.startswith(HEADER_LINE + "\r\n") and raw.endswith("\r\n")
    assert list(HEADER) == HEADER_LINE.split(",")
    assert parse(response)[1:] == [
        [newer["batch_id"], "Newer", "water", "fermenting", "2026-02-01T00:00:00Z",
         "", "", "", "", "", "", "", "", "", "", ""],
        [older["batch_id"], "Older", "milk", "fermenting", "2026-01-01T00:00:00Z",
         "15", "500", "0", "24", fed["event_id"], "fed", "2026-01-01T01:00:00Z",
         "", "", "", ""],
        [older["batch_id"], "Older", "milk", "fermenting", "2026-01-01T00:00:00Z",
         "15", "500", "0", "24", ph["event_id"], "ph", "2026-01-01T02:00:00Z",
         "", "4.5", "", "tangy"],
    ]


def test_an_empty_account_exports_the_header_alone(client, me):
    assert client.get("/export.csv", headers=me).get_data(as_text=True) == HEADER_LINE + "\r\n"


@pytest.mark.parametrize("trigger", ["=", "+", "-", "@", "\t", "\r"])
def test_every_formula_trigger_is_defused(client, me, trigger):
    batch = new_batch(client, me, name=f"{trigger}HYPERLINK(\"http://evil\")")
    add(client, me, batch["batch_id"], type="note", note=f"{trigger}1+1")
    row = parse(client.get("/export.csv", headers=me))[1]
    assert row[1] == f"'{trigger}HYPERLINK(\"http://evil\")"
    assert row[15] == f"'{trigger}1+1"


def test_negative_numbers_are_defused_too_and_safe_text_is_untouched():
    assert cell(-2) == "'-2"
    assert cell(-2.5) == "'-2.5"
    assert cell("a=b") == "a=b" and cell(0) == "0" and cell(None) == ""


def test_rfc_4180_quoting(client, me):
    batch = new_batch(client, me, name='Jar, "the big one"')
    add(client, me, batch["batch_id"], type="note", note="line one\nline two")
    response = client.get("/export.csv", headers=me)
    assert '"Jar, ""the big one"""' in response.get_data(as_text=True)
    assert parse(response)[1][15] == "line one\nline two"


def test_pages_are_read_one_at_a_time(client, me, wiring, round_trips):
    for n in range(3):
        batch = new_batch(client, me, name=f"b{n}")
        add(client, me, batch["batch_id"], type="fed")
    with round_trips.watching(wiring.aws.dynamodb):
        assert len(parse(client.get("/export.csv", headers=me))) == 4
    assert round_trips.calls == {"Query": 4}  # the batches page, then one page per batch


@pytest.fixture
def small_inline_app(local_settings):
    app = create_app(local_settings.with_resources(export_inline_max_bytes=2000))
    app.config["TESTING"] = True
    return app


def test_a_big_export_is_a_303_to_a_short_lived_download(small_inline_app, auth, unique):
    client = small_inline_app.test_client()
    headers = auth.headers(f"{unique}@example.com")
    batch = new_batch(client, headers)
    for n in range(30):
        add(client, headers, batch["batch_id"], type="note", note=f"note number {n}")
    response = client.get("/export.csv", headers=headers)
    assert response.status_code == 303
    location = response.headers["Location"]
    assert "/exports/" in location and "Expires=" in location
    download = requests.get(location, timeout=10)
    assert download.status_code == 200
    assert download.text.startswith(HEADER_LINE + "\r\n")
    assert len(list(csv.reader(io.StringIO(download.text, newline="")))) == 31
    assert 'filename="bubblebatch-export-' in download.headers["Content-Disposition"]


def test_export_needs_a_token(client):
    assert client.get("/export.csv").status_code == 401
