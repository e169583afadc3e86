"""Operational endpoints: health and the OpenAPI document."""
from flask import Blueprint, current_app, jsonify

import kefir
from kefir.api.operation import operation
from kefir.schemas.common import Health

bp = Blueprint("ops", __name__)


@bp.get("/health")
@operation("Liveness; touches no AWS service", tag="operations", auth=False,
           responses={200: Health})
def health():
    stage = current_app.extensions["kefir"].settings.stage
    return jsonify(Health().dump({"status": "ok", "version": kefir.__version__, "stage": stage}))


@bp.get("/openapi.json")
@operation("This OpenAPI 3 document", tag="operations", auth=False,
           responses={200: {"description": "The OpenAPI document.",
                            "content": {"application/json": {"schema": {"type": "object"}}}}})
def openapi():
    # Imported here: apispec is needed by no other request, and a Lambda cold start
    # compiles every module it imports (its package directory is read-only).
    from kefir.api.openapi import build_spec
    return jsonify(build_spec(current_app))
