"""Logs: JSON objects in a stage (CloudWatch queries them), one readable line each in a
developer's terminal (LOG_FORMAT). Every record carries the id of its request, and every
request ends with one access line: method, path, status, duration and user."""
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


class TextFormatter(logging.Formatter):
    """`08:30:01 INFO  GET /me 200 12 ms user=<id>`: the message, then the fields that
    the message does not already say."""

    def format(self, record: logging.LogRecord) -> str:
        line = f"{self.formatTime(record, '%H:%M:%S')} {record.levelname:<5} {record.getMessage()}"
        extra = {k: v for k, v in getattr(record, "fields", {}).items() if k not in _SAID}
        if extra:
            line += " " + " ".join(f"{k}={v}" for k, v in extra.items())
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        return line


# Fields the access line's message already shows.
_SAID = {"method", "path", "status", "duration_ms"}
FORMATTERS = {"json": JsonFormatter, "text": TextFormatter}


class _WithoutRequestLines(logging.Filter):
    """werkzeug's own line per request ("127.0.0.1 - - [date] "GET /me" 200 -") repeats
    the access line; its start-up lines (address, reloader, debugger PIN) stay."""

    def filter(self, record: logging.LogRecord) -> bool:
        return " - - [" not in str(record.msg)


def configure_logging(level: str, log_format: str = "json") -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(FORMATTERS[log_format]())
    root = logging.getLogger()
    # The Lambda runtime installs its own plain-text handler; ours replaces it.
    root.handlers[:] = [handler]
    root.setLevel(level)
    logging.getLogger("botocore").setLevel(max(logging.INFO, root.level))
    werkzeug = logging.getLogger("werkzeug")
    werkzeug.setLevel(logging.INFO)
    if not any(isinstance(f, _WithoutRequestLines) for f in werkzeug.filters):
        werkzeug.addFilter(_WithoutRequestLines())


def install_request_ids(app: Flask) -> None:
    @app.before_request
    def assign_request_id():
        g.started = time.perf_counter()
        g.request_id = _gateway_request_id() or uuid.uuid4().hex
        g.request_id_token = _request_id.set(g.request_id)

    @app.after_request
    def log_request(response):
        response.headers["X-Request-Id"] = g.get("request_id", "-")
        duration_ms = round((time.perf_counter() - g.get("started", time.perf_counter())) * 1000)
        fields = {"method": request.method, "path": request.path,
                  "status": response.status_code, "duration_ms": duration_ms,
                  "user_id": g.get("user_id", "-")}
        client_id = request.headers.get("X-Request-Id", "")
        if client_id:
            # The client's own id, for finding its reports; never the request id, which
            # a client could otherwise set to blend into someone else's requests.
            fields["client_request_id"] = client_id if _SAFE_ID.match(client_id) else "(unsafe)"
        logging.getLogger("kefir.access").info(
            "%s %s %s %d ms", request.method, request.path, response.status_code, duration_ms,
            extra={"fields": fields})
        return response

    @app.teardown_request
    def forget_request_id(_error):
        if "request_id_token" in g:
            _request_id.reset(g.request_id_token)


def note_user(user_id: str) -> None:
    """Name the authenticated caller in this request's access line."""
    g.user_id = user_id


def _gateway_request_id() -> str | None:
    """API Gateway's id of this request, from the event Zappa puts in the WSGI environ."""
    event = request.environ.get("lambda.event") or {}
    gateway_id = (event.get("requestContext") or {}).get("requestId", "")
    return gateway_id if isinstance(gateway_id, str) and _SAFE_ID.match(gateway_id) else None
