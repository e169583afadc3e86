"""`make token EMAIL=…`: sign in to the running local server the way the app does (login,
the code from the outbox, verify) and print the access token alone, for curl:

    TOKEN=$(make -s token EMAIL=ada@example.com)
    curl -s localhost:5000/me -H "Authorization: Bearer $TOKEN"
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import requests

from kefir.config import load_settings
from kefir.errors import ConfigError


class SignInFailed(Exception):
    """Why no token could be had, in one sentence."""


def sign_in(base_url: str, email: str, outbox: Path) -> str:
    """The access token of `email` (the account is created on its first sign-in)."""
    started = _post(base_url, "/auth/login", {"email": email}, expect=202)
    code = _last_code(outbox, email)
    answer = _post(base_url, "/auth/verify",
                   {"email": email, "session": started["session"], "code": code}, expect=200)
    return answer["access_token"]


def _post(base_url: str, path: str, body: dict, *, expect: int) -> dict:
    try:
        response = requests.post(base_url + path, json=body, timeout=30)
    except requests.ConnectionError:
        raise SignInFailed(f"No local server answers at {base_url}; start it with `make run` "
                           "(and give the same PORT to both).") from None
    if response.status_code != expect:
        try:
            message = response.json()["error"]["message"]
        except (ValueError, KeyError, TypeError):
            message = response.text[:200]
        raise SignInFailed(f"{path} answered {response.status_code}: {message}")
    return response.json()


def _last_code(outbox: Path, email: str) -> str:
    lines = outbox.read_text(encoding="utf-8").splitlines() if outbox.exists() else []
    for line in reversed(lines):
        record = json.loads(line)
        if record.get("to") == email.strip().lower():
            return record["code"]
    raise SignInFailed(f"No code for {email} in {outbox}; is KEFIR_OUTBOX the same as the "
                       "server's?")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m kefir.local.signin",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--email", required=True)
    parser.add_argument("--base-url", default="http://127.0.0.1:5000")
    args = parser.parse_args(argv)
    try:
        settings = load_settings()
        if not settings.is_local:
            raise ConfigError("`make token` signs in to the local server; unset KEFIR_STAGE.")
        print(sign_in(args.base_url.rstrip("/"), args.email, settings.outbox_path))
    except (ConfigError, SignInFailed) as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
