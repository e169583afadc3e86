"""The CSV export in process: exact rows, quoting, formula defusing, the S3 hand-off."""
import csv
import io
from datetime import datetime, timezone

import pytest
import requests

from kefir import create_app
from kefir.services.export import HEADER, number_cell, text_cell
from tests.helpers import new_batch

V1_COLUMNS = ("batch_id,batch_name,kind,status,started_at,grains_g,liquid_ml,sugar_g,"
              "target_hours,event_id,event_type,event_at,temperature_c,ph,rating,note")
HEADER_LINE = ",".join(f'"{name}"' for name in V1_COLUMNS.split(",") + ["batch_notes"])
BOM = "\ufeff"


def add(client, headers, batch_id, **body):
    response = client.post(f"/batches/{batch_id}/events", json=body, headers=headers)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def text_of(response) -> str:
    raw = response.get_data()
    assert raw.startswith(BOM.encode())
    return raw.decode("utf-8-sig")


def parse(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text_of(response), newline="")))


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
    text = text_of(response)
    assert text.startswith(HEADER_LINE + "\r\n") and text.endswith("\r\n")
    assert list(HEADER) == V1_COLUMNS.split(",") + ["batch_notes"]
    assert text.split("\r\n")[1:-1] == [
        f'"{newer["batch_id"]}","Newer","water","fermenting","2026-02-01T00:00:00Z",,,,,'
        '"","","",,,,"",""',
        f'"{older["batch_id"]}","Older","milk","fermenting","2026-01-01T00:00:00Z",15,500,0,24,'
        f'"{fed["event_id"]}","fed","2026-01-01T01:00:00Z",,,,"",""',
        f'"{older["batch_id"]}","Older","milk","fermenting","2026-01-01T00:00:00Z",15,500,0,24,'
        f'"{ph["event_id"]}","ph","2026-01-01T02:00:00Z",,4.5,,"tangy",""',
    ]


def test_an_empty_account_exports_the_header_alone(client, me):
    response = client.get("/export.csv", headers=me)
    assert response.get_data() == (BOM + HEADER_LINE + "\r\n").encode()


@pytest.mark.parametrize("trigger", ["=", "+", "-", "@", "\t", "\r", "\n"])
@pytest.mark.parametrize("spaces", ["", "   "])
def test_every_formula_trigger_is_defused_even_after_spaces(client, me, trigger, spaces):
    batch = new_batch(client, me, name=f"{spaces}{trigger}HYPERLINK(\"http://evil\")",
                      notes=f"{spaces}{trigger}2+2")
    add(client, me, batch["batch_id"], type="note", note=f"{spaces}{trigger}1+1")
    row = parse(client.get("/export.csv", headers=me))[1]
    assert row[1] == f"'{spaces}{trigger}HYPERLINK(\"http://evil\")"
    assert row[15] == f"'{spaces}{trigger}1+1"
    assert row[16] == f"'{spaces}{trigger}2+2"


def test_numbers_stay_numbers_and_text_is_always_quoted():
    assert number_cell(-2) == "-2" and number_cell(-2.5) == "-2.5"
    assert number_cell(0) == "0" and number_cell(None) == ""
    assert text_cell("-2") == "\"'-2\""
    assert text_cell("a=b") == '"a=b"' and text_cell("") == '""' and text_cell(None) == '""'
    assert text_cell("x;=1+1") == '"x;=1+1"'


def test_a_note_with_a_semicolon_stays_one_quoted_cell(client, me):
    # A spreadsheet that splits on `;` must still see one cell, never a bare `=1+1`.
    batch = new_batch(client, me, temperature_c=-2)
    add(client, me, batch["batch_id"], type="temperature", temperature_c=-2, note="x;=1+1")
    line = text_of(client.get("/export.csv", headers=me)).split("\r\n")[1]
    assert ',-2,,,"x;=1+1",' in line


def test_batch_notes_and_accents_are_exported(client, me):
    new_batch(client, me, name="Crème fraîche", notes="Grains from Zoë; 2 tbsp")
    row = parse(client.get("/export.csv", headers=me))[1]
    assert row[1] == "Crème fraîche" and row[16] == "Grains from Zoë; 2 tbsp"


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
    text = download.content.decode("utf-8-sig")
    assert download.content.startswith(BOM.encode()) and text.startswith(HEADER_LINE + "\r\n")
    assert len(list(csv.reader(io.StringIO(text, newline="")))) == 31
    assert 'filename="bubblebatch-export-' in download.headers["Content-Disposition"]


def test_export_needs_a_token(client):
    assert client.get("/export.csv").status_code == 401
