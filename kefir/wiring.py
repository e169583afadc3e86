"""The adapters one app instance uses, built lazily from its settings.

Only the application factory creates a Wiring; views reach it through `wiring()` and pass
what each service needs, so services never import Flask or build clients themselves.
"""
from __future__ import annotations

from functools import cached_property

from flask import current_app

from kefir.aws import AwsClients
from kefir.config import Settings
from kefir.secrets import Secrets
from kefir.store.cursors import CursorSigner
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
    def cursors(self) -> CursorSigner:
        return CursorSigner(self.secrets.get(self.settings.signing_key_secret).encode())

    @cached_property
    def verifier(self):
        from kefir.identity.tokens import TokenVerifier
        return TokenVerifier(self.settings)


def wiring() -> Wiring:
    return current_app.extensions["kefir"]
