"""Who is calling: the bearer token on a protected route, verified, as a plain User.

flask-cognito reads the `Authorization` header; `kefir.identity.tokens` verifies the token.
"""
from __future__ import annotations

from flask import Flask, current_app

from kefir.config import Settings
from kefir.errors import Unauthorized
from kefir.identity.user import User
from kefir.logs import note_user
from kefir.wiring import wiring

_DELETED = "This account was deleted."


def install(app: Flask, settings: Settings) -> None:
    """Configure flask-cognito; its extension is built by the first request that needs it.

    Importing flask-cognito pulls in cognitojwt, python-jose and requests, which /health,
    keep-warm pings and the scheduled processor never use, and a Lambda cold start compiles
    every module it imports (the package is read-only, so no bytecode is cached)."""
    app.config.update(COGNITO_REGION=settings.region, COGNITO_USERPOOL_ID=settings.user_pool_id,
                      COGNITO_APP_CLIENT_ID=settings.user_pool_client_id)


def bearer_token() -> str:
    """The raw access token of the request, or Unauthorized (not yet verified)."""
    from flask_cognito import CognitoAuthError
    try:
        token = _cognito_auth().get_token()
    except CognitoAuthError:
        raise Unauthorized() from None
    if not token:
        raise Unauthorized()
    return token


def authenticate() -> User:
    """The caller, from a valid access token of an account that was not deleted. Tokens are
    verified locally, so a deleted account's tokens stay valid until they expire: the
    deletion marker (cached for seconds per warm instance) refuses them."""
    w = wiring()
    claims = w.verifier.verify(bearer_token())
    if w.deletion_markers.is_deleted(claims["sub"]):
        raise Unauthorized(_DELETED)
    note_user(claims["sub"])
    return User(user_id=claims["sub"], username=claims.get("username") or claims["sub"])


def _cognito_auth():
    extension = current_app.extensions.get("cognito_auth")
    if extension is None:
        from flask_cognito import CognitoAuth
        extension = CognitoAuth()
        extension.init_app(_WithoutErrorHandlers(current_app))
    return extension


class _WithoutErrorHandlers:
    """The app as CognitoAuth.init_app sees it, minus its error-handler registration: Flask
    refuses that once the app has served a request, and bearer_token() turns flask-cognito's
    errors into ours itself."""

    def __init__(self, app: Flask):
        self.config, self.extensions = app.config, app.extensions

    def errorhandler(self, _exception):
        return lambda handler: handler
