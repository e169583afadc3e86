"""The adapters one app instance uses, built lazily from its settings.

Only the application factory creates a Wiring; views reach it through `wiring()` and pass
what each service needs, so services never import Flask or build clients themselves.
"""
from __future__ import annotations

from functools import cached_property

from flask import current_app

from kefir.aws import AwsClients
from kefir.config import Settings
from kefir.photos import ObjectStore
from kefir.secrets import Secrets
from kefir.store.batches import BatchStore
from kefir.store.cursors import CursorSigner
from kefir.store.events import EventStore
from kefir.store.idempotency import IdempotencyStore
from kefir.store.table import Table


class Wiring:
    def __init__(self, settings: Settings, aws: AwsClients | None = None):
        self.settings = settings
        self.aws = aws or AwsClients(settings)
        self.secrets = Secrets(lambda: self.aws.secrets)

    @cached_property
    def table(self) -> Table:
        return Table(self.aws.dynamodb, self.settings.table_name)

    @cached_property
    def batches(self) -> BatchStore:
        return BatchStore(self.table)

    @cached_property
    def events(self) -> EventStore:
        return EventStore(self.table)

    @cached_property
    def idempotency(self) -> IdempotencyStore:
        return IdempotencyStore(self.table)

    @cached_property
    def objects(self) -> ObjectStore:
        return ObjectStore(self.aws.s3, self.settings.photo_bucket)

    @cached_property
    def cursors(self) -> CursorSigner:
        return CursorSigner(self.secrets.get(self.settings.signing_key_secret).encode())

    @cached_property
    def push(self):
        from kefir.push import ExpoPush
        # The Expo access token is read from Secrets Manager on the first push, not before.
        return ExpoPush(lambda: self.secrets.get(self.settings.expo_token_secret),
                        base_url=self.settings.expo_push_url)

    @cached_property
    def verifier(self):
        from kefir.identity.tokens import TokenVerifier
        return TokenVerifier(self.settings)

    @cached_property
    def identity(self):
        """Cognito's email-code sign-in; in local mode the one adapter that stands in for
        what the emulator lacks."""
        ids = {"user_pool_id": self.settings.user_pool_id,
               "client_id": self.settings.user_pool_client_id}
        if self.settings.is_local:
            from kefir.identity.local import LocalIdentity
            return LocalIdentity(self.aws.cognito, table=self.table,
                                 outbox=self.settings.outbox_path, **ids)
        from kefir.identity.cognito import CognitoIdentity
        return CognitoIdentity(self.aws.cognito, **ids)

    @cached_property
    def rate_limiter(self):
        from kefir.store.ratelimit import RateLimiter
        return RateLimiter(self.table)

    @cached_property
    def auth(self):
        from kefir.services.auth import AuthService
        from kefir.store.profiles import Profiles
        return AuthService(self.identity, self.rate_limiter, Profiles(self.table), self.settings)


def wiring() -> Wiring:
    return current_app.extensions["kefir"]
