"""The HTTP contract's cross-cutting rules, over real HTTP against `flask --app kefir run`."""
import pytest
import requests

pytestmark = pytest.mark.e2e


def assert_error_shape(response, status, code):
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert error["code"] == code
    assert error["message"] and isinstance(error["details"], dict)
    assert "Traceback" not in response.text and "<html" not in response.text.lower()


def test_health(server):
    response = requests.get(server.url("/health"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "version": "0.1.0", "stage": "local"}


def test_openapi_document(server):
    spec = requests.get(server.url("/openapi.json")).json()
    assert spec["openapi"].startswith("3.")
    assert "/health" in spec["paths"]
    assert spec["components"]["schemas"]["Error"]


def test_unknown_route_is_404(server):
    assert_error_shape(requests.get(server.url("/no/such/thing")), 404, "not_found")


def test_wrong_method_is_405(server):
    response = requests.delete(server.url("/health"))
    assert_error_shape(response, 405, "method_not_allowed")
    assert "GET" in response.headers["Allow"]


def test_a_100_kib_body_is_413(server):
    response = requests.post(server.url("/health"), data=b"x" * 100 * 1024,
                             headers={"Content-Type": "application/json"})
    assert_error_shape(response, 413, "payload_too_large")


def test_local_only_paths_do_not_leak_as_html(server):
    assert_error_shape(requests.get(server.url("/_local/nothing")), 404, "not_found")
