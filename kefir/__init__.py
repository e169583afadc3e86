"""BubbleBatch: the Flask app behind the kefir-tracking mobile app."""
from __future__ import annotations

import sys

__version__ = "0.1.0"


def create_app(settings=None):
    """Build the app. With no settings, read them from the environment; in local mode this
    also finds the running emulator (`make run` starts it) and its resources.

    A missing or malformed setting, or no emulator to reach, stops start-up with one
    sentence on stderr and exit status 2: a traceback would bury the one line that
    matters."""
    from kefir.errors import ConfigError

    try:
        return _build(settings)
    except ConfigError as error:
        print(f"BubbleBatch cannot start: {error}", file=sys.stderr, flush=True)
        raise SystemExit(2) from None


def _build(settings):
    from flask import Flask

    from kefir.api import cors, register_blueprints
    from kefir.api.errors import MAX_BODY_BYTES, refuse_oversized_bodies, register_error_handlers
    from kefir.config import load_settings
    from kefir.api.guard import install as install_guard
    from kefir.logs import configure_logging, install_request_ids
    from kefir.ops.cli import register_commands
    from kefir.wiring import Wiring

    settings = settings or load_settings()
    configure_logging(settings.log_level, settings.log_format)
    if settings.is_local:
        from kefir.local.resources import boot
        settings = boot(settings)

    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES
    app.json.sort_keys = False
    app.extensions["kefir"] = Wiring(settings)
    install_request_ids(app)
    cors.install(app, settings.cors_origins)
    install_guard(app, settings)
    refuse_oversized_bodies(app)
    register_error_handlers(app)
    register_blueprints(app, settings)
    register_commands(app)
    if settings.is_local:
        from kefir.local.ticker import start_unless_testing
        start_unless_testing(app.extensions["kefir"])
    return app
