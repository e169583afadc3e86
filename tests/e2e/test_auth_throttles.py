"""Login throttles over HTTP, each on its own server with low limits."""
import pytest
import requests

from tests.e2e.conftest import local_server
from tests.e2e.test_foundation import assert_error_shape

pytestmark = pytest.mark.e2e


def login(server, email):
    return requests.post(server.url("/auth/login"), json={"email": email}, timeout=10)


def test_per_email_limit_answers_alike_for_known_and_unknown(tmp_path, unique):
    with local_server(tmp_path, KEFIR_LOGIN_MAX_PER_EMAIL="2",
                      KEFIR_LOGIN_MAX_PER_IP="100") as server:
        known, unknown = f"known-{unique}@example.com", f"new-{unique}@example.com"
        refused = []
        for email in (known, unknown):
            assert [login(server, email).status_code for _ in range(2)] == [202, 202]
            refused.append(login(server, email))
        for response in refused:
            assert_error_shape(response, 429, "rate_limited")
            assert 0 < int(response.headers["Retry-After"]) <= 900
        assert refused[0].json() == refused[1].json()
        # Other emails from the same address are not held back by these two.
        assert login(server, f"third-{unique}@example.com").status_code == 202


def test_per_ip_limit(tmp_path, unique):
    with local_server(tmp_path, KEFIR_LOGIN_MAX_PER_IP="3") as server:
        answers = [login(server, f"{n}-{unique}@example.com").status_code for n in range(3)]
        assert answers == [202, 202, 202]
        refused = login(server, f"4-{unique}@example.com")
        assert_error_shape(refused, 429, "rate_limited")
        assert 0 < int(refused.headers["Retry-After"]) <= 3600
        spoofed = requests.post(server.url("/auth/login"), timeout=10,
                                json={"email": f"5-{unique}@example.com"},
                                headers={"X-Forwarded-For": "198.51.100.99"})
        assert spoofed.status_code == 429
