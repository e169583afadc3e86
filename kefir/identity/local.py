"""The local identity adapter: the whole difference between local mode and a real stage.

The emulator has no USER_AUTH/EMAIL_OTP, so here the app issues and checks the codes
itself and "emails" them to the console and the outbox file. Tokens still come from the
emulator's Cognito, so every other call verifies them with the very same code as in
production. Refresh is Cognito's own call in both modes.
"""
from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import time
from pathlib import Path

from kefir.clock import epoch_seconds
from kefir.errors import ConditionFailed, InvalidCode, RateLimited, SessionExpired
from kefir.identity.cognito import CognitoIdentity
from kefir.identity.provider import CODE_TTL_S, Challenge, Tokens
from kefir.local.outbox import append_line
from kefir.store import keys
from kefir.store.schema import TTL_ATTRIBUTE
from kefir.store.table import Table

log = logging.getLogger(__name__)

MAX_TRIES = 5
CODE_DIGITS = 8
SUBJECT = "Your BubbleBatch sign-in code"


class LocalIdentity(CognitoIdentity):
    def __init__(self, cognito, *, user_pool_id: str, client_id: str, table: Table,
                 outbox: Path, now=time.time):
        super().__init__(cognito, user_pool_id=user_pool_id, client_id=client_id)
        self._table = table
        self._outbox = outbox
        self._now = now

    def start_sign_in(self, email: str) -> Challenge:
        """Create the user if new (as in production), store a hashed code for a new session,
        and deliver it to the console and the outbox. Codes have Cognito's email length, so
        the app's code field meets locally what it will meet in a stage."""
        self._ensure_user(email)
        session = secrets.token_urlsafe(32)
        code = f"{secrets.randbelow(10 ** CODE_DIGITS):0{CODE_DIGITS}d}"
        self._table.put({**keys.login_code_key(session), "email": email,
                         "code_hash": _hash(session, code), "tries": 0,
                         TTL_ATTRIBUTE: epoch_seconds(self._now()) + CODE_TTL_S})
        text = f"Your BubbleBatch code is {code}. It expires in {CODE_TTL_S // 60} minutes."
        log.info("[local email] to %s: %s", email, text)
        append_line(self._outbox, {"to": email, "subject": SUBJECT, "text": text, "code": code})
        return Challenge(session=session, expires_in=CODE_TTL_S)

    def answer(self, email: str, session: str, code: str) -> Tokens:
        """Check the code: single use, at most MAX_TRIES tries, within its lifetime."""
        key = keys.login_code_key(session)
        now = epoch_seconds(self._now())
        try:
            # Count the try before comparing, so concurrent guesses cannot exceed the limit;
            # a session started for another email is refused without spending its tries.
            item = self._table.update(
                key, "ADD tries :one", names={"#exp": TTL_ATTRIBUTE},
                values={":one": 1, ":max": MAX_TRIES, ":now": now, ":email": email},
                condition="attribute_exists(PK) AND email = :email AND tries < :max "
                          "AND #exp > :now")
        except ConditionFailed:
            left = self._table.get(key, consistent=True)
            if left is None or left[TTL_ATTRIBUTE] <= now or left["email"] != email:
                raise SessionExpired() from None
            raise RateLimited("Too many wrong codes; ask for a new one.",
                              retry_after=CODE_TTL_S) from None
        if not hmac.compare_digest(item["code_hash"], _hash(session, code)):
            raise InvalidCode()
        try:
            self._table.delete(key, condition="attribute_exists(PK)")
        except ConditionFailed:
            raise SessionExpired() from None
        return self._tokens_for(email)

    def _revoke(self, access_token: str, refresh_token: str) -> None:
        """The emulator has no RevokeToken, so once the token is known to be the caller's
        (checked exactly as in a stage) every refresh token of the user goes
        (GlobalSignOut)."""
        self._call("global_sign_out", "sign_out", AccessToken=access_token)

    def _tokens_for(self, email: str) -> Tokens:
        # The emulator issues tokens only through a password flow. The code was checked
        # above, so a fresh random password that nobody ever sees stands in for it: no
        # password anyone could sign in with exists before or after this call.
        password = "Aa1!" + secrets.token_urlsafe(24)
        self._call("admin_set_user_password", "verify", UserPoolId=self._pool_id,
                   Username=email, Password=password, Permanent=True)
        result = self._call("admin_initiate_auth", "verify", UserPoolId=self._pool_id,
                            ClientId=self._client_id, AuthFlow="ADMIN_USER_PASSWORD_AUTH",
                            AuthParameters={"USERNAME": email, "PASSWORD": password})
        return Tokens.from_cognito(result["AuthenticationResult"])


def _hash(session: str, code: str) -> str:
    # Keyed by the session so equal codes of two sessions never share a stored value.
    return hmac.new(session.encode(), code.encode(), hashlib.sha256).hexdigest()
