"""The cross-user assertion fails on every kind of leak it exists to catch."""
import pytest

from tests.helpers import assert_isolated

NOT_FOUND = {"error": {"code": "not_found", "message": "Not found.", "details": {}}}


class Response:
    def __init__(self, status_code, body, content_type="application/json"):
        self.status_code = status_code
        self.body = body
        self.headers = {"Content-Type": content_type}

    def json(self):
        return self.body


def isolated_api():
    def call(user, resource_id):
        return Response(404, {**NOT_FOUND, "request_id": f"{user}-{resource_id}"})
    return call


def test_identical_404s_and_no_change_pass():
    state = {"name": "jar"}
    assert_isolated("bob", isolated_api(), lambda: dict(state), "b1")


def test_a_leaked_resource_fails():
    with pytest.raises(AssertionError, match="answered 200"):
        assert_isolated("bob", lambda user, rid: Response(200, {"name": "jar"}),
                        dict, "b1")


def test_a_different_404_for_foreign_ids_fails():
    def call(user, resource_id):
        if resource_id == "b1":
            return Response(404, {"error": {**NOT_FOUND["error"], "message": "Not yours."}})
        return Response(404, NOT_FOUND)
    with pytest.raises(AssertionError, match="answer differently"):
        assert_isolated("bob", call, dict, "b1")


def test_a_different_content_type_fails():
    def call(user, resource_id):
        return Response(404, NOT_FOUND, "text/html" if resource_id == "b1" else "application/json")
    with pytest.raises(AssertionError):
        assert_isolated("bob", call, dict, "b1")


def test_a_change_made_by_the_intruder_fails():
    state = {"name": "jar"}

    def call(user, resource_id):
        state["name"] = "stolen"
        return Response(404, NOT_FOUND)
    with pytest.raises(AssertionError, match="changed the resource"):
        assert_isolated("bob", call, lambda: dict(state), "b1")
