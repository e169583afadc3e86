"""What every identity adapter hands back, and how Cognito's failures read in our terms."""
from __future__ import annotations

import logging
from dataclasses import dataclass

from botocore.exceptions import ClientError

from kefir.errors import (
    InvalidCode,
    RateLimited,
    ServiceUnavailable,
    SessionExpired,
    Unauthorized,
    ValidationFailed,
)

log = logging.getLogger(__name__)

# How long a sign-in session (and its code) lives: Cognito's default AuthSessionValidity,
# and the local adapter's code lifetime.
CODE_TTL_S = 180

_UNAVAILABLE = {
    "TooManyRequestsException", "LimitExceededException", "InternalErrorException",
    "CodeDeliveryFailureException", "ServiceUnavailable",
}
_BY_STEP = {
    "login": {
        # Cognito's own address check is stricter than ours (`r8/x@j.com` passes ours).
        "InvalidParameterException": ValidationFailed,
    },
    "verify": {
        "CodeMismatchException": InvalidCode,
        "ExpiredCodeException": SessionExpired,
        # "Invalid session for the user, session is expired / can only be used once".
        "NotAuthorizedException": SessionExpired,
        # The session was not started for this email.
        "UserNotFoundException": SessionExpired,
        "TooManyFailedAttemptsException": RateLimited,
    },
    "refresh": {
        "NotAuthorizedException": Unauthorized,
        "RefreshTokenReuseException": Unauthorized,
        "UserNotFoundException": Unauthorized,
    },
    "sign_out": {
        "NotAuthorizedException": Unauthorized,
        "UnauthorizedException": Unauthorized,
        "UnsupportedTokenTypeException": Unauthorized,
    },
}
_MESSAGES = {
    ("login", ValidationFailed): "Some fields are not valid.",
    ("refresh", Unauthorized): "The refresh token is not valid or was revoked.",
    ("sign_out", Unauthorized): "The token is not valid or was already revoked.",
    ("verify", RateLimited): "Too many wrong codes; ask for a new one.",
}

_DETAILS = {
    ("login", ValidationFailed): {"email": ["Not an address we can send a code to."]},
}


@dataclass(frozen=True)
class Challenge:
    session: str
    expires_in: int


@dataclass(frozen=True)
class Tokens:
    access_token: str
    id_token: str
    expires_in: int
    refresh_token: str | None = None

    @classmethod
    def from_cognito(cls, result: dict) -> Tokens:
        return cls(access_token=result["AccessToken"], id_token=result["IdToken"],
                   expires_in=int(result["ExpiresIn"]), refresh_token=result.get("RefreshToken"))


def error_code(error: ClientError) -> str:
    return error.response.get("Error", {}).get("Code", "")


def translate(error: ClientError, step: str) -> Exception:
    """Map Cognito's answer at one step (login, verify, refresh, sign_out) to our error.

    Cognito being throttled or out of quota is a busy dependency (503); anything not listed
    is a bug or a misconfiguration and stays unexpected (500, logged)."""
    code = error_code(error)
    if code in _UNAVAILABLE:
        return ServiceUnavailable(retry_after=5)
    mapped = _BY_STEP.get(step, {}).get(code)
    if mapped is None:
        log.error("unexpected Cognito answer at %s: %s", step, code)
        return error
    retry_after = CODE_TTL_S if mapped is RateLimited else None
    return mapped(_MESSAGES.get((step, mapped)), retry_after=retry_after,
                  details=_DETAILS.get((step, mapped)))
