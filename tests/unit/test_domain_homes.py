"""The homes of event types and reminder kinds, and what derives from them."""
from datetime import datetime, timezone

import pytest

from kefir.domain import batches
from kefir.domain.events import DETAIL_FIELDS, PUBLIC_TYPES, TYPES, EventType, field_problems
from kefir.domain.reminders import KINDS, SUGGESTED_KINDS, ReminderKind
from kefir.domain.suggestions import parse_suggestion_id
from kefir.domain.texts import texts_for
from kefir.schemas.events import EventCreate
from kefir.schemas.public import PublicEvent
from kefir.schemas.reminders import ConfirmItem


# A kind declared without a title and a body does not even import (ReminderKind.__new__
# takes both); an empty one, or one that names an unknown value, fails here.
@pytest.mark.parametrize("kind", list(ReminderKind))
def test_every_reminder_kind_has_its_words(kind):
    title, body = texts_for(kind.value, "Jar", "water")
    assert kind.title.strip() and kind.body.strip()
    assert "Jar" in title and "{" not in title + body


@pytest.mark.parametrize("kind", SUGGESTED_KINDS)
def test_every_suggested_kind_reads_back_from_its_id(kind):
    due = datetime(2030, 1, 1, 8, 30, tzinfo=timezone.utc)
    assert parse_suggestion_id(f"{kind}-20300101T0830Z") == (kind, due)


def test_a_custom_reminder_is_no_suggestion():
    with pytest.raises(ValueError):
        parse_suggestion_id("custom-20300101T0830Z")


def test_every_type_requires_known_fields_and_moves_to_a_real_status():
    for event_type in EventType:
        assert set(event_type.required) <= set(DETAIL_FIELDS)
        assert event_type.moves_to in (None, *batches.STATUSES)
    assert "note" not in PUBLIC_TYPES and set(PUBLIC_TYPES) < set(TYPES)


def test_a_type_with_a_field_it_needs_says_so():
    assert field_problems("ph", {}) == {"ph": ["Required for a ph event."]}
    assert field_problems("burped", {"photo_key": "k"}) == {
        "photo_key": ["Not allowed on a burped event."]}


def test_the_schemas_take_their_choices_from_the_homes():
    assert EventCreate().fields["type"].validate.choices == TYPES
    assert PublicEvent().fields["type"].metadata["enum"] == list(PUBLIC_TYPES)
    assert ConfirmItem().fields["kind"].validate.choices == KINDS
