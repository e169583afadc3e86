"""Sign-in with an emailed code, token refresh, sign-out, and who am I."""
from flask import Blueprint, jsonify

from kefir.api.client_ip import client_ip
from kefir.api.operation import operation
from kefir.api.guard import bearer_token
from kefir.identity.provider import Tokens
from kefir.schemas.auth import (
    LoginAnswer,
    LoginRequest,
    LogoutRequest,
    Me,
    RefreshRequest,
    TokensAnswer,
    VerifyRequest,
)
from kefir.schemas.profile import ProfileSettings
from kefir.services.profile import profile_out, update_profile
from kefir.wiring import wiring

bp = Blueprint("auth", __name__)

_LIMITED = {429: {"description": "Too many attempts; see Retry-After.",
                  "content": {"application/json": {"schema": "Error"}}}}
_CODE_REFUSED = {"description": "`invalid_code` (wrong code) or `session_expired` (ask for a "
                                "new code).", "content": {"application/json": {"schema": "Error"}}}


@bp.post("/auth/login")
@operation("Email a sign-in code (6 to 8 digits)", tag="auth", auth=False, body=LoginRequest,
           responses={202: (LoginAnswer, "A code is on its way."), **_LIMITED},
           description="Creates the account when the email is new. The answer is the same "
                       "for new and known emails. Throttled per email and per client IP.")
def login(body):
    challenge = wiring().auth.login(body["email"], client_ip())
    answer = {"session": challenge.session, "expires_in": challenge.expires_in,
              "delivery": "email"}
    return jsonify(LoginAnswer().dump(answer)), 202


@bp.post("/auth/verify")
@operation("Exchange the emailed code for tokens", tag="auth", auth=False, body=VerifyRequest,
           responses={200: TokensAnswer, 401: _CODE_REFUSED, **_LIMITED},
           description="A code is 6 to 8 digits. At most 5 answers per session (then 429 "
                       "and a new code is needed); a wrong code for a real session of this "
                       "email spends that email's budget, a made-up or foreign session "
                       "never does. Throttled per client IP as well.")
def verify(body):
    tokens = wiring().auth.verify(body["email"], body["session"], body["code"], client_ip())
    return _tokens(tokens)


@bp.post("/auth/refresh")
@operation("New access and id tokens from a refresh token", tag="auth", auth=False,
           body=RefreshRequest, responses={200: TokensAnswer, 401: (
               {"description": "The refresh token is not valid or was revoked.",
                "content": {"application/json": {"schema": "Error"}}})})
def refresh(body):
    return _tokens(wiring().auth.refresh(body["refresh_token"]))


@bp.post("/auth/logout")
@operation("Sign out: the refresh token stops working", tag="auth", body=LogoutRequest,
           optional_body=True,
           responses={204: None, 403: ("Error", "`forbidden`: the refresh token is "
                                                  "another user's; nothing was revoked.")},
           description="With `refresh_token`, only that token is revoked (this device), "
                       "and only if it is the caller's own; one that no longer works is "
                       "already signed out (`204`). With no body, every refresh token of "
                       "the user is revoked.")
def logout(user, body):
    wiring().auth.logout(user, bearer_token(), body.get("refresh_token"))
    return "", 204


@bp.get("/me")
@operation("The signed-in user and their settings", tag="auth", responses={200: Me},
           description="`timezone` (IANA, default `UTC`), `quiet_hours` (local `HH:MM` "
                       "start and end, or `null`) and `units` (`metric` or `us`) shape the "
                       "times and amounts a person reads: `local_due_at`, push bodies, "
                       "rationales.")
def me(user):
    return jsonify(Me().dump(profile_out(wiring().auth.me(user))))


@bp.patch("/me")
@operation("Change your time zone, quiet hours or units", tag="auth", body=ProfileSettings,
           responses={200: Me},
           description="Any of the three; `quiet_hours: null` removes them. An unknown time "
                       "zone, a malformed time or equal start and end is `422` and nothing "
                       "is written. Suggestions follow at once; reminders already confirmed "
                       "keep their time.")
def update_me(user, body):
    w = wiring()
    return jsonify(Me().dump(update_profile(w.auth, w.profiles, user, body)))


def _tokens(tokens: Tokens):
    answer = {"access_token": tokens.access_token, "id_token": tokens.id_token,
              "expires_in": tokens.expires_in, "token_type": "Bearer"}
    if tokens.refresh_token:
        answer["refresh_token"] = tokens.refresh_token
    return jsonify(TokensAnswer().dump(answer))
