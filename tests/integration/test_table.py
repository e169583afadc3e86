"""The table adapter against the emulator: conditions, transactions, TTL and paging."""
import time

import pytest

from kefir.errors import ConditionFailed, InvalidCursor
from kefir.store import keys
from kefir.store.cursors import CursorSigner


@pytest.fixture
def table(wiring):
    return wiring.table


def test_put_and_get_round_trip_plain_values(table, unique):
    key = keys.batch_key(unique)
    table.put({**key, "name": "Jar", "grains_g": 15, "temperature_c": 22.5, "notes": None})
    item = table.get(key)
    assert item == {**key, "name": "Jar", "grains_g": 15, "temperature_c": 22.5}
    assert isinstance(item["grains_g"], int)


def test_conditional_put_refuses_an_existing_item(table, unique):
    key = keys.batch_key(unique)
    table.put({**key, "version": 1}, condition="attribute_not_exists(PK)")
    with pytest.raises(ConditionFailed):
        table.put({**key, "version": 2}, condition="attribute_not_exists(PK)")
    assert table.get(key)["version"] == 1


def test_conditional_update_checks_the_version(table, unique):
    key = keys.batch_key(unique)
    table.put({**key, "version": 1})
    updated = table.update(key, "SET version = :next", condition="version = :expected",
                           values={":next": 2, ":expected": 1})
    assert updated["version"] == 2
    with pytest.raises(ConditionFailed):
        table.update(key, "SET version = :next", condition="version = :expected",
                     values={":next": 3, ":expected": 1})


def test_a_transaction_writes_all_or_nothing(table, unique):
    batch = keys.batch_key(unique)
    event = keys.event_key(unique, "2026-11-25T08:00:00Z", "e1")
    table.put({**batch, "status": "fermenting"})
    with pytest.raises(ConditionFailed):
        table.transact([
            {"Put": {"Item": {**event, "type": "bottled"}}},
            {"Update": {"Key": batch, "UpdateExpression": "SET #s = :s",
                        "ConditionExpression": "#s = :expected",
                        "ExpressionAttributeNames": {"#s": "status"},
                        "ExpressionAttributeValues": {":s": "second_ferment",
                                                      ":expected": "done"}}},
        ])
    assert table.get(event) is None
    assert table.get(batch)["status"] == "fermenting"

    table.transact([
        {"Put": {"Item": {**event, "type": "bottled"}}},
        {"Update": {"Key": batch, "UpdateExpression": "SET #s = :s",
                    "ExpressionAttributeNames": {"#s": "status"},
                    "ExpressionAttributeValues": {":s": "second_ferment"}}},
    ])
    assert table.get(event)["type"] == "bottled"
    assert table.get(batch)["status"] == "second_ferment"


def test_expired_items_are_absent(table, unique):
    live, expired = keys.batch_key(unique), keys.batch_key(unique + "x")
    table.put({**live, "expires_at": int(time.time()) + 60})
    table.put({**expired, "expires_at": int(time.time()) - 1})
    assert table.get(live) is not None
    assert table.get(expired) is None


def test_expired_items_are_left_out_of_queries(table, unique):
    pk = keys.batch_pk(unique)
    table.put({**keys.event_key(unique, "2026-01-01T00:00:00Z", "a"),
               "expires_at": int(time.time()) - 1})
    table.put({**keys.event_key(unique, "2026-01-02T00:00:00Z", "b")})
    page = table.query("PK = :pk", values={":pk": pk})
    assert [keys.parse_event_sk(i["SK"])[1] for i in page.items] == ["b"]


def test_pages_continue_through_a_signed_cursor(table, unique):
    pk = keys.batch_pk(unique)
    for n in range(5):
        table.put(keys.event_key(unique, f"2026-01-0{n + 1}T00:00:00Z", f"e{n}"))
    signer = CursorSigner(b"secret")
    seen, cursor = [], None
    while True:
        start = signer.decode(cursor, user_id="u1", query=pk)
        page = table.query("PK = :pk", values={":pk": pk}, limit=2, start_key=start)
        seen += [keys.parse_event_sk(i["SK"])[1] for i in page.items]
        cursor = signer.encode(page.last_key, user_id="u1", query=pk)
        if cursor is None:
            break
    assert seen == ["e0", "e1", "e2", "e3", "e4"]
    with pytest.raises(InvalidCursor):
        signer.decode(signer.encode({"PK": pk, "SK": "x"}, user_id="u1", query=pk),
                      user_id="u2", query=pk)


def test_round_trips_are_counted(table, unique, round_trips):
    with round_trips.watching(table.client):
        table.get(keys.batch_key(unique))
        table.query("PK = :pk", values={":pk": keys.batch_pk(unique)})
    assert round_trips.calls == {"GetItem": 1, "Query": 1}
