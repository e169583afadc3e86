import pytest

from kefir.errors import InvalidCursor
from kefir.store.cursors import CursorSigner

KEY = {"PK": "BATCH#abc", "SK": "EVENT#2026-11-25T08:00:00Z#e1"}


@pytest.fixture
def signer():
    return CursorSigner(b"k" * 32)


def test_round_trip(signer):
    cursor = signer.encode(KEY, user_id="u1", query="events:asc")
    assert signer.decode(cursor, user_id="u1", query="events:asc") == KEY


def test_no_more_pages_is_none(signer):
    assert signer.encode(None, user_id="u1", query="q") is None
    assert signer.decode(None, user_id="u1", query="q") is None


@pytest.mark.parametrize("user_id, query", [("u2", "events:asc"), ("u1", "events:desc")])
def test_a_cursor_is_bound_to_its_user_and_query(signer, user_id, query):
    cursor = signer.encode(KEY, user_id="u1", query="events:asc")
    with pytest.raises(InvalidCursor):
        signer.decode(cursor, user_id=user_id, query=query)


@pytest.mark.parametrize("crafted", ["", "abc", "abc.def", "e30.", "!!!.???"])
def test_crafted_cursors_are_refused(signer, crafted):
    with pytest.raises(InvalidCursor):
        signer.decode(crafted or "x", user_id="u1", query="q")


def test_a_tampered_body_is_refused(signer):
    body, signature = signer.encode(KEY, user_id="u1", query="q").split(".")
    forged = CursorSigner(b"other").encode({"PK": "BATCH#other"}, user_id="u1", query="q")
    with pytest.raises(InvalidCursor):
        signer.decode(f"{forged.split('.')[0]}.{signature}", user_id="u1", query="q")


def test_another_key_cannot_sign(signer):
    cursor = CursorSigner(b"other").encode(KEY, user_id="u1", query="q")
    with pytest.raises(InvalidCursor):
        signer.decode(cursor, user_id="u1", query="q")


@pytest.mark.parametrize("crafted", ["e30.é", "\u00f5\u00ab.\u00b1", "{'\u00f5': 1}.x"])
def test_non_ascii_cursors_are_refused_not_a_crash(signer, crafted):
    # Found by fuzzing: hmac.compare_digest raised TypeError on non-ASCII strings.
    with pytest.raises(InvalidCursor):
        signer.decode(crafted, user_id="u1", query="q")
