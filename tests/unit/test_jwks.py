"""The JWKS cache: a timeout, a cache, and at most one refetch a minute on unknown kids."""
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from kefir.errors import ServiceUnavailable
from kefir.identity.tokens import Jwks

KEY = {"kid": "k1", "kty": "RSA", "alg": "RS256", "n": "AQAB", "e": "AQAB"}


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def endpoint():
    state = {"hits": 0, "keys": [KEY], "delay": 0.0}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            state["hits"] += 1
            time.sleep(state["delay"])
            body = json.dumps({"keys": state["keys"]}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/jwks.json", state
    finally:
        server.shutdown()
        server.server_close()


def test_keys_are_fetched_once_and_cached(endpoint):
    url, state = endpoint
    jwks = Jwks(url, clock=Clock())
    assert jwks.key("k1") == KEY and jwks.key("k1") == KEY
    assert state["hits"] == 1


def test_an_unknown_kid_refetches_at_most_once_a_minute(endpoint):
    url, state = endpoint
    clock = Clock()
    jwks = Jwks(url, clock=clock)
    jwks.key("k1")
    for _ in range(20):
        assert jwks.key("forged") is None
    assert state["hits"] == 1
    clock.now += 61
    state["keys"] = [KEY, {**KEY, "kid": "k2"}]
    assert jwks.key("k2")["kid"] == "k2"
    assert state["hits"] == 2


def test_a_slow_endpoint_times_out_as_503(endpoint):
    url, state = endpoint
    state["delay"] = 1.0
    started = time.monotonic()
    with pytest.raises(ServiceUnavailable):
        Jwks(url, timeout_s=0.2, clock=Clock()).key("k1")
    assert time.monotonic() - started < 0.9


def test_a_failed_refresh_keeps_the_known_keys(endpoint, tmp_path):
    url, state = endpoint
    clock = Clock()
    jwks = Jwks(url, clock=clock)
    jwks.key("k1")
    jwks.location = str(tmp_path / "missing.json")
    clock.now += 61
    assert jwks.key("rotated") is None
    assert jwks.key("k1") == KEY


def test_a_file_works_like_flask_cognitos_jwks_path(tmp_path):
    path = tmp_path / "jwks.json"
    path.write_text(json.dumps({"keys": [KEY, {"no": "kid"}, "junk"]}))
    jwks = Jwks(str(path), clock=Clock())
    assert jwks.key("k1") == KEY


def test_a_garbage_document_is_503(tmp_path):
    path = tmp_path / "jwks.json"
    path.write_text("not json")
    with pytest.raises(ServiceUnavailable):
        Jwks(str(path), clock=Clock()).key("k1")
