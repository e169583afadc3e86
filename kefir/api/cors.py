"""Cross-origin calls from browsers (the Expo web build, the share-page web host).

flask-cors decides per request whether the origin is one the stage allows and adds the
`Access-Control-*` headers, on errors too. Around it, three things the contract asks for
that it does not do by itself: a preflight is `204` with no body (Flask's automatic
OPTIONS answer is a `200`), a preflight lists every request header the API reads rather
than echoing the ones asked about, and every answer varies on `Origin`, whether or not it
was allowed (a shared cache must not hand one origin's answer to another).
"""
from __future__ import annotations

from flask import Flask, Response, request
from flask_cors import CORS

METHODS = ("DELETE", "GET", "PATCH", "POST")
REQUEST_HEADERS = ("Authorization", "Content-Type", "Idempotency-Key", "If-Match")
# Headers the API answers with that a script needs to read.
EXPOSED_HEADERS = ("Content-Disposition", "ETag", "Idempotent-Replayed", "Location",
                   "Retry-After", "X-Request-Id")
PREFLIGHT_MAX_AGE_S = 3600


def install(app: Flask, origins: tuple[str, ...]) -> None:
    """Allow calls from exactly `origins`; every other origin gets no CORS header."""
    @app.before_request
    def answer_preflight():
        if _is_preflight() and request.routing_exception is None:
            answer = Response(status=204)
            del answer.headers["Content-Type"]  # there is no body to describe
            return answer
        return None

    # Registered before flask-cors, so it runs after it (Flask runs these in reverse).
    @app.after_request
    def finish(response: Response) -> Response:
        response.vary.add("Origin")
        if _is_preflight() and "Access-Control-Allow-Origin" in response.headers:
            response.headers["Access-Control-Allow-Headers"] = ", ".join(REQUEST_HEADERS)
        return response

    CORS(app, origins=list(origins), methods=list(METHODS),
         allow_headers=list(REQUEST_HEADERS), expose_headers=list(EXPOSED_HEADERS),
         max_age=PREFLIGHT_MAX_AGE_S, supports_credentials=False, send_wildcard=False,
         # Without an Origin header flask-cors would list every allowed origin.
         always_send=False, vary_header=False)


def _is_preflight() -> bool:
    return (request.method == "OPTIONS" and "Origin" in request.headers
            and "Access-Control-Request-Method" in request.headers)
