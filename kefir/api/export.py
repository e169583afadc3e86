"""The CSV export of everything the caller owns."""
from __future__ import annotations

from flask import Blueprint, Response, redirect

from kefir.api.operation import operation
from kefir.clock import utcnow
from kefir.services.export import CONTENT_TYPE, export_csv
from kefir.wiring import wiring

bp = Blueprint("export", __name__)


@bp.get("/export.csv")
@operation(
    "Everything I recorded, as CSV", tag="export",
    responses={
        200: {"description": "The CSV file.", "content": {
            "text/csv": {"schema": {"type": "string"}}}},
        303: {"description": "The export is larger than 5 MiB: `Location` is a presigned "
                             "download that lasts 5 minutes."},
    },
    description="One header row, then one row per event with its batch's columns, and one "
                "row for each batch without events; batches newest first, each batch's "
                "events oldest first. The v1 columns keep their order; `batch_notes` is "
                "appended at the end. UTF-8 with a byte order mark, CRLF line ends. Numeric "
                "columns (`grains_g`, `liquid_ml`, `sugar_g`, `target_hours`, "
                "`temperature_c`, `ph`, `rating`) are plain unquoted numbers (`-2` stays "
                "`-2`) or empty; every other cell, the header included, is quoted "
                "(RFC 4180, `\"` doubled). A text cell that starts with `=`, `+`, `-`, `@`, "
                "a tab, a carriage return or a line feed, possibly after spaces, is prefixed "
                "with `'` so that no spreadsheet runs it as a formula. The "
                "export is read from the table one page at a time and built in a temporary "
                "file; up to 5 MiB it is the answer's body, beyond that (API Gateway caps a "
                "Lambda answer near 6 MB) it is uploaded to storage under `exports/` and the "
                "answer is `303 See Other` to a presigned download with the same file name. "
                "A download follows the redirect without the Authorization header.")
def export(user):
    w = wiring()
    result = export_csv(w.batches, w.objects, user.user_id, today=utcnow().date(),
                        inline_max_bytes=w.settings.export_inline_max_bytes)
    if result.download_url:
        response = redirect(result.download_url, code=303)
    else:
        response = Response(result.body, content_type=CONTENT_TYPE)
        response.headers["Content-Length"] = str(result.size)
        response.headers["Content-Disposition"] = f'attachment; filename="{result.file_name}"'
    response.headers["Cache-Control"] = "no-store"
    return response
