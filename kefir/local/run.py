"""`make run`: the emulator process, then the Flask app on it, reloading on every save.

    python -m kefir.local.run --port 5000            # reloads on save
    python -m kefir.local.run --port 5000 --no-reload

Nothing starts, and nothing is overwritten, unless the port is free and no emulator of an
earlier `make run` still answers. The emulator records its URL once it answers; the app
(and each reload of it) connects to it there, so data and tokens outlive an edit. Stopping
this command stops both.
"""
from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from kefir.local.emulator import DEFAULT_URL_FILE

STARTUP_TIMEOUT_S = 60


class Refused(Exception):
    """Why the local server did not start, in one sentence."""


def port_is_free(port: int) -> bool:
    with socket.socket() as sock:
        # As werkzeug binds: a port left in TIME_WAIT by a server just stopped is free.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def answers(url: str) -> bool:
    host, _, port = url.removeprefix("http://").partition(":")
    try:
        with socket.create_connection((host, int(port.rstrip("/"))), timeout=1):
            return True
    except (OSError, ValueError):
        return False


def check_can_start(port: int, url_file: Path) -> None:
    from kefir.config import load_settings
    from kefir.errors import ConfigError

    try:
        settings = load_settings()
    except ConfigError as error:
        raise Refused(str(error)) from None
    if not settings.is_local:
        raise Refused(f"`make run` serves local mode, but KEFIR_STAGE is {settings.stage!r}; "
                      "unset it.")
    if not 0 < port < 65536:
        raise Refused(f"PORT={port} is not a TCP port; choose one from 1024 to 65535.")
    if not port_is_free(port):
        raise Refused(f"Port {port} is already in use (another `make run`?); stop that "
                      f"server or choose another port: make run PORT={port + 1}.")
    recorded = url_file.read_text().strip() if url_file.exists() else ""
    if recorded and answers(recorded):
        raise Refused(f"The emulator of another `make run` still answers at {recorded} "
                      f"(recorded in {url_file}); stop that one first.")


def start_emulator(url_file: Path, env: dict) -> subprocess.Popen:
    """Start the emulator process and wait until it has recorded its URL."""
    url_file.unlink(missing_ok=True)  # a dead address from an earlier run that was killed
    process = subprocess.Popen([sys.executable, "-m", "kefir.local.emulator", "serve",
                                "--url-file", str(url_file)], env=env, start_new_session=True)
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while not url_file.exists():
        if process.poll() is not None:
            raise Refused(f"The emulator exited with status {process.returncode} before it "
                          "answered; its error is above.")
        if time.monotonic() > deadline:
            stop(process)
            raise Refused(f"The emulator did not answer within {STARTUP_TIMEOUT_S} s.")
        time.sleep(0.1)
    return process


def stop(process: subprocess.Popen) -> None:
    """Stop a child and everything it started (the reloader's serving process too)."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=10)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def run(port: int, reload: bool) -> int:
    env = {**os.environ, "FLASK_SKIP_DOTENV": "1"}
    env.pop("KEFIR_AWS_ENDPOINT_URL", None)
    url_file = Path(env.get("KEFIR_EMULATOR_FILE") or DEFAULT_URL_FILE)
    env["KEFIR_EMULATOR_FILE"] = str(url_file)
    check_can_start(port, url_file)
    if Path(".env").exists():
        print("make run: .env is not read; settings come from the environment only "
              "(to use the file: set -a; . ./.env; set +a).", file=sys.stderr)
    emulator = start_emulator(url_file, env)
    app = None
    # The children run in process groups of their own, so Ctrl-C reaches only this
    # process, which then stops each child with everything it started.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        app = subprocess.Popen(
            [sys.executable, "-m", "flask", "--app", "kefir", "run", "--host", "127.0.0.1",
             "--port", str(port), "--debug" if reload else "--no-debug"],
            env=env, start_new_session=True)
        return app.wait()
    except KeyboardInterrupt:
        return 130
    finally:
        if app is not None:
            stop(app)
        stop(emulator)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m kefir.local.run",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--reload", action=argparse.BooleanOptionalAction, default=True,
                        help="restart the app when a source file changes (default: on)")
    args = parser.parse_args(argv)
    try:
        return run(args.port, args.reload)
    except Refused as refusal:
        print(refusal, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
