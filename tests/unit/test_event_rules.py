"""Adding events against in-memory fakes: per-type fields, status moves, photos."""
from datetime import datetime, timedelta, timezone

import pytest

from kefir.domain.events import EventType
from kefir.errors import NotFound, ValidationFailed
from kefir.photos import photo_prefix
from kefir.services.batches import create_batch
from kefir.services.events import add_event
from tests.fakes import FakeBatches, FakeEvents, FakeObjects

NOW = datetime(2030, 1, 1, 8, 0, tzinfo=timezone.utc)


class Jar:
    """One user's batch on fakes, and a way to add events to it."""

    def __init__(self, status: str = "fermenting"):
        self.batches, self.objects = FakeBatches(), FakeObjects()
        self.events = FakeEvents(self.batches)
        batch = create_batch(self.batches, "ana", {"name": "Jar", "kind": "water"}, now=NOW)
        self.batch_id = batch["batch_id"]
        self.batches.items[self.batch_id]["status"] = status

    def add(self, owner: str = "ana", **fields) -> dict:
        return add_event(self.events, self.batches, self.objects, owner, self.batch_id,
                         fields, now=NOW)

    @property
    def batch(self) -> dict:
        return self.batches.items[self.batch_id]

    def written(self) -> list[str]:
        return [e["type"] for e in self.batches.all_events(self.batch_id)]


@pytest.mark.parametrize("event_type", list(EventType))
def test_each_type_moves_a_fermenting_batch_where_its_home_says(event_type):
    jar = Jar()
    fields = {name: {"rating": 4, "temperature_c": 21.5, "ph": 4.4, "note": "Tangy."}[name]
              for name in event_type.required if name != "photo_key"}
    if "photo_key" in event_type.required:
        fields["photo_key"] = f"{photo_prefix('ana', jar.batch_id)}p.jpg"
        jar.objects.keys.add(fields["photo_key"])
    event = jar.add(type=event_type.value, **fields)
    assert jar.written() == [event_type]
    assert jar.batch["status"] == (event_type.moves_to or "fermenting")
    assert event["type"] == event_type and event["at"] == "2030-01-01T08:00:00Z"


def test_a_status_only_moves_forward():
    jar = Jar(status="done")
    jar.add(type="bottled", at=NOW - timedelta(days=2))
    assert jar.batch["status"] == "done" and jar.written() == ["bottled"]
    archived = Jar(status="archived")
    archived.add(type="completed")
    assert archived.batch["status"] == "archived"


def test_a_move_bumps_the_version_and_a_repeat_is_harmless():
    jar = Jar()
    jar.add(type="second_ferment_started")
    version = jar.batch["version"]
    jar.add(type="bottled")
    assert jar.batch["status"] == "second_ferment" and jar.batch["version"] == version + 1


def test_each_type_requires_its_fields_and_refuses_the_others():
    jar = Jar()
    with pytest.raises(ValidationFailed) as missing:
        jar.add(type="tasted")
    assert missing.value.details == {"rating": ["Required for a tasted event."]}
    with pytest.raises(ValidationFailed) as extra:
        jar.add(type="fed", rating=3, ph=4.0, note="Fine.")
    assert extra.value.details == {"ph": ["Not allowed on a fed event."],
                                   "rating": ["Not allowed on a fed event."]}
    assert jar.written() == []


def test_an_event_may_not_be_dated_in_the_future():
    jar = Jar()
    jar.add(type="fed", at=NOW + timedelta(minutes=5))
    with pytest.raises(ValidationFailed) as ahead:
        jar.add(type="fed", at=NOW + timedelta(minutes=5, seconds=1))
    assert list(ahead.value.details) == ["at"]
    assert jar.written() == ["fed"]


def test_another_users_batch_is_not_found_and_untouched():
    jar = Jar()
    with pytest.raises(NotFound):
        jar.add(owner="ben", type="completed")
    with pytest.raises(NotFound):
        jar.add(owner="ben", type="photo", photo_key=f"{photo_prefix('ben', jar.batch_id)}x")
    assert jar.written() == [] and jar.batch["status"] == "fermenting"


def test_a_photo_event_needs_an_upload_for_this_batch_and_becomes_the_cover():
    jar = Jar()
    key = f"{photo_prefix('ana', jar.batch_id)}p.jpg"
    with pytest.raises(ValidationFailed) as not_uploaded:
        jar.add(type="photo", photo_key=key)
    assert list(not_uploaded.value.details) == ["photo_key"]
    jar.objects.keys.add(key)
    jar.add(type="photo", photo_key=key)
    assert jar.batch["cover_photo_key"] == key
