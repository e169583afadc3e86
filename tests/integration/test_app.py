"""The app's cross-cutting behaviour, in process: errors, body parsing, request ids."""
import io
import json
import logging

import pytest
from flask import Blueprint, jsonify
from marshmallow import fields

from kefir.api.operation import operation
from kefir.logs import JsonFormatter
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


def test_an_incoming_request_id_is_echoed(client):
    response = client.get("/health", headers={"X-Request-Id": "abc-123"})
    assert response.headers["X-Request-Id"] == "abc-123"


def test_an_unsafe_request_id_is_replaced(client):
    response = client.get("/health", headers={"X-Request-Id": "a b<c>"})
    assert response.headers["X-Request-Id"] != "a b<c>"
    assert len(response.headers["X-Request-Id"]) == 32


def test_every_log_line_is_json_with_the_request_id(client):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logging.getLogger().addHandler(handler)
    try:
        client.get("/health", headers={"X-Request-Id": "req-42"})
    finally:
        logging.getLogger().removeHandler(handler)
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    access = [line for line in lines if line["logger"] == "kefir.access"]
    assert access and access[-1]["request_id"] == "req-42"
    assert access[-1]["status"] == 200
