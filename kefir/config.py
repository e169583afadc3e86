"""Settings, read once from the environment and validated at start-up.

Each setting is one line of SETTINGS: its variable, the field it fills, how its text is
read, its default in a stage (dev, prod) and, where it differs, in local mode. The
Settings class is built from that table, so adding a setting is adding its line.
"""
from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping

from kefir.errors import ConfigError

STAGES = ("dev", "prod")
LOCAL = "local"
# Expo's web dev server (8081) and older Expo CLIs' (19006).
LOCAL_CORS_ORIGINS = ("http://localhost:8081", "http://localhost:19006")

REQUIRED = object()  # a stage cannot start without it
_SAME = object()     # local mode uses the stage default


def text(name: str, raw: str) -> str:
    return raw


def optional_text(name: str, raw: str) -> str | None:
    return raw or None


def path(name: str, raw: str) -> Path:
    return Path(raw)


def positive_int(name: str, raw: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name} is {raw!r}; it must be a whole number.") from None
    if value <= 0:
        raise ConfigError(f"{name} is {value}; it must be greater than zero.")
    return value


def one_of(*choices: str) -> Callable[[str, str], str]:
    def choice(name: str, raw: str) -> str:
        value = raw.upper() if choices[0].isupper() else raw.lower()
        if value not in choices:
            raise ConfigError(f"{name} is {raw!r}; it must be one of {', '.join(choices)}.")
        return value
    return choice


_ORIGIN = re.compile(r"^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?$")


def origins(name: str, raw: str) -> tuple[str, ...]:
    """Comma-separated exact origins. No `*` and no patterns: browsers may call with a
    user's token only from origins someone named."""
    found = tuple(part.strip() for part in raw.split(",") if part.strip())
    for origin in found:
        if not _ORIGIN.match(origin):
            raise ConfigError(f"{name} holds {origin!r}; each entry must be an origin such as "
                              "https://app.example.com (scheme, host, optional port; no path, "
                              "no *).")
    return found


@dataclass(frozen=True)
class Setting:
    variable: str
    field: str
    read: Callable[[str, str], Any]
    default: Any                # in dev and prod; REQUIRED if a stage must set it
    local: Any = _SAME          # local mode's default
    local_only: bool = False    # a stage ignores the variable and keeps `default`
    blank: Any = _SAME          # what the variable set to blanks means; by default, unset

    @property
    def type(self) -> Any:
        return self.read.__annotations__.get("return", str)


SETTINGS = (
    Setting("AWS_REGION", "region", text, "us-east-1"),
    Setting("KEFIR_TABLE", "table_name", text, REQUIRED, local="kefir-local-table"),
    Setting("KEFIR_PHOTO_BUCKET", "photo_bucket", text, REQUIRED, local="kefir-local-photos"),
    # Local mode creates the user pool on the emulator and finds its ids there.
    Setting("KEFIR_USER_POOL_ID", "user_pool_id", text, REQUIRED, local=""),
    Setting("KEFIR_USER_POOL_CLIENT_ID", "user_pool_client_id", text, REQUIRED, local=""),
    Setting("KEFIR_SIGNING_KEY_SECRET", "signing_key_secret", text, REQUIRED,
            local="kefir-local-signing-key"),
    Setting("KEFIR_EXPO_TOKEN_SECRET", "expo_token_secret", text, REQUIRED,
            local="kefir-local-expo-access-token"),
    # Empty in local mode: share links use the request's own host.
    Setting("KEFIR_PUBLIC_BASE_URL", "public_base_url", text, REQUIRED, local=""),
    Setting("KEFIR_LOGIN_MAX_PER_EMAIL", "login_max_per_email", positive_int, 5),
    Setting("KEFIR_LOGIN_EMAIL_WINDOW_S", "login_email_window_s", positive_int, 15 * 60),
    Setting("KEFIR_LOGIN_MAX_PER_IP", "login_max_per_ip", positive_int, 100),
    Setting("KEFIR_LOGIN_IP_WINDOW_S", "login_ip_window_s", positive_int, 60 * 60),
    # Each code allows five tries, so an address signing many people in needs a few times
    # its login budget; a guesser cycling sessions from one address meets this first.
    Setting("KEFIR_VERIFY_MAX_PER_IP", "verify_max_per_ip", positive_int, 300),
    Setting("KEFIR_VERIFY_IP_WINDOW_S", "verify_ip_window_s", positive_int, 60 * 60),
    # API Gateway caps a Lambda answer near 6 MB; a bigger export goes through S3 (303).
    Setting("KEFIR_EXPORT_INLINE_MAX_BYTES", "export_inline_max_bytes", positive_int,
            5 * 1024 * 1024),
    Setting("LOG_LEVEL", "log_level", one_of("DEBUG", "INFO", "WARNING", "ERROR"), "INFO"),
    # CloudWatch gets JSON to query; a developer's terminal gets one readable line.
    Setting("LOG_FORMAT", "log_format", one_of("json", "text"), "json", local="text"),
    Setting("KEFIR_EXPO_PUSH_URL", "expo_push_url", optional_text, None),
    # Browsers may call with a user's token only from these; set blank, from none.
    Setting("KEFIR_CORS_ORIGINS", "cors_origins", origins, (), local=LOCAL_CORS_ORIGINS,
            blank=()),
    # flask-cognito's own variable: a URL or a file with the pool's JWKS.
    Setting("AWS_COGNITO_JWKS_PATH", "jwks_path", optional_text, None),
    Setting("KEFIR_OUTBOX", "outbox_path", path, Path(".local/outbox.jsonl"), local_only=True),
    Setting("KEFIR_PUSH_OUTBOX", "push_outbox_path", path, Path(".local/pushes.jsonl"),
            local_only=True),
    Setting("KEFIR_AWS_ENDPOINT_URL", "aws_endpoint_url", optional_text, None, local_only=True),
    # Where the emulator process (`make run`) records its endpoint once it answers.
    Setting("KEFIR_EMULATOR_FILE", "emulator_file", path, None, local_only=True),
)


class _SettingsBase:
    @property
    def is_local(self) -> bool:
        return self.stage == LOCAL

    @property
    def cognito_issuer(self) -> str:
        return f"https://cognito-idp.{self.region}.amazonaws.com/{self.user_pool_id}"

    def with_resources(self, **changes):
        return dataclasses.replace(self, **changes)


def _field(setting: Setting) -> tuple:
    if setting.default is REQUIRED:
        return setting.field, setting.type
    return setting.field, setting.type, dataclasses.field(default=setting.default)


Settings = dataclasses.make_dataclass(
    "Settings", [("stage", str), *map(_field, SETTINGS)], bases=(_SettingsBase,),
    frozen=True, kw_only=True,
    namespace={"__module__": __name__,
               "__doc__": "Every setting of one app instance (SETTINGS says where each "
                          "comes from)."})


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Build Settings from the environment, or raise ConfigError naming the bad setting.

    With no KEFIR_STAGE outside Lambda this is local mode; inside Lambda a missing stage is
    an error, so a deployed function can never fall back to the emulator. A variable set
    to blanks counts as unset, unless its Setting says what blanks mean.
    """
    env = os.environ if environ is None else environ
    stage = env.get("KEFIR_STAGE", "").strip()
    if not stage:
        if env.get("AWS_LAMBDA_FUNCTION_NAME"):
            raise ConfigError("KEFIR_STAGE is not set; a Lambda function must name its stage "
                              "(dev or prod), local mode never runs inside Lambda.")
        stage = LOCAL
    elif stage not in STAGES:
        raise ConfigError(f"KEFIR_STAGE is {stage!r}; it must be one of {', '.join(STAGES)} "
                          "(or unset for local mode).")
    local = stage == LOCAL
    values: dict[str, Any] = {"stage": stage}
    for setting in SETTINGS:
        raw = env.get(setting.variable, "").strip()
        if raw and (local or not setting.local_only):
            values[setting.field] = setting.read(setting.variable, raw)
        elif setting.variable in env and setting.blank is not _SAME:
            values[setting.field] = setting.blank
        elif local and setting.local is not _SAME:
            values[setting.field] = setting.local
        elif setting.default is REQUIRED:
            raise ConfigError(f"{setting.variable} is not set; the {stage} stage needs it.")
    return Settings(**values)
