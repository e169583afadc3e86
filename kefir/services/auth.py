"""Sign-in use cases: throttles first, then the identity adapter, then the profile.

Verify budgets are chosen so nobody can spend someone else's: the client IP and the session
pay for every answer, and only a wrong code for a real session of an email (one the
identity adapter calls `InvalidCode`) pays from that email's budget. A made-up session, or
one started for another address, is `session_expired` and costs the email nothing."""
from __future__ import annotations

import logging

from kefir.clock import to_iso, utcnow
from kefir.config import Settings
from kefir.errors import AppError, InvalidCode, NotFound
from kefir.identity.provider import CODE_TTL_S, Challenge, Tokens
from kefir.identity.tokens import unverified_claims
from kefir.identity.user import User
from kefir.store.profiles import Profiles
from kefir.store.ratelimit import Limit, RateLimiter

log = logging.getLogger(__name__)

# Wrong codes allowed per code; the per-email verify budget is this many per code the
# login throttle lets through, so guessing never outpaces asking for codes.
TRIES_PER_CODE = 5


class AuthService:
    def __init__(self, identity, limiter: RateLimiter, profiles: Profiles, settings: Settings):
        self._identity = identity
        self._limiter = limiter
        self._profiles = profiles
        self._per_ip = Limit("login-ip", settings.login_max_per_ip, settings.login_ip_window_s)
        self._per_email = Limit("login-email", settings.login_max_per_email,
                                settings.login_email_window_s)
        self._verify_per_email = Limit("verify-email",
                                       settings.login_max_per_email * TRIES_PER_CODE,
                                       settings.login_email_window_s)
        self._verify_per_ip = Limit("verify-ip", settings.verify_max_per_ip,
                                    settings.verify_ip_window_s)
        self._verify_per_session = Limit("verify-session", TRIES_PER_CODE, CODE_TTL_S)

    def login(self, email: str, client_ip: str) -> Challenge:
        """Start a sign-in; the same answer whether or not the email has an account."""
        self._limiter.hit(self._per_ip, client_ip)
        self._limiter.hit(self._per_email, email)
        return self._identity.start_sign_in(email)

    def verify(self, email: str, session: str, code: str, client_ip: str) -> Tokens:
        """Answer the emailed code; on success, remember who signed in. See the module
        docstring for which budget each attempt spends."""
        self._limiter.hit(self._verify_per_ip, client_ip)
        self._limiter.hit(self._verify_per_session, session)
        self._limiter.check(self._verify_per_email, email)
        try:
            tokens = self._identity.answer(email, session, code)
        except InvalidCode:
            self._limiter.hit(self._verify_per_email, email)
            raise
        user_id = unverified_claims(tokens.access_token)["sub"]
        try:
            self._profiles.create(user_id, email, to_iso(utcnow()))
        except AppError:
            # The code is spent; losing the tokens would be worse than a profile written
            # later (by /me).
            log.warning("profile not written at sign-in", exc_info=True)
        return tokens

    def refresh(self, refresh_token: str) -> Tokens:
        return self._identity.refresh(refresh_token)

    def logout(self, user: User, access_token: str, refresh_token: str | None) -> None:
        """Revoke the caller's own refresh token, or with none given all of theirs."""
        self._identity.sign_out(user.user_id, access_token, refresh_token)

    def me(self, user: User) -> dict:
        """The caller's profile: one GetItem, or once from the pool when never written."""
        profile = self._profiles.get(user.user_id)
        if profile is not None:
            return profile
        email, created = self._identity.email_of(user.username)
        if not email:
            raise NotFound()
        profile = {"user_id": user.user_id, "email": email, "created_at": to_iso(created)}
        self._profiles.create(**profile)
        return profile

