"""BubbleBatch: the Flask app behind the kefir-tracking mobile app."""
from __future__ import annotations

__version__ = "0.1.0"


def create_app(settings=None):
    """Build the app. With no settings, read them from the environment; in local mode this
    also starts the embedded AWS emulator and creates the resources on it."""
    from flask import Flask

    from kefir.api import cors, register_blueprints
    from kefir.api.errors import MAX_BODY_BYTES, refuse_oversized_bodies, register_error_handlers
    from kefir.config import load_settings
    from kefir.api.guard import install as install_guard
    from kefir.logs import configure_logging, install_request_ids
    from kefir.ops.cli import register_commands
    from kefir.wiring import Wiring

    settings = settings or load_settings()
    configure_logging(settings.log_level)
    if settings.is_local:
        from kefir.local.emulator import boot
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
