"""`@idempotent`: honour an optional Idempotency-Key header on a POST view.

Place it under `@operation` and list `IDEMPOTENCY_KEY` in the operation's `headers` so the
OpenAPI document shows it. The view runs as usual; its answer is stored and replayed by
`kefir.services.idempotency`.
"""
from __future__ import annotations

import functools
import re

from flask import Response, current_app, request

from kefir.api.operation import json_body
from kefir.errors import BadRequest
from kefir.services.idempotency import Reply, fingerprint, run_once

HEADER = "Idempotency-Key"
_VALID_KEY = re.compile(r"^[\x21-\x7e]{1,255}$")
_KEPT_HEADERS = ("Location", "Content-Type", "ETag")

IDEMPOTENCY_KEY = {
    "in": "header", "name": HEADER, "required": False,
    "schema": {"type": "string", "minLength": 1, "maxLength": 255},
    "description": "Optional, 1-255 visible ASCII characters (a UUID is ideal). The same key "
                   "with the same body within 24 h returns the first answer (with "
                   "`Idempotent-Replayed: true`) and writes nothing again. The same key with "
                   "a different body is `422 idempotency_key_reused`; while the first request "
                   "is still running, a duplicate is `409 idempotency_in_progress`. Only "
                   "successful answers are kept, so a retry after an error runs again.",
}


def idempotent(view):
    @functools.wraps(view)
    def wrapper(*, user, **kwargs):
        key = request.headers.get(HEADER)
        if key is None:
            return view(user=user, **kwargs)
        if not _VALID_KEY.match(key):
            raise BadRequest(f"{HEADER} must be 1-255 visible ASCII characters.",
                             details={HEADER: ["Not a valid idempotency key."]})
        from kefir.wiring import wiring
        reply, replayed = run_once(
            wiring().idempotency, user_id=user.user_id, key=key,
            request_fingerprint=fingerprint(request.method, request.path, json_body(optional=True)),
            work=lambda: _capture(view(user=user, **kwargs)))
        response = Response(reply.body, status=reply.status, headers=reply.headers)
        if replayed:
            response.headers["Idempotent-Replayed"] = "true"
        return response

    return wrapper


def _capture(answer) -> Reply:
    response = current_app.make_response(answer)
    headers = {name: response.headers[name] for name in _KEPT_HEADERS if name in response.headers}
    return Reply(response.status_code, response.get_data(as_text=True), headers)
