"""The sign-in use cases with small fakes: throttles come before any work."""
import pytest
from jose import jwt

from kefir.config import load_settings
from collections import Counter

from kefir.errors import InvalidCode, RateLimited, SessionExpired
from kefir.identity.provider import Challenge, Tokens
from kefir.identity.user import User
from kefir.services.auth import AuthService

SETTINGS = load_settings({"KEFIR_LOGIN_MAX_PER_EMAIL": "2", "KEFIR_LOGIN_MAX_PER_IP": "3",
                          "KEFIR_VERIFY_MAX_PER_IP": "40"})
IP, SESSION = "203.0.113.7", "real-session"


class FakeLimiter:
    """Counts as the real limiter does (hits over the limit are refused), in memory."""

    def __init__(self, refuse=()):
        self.hits, self._refuse, self._counts = [], set(refuse), Counter()

    def hit(self, limit, subject):
        self.hits.append((limit.scope, subject, limit.max_hits))
        self._counts[limit.scope, subject] += 1
        if limit.scope in self._refuse or self._counts[limit.scope, subject] > limit.max_hits:
            raise RateLimited(retry_after=1)

    def check(self, limit, subject):
        if self._counts[limit.scope, subject] > limit.max_hits:
            raise RateLimited(retry_after=1)


class FakeIdentity:
    def __init__(self):
        self.calls = []

    def start_sign_in(self, email):
        self.calls.append(("start", email))
        return Challenge("s" * 20, 180)

    def answer(self, email, session, code):
        """Sessions starting `real-` were started for ada@example.com; her code is 12345678."""
        self.calls.append(("answer", email))
        if email != "ada@example.com" or not session.startswith("real-"):
            raise SessionExpired()
        if code != "12345678":
            raise InvalidCode()
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


def test_verify_counts_the_ip_and_the_session_before_any_work():
    limiter = FakeLimiter()
    auth, _, _ = service(limiter)
    auth.verify("ada@example.com", SESSION, "12345678", IP)
    assert limiter.hits == [("verify-ip", IP, 40), ("verify-session", SESSION, 5)]


@pytest.mark.parametrize("scope", ["verify-ip", "verify-session"])
def test_a_throttled_verify_does_no_work(scope):
    auth, identity, _ = service(FakeLimiter(refuse={scope}))
    with pytest.raises(RateLimited):
        auth.verify("ada@example.com", SESSION, "12345678", IP)
    assert identity.calls == []


def test_made_up_sessions_never_spend_the_emails_budget():
    # The lock-out attack: many sessions nobody started, with the victim's email.
    limiter = FakeLimiter()
    auth, _, _ = service(limiter)
    for n in range(26):
        with pytest.raises(SessionExpired):
            auth.verify("ada@example.com", f"made-up-{n}", "00000000", f"198.51.100.{n}")
    assert auth.verify("ada@example.com", SESSION, "12345678", IP).access_token
    assert not [h for h in limiter.hits if h[0] == "verify-email"]


def test_wrong_codes_of_real_sessions_spend_the_emails_budget():
    # Two codes the email may ask for, five tries each: the eleventh wrong code is refused,
    # and from then on even the right one is, without asking the identity provider.
    auth, identity, _ = service()
    for n in range(10):
        with pytest.raises(InvalidCode):
            auth.verify("ada@example.com", f"real-{n // 5}", "00000000", IP)
    with pytest.raises(RateLimited):
        auth.verify("ada@example.com", "real-2", "00000000", IP)
    calls = len(identity.calls)
    with pytest.raises(RateLimited):
        auth.verify("ada@example.com", "real-3", "12345678", IP)
    assert len(identity.calls) == calls


def test_verify_writes_the_profile_once():
    auth, _, profiles = service()
    auth.verify("ada@example.com", SESSION, "12345678", IP)
    first = dict(profiles.items["u-1"])
    auth.verify("ada@example.com", SESSION, "12345678", IP)
    assert profiles.items["u-1"] == first


def test_me_falls_back_to_the_pool_once():
    auth, _, profiles = service()
    me = auth.me(User("u-2", "u-2"))
    assert me == {"user_id": "u-2", "email": "ada@example.com",
                  "created_at": "2026-01-02T03:04:05Z"}
    assert profiles.items["u-2"] == me
