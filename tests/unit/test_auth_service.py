"""The sign-in use cases with small fakes: throttles come before any work."""
import pytest
from jose import jwt

from kefir.config import load_settings
from kefir.errors import RateLimited
from kefir.identity.provider import Challenge, Tokens
from kefir.identity.user import User
from kefir.services.auth import AuthService

SETTINGS = load_settings({"KEFIR_LOGIN_MAX_PER_EMAIL": "2", "KEFIR_LOGIN_MAX_PER_IP": "3"})


class FakeLimiter:
    def __init__(self, refuse=()):
        self.hits, self._refuse = [], set(refuse)

    def hit(self, limit, subject):
        self.hits.append((limit.scope, subject, limit.max_hits))
        if limit.scope in self._refuse:
            raise RateLimited(retry_after=1)


class FakeIdentity:
    def __init__(self):
        self.calls = []

    def start_sign_in(self, email):
        self.calls.append(("start", email))
        return Challenge("s" * 20, 180)

    def answer(self, email, session, code):
        self.calls.append(("answer", email))
        return Tokens(jwt.encode({"sub": "u-1"}, "k", algorithm="HS256"), "id", 3600, "r")

    def email_of(self, username):
        from datetime import datetime, timezone
        return "ada@example.com", datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)


class FakeProfiles:
    def __init__(self):
        self.items = {}

    def get(self, user_id):
        return self.items.get(user_id)

    def create(self, user_id, email, created_at):
        self.items.setdefault(user_id, {"user_id": user_id, "email": email,
                                        "created_at": created_at})


def service(limiter=None):
    identity, profiles = FakeIdentity(), FakeProfiles()
    return AuthService(identity, limiter or FakeLimiter(), profiles, SETTINGS), identity, profiles


def test_login_counts_the_ip_then_the_email():
    limiter = FakeLimiter()
    auth, identity, _ = service(limiter)
    auth.login("ada@example.com", "203.0.113.7")
    assert limiter.hits == [("login-ip", "203.0.113.7", 3), ("login-email", "ada@example.com", 2)]
    assert identity.calls == [("start", "ada@example.com")]


@pytest.mark.parametrize("scope", ["login-ip", "login-email"])
def test_a_throttled_login_does_no_work(scope):
    auth, identity, _ = service(FakeLimiter(refuse={scope}))
    with pytest.raises(RateLimited):
        auth.login("ada@example.com", "203.0.113.7")
    assert identity.calls == []


def test_verify_has_a_per_email_budget_of_five_tries_per_code():
    limiter = FakeLimiter(refuse={"verify-email"})
    auth, identity, _ = service(limiter)
    with pytest.raises(RateLimited):
        auth.verify("ada@example.com", "s" * 20, "123456")
    assert limiter.hits == [("verify-email", "ada@example.com", 10)] and identity.calls == []


def test_verify_writes_the_profile_once():
    auth, _, profiles = service()
    auth.verify("ada@example.com", "s" * 20, "123456")
    first = dict(profiles.items["u-1"])
    auth.verify("ada@example.com", "s" * 20, "123456")
    assert profiles.items["u-1"] == first


def test_me_falls_back_to_the_pool_once():
    auth, _, profiles = service()
    me = auth.me(User("u-2", "u-2"))
    assert me == {"user_id": "u-2", "email": "ada@example.com",
                  "created_at": "2026-01-02T03:04:05Z"}
    assert profiles.items["u-2"] == me
