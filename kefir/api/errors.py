"""The one place that turns every failure into the contract's error shape."""
from __future__ import annotations

import logging

from flask import Flask, abort, jsonify, request
from marshmallow import ValidationError
from werkzeug.exceptions import HTTPException

from kefir.errors import AppError

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 64 * 1024

STATUS_BY_CODE = {
    "bad_request": 400,
    "invalid_cursor": 400,
    "invalid_code": 401,
    "session_expired": 401,
    "unauthorized": 401,
    "forbidden": 403,
    "not_found": 404,
    "method_not_allowed": 405,
    "conflict": 409,
    "limit_reached": 409,
    "idempotency_in_progress": 409,
    "invalid_state": 409,
    "version_conflict": 412,
    "payload_too_large": 413,
    "unsupported_media_type": 415,
    "validation_error": 422,
    "idempotency_key_reused": 422,
    "rate_limited": 429,
    "internal_error": 500,
    "service_unavailable": 503,
}

_HTTP_CODES = {
    400: ("bad_request", "The request could not be understood."),
    401: ("unauthorized", "A valid access token is required."),
    404: ("not_found", "Not found."),
    405: ("method_not_allowed", "This method is not allowed here."),
    406: ("not_acceptable", "No representation matches the Accept header."),
    412: ("version_conflict", "The resource was changed by someone else."),
    413: ("payload_too_large", f"The request body is larger than {MAX_BODY_BYTES // 1024} KiB."),
    415: ("unsupported_media_type", "Send the body as application/json."),
    429: ("rate_limited", "Too many requests; try again later."),
}


def error_response(code: str, message: str, details: dict | None = None, *,
                   status: int | None = None, retry_after: int | None = None):
    response = jsonify({"error": {"code": code, "message": message, "details": details or {}}})
    response.status_code = status or STATUS_BY_CODE.get(code, 500)
    if retry_after is not None:
        response.headers["Retry-After"] = str(retry_after)
    return response


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(AppError)
    def app_error(error: AppError):
        if error.code == "service_unavailable":
            log.warning("dependency unavailable: %s", error.__cause__ or error)
        return error_response(error.code, error.message, error.details,
                              retry_after=error.retry_after)

    @app.errorhandler(ValidationError)
    def validation_error(error: ValidationError):
        details = error.messages if isinstance(error.messages, dict) else {"_body": error.messages}
        return error_response("validation_error", "Some fields are not valid.", details)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        code, message = _HTTP_CODES.get(error.code or 500, ("internal_error", error.name))
        response = error_response(code, message, status=error.code)
        if error.code == 405 and getattr(error, "valid_methods", None):
            response.headers["Allow"] = ", ".join(error.valid_methods)
        return response

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        log.exception("unhandled error")
        return error_response("internal_error", "Something went wrong on our side.")


def refuse_oversized_bodies(app: Flask) -> None:
    """Answer 413 from the declared length alone, before routing or reading the body, so
    even a route that never reads its body cannot be sent one larger than the cap."""
    @app.before_request
    def check_length():
        limit = app.config["MAX_CONTENT_LENGTH"]
        if request.content_length is not None and request.content_length > limit:
            abort(413)
