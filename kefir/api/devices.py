"""Push devices: /me/devices."""
from flask import Blueprint, jsonify

from kefir.api.operation import operation
from kefir.clock import utcnow
from kefir.schemas.devices import Device, DeviceIn, DeviceList
from kefir.services import devices as service
from kefir.wiring import wiring

bp = Blueprint("devices", __name__)


@bp.post("/me/devices")
@operation("Register this phone's Expo push token", tag="devices", body=DeviceIn,
           responses={201: (Device, "Registered."),
                      200: (Device, "Already registered to this account.")},
           description="Idempotent per token: `ExpoPushToken[x]` and `ExponentPushToken[x]` "
                       "are the same device. A token registered to another account moves "
                       "to this one. The token itself is never returned.")
def register(user, body):
    device, created = service.register_device(wiring().devices, user.user_id, body["push_token"],
                                              body["platform"], body["name"], utcnow())
    return jsonify(Device().dump(device)), 201 if created else 200


@bp.get("/me/devices")
@operation("My registered devices", tag="devices", responses={200: DeviceList})
def list_devices(user):
    items = service.list_devices(wiring().devices, user.user_id)
    return jsonify(DeviceList().dump({"items": items}))


@bp.delete("/me/devices/<device_id>")
@operation("Forget a device; it gets no more pushes", tag="devices", responses={204: None})
def delete(user, device_id):
    service.delete_device(wiring().devices, user.user_id, device_id)
    return "", 204
