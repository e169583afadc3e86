"""Push devices: /me/devices, and proof of possession when a token changes accounts."""
from flask import Blueprint, jsonify

from kefir.api.operation import operation
from kefir.clock import utcnow
from kefir.schemas.common import PageQuery
from kefir.schemas.devices import Device, DeviceIn, DevicePage, DeviceVerification
from kefir.services import devices as service
from kefir.wiring import wiring

bp = Blueprint("devices", __name__)

_ERROR = {"application/json": {"schema": "Error"}}


@bp.post("/me/devices")
@operation("Register this phone's Expo push token", tag="devices", body=DeviceIn,
           responses={201: (Device, "Registered."),
                      200: (Device, "Already registered to this account."),
                      202: (Device, "The token belongs to another account: `status` is "
                                    "`pending_verification` and a code was pushed to it."),
                      409: {"description": "`limit_reached`: the account already has 10 "
                                           "devices (`details.limit`).", "content": _ERROR},
                      429: {"description": "Too many codes pushed to this token this hour.",
                            "content": _ERROR}},
           description="Idempotent per token: `ExpoPushToken[x]` and `ExponentPushToken[x]` "
                       "are the same device. A token registered to another account moves "
                       "only on proof of possession: the answer is `202` with a pending "
                       "device, the token receives a data-only push `{\"type\": "
                       "\"device_verification\", \"device_id\", \"code\"}` (6 digits, valid "
                       "10 minutes), and `POST /me/devices/{device_id}/verify` with that "
                       "code moves it. Registering again sends a new code. At most 10 "
                       "devices per account, pending ones included. The token itself is "
                       "never returned.")
def register(user, body):
    w = wiring()
    device, outcome = service.register_device(
        w.devices, w.push, w.rate_limiter, user.user_id, body["push_token"], body["platform"],
        body["name"], utcnow())
    status = {service.CREATED: 201, service.EXISTING: 200}.get(outcome, 202)
    return jsonify(Device().dump(service.device_out(device))), status


@bp.post("/me/devices/<device_id>/verify")
@operation("Prove a pending device holds its token", tag="devices", body=DeviceVerification,
           responses={200: (Device, "The device is active; the token left its previous "
                                    "account."),
                      429: {"description": "5 wrong codes: register the device again for a "
                                           "new code.", "content": _ERROR}},
           description="The code from the `device_verification` push. A wrong code is "
                       "`422`; after 5 answers, or once the 10 minutes are over, register "
                       "the device again. An already active device answers `200` as is.")
def verify(user, device_id, body):
    device = service.verify_device(wiring().devices, user.user_id, device_id, body["code"],
                                   utcnow())
    return jsonify(Device().dump(service.device_out(device)))


@bp.get("/me/devices")
@operation("My registered devices", tag="devices", query=PageQuery,
           responses={200: DevicePage},
           description="One Query a page, by device id; pending devices are listed with "
                       "their status until their code expires.")
def list_devices(user, query):
    w = wiring()
    items, cursor = service.list_devices(w.devices, w.cursors, user.user_id,
                                         limit=query["limit"], cursor=query["cursor"])
    return jsonify(DevicePage().dump({"items": items, "next_cursor": cursor}))


@bp.delete("/me/devices/<device_id>")
@operation("Forget a device; it gets no more pushes", tag="devices", responses={204: None})
def delete(user, device_id):
    service.delete_device(wiring().devices, user.user_id, device_id)
    return "", 204
