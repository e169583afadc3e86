"""Which stage an operator command acts on: always one it names, never a default."""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Mapping

from botocore.exceptions import BotoCoreError, ClientError

from kefir.config import LOCAL, STAGES, load_settings
from kefir.errors import ConfigError
from kefir.wiring import Wiring

TARGETS = (LOCAL, *STAGES)
RENDERED_SETTINGS = Path("build/zappa_settings.{stage}.json")


def connect(stage: str | None, environ: Mapping[str, str] | None = None) -> Wiring:
    """Adapters for the named stage, checked to be reachable.

    `local` is the emulator of a running `make run` (KEFIR_AWS_ENDPOINT_URL, or the
    endpoint its emulator process recorded in KEFIR_EMULATOR_FILE, `.local/emulator.url`
    by default). `dev` and `prod` read the same KEFIR_* settings as the
    deployed function: from the environment, else from the settings the last deploy
    rendered into build/zappa_settings.<stage>.json.
    """
    env = dict(os.environ if environ is None else environ)
    if not stage:
        raise ConfigError(f"Name the stage to act on: one of {', '.join(TARGETS)}.")
    if stage not in TARGETS:
        raise ConfigError(f"Unknown stage {stage!r}; it must be one of {', '.join(TARGETS)}.")
    configured = env.get("KEFIR_STAGE", "").strip()
    if configured and configured != stage:
        raise ConfigError(f"The environment is configured for {configured!r} (KEFIR_STAGE) "
                          f"but the command names {stage!r}; they must agree.")
    if stage == LOCAL:
        return _connect_local(env)
    try:
        settings = load_settings({**_rendered(stage), **env, "KEFIR_STAGE": stage})
    except ConfigError as error:
        raise ConfigError(f"{error} Export the stage's KEFIR_* settings (.env.example), or "
                          f"deploy it once (make deploy-{stage}), which renders them into "
                          f"{str(RENDERED_SETTINGS).format(stage=stage)}.") from None
    return _checked(Wiring(settings))


def _rendered(stage: str) -> dict:
    """The function's own variables from the settings the last deploy rendered
    (scripts/render_zappa_settings.py), so that after `make deploy-<stage>` operator
    commands need nothing more; variables already in the environment win."""
    path = Path(str(RENDERED_SETTINGS).format(stage=stage))
    if not path.exists():
        return {}
    return json.loads(path.read_text())[stage].get("aws_environment_variables", {})


def _connect_local(env: dict) -> Wiring:
    from kefir.local.resources import boot

    env.pop("KEFIR_STAGE", None)
    # With no endpoint given, boot() reads the one the emulator process recorded; it
    # never starts an emulator, since acting on an empty one would only look like success.
    return _checked(Wiring(boot(load_settings(env))))


def _checked(wiring: Wiring) -> Wiring:
    try:
        wiring.aws.dynamodb.describe_table(TableName=wiring.settings.table_name)
    except (BotoCoreError, ClientError) as error:
        raise ConfigError(f"Cannot reach the table {wiring.settings.table_name} of the "
                          f"{wiring.settings.stage} stage: {error}") from None
    return wiring
