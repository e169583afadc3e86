"""The repositories and adapters one app instance uses, built lazily from its settings.

This is the only module that constructs them. The application factory, the processor's
Lambda entry point and the operator commands each create a Wiring; views reach the app's
through `wiring()` and pass what each service needs, so services never import Flask or
build clients themselves. Every member is a cached_property, so a cold start pays only for
what its first request uses.
"""
from __future__ import annotations

from functools import cached_property

from flask import current_app

from kefir.aws import AwsClients
from kefir.config import Settings
from kefir.photos import ObjectStore
from kefir.secrets import Secrets
from kefir.store.accounts import AccountItems, DeletionMarkers
from kefir.store.archives import ArchiveJobs
from kefir.store.batches import BatchStore
from kefir.store.cursors import CursorSigner
from kefir.store.devices import DeviceStore
from kefir.store.events import EventStore
from kefir.store.idempotency import IdempotencyStore
from kefir.store.reminders import ReminderStore
from kefir.store.table import Table


class Repositories:
    """Every repository on one table, each built on first use."""

    table: Table

    def __init__(self, table: Table):
        self.table = table

    @classmethod
    def on(cls, dynamodb, table_name: str) -> Repositories:
        """The repositories of a table other than the stage's own (the restore drill's)."""
        return cls(Table(dynamodb, table_name))

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
    def devices(self) -> DeviceStore:
        return DeviceStore(self.table)

    @cached_property
    def reminders(self) -> ReminderStore:
        return ReminderStore(self.table)

    @cached_property
    def tickets(self):
        """Push tickets awaiting their receipt check (the processor's alone)."""
        from kefir.store.tickets import TicketStore
        return TicketStore(self.table)

    @cached_property
    def profiles(self):
        from kefir.store.profiles import Profiles
        return Profiles(self.table)

    @cached_property
    def timings(self):
        """The owners' timing profiles that suggestions read."""
        from kefir.store.timing import TimingStore
        return TimingStore(self.table)

    @cached_property
    def rate_limiter(self):
        from kefir.store.ratelimit import RateLimiter
        return RateLimiter(self.table)

    @cached_property
    def deletion_markers(self) -> DeletionMarkers:
        # One per instance: its cache is what keeps the guard's check cheap.
        return DeletionMarkers(self.table)

    @cached_property
    def account_items(self) -> AccountItems:
        return AccountItems(self.table)

    @cached_property
    def archive_jobs(self) -> ArchiveJobs:
        return ArchiveJobs(self.table)


class Wiring(Repositories):
    """The stage's repositories (on its table) and its adapters (AWS, Expo, identity)."""

    def __init__(self, settings: Settings, aws: AwsClients | None = None):
        # No super().__init__: the table is built from the settings on first use.
        self.settings = settings
        self.aws = aws or AwsClients(settings)
        self.secrets = Secrets(lambda: self.aws.secrets)

    @cached_property
    def table(self) -> Table:
        return Table(self.aws.dynamodb, self.settings.table_name)

    @cached_property
    def sweeper(self):
        from kefir.services.account_sweep import Sweeper
        return Sweeper(self.deletion_markers, self.account_items, self.batches,
                       self.objects, self.identity)

    @cached_property
    def archive_builder(self):
        from kefir.services.archive import ArchiveBuilder
        return ArchiveBuilder(self.archive_jobs, self.objects, self.deletion_markers,
                              self.archive_sources)

    def archive_sources(self, owner: str):
        """What an archive of `owner` reads, and the profile it starts with."""
        from kefir.services.archive_build import Sources
        profile = self.profiles.get(owner) or {"user_id": owner}
        return Sources(profile, self.batches, self.reminders, self.devices)

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
    def auth(self):
        from kefir.services.auth import AuthService
        return AuthService(self.identity, self.rate_limiter, self.profiles, self.settings)


def wiring() -> Wiring:
    return current_app.extensions["kefir"]
