"""The caller's IP: API Gateway's own view behind Lambda, never a forgeable header."""
from flask import Flask

from kefir.api.client_ip import client_ip

app = Flask(__name__)


def ip_for(environ=None, headers=None, remote="10.0.0.9"):
    base = {"REMOTE_ADDR": remote, **(environ or {})}
    with app.test_request_context("/", headers=headers or {}, environ_base=base):
        return client_ip()


def test_local_mode_uses_the_socket_peer():
    assert ip_for(headers={"X-Forwarded-For": "6.6.6.6"}) == "10.0.0.9"


def test_rest_api_source_ip_wins_over_a_forged_header():
    event = {"requestContext": {"identity": {"sourceIp": "203.0.113.7"}}}
    # Zappa would have put the forged address (second to last) into REMOTE_ADDR.
    assert ip_for({"lambda.event": event}, {"X-Forwarded-For": "6.6.6.6, 203.0.113.7"},
                  remote="6.6.6.6") == "203.0.113.7"


def test_http_api_source_ip():
    event = {"version": "2.0", "requestContext": {"http": {"sourceIp": "198.51.100.4"}}}
    assert ip_for({"lambda.event": event}) == "198.51.100.4"


def test_an_event_without_a_source_ip_shares_one_bucket():
    assert ip_for({"lambda.event": {"requestContext": {}}}, remote="6.6.6.6") == "unknown"
