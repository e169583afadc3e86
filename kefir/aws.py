"""The one place boto3 clients are built.

Clients are created on first use (cold starts stay short) with standard retries and, in
local mode, the emulator's endpoint. botocore clients are thread-safe once built; the
lock only keeps two threads from building the same client twice.
"""
from __future__ import annotations

import threading

import boto3
from botocore.config import Config

from kefir.config import Settings

_CLIENT_CONFIG = Config(
    retries={"mode": "standard", "max_attempts": 3},
    connect_timeout=2,
    read_timeout=5,
    # A local server answers on many threads; botocore's default pool of 10 would make it
    # drop connections under load. Lambda runs one request at a time, so it costs nothing.
    max_pool_connections=32,
)


class AwsClients:
    def __init__(self, settings: Settings):
        self._settings = settings
        self._session = boto3.session.Session(region_name=settings.region)
        self._clients: dict[str, object] = {}
        self._lock = threading.Lock()

    def client(self, service: str):
        with self._lock:
            if service not in self._clients:
                self._clients[service] = self._build(service)
            return self._clients[service]

    def _build(self, service: str):
        kwargs = {"config": _CLIENT_CONFIG}
        if self._settings.aws_endpoint_url:
            if service == "s3":
                # The emulator answers on one host, so bucket names go in the path.
                kwargs["config"] = _CLIENT_CONFIG.merge(Config(s3={"addressing_style": "path"}))
            # The embedded emulator accepts any credentials; never let a developer's real
            # profile be used against it (or against AWS by mistake).
            kwargs.update(endpoint_url=self._settings.aws_endpoint_url,
                          aws_access_key_id="local", aws_secret_access_key="local")
        return self._session.client(service, **kwargs)

    @property
    def dynamodb(self):
        return self.client("dynamodb")

    @property
    def s3(self):
        return self.client("s3")

    @property
    def cognito(self):
        return self.client("cognito-idp")

    @property
    def secrets(self):
        return self.client("secretsmanager")

    @property
    def cloudwatch(self):
        return self.client("cloudwatch")
