"""The seed plan is valid data: every event passes the app's own rules and lies in the
past of its batch, so every run writes exactly the same events."""
import pytest

from kefir.domain import events as rules
from kefir.ops.seed_plan import PLAN

BATCHES = [(u.email, b) for u in PLAN for b in u.batches]


@pytest.mark.parametrize(("email", "batch"), BATCHES, ids=[b.name for _, b in BATCHES])
def test_every_planned_event_is_valid_and_in_the_past(email, batch):
    assert batch.events, batch.name
    for event in batch.events:
        assert event.type in rules.TYPES
        details = {"photo_key": "k"} if event.type == "photo" else event.details
        assert rules.field_problems(event.type, details) == {}, (batch.name, event)
        assert 0 <= event.hours < batch.days_ago * 24 - 1, (batch.name, event)


def test_the_plan_covers_what_the_seed_promises():
    batches = [b for _, b in BATCHES]
    assert {b.kind for b in batches} == {"milk", "water"}
    assert sum(b.public for b in batches) == 1
    assert any(b.reminders for b in batches) and any(b.abandoned_upload for b in batches)
    assert max(b.events[-1].hours for b in batches) >= 14 * 24  # weeks of events
    types = {e.type for b in batches for e in b.events}
    assert {"temperature", "strained", "tasted", "photo", "completed", "bottled"} <= types
    assert len({u.email for u in PLAN}) == len(PLAN)
