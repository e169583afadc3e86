"""Secrets from Secrets Manager, fetched at first use and kept for the life of the process.

Secrets never live in settings files or environment variables; only their names do.
"""
from __future__ import annotations

import threading

from botocore.exceptions import BotoCoreError, ClientError

from kefir.errors import ServiceUnavailable


class Secrets:
    def __init__(self, client_factory):
        self._client_factory = client_factory
        self._values: dict[str, str] = {}
        self._lock = threading.Lock()

    def get(self, name: str) -> str:
        with self._lock:
            if name not in self._values:
                self._values[name] = self._fetch(name)
            return self._values[name]

    def _fetch(self, name: str) -> str:
        try:
            return self._client_factory().get_secret_value(SecretId=name)["SecretString"]
        except (ClientError, BotoCoreError) as error:
            raise ServiceUnavailable("A secret the service needs could not be read.",
                                     retry_after=5) from error
