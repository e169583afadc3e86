"""The current user as services see it: a plain value, no Flask, no token."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class User:
    user_id: str
    # Cognito's username for this user (what the pool's admin calls take); the `sub` when
    # the pool signs people in by email.
    username: str = ""
