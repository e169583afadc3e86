"""The public share page of a batch: HTML for people and link previews, JSON on request."""
from __future__ import annotations

import secrets
from urllib.parse import urlsplit

from flask import Blueprint, g, jsonify, render_template, request

from kefir.api.errors import error_response
from kefir.api.links import batch_share_url
from kefir.api.operation import operation
from kefir.clock import parse_iso
from kefir.errors import NotFound
from kefir.schemas.public import PublicBatch
from kefir.services.public import public_batch
from kefir.wiring import wiring

bp = Blueprint("public", __name__)


@bp.app_template_filter("when")
def _when(iso: str) -> str:
    return parse_iso(iso).strftime("%-d %b %Y, %H:%M UTC")


@bp.app_template_filter("day")
def _day(iso: str) -> str:
    return parse_iso(iso).strftime("%-d %b %Y")


@bp.app_template_filter("number")
def _number(value: float) -> str:
    return f"{value:g}"


@bp.get("/public/b/<batch_id>")
@operation(
    "A shared batch: a page, or JSON", tag="public", auth=False,
    responses={200: {"description": "The shared batch.", "content": {
        "text/html": {"schema": {"type": "string"}},
        "application/json": {"schema": PublicBatch}}}},
    description="No auth. HTML (server-rendered, no JavaScript, Open Graph tags) unless "
                "the Accept header prefers `application/json`. Only the fields of "
                "`PublicBatch` are shown: never the owner, notes, or anything else. A "
                "private, deleted or unknown batch is the same 404 (JSON error, or an HTML "
                "page when the client prefers text/html). Photo URLs last one hour; the "
                "answer may be cached privately for a minute.")
def show(batch_id):
    w = wiring()
    g.csp_nonce = secrets.token_urlsafe(16)
    view = PublicBatch().dump(public_batch(w.batches, w.objects, w.deletion_markers,
                                           batch_id))
    if request.accept_mimetypes.best_match(["text/html", "application/json"]) == \
            "application/json":
        return jsonify(view)
    g.image_origins = sorted({_origin(p["url"]) for p in view["photos"]})
    return render_template("public_batch.html", batch=view, nonce=g.csp_nonce,
                           cover=view["photos"][0] if view["photos"] else None,
                           share_url=batch_share_url(batch_id))


@bp.errorhandler(NotFound)
def _missing(error: NotFound):
    """Private, deleted, unknown and malformed links answer alike: a page for browsers."""
    if request.accept_mimetypes.best_match(["application/json", "text/html"]) == "text/html":
        g.csp_nonce = g.get("csp_nonce") or secrets.token_urlsafe(16)
        return render_template("public_missing.html", nonce=g.csp_nonce), 404
    return error_response(error.code, error.message, error.details)


@bp.after_request
def _security_headers(response):
    images = " ".join(["data:", *g.get("image_origins", [])])
    styles = f"'nonce-{g.csp_nonce}'" if "csp_nonce" in g else "'none'"
    response.headers["Content-Security-Policy"] = (
        f"default-src 'none'; img-src {images}; style-src {styles}; base-uri 'none'; "
        "form-action 'none'; frame-ancestors 'none'")
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.vary.add("Accept")
    if response.status_code == 200:
        response.headers["Cache-Control"] = "private, max-age=60"
    else:
        response.headers["Cache-Control"] = "no-store"
    return response


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
