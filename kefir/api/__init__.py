"""HTTP layer: one blueprint per area."""
from flask import Flask

from kefir.config import Settings


def register_blueprints(app: Flask, settings: Settings) -> None:
    from kefir.api import (account, auth, batches, devices, events, export, ops, public,
                           reminders)

    app.register_blueprint(ops.bp)
    app.register_blueprint(auth.bp)
    app.register_blueprint(batches.bp)
    app.register_blueprint(events.bp)
    app.register_blueprint(devices.bp)
    app.register_blueprint(reminders.bp)
    app.register_blueprint(public.bp)
    app.register_blueprint(export.bp)
    app.register_blueprint(account.bp)
    if settings.is_local:
        from kefir.local import routes as local_routes
        app.register_blueprint(local_routes.bp)
