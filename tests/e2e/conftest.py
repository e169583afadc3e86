"""A real local server (`make run`'s launcher: the emulator process, then the Flask app on
it) on a free port, per session."""
from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests


ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class LocalServer:
    base_url: str
    outbox: Path
    push_outbox: Path
    emulator_file: Path  # the server's emulator endpoint, for operator tools (STAGE=local)
    log: Path  # what the server printed

    def url(self, path: str) -> str:
        return self.base_url + path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def local_server(workdir: Path, *, reload: bool = False, **settings: str):
    """Run what `make run` runs (`python -m kefir.local.run`) in `workdir` on a free port;
    `settings` are extra environment variables (for example lower throttles)."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KEFIR_", "FLASK_"))}
    env.update(KEFIR_OUTBOX=str(workdir / "outbox.jsonl"),
               KEFIR_PUSH_OUTBOX=str(workdir / "pushes.jsonl"),
               KEFIR_EMULATOR_FILE=str(workdir / "emulator.url"), **settings)
    base_url = f"http://127.0.0.1:{port}"
    with (workdir / "server.log").open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "kefir.local.run", "--port", str(port),
             "--reload" if reload else "--no-reload"],
            env=env, stdout=log, stderr=subprocess.STDOUT, cwd=workdir)
        try:
            _wait_until_up(base_url, process, workdir / "server.log")
            yield LocalServer(base_url, workdir / "outbox.jsonl", workdir / "pushes.jsonl",
                              workdir / "emulator.url", workdir / "server.log")
        finally:
            process.terminate()
            process.wait(timeout=30)


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    # Throttles high enough that the suite's many logins from 127.0.0.1 pass; the
    # throttling tests lower them on their own server (`local_server`).
    with local_server(tmp_path_factory.mktemp("server"), KEFIR_LOGIN_MAX_PER_IP="100000",
                      KEFIR_VERIFY_MAX_PER_IP="100000",
                      KEFIR_LOGIN_MAX_PER_EMAIL="1000") as running:
        yield running


@pytest.fixture
def api(server):
    """An HTTP client of the session's server that can sign users in through the outbox."""
    from tests.e2e.api_client import ApiClient
    return ApiClient(server)


def _wait_until_up(base_url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the local server exited:\n{log.read_text()}")
        try:
            if requests.get(base_url + "/health", timeout=1).status_code == 200:
                return
        except requests.RequestException:  # not listening yet, or bound but not serving yet
            time.sleep(0.2)
    raise RuntimeError(f"the local server did not come up:\n{log.read_text()}")
