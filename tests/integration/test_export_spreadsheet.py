"""The CSV export opened by a real spreadsheet: LibreOffice Calc, headless.

`make test` installs Debian's LibreOffice Calc (scripts/ensure_libreoffice.sh). The file
is converted to flat OpenDocument (XML) and read back cell by cell, so the test sees what
a person would: accents intact, numbers as numbers, formulas never evaluated.
"""
from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ElementTree

import pytest

_NS = {"table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
       "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
       "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0"}
# Comma-separated, `"` quotes, UTF-8 (LibreOffice's charset number 76), from line 1: what a
# person picks in Calc's import dialog. The headless import has no dialog to sniff the
# charset with, so it is named here.
_CSV_IMPORT = "CSV:44,34,76,1"


def _office() -> str:
    found = shutil.which("soffice")
    if found is None:
        pytest.fail("LibreOffice is missing: `make test` installs it "
                    "(scripts/ensure_libreoffice.sh)")
    return found


def open_in_calc(csv_bytes: bytes, workdir) -> list[list[tuple[str, str]]]:
    """Each row of the first sheet as (value type, value) pairs, as Calc imported it."""
    source = workdir / "export.csv"
    source.write_bytes(csv_bytes)
    subprocess.run(
        [_office(), f"-env:UserInstallation=file://{workdir}/profile", "--headless",
         f"--infilter={_CSV_IMPORT}", "--convert-to", "fods", "--outdir", str(workdir),
         str(source)],
        check=True, capture_output=True, timeout=120)
    sheet = ElementTree.parse(workdir / "export.fods").find(".//table:table", _NS)
    rows = []
    for row in sheet.findall("table:table-row", _NS):
        cells = []
        for cell in row.findall("table:table-cell", _NS):
            repeat = int(cell.get(f"{{{_NS['table']}}}number-columns-repeated", "1"))
            kind = cell.get(f"{{{_NS['office']}}}value-type", "")
            if kind == "float":
                value = cell.get(f"{{{_NS['office']}}}value")
            else:
                value = "\n".join("".join(p.itertext()) for p in cell.findall("text:p", _NS))
            cells.extend([(kind, value)] * min(repeat, 50))
        rows.append(cells)
    return rows


def test_calc_reads_accents_numbers_and_text_as_written(client, me, tmp_path):
    batch = client.post("/batches", headers=me, json={
        "name": "Crème fraîche", "kind": "milk", "started_at": "2026-01-01T09:00:00Z",
        "grains_g": 15, "liquid_ml": 500, "temperature_c": -2,
        "notes": "Zoë's grains; =1+1"}).get_json()
    client.post(f"/batches/{batch['batch_id']}/events", headers=me,
                json={"type": "temperature", "temperature_c": -2.5, "note": " =SUM(A1)",
                      "at": "2026-01-01T10:00:00Z"})
    client.post(f"/batches/{batch['batch_id']}/events", headers=me,
                json={"type": "ph", "ph": 4.5, "note": "x;=1+1", "at": "2026-01-01T11:00:00Z"})
    export = client.get("/export.csv", headers=me)
    assert export.status_code == 200

    header, first, second = open_in_calc(export.get_data(), tmp_path)[:3]
    assert header[0] == ("string", "batch_id") and header[16] == ("string", "batch_notes")
    assert first[1] == ("string", "Crème fraîche")
    assert first[5] == ("float", "15") and first[6] == ("float", "500")
    assert first[12] == ("float", "-2.5")
    assert first[15] == ("string", "' =SUM(A1)")
    assert first[16] == ("string", "Zoë's grains; =1+1")
    assert second[13] == ("float", "4.5")
    assert second[15] == ("string", "x;=1+1")
