"""JSON logs, one object per line, each carrying the id of the request it belongs to."""
from __future__ import annotations

import contextvars
import json
import logging
import re
import sys
import time
import uuid

from flask import Flask, g, request

_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class JsonFormatter(logging.Formatter):
    converter = time.gmtime

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S") + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": _request_id.get(),
        }
        entry.update(getattr(record, "fields", {}))
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


def configure_logging(level: str) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    # The Lambda runtime installs its own plain-text handler; ours replaces it.
    root.handlers[:] = [handler]
    root.setLevel(level)
    logging.getLogger("botocore").setLevel(max(logging.INFO, root.level))
    logging.getLogger("werkzeug").setLevel(logging.WARNING)


def install_request_ids(app: Flask) -> None:
    @app.before_request
    def assign_request_id():
        g.request_id = _incoming_request_id() or uuid.uuid4().hex
        g.request_id_token = _request_id.set(g.request_id)

    @app.after_request
    def echo_request_id(response):
        response.headers["X-Request-Id"] = g.get("request_id", "-")
        log = logging.getLogger("kefir.access")
        log.info("%s %s %s", request.method, request.path, response.status_code,
                 extra={"fields": {"status": response.status_code}})
        return response

    @app.teardown_request
    def forget_request_id(_error):
        if "request_id_token" in g:
            _request_id.reset(g.request_id_token)


def _incoming_request_id() -> str | None:
    candidate = request.headers.get("X-Request-Id", "")
    if _SAFE_ID.match(candidate):
        return candidate
    event = request.environ.get("lambda.event") or {}
    gateway_id = (event.get("requestContext") or {}).get("requestId", "")
    return gateway_id if _SAFE_ID.match(gateway_id) else None
