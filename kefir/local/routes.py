"""Local-mode-only endpoints (registered only in local mode; elsewhere /_local is 404)."""
from flask import Blueprint, jsonify
from marshmallow import Schema, fields

from kefir.api.operation import json_body, operation
from kefir.jobs.reminders import run_once
from kefir.schemas.common import IsoDateTime, StrictSchema
from kefir.wiring import wiring

bp = Blueprint("local", __name__, url_prefix="/_local")


class RunNow(StrictSchema):
    now = IsoDateTime(load_default=None, metadata={"description": "Run as if the clock read this."})


class RunCounts(Schema):
    sent = fields.Integer(required=True)
    failed = fields.Integer(required=True)
    skipped = fields.Integer(required=True)


@bp.post("/reminders/run")
@operation("Local mode: run one reminder pass now", tag="local", auth=False,
           responses={200: RunCounts},
           description="Optional body `{\"now\": \"<ISO time>\"}` runs the pass as if the "
                       "clock read `now`. Exists only in local mode.")
def run_reminders():
    body = RunNow().load(json_body(optional=True))
    return jsonify(RunCounts().dump(run_once(wiring(), body["now"])))
