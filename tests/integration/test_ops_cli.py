"""Operator commands name their stage, and `local` means a running server's emulator."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from kefir.errors import ConfigError
from kefir.ops.cli import main
from kefir.ops.target import connect
from kefir.store import keys


def test_flask_migrate_refuses_to_run_without_a_stage(app):
    result = app.test_cli_runner().invoke(args=["migrate"])
    assert result.exit_code == 2
    assert "Missing option '--stage'" in result.output


def test_local_needs_a_running_server(tmp_path):
    with pytest.raises(ConfigError, match="No local emulator is running .*`make run`"):
        connect("local", {"KEFIR_EMULATOR_FILE": str(tmp_path / "none.url")})


def test_the_environment_and_the_named_stage_must_agree():
    with pytest.raises(ConfigError, match="configured for 'dev'"):
        connect("prod", {"KEFIR_STAGE": "dev"})


def test_a_stage_without_settings_says_where_they_come_from(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError, match=r"KEFIR_TABLE is not set.*make deploy-dev"):
        connect("dev", {})


def test_a_stage_reads_the_settings_its_last_deploy_rendered(tmp_path, monkeypatch):
    from kefir.ops.target import _rendered

    monkeypatch.chdir(tmp_path)
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "zappa_settings.dev.json").write_text(
        '{"dev": {"aws_environment_variables": {"KEFIR_TABLE": "kefir-dev-table"}}}')
    assert _rendered("dev") == {"KEFIR_TABLE": "kefir-dev-table"}
    assert _rendered("prod") == {}


def test_local_finds_the_endpoint_a_server_recorded(emulator_url, local_settings, tmp_path):
    recorded = tmp_path / "emulator.url"
    recorded.write_text(emulator_url + "\n")
    wiring = connect("local", {"KEFIR_EMULATOR_FILE": str(recorded), "AWS_REGION": "us-east-1"})
    assert wiring.settings.aws_endpoint_url == emulator_url
    assert wiring.settings.user_pool_id == local_settings.user_pool_id


def test_migrate_applies_then_skips(emulator_url, local_settings, wiring, tmp_path, unique):
    name = f"0001_mark_{unique}"
    (tmp_path / f"{name}.py").write_text(
        '"""Mark that this ran."""\n'
        "def up(ctx):\n"
        f"    ctx.put({{'PK': 'TEST#{unique}', 'SK': 'RAN'}})\n")
    env = {"KEFIR_AWS_ENDPOINT_URL": emulator_url}
    args = ["migrate", "--stage", "local", "--directory", str(tmp_path), "--apply"]

    dry = CliRunner().invoke(main, args[:-1], env=env)
    assert dry.exit_code == 0, dry.output
    assert f"{name}: dry run of — Mark that this ran." in dry.output
    assert "Dry run: nothing changed." in dry.output
    assert wiring.table.get({"PK": f"TEST#{unique}", "SK": "RAN"}) is None
    first = CliRunner().invoke(main, args, env=env)
    assert first.exit_code == 0, first.output
    assert "local: 1 applied now, 0 already applied" in first.output
    assert wiring.table.get(keys.migration_key(name))["status"] == "applied"
    assert wiring.table.get({"PK": f"TEST#{unique}", "SK": "RAN"}) is not None
    second = CliRunner().invoke(main, args, env=env)
    assert "local: 0 applied now, 1 already applied" in second.output


def test_seed_refuses_prod():
    result = CliRunner().invoke(main, ["seed", "--stage", "prod"])
    assert result.exit_code == 2 and "'prod' is not one of 'local', 'dev'" in result.output


@pytest.fixture
def never_connects(monkeypatch):
    def never(*_args, **_kwargs):
        raise AssertionError("connected without a confirmation")
    monkeypatch.setattr("kefir.ops.cli.connect", never)


@pytest.mark.parametrize("command", ["migrate", "cleanup"])
@pytest.mark.parametrize("confirm", [[], ["--confirm", "yes"], ["--confirm", "dev"]])
def test_acting_on_prod_needs_confirm_prod_before_anything(never_connects, command, confirm):
    result = CliRunner().invoke(main, [command, "--stage", "prod", "--apply", *confirm],
                                input="prod\n")
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {command} acts on prod only with CONFIRM=prod")
    assert result.output.strip().endswith("nothing was changed.")
    assert len(result.output.strip().splitlines()) == 1


@pytest.mark.parametrize("command", ["migrate", "seed", "cleanup"])
def test_acting_on_dev_without_a_terminal_to_ask_refuses(never_connects, command):
    result = CliRunner().invoke(main, [command, "--stage", "dev", "--apply"])
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"Error: {command} asks before it changes dev, and there is no terminal to ask "
        "(CONFIRM=dev answers it); nothing was changed.")


def test_acting_on_dev_asks_and_a_no_stops_it(never_connects, monkeypatch):
    monkeypatch.setattr("kefir.ops.cli.can_ask", lambda: True)
    result = CliRunner().invoke(main, ["cleanup", "--stage", "dev", "--apply"], input="n\n")
    assert "cleanup will change dev's data. Continue? [y/N]" in result.output
    assert result.exit_code == 1 and "Not confirmed; nothing was changed." in result.output


@pytest.mark.parametrize("answer", [["--confirm", "dev"], []])
def test_acting_on_dev_goes_ahead_when_confirmed(monkeypatch, answer):
    monkeypatch.setattr("kefir.ops.cli.can_ask", lambda: True)
    reached = []
    monkeypatch.setattr("kefir.ops.cli.connect", lambda stage: reached.append(stage) or 1 / 0)
    CliRunner().invoke(main, ["cleanup", "--stage", "dev", "--apply", *answer], input="y\n")
    assert reached == ["dev"]


def test_a_dry_run_on_prod_asks_nothing(monkeypatch):
    reached = []
    monkeypatch.setattr("kefir.ops.cli.connect", lambda stage: reached.append(stage) or 1 / 0)
    CliRunner().invoke(main, ["cleanup", "--stage", "prod"])
    assert reached == ["prod"]
