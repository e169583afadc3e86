"""Who is calling: the bearer token on a protected route, verified, as a plain User."""
from __future__ import annotations

from dataclasses import dataclass

from flask import request

from kefir.errors import Unauthorized


@dataclass(frozen=True)
class User:
    user_id: str


def authenticate() -> User:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized()
    from kefir.wiring import wiring
    claims = wiring().verifier.verify(token.strip())
    return User(user_id=claims["sub"])
