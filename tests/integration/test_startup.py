"""Start-up with a bad setting, as a developer or Lambda meets it: one sentence on stderr,
a non-zero exit, no traceback."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

STAGE = {"KEFIR_STAGE": "dev", "KEFIR_TABLE": "t", "KEFIR_PHOTO_BUCKET": "b",
         "KEFIR_USER_POOL_ID": "us-east-1_x", "KEFIR_USER_POOL_CLIENT_ID": "c",
         "KEFIR_SIGNING_KEY_SECRET": "s", "KEFIR_EXPO_TOKEN_SECRET": "e",
         "KEFIR_PUBLIC_BASE_URL": "https://example.com"}


def _start(command: list[str], settings: dict, cwd) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KEFIR_", "FLASK_"))}
    return subprocess.run(command, env={**env, **settings}, cwd=cwd, capture_output=True,
                          text=True, timeout=120)


FLASK_RUN = [sys.executable, "-m", "flask", "--app", "kefir", "run", "--port", "1"]
WSGI_ENTRY = [sys.executable, "-c", "import kefir.wsgi"]


@pytest.mark.parametrize("settings, sentence", [
    ({**STAGE, "KEFIR_TABLE": ""}, "KEFIR_TABLE is not set; the dev stage needs it."),
    ({**STAGE, "KEFIR_STAGE": "staging"},
     "KEFIR_STAGE is 'staging'; it must be one of dev, prod (or unset for local mode)."),
    ({"KEFIR_LOGIN_MAX_PER_IP": "lots"}, "KEFIR_LOGIN_MAX_PER_IP is 'lots'; it must be a "
                                         "whole number."),
    ({"LOG_FORMAT": "xml"}, "LOG_FORMAT is 'xml'; it must be one of json, text."),
])
def test_the_wsgi_entry_refuses_a_bad_setting_in_one_sentence(settings, sentence, tmp_path):
    done = _start(WSGI_ENTRY, settings, tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip() == f"BubbleBatch cannot start: {sentence}"


def test_flask_run_refuses_a_bad_setting_in_one_sentence(tmp_path):
    done = _start(FLASK_RUN, {**STAGE, "KEFIR_TABLE": " "}, tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip() == \
        "BubbleBatch cannot start: KEFIR_TABLE is not set; the dev stage needs it."


def test_local_mode_without_a_running_emulator_says_how_to_start_one(tmp_path):
    done = _start(WSGI_ENTRY, {}, tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip() == (
        "BubbleBatch cannot start: No local emulator is running (.local/emulator.url does "
        "not name one); start one with `make run`, or set KEFIR_AWS_ENDPOINT_URL.")
