"""Access-token verification: flask-cognito's checks, hardened where that library stops.

flask-cognito hands the token to cognitojwt, which checks the signature with the JWKS key,
the expiry and the client id. It does not check the issuer or `token_use` (an id token
passes), lets a token without `kid` or `exp` escape as KeyError (a 500), and fetches the
JWKS with no timeout into a cache that never refreshes, so a rotated key would lock every
user out until a cold start. So we keep cognitojwt's checks (`check_expired`,
`check_client_id`, and the same jose key verification it performs) and replace what
surrounds them: the parsing, the key lookup and the claims it never looks at.
"""
from __future__ import annotations

import binascii
import json
import threading
import time
from pathlib import Path

import requests
from cognitojwt import CognitoJWTException
from cognitojwt.token_utils import check_client_id, check_expired
from jose import jwk, jwt
from jose.exceptions import JOSEError
from jose.utils import base64url_decode

from kefir.config import Settings
from kefir.errors import ServiceUnavailable, Unauthorized

_INVALID = "The access token is not valid."
_ALGORITHM = "RS256"


class Jwks:
    """The user pool's public keys from a URL or a file (flask-cognito's
    AWS_COGNITO_JWKS_PATH convention), fetched with a timeout and cached. An unknown `kid`
    refetches at most once a minute, so forged kids cannot hammer the endpoint."""

    def __init__(self, location: str, *, timeout_s: float = 3, min_refresh_s: float = 60,
                 clock=time.monotonic):
        self.location = location
        self._timeout_s = timeout_s
        self._min_refresh_s = min_refresh_s
        self._clock = clock
        self._keys: dict[str, dict] = {}
        self._fetched_at: float | None = None
        self._lock = threading.Lock()

    def key(self, kid: str) -> dict | None:
        with self._lock:
            if kid not in self._keys and self._may_refresh():
                self._refresh()
            return self._keys.get(kid)

    def _may_refresh(self) -> bool:
        return self._fetched_at is None or \
            self._clock() - self._fetched_at >= self._min_refresh_s

    def _refresh(self) -> None:
        try:
            document = self._fetch()
            keys = {k["kid"]: k for k in document.get("keys", [])
                    if isinstance(k, dict) and isinstance(k.get("kid"), str)}
        except (requests.RequestException, OSError, ValueError, AttributeError) as error:
            if not self._keys:
                # Nothing to verify with at all: the dependency is down, not the token bad.
                raise ServiceUnavailable("The sign-in keys could not be fetched.",
                                         retry_after=5) from error
            self._fetched_at = self._clock()
            return
        self._keys, self._fetched_at = keys, self._clock()

    def _fetch(self) -> dict:
        if self.location.startswith(("https://", "http://")):
            response = requests.get(self.location, timeout=self._timeout_s)
            response.raise_for_status()
            return response.json()
        return json.loads(Path(self.location).read_text())


def jwks_location(settings: Settings) -> str:
    if settings.jwks_path:
        return settings.jwks_path
    if settings.aws_endpoint_url:
        return f"{settings.aws_endpoint_url}/{settings.user_pool_id}/.well-known/jwks.json"
    return f"{settings.cognito_issuer}/.well-known/jwks.json"


class TokenVerifier:
    def __init__(self, settings: Settings, jwks: Jwks | None = None):
        self._issuer = settings.cognito_issuer
        self._client_id = settings.user_pool_client_id
        self.jwks = jwks or Jwks(jwks_location(settings))

    def verify(self, token: str) -> dict:
        """Return the claims of a valid access token of this pool and client, or raise
        Unauthorized; never anything else for a malformed token."""
        header = _unverified(jwt.get_unverified_header, token)
        kid = header.get("kid")
        if header.get("alg") != _ALGORITHM or not isinstance(kid, str) or not kid:
            raise Unauthorized(_INVALID)
        key = self.jwks.key(kid)
        if key is None or key.get("kty") != "RSA" or key.get("alg", _ALGORITHM) != _ALGORITHM:
            raise Unauthorized(_INVALID)
        _check_signature(token, key)
        claims = _unverified(jwt.get_unverified_claims, token)
        self._check_claims(claims)
        return claims

    def _check_claims(self, claims: dict) -> None:
        exp, sub = claims.get("exp"), claims.get("sub")
        if not isinstance(exp, (int, float)) or isinstance(exp, bool) \
                or not isinstance(sub, str) or not sub \
                or claims.get("iss") != self._issuer \
                or claims.get("token_use") != "access" \
                or not isinstance(claims.get("client_id"), str):
            raise Unauthorized(_INVALID)
        try:
            check_expired(exp)
            check_client_id(claims, self._client_id)
        except CognitoJWTException:
            raise Unauthorized(_INVALID) from None


def _check_signature(token: str, key: dict) -> None:
    try:
        message, signature = token.rsplit(".", 1)
        public_key = jwk.construct(key, algorithm=_ALGORITHM)
        valid = public_key.verify(message.encode(), base64url_decode(signature.encode()))
    except (JOSEError, ValueError, TypeError, binascii.Error):
        valid = False
    if not valid:
        raise Unauthorized(_INVALID)


def _unverified(read, token: str) -> dict:
    try:
        value = read(token)
    except (JOSEError, ValueError, TypeError, binascii.Error, UnicodeError):
        raise Unauthorized(_INVALID) from None
    if not isinstance(value, dict):
        raise Unauthorized(_INVALID)
    return value


def unverified_claims(token: str) -> dict:
    """The claims of a token just received from Cognito over TLS (not one from a client),
    read without verification to learn whose tokens they are."""
    return jwt.get_unverified_claims(token)
