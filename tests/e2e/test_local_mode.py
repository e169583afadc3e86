"""`make run` as a developer meets it: a reload keeps data and tokens, a busy port or a
running emulator stops it before anything starts, `make token` signs in."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import requests

from tests.e2e.api_client import ApiClient
from tests.e2e.conftest import ROOT, local_server


def _wait_for(condition, what: str, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.2)


def _answers(url: str) -> bool:
    try:
        return requests.get(url, timeout=5).status_code == 200
    except requests.RequestException:  # refused or queued while the app restarts
        return False


def test_data_and_tokens_survive_a_reload_and_stopping_leaves_no_address(tmp_path):
    trigger = tmp_path / "edited.py"
    trigger.write_text("# a source file\n")
    # The reloader watches this file as it watches every imported module's.
    with local_server(tmp_path, reload=True, FLASK_RUN_EXTRA_FILES=str(trigger)) as server:
        user = ApiClient(server).sign_in("reload@example.com")
        batch = user.http.post(server.url("/batches"), timeout=10, json={
            "name": "before the edit", "kind": "milk", "grains_g": 15, "liquid_ml": 500})
        assert batch.status_code == 201, batch.text
        log = server.log
        restarts = log.read_text().count("Restarting with")

        time.sleep(1.1)  # the stat reloader compares modification times to the second
        trigger.write_text("# a source file, edited\n")
        _wait_for(lambda: log.read_text().count("Restarting with") > restarts, "the reload")
        _wait_for(lambda: _answers(server.url("/health")), "the reloaded app")

        me = user.http.get(server.url("/me"), timeout=10)
        assert me.status_code == 200, me.text
        assert me.json()["user_id"] == user.user_id
        again = user.http.get(server.url(f"/batches/{batch.json()['batch_id']}"), timeout=10)
        assert again.status_code == 200 and again.json()["name"] == "before the edit"
    # Stopped, the emulator leaves no dead address behind for the operator commands.
    assert not server.emulator_file.exists()


def test_a_busy_port_stops_make_run_before_anything_starts():
    recorded = ROOT / ".local" / "emulator.url"
    before = recorded.read_bytes() if recorded.exists() else None
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(["make", "--no-print-directory", "run", f"PORT={port}"], cwd=ROOT,
                              capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    # The command's one sentence; make adds its own "*** [run] Error 1" after it.
    assert done.stderr.splitlines()[0] == (
        f"Port {port} is already in use (another `make run`?); stop that server or choose "
        f"another port: make run PORT={port + 1}.")
    assert "Traceback" not in done.stderr
    assert (recorded.read_bytes() if recorded.exists() else None) == before


def test_a_second_run_refuses_while_the_first_ones_emulator_answers(server, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KEFIR_", "FLASK_"))}
    url_file = tmp_path / "emulator.url"
    url_file.write_text(server.emulator_file.read_text())
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    done = subprocess.run(
        [sys.executable, "-m", "kefir.local.run", "--port", str(port), "--no-reload"],
        cwd=tmp_path, env={**env, "KEFIR_EMULATOR_FILE": str(url_file)},
        capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert done.stderr.startswith("The emulator of another `make run` still answers at ")
    assert len(done.stderr.strip().splitlines()) == 1
    assert url_file.read_text() == server.emulator_file.read_text()


def test_make_token_prints_a_token_that_me_accepts(server):
    port = server.base_url.rsplit(":", 1)[1]
    done = subprocess.run(
        ["make", "--no-print-directory", "-s", "token", "EMAIL=token@example.com",
         f"PORT={port}"], cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={**os.environ, "KEFIR_OUTBOX": str(server.outbox)})
    assert done.returncode == 0, done.stderr
    token = done.stdout.strip()
    me = requests.get(server.url("/me"), headers={"Authorization": f"Bearer {token}"}, timeout=10)
    assert me.status_code == 200 and me.json()["email"] == "token@example.com"


def test_make_token_without_a_server_says_so(tmp_path):
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    done = subprocess.run(["make", "--no-print-directory", "-s", "token", "EMAIL=a@example.com",
                           f"PORT={port}"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    assert f"No local server answers at http://127.0.0.1:{port}" in done.stderr


def test_make_run_with_a_stage_set_refuses_in_one_sentence(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KEFIR_", "FLASK_"))}
    done = subprocess.run([sys.executable, "-m", "kefir.local.run", "--port", "1"], cwd=tmp_path,
                          env={**env, "KEFIR_STAGE": "staging"}, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 1
    assert done.stderr.strip() == ("KEFIR_STAGE is 'staging'; it must be one of dev, prod "
                                   "(or unset for local mode).")
    assert os.listdir(tmp_path) == []
