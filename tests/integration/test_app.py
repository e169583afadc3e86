"""The app's cross-cutting behaviour, in process: errors, body parsing, request ids."""
import io
import json
import logging
import re

import pytest
from flask import Blueprint, jsonify
from marshmallow import fields

from kefir.api.operation import operation
from kefir.logs import JsonFormatter, TextFormatter
from kefir.schemas.common import StrictSchema


class Echo(StrictSchema):
    name = fields.String(required=True)


@pytest.fixture
def echo_app(app):
    bp = Blueprint("echo", __name__)

    @bp.post("/_echo")
    @operation("Echo", tag="test", auth=False, body=Echo, responses={200: Echo})
    def echo(body):
        return jsonify(body)

    @bp.get("/_boom")
    @operation("Boom", tag="test", auth=False, responses={200: Echo})
    def boom():
        raise RuntimeError("secret internals")

    app.register_blueprint(bp)
    return app


def assert_error(response, status, code):
    assert response.status_code == status
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert set(body) == {"error"}
    assert body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    assert isinstance(body["error"]["details"], dict)
    return body["error"]


def test_a_valid_body_is_parsed(echo_app):
    response = echo_app.test_client().post("/_echo", json={"name": "jar"})
    assert response.get_json() == {"name": "jar"}


def test_malformed_json_is_400(echo_app):
    response = echo_app.test_client().post("/_echo", data="{nope",
                                           content_type="application/json")
    assert_error(response, 400, "bad_request")


def test_a_json_array_is_400(echo_app):
    response = echo_app.test_client().post("/_echo", json=["x"])
    assert_error(response, 400, "bad_request")


def test_wrong_content_type_is_415(echo_app):
    response = echo_app.test_client().post("/_echo", data="name=jar",
                                           content_type="application/x-www-form-urlencoded")
    assert_error(response, 415, "unsupported_media_type")


def test_unknown_and_missing_fields_are_422_per_field(echo_app):
    response = echo_app.test_client().post("/_echo", json={"owner": "me"})
    error = assert_error(response, 422, "validation_error")
    assert set(error["details"]) == {"name", "owner"}


def test_an_unexpected_error_is_500_without_internals(echo_app, caplog):
    with caplog.at_level(logging.ERROR):
        response = echo_app.test_client().get("/_boom")
    error = assert_error(response, 500, "internal_error")
    assert "secret internals" not in json.dumps(error)
    assert "Traceback" not in response.get_data(as_text=True)
    assert any("unhandled error" in r.getMessage() for r in caplog.records)


GATEWAY_EVENT = {"requestContext": {"requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"}}


def _access_lines(client, formatter, path="/health", **request):
    """The response and the log lines of one request, through `formatter`."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(formatter)
    logging.getLogger().addHandler(handler)
    try:
        response = client.get(path, **request)
    finally:
        logging.getLogger().removeHandler(handler)
    return response, stream.getvalue().splitlines()


def test_api_gateways_request_id_is_the_request_id(client):
    """Issue 14, finding 8a: a client's X-Request-Id never becomes the request id."""
    response, lines = _access_lines(client, JsonFormatter(), headers={"X-Request-Id": "forged-1"},
                                    environ_base={"lambda.event": GATEWAY_EVENT})
    access = [json.loads(line) for line in lines if '"kefir.access"' in line]
    assert response.headers["X-Request-Id"] == "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
    assert access[-1]["request_id"] == "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
    assert access[-1]["client_request_id"] == "forged-1"


def test_without_api_gateway_a_clients_id_is_only_logged_as_its_own(client):
    response, lines = _access_lines(client, JsonFormatter(), headers={"X-Request-Id": "abc-123"})
    access = [json.loads(line) for line in lines if '"kefir.access"' in line][-1]
    assert response.headers["X-Request-Id"] != "abc-123"
    assert len(response.headers["X-Request-Id"]) == 32
    assert access["request_id"] == response.headers["X-Request-Id"]
    assert access["client_request_id"] == "abc-123"


def test_an_unsafe_client_request_id_is_not_logged(client):
    _, lines = _access_lines(client, JsonFormatter(), headers={"X-Request-Id": "a b<c>"})
    access = [json.loads(line) for line in lines if '"kefir.access"' in line][-1]
    assert access["client_request_id"] == "(unsafe)"


def test_the_json_access_line_says_what_happened(client):
    _, lines = _access_lines(client, JsonFormatter())
    access = [json.loads(line) for line in lines if '"kefir.access"' in line][-1]
    assert {k: access[k] for k in ("method", "path", "status", "user_id")} == {
        "method": "GET", "path": "/health", "status": 200, "user_id": "-"}
    assert isinstance(access["duration_ms"], int)


def test_the_text_access_line_is_one_readable_line_with_the_user(client, auth, unique):
    headers = auth.headers(f"{unique}@example.com")
    user_id = client.get("/me", headers=headers).get_json()["user_id"]
    _, lines = _access_lines(client, TextFormatter())
    assert re.fullmatch(r"\d\d:\d\d:\d\d INFO  GET /health 200 \d+ ms user_id=-", lines[-1])
    _, lines = _access_lines(client, TextFormatter(), "/me", headers=headers)
    assert re.fullmatch(rf"\d\d:\d\d:\d\d INFO  GET /me 200 \d+ ms user_id={user_id}",
                        lines[-1])
