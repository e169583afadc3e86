"""A processor test bed: its own table and its own Expo stand-in, so counts are exact."""
from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from kefir.clock import to_iso
from kefir.domain.devices import device_id_for
from kefir.domain.reminders import new_reminder_id
from kefir.local.emulator import LOCAL_EXPO_TOKEN
from kefir.local.expo import ExpoStandIn
from kefir.store import keys
from kefir.store.schema import create_table
from kefir.wiring import Wiring

T0 = datetime(2030, 1, 1, 8, 0, tzinfo=timezone.utc)


@dataclass
class Bed:
    wiring: Wiring
    expo: ExpoStandIn
    outbox: Path

    @property
    def reminders(self):
        return self.wiring.reminders

    @property
    def devices(self):
        return self.wiring.devices

    def pushes(self) -> list[dict]:
        if not self.outbox.exists():
            return []
        return [json.loads(line) for line in self.outbox.read_text().splitlines()]

    def user(self, devices: int = 1, prefix: str = "phone") -> tuple[str, list[str]]:
        """A user with `devices` registered tokens; returns (user_id, tokens)."""
        user_id = uuid.uuid4().hex
        tokens = [f"ExponentPushToken[{prefix}-{user_id[:8]}-{n}]" for n in range(devices)]
        for token in tokens:
            self.add_device(user_id, token)
        return user_id, tokens

    def add_device(self, user_id: str, token: str) -> str:
        device_id = device_id_for(token)
        self.devices.add({"device_id": device_id, "owner": user_id, "push_token": token,
                          "platform": "ios", "name": None, "created_at": to_iso(T0)},
                         seen_seq=self.devices.snapshot(user_id)[1])
        return device_id

    def reminder(self, user_id: str, due: datetime = T0, batch_id: str | None = None) -> dict:
        batch_id = batch_id or uuid.uuid4().hex
        self.wiring.table.put({**keys.batch_key(batch_id), "owner": user_id})
        reminder = {"reminder_id": new_reminder_id(due), "owner": user_id,
                    "batch_id": batch_id, "kind": "strain", "due_at": to_iso(due),
                    "title": "Strain Jar", "body": "Ready.", "status": "pending",
                    "created_at": to_iso(due - timedelta(hours=1))}
        self.reminders.create([reminder], seen_seq=self.reminders.pending_snapshot(batch_id)[1])
        return reminder

    def state(self, reminder: dict) -> dict:
        return self.reminders.get(reminder["owner"], reminder["reminder_id"])


def make_bed(local_settings, aws, tmp_path: Path) -> Bed:
    table_name = f"kefir-test-{uuid.uuid4().hex[:12]}"
    create_table(aws.dynamodb, table_name)
    outbox = tmp_path / "pushes.jsonl"
    expo = ExpoStandIn(outbox, access_token=LOCAL_EXPO_TOKEN).start()
    settings = local_settings.with_resources(table_name=table_name, expo_push_url=expo.url,
                                             push_outbox_path=outbox)
    return Bed(Wiring(settings, aws=aws), expo, outbox)
