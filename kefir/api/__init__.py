"""HTTP layer: one blueprint per area."""
from flask import Flask

from kefir.config import Settings


def register_blueprints(app: Flask, settings: Settings) -> None:
    from kefir.api import ops

    app.register_blueprint(ops.bp)
