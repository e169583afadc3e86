"""Local mode's AWS: moto's server on a loopback port, with DynamoDB made safe for
concurrent requests (kefir/local/dynamodb.py), and optionally Expo's push API (the
stand-in) on the same port.

`make run` runs it as a process of its own (`python -m kefir.local.emulator serve`), so
the Flask app can reload on every edit while the table, the bucket, the user pool, its
signing keys and pending sign-in codes stay where they are. The process records its URL
in `.local/emulator.url` (KEFIR_EMULATOR_FILE) once it answers, and removes it on exit.
Tests and benches start one in their own process with `start_emulator()`.
"""
from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import threading
from pathlib import Path

from werkzeug.serving import make_server

log = logging.getLogger(__name__)

LOCAL_EXPO_TOKEN = "local-expo-access-token"
DEFAULT_URL_FILE = Path(".local/emulator.url")
EXPO_PREFIX = "/--/"  # the stand-in's paths; no S3 bucket name can start with "-"


def _with_expo(app, expo):
    def dispatch(environ, start_response):
        if environ.get("PATH_INFO", "").startswith(EXPO_PREFIX):
            return expo.wsgi_app(environ, start_response)
        return app(environ, start_response)
    return dispatch


class Emulator:
    """moto's server on a free loopback port; with `expo`, the Expo stand-in answers on
    the same port."""

    def __init__(self, expo=None):
        from moto.moto_server.werkzeug_app import (
            DomainDispatcherApplication,
            MotoRequestHandler,
            create_backend_app,
        )

        from kefir.local.dynamodb import cheap_transaction_rollback, one_request_at_a_time

        cheap_transaction_rollback()
        app = one_request_at_a_time(DomainDispatcherApplication(create_backend_app))
        if expo is not None:
            app = _with_expo(app, expo)
        self._server = make_server("127.0.0.1", 0, app, threaded=True,
                                   request_handler=MotoRequestHandler)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> Emulator:
        threading.Thread(target=self._server.serve_forever, name="aws-emulator",
                         daemon=True).start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def start_emulator() -> str:
    """Start an emulator in this process, on a free loopback port; return its URL."""
    return Emulator().start().url


def write_atomically(path: Path, text: str) -> None:
    """Readers see the old file or the whole new one, never a half-written one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    partial.write_text(text)
    os.replace(partial, path)


def serve(settings, url_file: Path) -> None:
    """Run the emulator with the Expo stand-in until SIGINT or SIGTERM: create local
    mode's resources, then record the URL in `url_file`; remove it on the way out."""
    from kefir.local.expo import ExpoStandIn
    from kefir.local.resources import provision

    expo = ExpoStandIn(settings.push_outbox_path, access_token=LOCAL_EXPO_TOKEN)
    emulator = Emulator(expo=expo).start()
    provision(settings.with_resources(aws_endpoint_url=emulator.url))
    write_atomically(url_file, emulator.url + "\n")
    log.info("AWS emulator and Expo stand-in at %s (recorded in %s); its data lives as "
             "long as this process", emulator.url, url_file)
    stopped = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stopped.set())
    parent = os.getppid()
    try:
        # A `make run` killed outright cannot stop its emulator: notice being orphaned.
        while not stopped.wait(1) and os.getppid() == parent:
            pass
    finally:
        if url_file.exists() and url_file.read_text().strip() == emulator.url:
            url_file.unlink()
        emulator.stop()


def main(argv: list[str]) -> int:
    from kefir.config import load_settings
    from kefir.errors import ConfigError
    from kefir.logs import configure_logging

    parser = argparse.ArgumentParser(prog="python -m kefir.local.emulator",
                                     description="Local mode's AWS emulator and Expo stand-in.")
    commands = parser.add_subparsers(dest="command", required=True)
    serve_parser = commands.add_parser("serve", help="run until stopped")
    serve_parser.add_argument("--url-file", type=Path, default=None,
                              help="where to record the URL (default KEFIR_EMULATOR_FILE, "
                                   f"else {DEFAULT_URL_FILE})")
    args = parser.parse_args(argv)
    try:
        settings = load_settings()
    except ConfigError as error:
        print(error, file=sys.stderr)
        return 2
    if not settings.is_local:
        print(f"The emulator is local mode's, but KEFIR_STAGE is {settings.stage!r}; unset it.",
              file=sys.stderr)
        return 2
    configure_logging(settings.log_level, settings.log_format)
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # moto's line per AWS call
    serve(settings, args.url_file or settings.emulator_file or DEFAULT_URL_FILE)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
