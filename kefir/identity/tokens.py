"""Access-token verification against the user pool's JWKS."""
from __future__ import annotations

import threading
import time

import requests
from jose import jwt
from jose.exceptions import JOSEError

from kefir.config import Settings
from kefir.errors import Unauthorized

_JWKS_TIMEOUT_S = 3


class TokenVerifier:
    def __init__(self, settings: Settings):
        self._settings = settings
        self._keys: dict[str, dict] = {}
        self._lock = threading.Lock()

    @property
    def jwks_url(self) -> str:
        base = self._settings.aws_endpoint_url or self._settings.cognito_issuer.rsplit("/", 1)[0]
        return f"{base}/{self._settings.user_pool_id}/.well-known/jwks.json"

    def verify(self, token: str) -> dict:
        try:
            header = jwt.get_unverified_header(token)
            key = self._key(header.get("kid"))
            claims = jwt.decode(token, key, algorithms=["RS256"],
                                issuer=self._settings.cognito_issuer,
                                options={"verify_aud": False, "require_exp": True,
                                         "require_sub": True})
        except (JOSEError, ValueError, KeyError):
            raise Unauthorized("The access token is not valid.") from None
        if claims.get("token_use") != "access" or \
                claims.get("client_id") != self._settings.user_pool_client_id:
            raise Unauthorized("The access token is not valid.")
        return claims

    def _key(self, kid: str | None) -> dict:
        if not kid:
            raise Unauthorized("The access token is not valid.")
        with self._lock:
            if kid not in self._keys:
                response = requests.get(self.jwks_url, timeout=_JWKS_TIMEOUT_S)
                response.raise_for_status()
                self._keys = {k["kid"]: k for k in response.json()["keys"]}
                self._fetched_at = time.monotonic()
        if kid not in self._keys:
            raise Unauthorized("The access token is not valid.")
        return self._keys[kid]
