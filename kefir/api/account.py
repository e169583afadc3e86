"""Your account and your data: deleting the account, and archives of everything in it."""
from __future__ import annotations

from flask import Blueprint, jsonify

from kefir.api.operation import operation
from kefir.clock import utcnow
from kefir.schemas.account import Archive, ArchiveQueued
from kefir.services.account import delete_account
from kefir.services.archive import archive_state, request_archive
from kefir.wiring import wiring

bp = Blueprint("account", __name__)


@bp.delete("/me")
@operation(
    "Delete my account and everything in it", tag="account", responses={204: None},
    description="At once: every token of the account is refused (`401`; other warm "
                "instances of the API notice within 5 seconds), its share links answer "
                "`404`, its pending reminders are never pushed, and signing in again with "
                "the same email starts a new, empty account with a new `user_id`. Within "
                "minutes the processor's sweep removes everything the account owned: "
                "batches, events, reminders, devices, photos, exports and archives, and "
                "the sign-in user. Calling it again with the same (now refused) token is "
                "`401`.")
def delete_me(user):
    w = wiring()
    delete_account(w.deletion_markers, w.identity, user, utcnow())
    return "", 204


@bp.post("/me/export")
@operation(
    "Ask for an archive of everything in my account", tag="account",
    responses={202: (ArchiveQueued, "Queued: poll `GET /me/exports/{export_id}`."),
               409: {"description": "`limit_reached`: an archive of this account is already "
                                    "pending (`details.export_id` names it).",
                     "content": {"application/json": {"schema": "Error"}}}},
    description="The processor's next pass (every minute) builds a zip: `bubblebatch.json` "
                "(format described by docs/archive.schema.json: `format_version`, the "
                "profile, batches with their events, reminders, devices without push "
                "tokens) and every photo under `photos/<batch_id>/`. At most one pending "
                "archive per account. A ready archive is kept 7 days.")
def request_export(user):
    job = request_archive(wiring().archive_jobs, user.user_id, utcnow())
    return jsonify(ArchiveQueued().dump(job)), 202


@bp.get("/me/exports/<export_id>")
@operation(
    "An archive's state, and its download link when ready", tag="account",
    responses={200: Archive},
    description="`status` is `pending`, `ready` or `failed`. When `ready`, `url` is a "
                "download link valid for 1 hour (`expires_at`), made anew on every call "
                "while the archive lasts (7 days). Another account's archive is `404`, like "
                "an unknown one.")
def export_state(user, export_id):
    w = wiring()
    state = archive_state(w.archive_jobs, w.objects, user.user_id, export_id, utcnow())
    return jsonify(Archive().dump(state))
