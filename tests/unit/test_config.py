import pytest

from kefir.config import load_settings
from kefir.errors import ConfigError

STAGE_ENV = {
    "KEFIR_STAGE": "dev",
    "KEFIR_TABLE": "kefir-dev-table",
    "KEFIR_PHOTO_BUCKET": "kefir-dev-photos",
    "KEFIR_USER_POOL_ID": "us-east-1_abc",
    "KEFIR_USER_POOL_CLIENT_ID": "client",
    "KEFIR_SIGNING_KEY_SECRET": "kefir-dev-signing-key",
    "KEFIR_EXPO_TOKEN_SECRET": "kefir-dev-expo-access-token",
    "KEFIR_PUBLIC_BASE_URL": "https://dev.bubblebatch.com",
}


def test_no_stage_outside_lambda_is_local_mode():
    settings = load_settings({})
    assert settings.is_local
    assert settings.table_name == "kefir-local-table"
    assert str(settings.outbox_path) == ".local/outbox.jsonl"


def test_outbox_paths_can_be_overridden():
    settings = load_settings({"KEFIR_OUTBOX": "/tmp/o.jsonl", "KEFIR_PUSH_OUTBOX": "/tmp/p.jsonl"})
    assert str(settings.outbox_path) == "/tmp/o.jsonl"
    assert str(settings.push_outbox_path) == "/tmp/p.jsonl"


def test_only_a_server_told_to_records_its_emulator_endpoint():
    assert load_settings({}).emulator_file is None
    assert str(load_settings({"KEFIR_EMULATOR_FILE": "e.url"}).emulator_file) == "e.url"


def test_local_mode_never_switches_on_inside_lambda():
    with pytest.raises(ConfigError, match="KEFIR_STAGE is not set"):
        load_settings({"AWS_LAMBDA_FUNCTION_NAME": "kefir-dev"})


def test_a_stage_reads_every_setting():
    settings = load_settings(STAGE_ENV)
    assert not settings.is_local
    assert settings.cognito_issuer == "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc"
    assert settings.aws_endpoint_url is None


def test_a_stage_ignores_the_emulator_endpoint():
    settings = load_settings({**STAGE_ENV, "KEFIR_AWS_ENDPOINT_URL": "http://127.0.0.1:1"})
    assert settings.aws_endpoint_url is None


@pytest.mark.parametrize("missing", sorted(k for k in STAGE_ENV if k != "KEFIR_STAGE"))
def test_a_missing_setting_is_named_in_one_sentence(missing):
    env = {k: v for k, v in STAGE_ENV.items() if k != missing}
    with pytest.raises(ConfigError, match=f"^{missing} is not set; the dev stage needs it.$"):
        load_settings(env)


def test_an_unknown_stage_is_refused():
    with pytest.raises(ConfigError, match="KEFIR_STAGE is 'staging'"):
        load_settings({**STAGE_ENV, "KEFIR_STAGE": "staging"})


@pytest.mark.parametrize("raw, message", [("ten", "whole number"), ("0", "greater than zero")])
def test_malformed_limits_are_named(raw, message):
    with pytest.raises(ConfigError, match=f"KEFIR_LOGIN_MAX_PER_IP .*{message}"):
        load_settings({"KEFIR_LOGIN_MAX_PER_IP": raw})


def test_log_level_is_checked():
    with pytest.raises(ConfigError, match="LOG_LEVEL"):
        load_settings({"LOG_LEVEL": "LOUD"})


def test_local_mode_allows_the_expo_web_origins_and_a_stage_none():
    assert load_settings({}).cors_origins == ("http://localhost:8081", "http://localhost:19006")
    assert load_settings(STAGE_ENV).cors_origins == ()


def test_cors_origins_are_a_comma_separated_list():
    env = {**STAGE_ENV, "KEFIR_CORS_ORIGINS": " https://app.example.com, http://10.0.0.2:19006 ,"}
    assert load_settings(env).cors_origins == ("https://app.example.com", "http://10.0.0.2:19006")
    assert load_settings({"KEFIR_CORS_ORIGINS": ""}).cors_origins == ()


@pytest.mark.parametrize("origin", ["*", "https://app.example.com/", "https://app.example.com/x",
                                    "app.example.com", "ftp://app.example.com",
                                    "https://*.example.com", "https://app.example.com:99999x"])
def test_a_cors_origin_that_is_not_an_exact_origin_stops_start_up(origin):
    with pytest.raises(ConfigError, match="^KEFIR_CORS_ORIGINS holds"):
        load_settings({**STAGE_ENV, "KEFIR_CORS_ORIGINS": f"https://ok.example.com,{origin}"})
