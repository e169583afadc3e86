"""Who is calling: the bearer token on a protected route, verified, as a plain User.

flask-cognito reads the `Authorization` header; `kefir.identity.tokens` verifies the token.
"""
from __future__ import annotations

from flask import Flask, current_app
from flask_cognito import CognitoAuth, CognitoAuthError

from kefir.config import Settings
from kefir.errors import Unauthorized
from kefir.identity.user import User


def install(app: Flask, settings: Settings) -> None:
    app.config.update(COGNITO_REGION=settings.region, COGNITO_USERPOOL_ID=settings.user_pool_id,
                      COGNITO_APP_CLIENT_ID=settings.user_pool_client_id)
    CognitoAuth(app)


def bearer_token() -> str:
    """The raw access token of the request, or Unauthorized (not yet verified)."""
    try:
        token = current_app.extensions["cognito_auth"].get_token()
    except CognitoAuthError:
        raise Unauthorized() from None
    if not token:
        raise Unauthorized()
    return token


def authenticate() -> User:
    from kefir.wiring import wiring
    claims = wiring().verifier.verify(bearer_token())
    return User(user_id=claims["sub"], username=claims.get("username") or claims["sub"])
