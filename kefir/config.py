"""Settings, read once from the environment and validated at start-up."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Mapping

from kefir.errors import ConfigError

STAGES = ("dev", "prod")
LOCAL = "local"
# Expo's web dev server (8081) and older Expo CLIs' (19006).
LOCAL_CORS_ORIGINS = ("http://localhost:8081", "http://localhost:19006")


@dataclass(frozen=True)
class Settings:
    stage: str
    region: str
    table_name: str
    photo_bucket: str
    user_pool_id: str
    user_pool_client_id: str
    signing_key_secret: str
    expo_token_secret: str
    public_base_url: str
    log_level: str = "INFO"
    aws_endpoint_url: str | None = None
    expo_push_url: str | None = None
    jwks_path: str | None = None
    outbox_path: Path = Path(".local/outbox.jsonl")
    push_outbox_path: Path = Path(".local/pushes.jsonl")
    emulator_file: Path | None = None
    login_max_per_email: int = 5
    login_email_window_s: int = 15 * 60
    login_max_per_ip: int = 100
    login_ip_window_s: int = 60 * 60
    # Each code allows five tries, so an address signing many people in needs a few times
    # its login budget; a guesser cycling sessions from one address meets this first.
    verify_max_per_ip: int = 300
    verify_ip_window_s: int = 60 * 60
    # API Gateway caps a Lambda answer near 6 MB; a bigger export goes through S3 (303).
    export_inline_max_bytes: int = 5 * 1024 * 1024
    cors_origins: tuple[str, ...] = ()

    @property
    def is_local(self) -> bool:
        return self.stage == LOCAL

    @property
    def cognito_issuer(self) -> str:
        return f"https://cognito-idp.{self.region}.amazonaws.com/{self.user_pool_id}"

    def with_resources(self, **changes) -> Settings:
        return replace(self, **changes)


_REQUIRED = {
    "KEFIR_TABLE": "table_name",
    "KEFIR_PHOTO_BUCKET": "photo_bucket",
    "KEFIR_USER_POOL_ID": "user_pool_id",
    "KEFIR_USER_POOL_CLIENT_ID": "user_pool_client_id",
    "KEFIR_SIGNING_KEY_SECRET": "signing_key_secret",
    "KEFIR_EXPO_TOKEN_SECRET": "expo_token_secret",
    "KEFIR_PUBLIC_BASE_URL": "public_base_url",
}

# Local mode creates its own resources on the emulator, so only their names are needed.
_LOCAL_DEFAULTS = {
    "table_name": "kefir-local-table",
    "photo_bucket": "kefir-local-photos",
    "user_pool_id": "",
    "user_pool_client_id": "",
    "signing_key_secret": "kefir-local-signing-key",
    "expo_token_secret": "kefir-local-expo-access-token",
    "public_base_url": "",
}

_LIMITS = {
    "KEFIR_LOGIN_MAX_PER_EMAIL": "login_max_per_email",
    "KEFIR_LOGIN_EMAIL_WINDOW_S": "login_email_window_s",
    "KEFIR_LOGIN_MAX_PER_IP": "login_max_per_ip",
    "KEFIR_LOGIN_IP_WINDOW_S": "login_ip_window_s",
    "KEFIR_VERIFY_MAX_PER_IP": "verify_max_per_ip",
    "KEFIR_VERIFY_IP_WINDOW_S": "verify_ip_window_s",
    "KEFIR_EXPORT_INLINE_MAX_BYTES": "export_inline_max_bytes",
}

_LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Build Settings from the environment, or raise ConfigError naming the bad setting.

    With no KEFIR_STAGE outside Lambda this is local mode; inside Lambda a missing stage is
    an error, so a deployed function can never fall back to the emulator.
    """
    env = os.environ if environ is None else environ
    stage = env.get("KEFIR_STAGE", "").strip()
    in_lambda = bool(env.get("AWS_LAMBDA_FUNCTION_NAME"))
    if not stage:
        if in_lambda:
            raise ConfigError("KEFIR_STAGE is not set; a Lambda function must name its stage "
                              "(dev or prod), local mode never runs inside Lambda.")
        stage = LOCAL
    elif stage not in STAGES:
        raise ConfigError(f"KEFIR_STAGE is {stage!r}; it must be one of {', '.join(STAGES)} "
                          "(or unset for local mode).")

    values: dict = {"stage": stage, "region": env.get("AWS_REGION") or "us-east-1"}
    for var, field in _REQUIRED.items():
        value = env.get(var, "").strip()
        if not value and stage == LOCAL:
            value = _LOCAL_DEFAULTS[field]
        if not value and stage != LOCAL:
            raise ConfigError(f"{var} is not set; the {stage} stage needs it.")
        values[field] = value
    for var, field in _LIMITS.items():
        if var in env:
            values[field] = _positive_int(var, env[var])

    log_level = env.get("LOG_LEVEL", "INFO").upper()
    if log_level not in _LOG_LEVELS:
        raise ConfigError(f"LOG_LEVEL is {log_level!r}; "
                          f"it must be one of {', '.join(_LOG_LEVELS)}.")
    values["log_level"] = log_level
    default_origins = ",".join(LOCAL_CORS_ORIGINS) if stage == LOCAL else ""
    values["cors_origins"] = _origins("KEFIR_CORS_ORIGINS",
                                      env.get("KEFIR_CORS_ORIGINS", default_origins))

    if stage == LOCAL:
        values["outbox_path"] = Path(env.get("KEFIR_OUTBOX", ".local/outbox.jsonl"))
        values["push_outbox_path"] = Path(env.get("KEFIR_PUSH_OUTBOX", ".local/pushes.jsonl"))
        values["aws_endpoint_url"] = env.get("KEFIR_AWS_ENDPOINT_URL") or None
        # Where a server that starts its own emulator records the endpoint, so operator
        # tools (`make migrate/seed/cleanup STAGE=local`) can reach that server's data.
        values["emulator_file"] = Path(env["KEFIR_EMULATOR_FILE"]) if env.get(
            "KEFIR_EMULATOR_FILE") else None
    values["expo_push_url"] = env.get("KEFIR_EXPO_PUSH_URL") or None
    # flask-cognito's own variable: a URL or a file with the pool's JWKS.
    values["jwks_path"] = env.get("AWS_COGNITO_JWKS_PATH") or None
    return Settings(**values)


_ORIGIN = re.compile(r"^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?$")


def _origins(name: str, raw: str) -> tuple[str, ...]:
    """Comma-separated exact origins. No `*` and no patterns: browsers may call with a
    user's token only from origins someone named."""
    origins = tuple(part.strip() for part in raw.split(",") if part.strip())
    for origin in origins:
        if not _ORIGIN.match(origin):
            raise ConfigError(f"{name} holds {origin!r}; each entry must be an origin such as "
                              "https://app.example.com (scheme, host, optional port; no path, "
                              "no *).")
    return origins


def _positive_int(name: str, raw: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name} is {raw!r}; it must be a whole number.") from None
    if value <= 0:
        raise ConfigError(f"{name} is {value}; it must be greater than zero.")
    return value
