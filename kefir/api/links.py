"""Absolute links the API hands out."""
from flask import request

from kefir.services.presenting import share_url
from kefir.wiring import wiring


def public_base_url() -> str:
    """Share links use the configured public base URL, or in local mode this host."""
    return wiring().settings.public_base_url or request.host_url


def batch_share_url(batch_id: str) -> str:
    return share_url(public_base_url(), batch_id)
