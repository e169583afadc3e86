"""A local stand-in for Expo's push service, so the real SDK's HTTP path runs in local mode.

It speaks Expo's /--/api/v2/push/send and /--/api/v2/push/getReceipts shapes, appends
each accepted message as `{"to", "title", "body", "data", "categoryId"}` to the push
outbox, and answers `DeviceNotRegistered` for tokens containing `Unregistered`. Tests may
make it fail the next requests (`fail_next`) and count what it was asked (`requests`).
"""
from __future__ import annotations

import json
import secrets
import threading
from pathlib import Path

from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

from kefir.local.outbox import append_line

API = "/--/api/v2"


class ExpoStandIn:
    def __init__(self, outbox: Path, access_token: str | None = None):
        self.outbox = outbox
        self.access_token = access_token
        self.requests: list[str] = []
        self._tickets: dict[str, dict] = {}
        self._failures: list[int] = []
        self._lock = threading.Lock()
        self._server = None

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> ExpoStandIn:
        self._server = make_server("127.0.0.1", 0, self.wsgi_app, threaded=True)
        threading.Thread(target=self._server.serve_forever, name="expo-stand-in",
                         daemon=True).start()
        return self

    def stop(self) -> None:
        self._server.shutdown()

    def fail_next(self, status: int, times: int = 1) -> None:
        """Answer the next `times` requests with this HTTP status, as Expo does when busy."""
        with self._lock:
            self._failures.extend([status] * times)

    def receipt_error(self, ticket_id: str, error: str) -> None:
        """Make a later receipt for this ticket report `error` (e.g. DeviceNotRegistered)."""
        with self._lock:
            self._tickets[ticket_id] = {"status": "error", "message": error,
                                        "details": {"error": error}}

    def wsgi_app(self, environ, start_response):
        request = Request(environ)
        with self._lock:
            self.requests.append(request.path)
            failure = self._failures.pop(0) if self._failures else None
        if failure:
            response = _json({"errors": [{"code": "INTERNAL_SERVER_ERROR",
                                          "message": "stand-in failure"}]}, failure)
        elif self.access_token and \
                request.headers.get("Authorization") != f"Bearer {self.access_token}":
            response = _json({"errors": [{"code": "UNAUTHORIZED",
                                          "message": "bad access token"}]}, 401)
        elif request.method == "POST" and request.path == f"{API}/push/send":
            response = _json({"data": [self._accept(m) for m in _messages(request)]})
        elif request.method == "POST" and request.path == f"{API}/push/getReceipts":
            ids = (request.get_json(silent=True) or {}).get("ids", [])
            with self._lock:
                found = {i: self._tickets[i] for i in ids if i in self._tickets}
            response = _json({"data": found})
        else:
            response = _json({"errors": [{"code": "NOT_FOUND", "message": "no such path"}]}, 404)
        return response(environ, start_response)

    def _accept(self, message: dict) -> dict:
        to = message.get("to", "")
        if "Unregistered" in to:
            return {"status": "error", "message": f"{to} is not a registered push recipient",
                    "details": {"error": "DeviceNotRegistered"}}
        append_line(self.outbox, {k: message.get(k)
                                  for k in ("to", "title", "body", "data", "categoryId")})
        ticket_id = secrets.token_hex(16)
        with self._lock:
            self._tickets.setdefault(ticket_id, {"status": "ok"})
        return {"status": "ok", "id": ticket_id}


def _messages(request: Request) -> list[dict]:
    body = json.loads(request.get_data() or b"[]")
    return body if isinstance(body, list) else [body]


def _json(body: dict, status: int = 200) -> Response:
    return Response(json.dumps(body), status=status, mimetype="application/json")
