"""Confirming and cancelling reminders against in-memory fakes."""
from datetime import datetime, timedelta, timezone

import pytest

from kefir.domain.brewer import BrewerDay

from kefir.clock import to_iso
from kefir.domain.reminders import MAX_PENDING_PER_BATCH, ReminderKind
from kefir.errors import ConditionFailed, Conflict, LimitReached, NotFound, ValidationFailed
from kefir.services.batches import create_batch
from kefir.services.reminders import cancel_reminder, confirm_reminders
from tests.fakes import FakeBatches, FakeReminders

NOW = datetime(2030, 1, 1, 8, 0, tzinfo=timezone.utc)


@pytest.fixture
def world():
    batches = FakeBatches()
    reminders = FakeReminders(batches)
    batch = create_batch(batches, "ana", {"name": "Jar", "kind": "water"}, now=NOW)
    return batches, reminders, batch["batch_id"]


def confirm(world, *items, owner="ana"):
    batches, reminders, batch_id = world
    return confirm_reminders(reminders, batches, owner, batch_id, list(items), NOW, BrewerDay())


def test_a_suggestion_id_becomes_a_pending_reminder_with_its_kinds_words(world):
    reminder, = confirm(world, {"suggestion_id": "strain-20300101T2000Z"})
    assert reminder["kind"] == ReminderKind.STRAIN and reminder["status"] == "pending"
    assert reminder["due_at"] == "2030-01-01T20:00:00Z"
    assert (reminder["title"], reminder["body"]) == (
        "Strain Jar", "Your water kefir should be ready to strain.")
    assert world[1].pending_count(world[2]) == 1


def test_a_custom_reminder_keeps_its_own_words(world):
    reminder, = confirm(world, {"kind": "feed", "due_at": NOW + timedelta(hours=3),
                                "title": "Sugar!"})
    assert (reminder["title"], reminder["body"]) == ("Sugar!", "Give the grains fresh sugar water.")


def test_all_or_none_with_problems_by_item(world):
    with pytest.raises(ValidationFailed) as failed:
        confirm(world, {"kind": "check", "due_at": NOW + timedelta(hours=1)},
                {"kind": "check", "due_at": NOW - timedelta(minutes=1)},
                {"suggestion_id": "custom-20300101T2000Z"})
    assert failed.value.details == {"items": {
        1: {"due_at": ["Must be in the future."]},
        2: {"suggestion_id": ["Not a suggestion id; fetch the suggestions again."]}}}
    assert world[1].items == {}


def test_a_batch_holds_at_most_its_pending_limit(world):
    due = {"kind": "check", "due_at": NOW + timedelta(hours=1)}
    confirm(world, *[due] * MAX_PENDING_PER_BATCH)
    with pytest.raises(LimitReached) as refused:
        confirm(world, due)
    assert refused.value.details == {"limit": MAX_PENDING_PER_BATCH}


def test_a_confirm_that_lost_the_race_counts_again(world):
    # Another confirmation is written between this one's count and its write: the guard
    # refuses the write, the service counts again and the cap still holds.
    batches, reminders, batch_id = world
    due = {"kind": "check", "due_at": NOW + timedelta(hours=1)}
    confirm(world, *[due] * (MAX_PENDING_PER_BATCH - 2))
    real_snapshot = reminders.pending_snapshot

    def snapshot_then_a_rival(asked_for):
        counted = real_snapshot(asked_for)
        if not rivals:
            rivals.append("the rival")
            confirm(world, due, due)
        return counted

    rivals: list = []
    reminders.pending_snapshot = snapshot_then_a_rival
    with pytest.raises(LimitReached):
        confirm(world, due)
    assert reminders.pending_count(batch_id) == MAX_PENDING_PER_BATCH


def test_another_users_batch_is_not_found(world):
    with pytest.raises(NotFound):
        confirm(world, {"kind": "check", "due_at": NOW + timedelta(hours=1)}, owner="ben")


def test_cancel_twice_is_fine_but_a_sent_one_stays_sent(world):
    reminders = world[1]
    pending, sent = confirm(world, {"kind": "check", "due_at": NOW + timedelta(hours=1)},
                            {"kind": "check", "due_at": NOW + timedelta(hours=2)})
    for _ in range(2):
        cancel_reminder(reminders, "ana", pending["reminder_id"], NOW)
    assert reminders.get("ana", pending["reminder_id"])["status"] == "cancelled"
    entry = next(e for e in reminders.due(to_iso(NOW + timedelta(hours=2)), 10)
                 if e["reminder_id"] == sent["reminder_id"])
    claimed = reminders.claim(entry, to_iso(NOW + timedelta(hours=3)), "run")
    reminders.finish(claimed, "sent", {"sent_at": to_iso(NOW)})
    with pytest.raises(Conflict):
        cancel_reminder(reminders, "ana", sent["reminder_id"], NOW)
    with pytest.raises(NotFound):
        cancel_reminder(reminders, "ben", sent["reminder_id"], NOW)
    assert reminders.pending_count(world[2]) == 0



def test_no_reminder_lands_on_a_batch_being_deleted(world):
    batches, reminders, batch_id = world
    batches.items[batch_id]["deleting"] = True  # as if deleted after the service's read
    with pytest.raises(ConditionFailed):
        reminders.create([{"reminder_id": "r-1", "owner": "ana", "batch_id": batch_id,
                           "due_at": to_iso(NOW), "status": "pending"}],
                         seen_seq=reminders.pending_snapshot(batch_id)[1])
    assert reminders.items == {}
