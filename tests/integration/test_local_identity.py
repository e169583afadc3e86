"""The local identity adapter: codes from `secrets`, hashed at rest, 3 minutes, single use,
at most 5 wrong tries; tokens from the emulator's Cognito."""
import json

import pytest

from kefir.errors import InvalidCode, RateLimited, SessionExpired
from kefir.identity.local import LocalIdentity
from kefir.store import keys
from tests.helpers import Clock


@pytest.fixture
def clock():
    return Clock(1_900_000_000.0)


@pytest.fixture
def identity(bare_wiring, clock, tmp_path):
    settings = bare_wiring.settings
    return LocalIdentity(bare_wiring.aws.cognito, user_pool_id=settings.user_pool_id,
                         client_id=settings.user_pool_client_id, table=bare_wiring.table,
                         outbox=tmp_path / "outbox.jsonl", now=clock)


def sent(tmp_path):
    return json.loads((tmp_path / "outbox.jsonl").read_text().splitlines()[-1])


def wrong(code):
    return "00000000" if code != "00000000" else "11111111"


def test_the_code_is_delivered_and_stored_only_hashed(identity, bare_wiring, tmp_path, unique,
                                                      caplog):
    email = f"{unique}@example.com"
    with caplog.at_level("INFO", logger="kefir.identity.local"):
        challenge = identity.start_sign_in(email)
    record = sent(tmp_path)
    assert record["to"] == email and record["subject"] and record["code"] in record["text"]
    assert f"[local email] to {email}: " in caplog.text and record["code"] in caplog.text
    item = bare_wiring.table.client.get_item(
        TableName=bare_wiring.table.name, ConsistentRead=True,
        Key={k: {"S": v} for k, v in keys.login_code_key(challenge.session).items()})["Item"]
    assert record["code"] not in json.dumps(item)
    assert int(item["expires_at"]["N"]) == int(1_900_000_000 + 180)


def test_the_right_code_gives_tokens_once(identity, tmp_path, unique):
    email = f"{unique}@example.com"
    session = identity.start_sign_in(email).session
    tokens = identity.answer(email, session, sent(tmp_path)["code"])
    assert tokens.access_token and tokens.refresh_token
    with pytest.raises(SessionExpired):
        identity.answer(email, session, sent(tmp_path)["code"])


def test_a_code_expires_after_three_minutes(identity, clock, tmp_path, unique):
    email = f"{unique}@example.com"
    session = identity.start_sign_in(email).session
    clock.now += 180
    with pytest.raises(SessionExpired):
        identity.answer(email, session, sent(tmp_path)["code"])


def test_a_code_still_works_just_before_it_expires(identity, clock, tmp_path, unique):
    email = f"{unique}@example.com"
    session = identity.start_sign_in(email).session
    clock.now += 179
    assert identity.answer(email, session, sent(tmp_path)["code"]).access_token


def test_five_wrong_tries_then_even_the_right_code_is_refused(identity, tmp_path, unique):
    email = f"{unique}@example.com"
    session = identity.start_sign_in(email).session
    code = sent(tmp_path)["code"]
    for _ in range(5):
        with pytest.raises(InvalidCode):
            identity.answer(email, session, wrong(code))
    with pytest.raises(RateLimited):
        identity.answer(email, session, code)


def test_four_wrong_tries_leave_the_fifth_for_the_right_code(identity, tmp_path, unique):
    email = f"{unique}@example.com"
    session = identity.start_sign_in(email).session
    code = sent(tmp_path)["code"]
    for _ in range(4):
        with pytest.raises(InvalidCode):
            identity.answer(email, session, wrong(code))
    assert identity.answer(email, session, code).access_token


def test_an_unknown_session_is_expired(identity, unique):
    with pytest.raises(SessionExpired):
        identity.answer(f"{unique}@example.com", "no-such-session", "123456")


def test_codes_are_eight_digits_like_cognitos_email_codes_and_differ(identity, tmp_path,
                                                                      unique):
    codes = set()
    for _ in range(5):
        identity.start_sign_in(f"{unique}@example.com")
        codes.add(sent(tmp_path)["code"])
    assert all(len(c) == 8 and c.isdigit() for c in codes) and len(codes) > 1


def test_answers_for_another_email_do_not_spend_the_sessions_tries(identity, tmp_path, unique):
    email = f"{unique}@example.com"
    session = identity.start_sign_in(email).session
    code = sent(tmp_path)["code"]
    for _ in range(6):
        with pytest.raises(SessionExpired):
            identity.answer(f"other-{unique}@example.com", session, code)
    assert identity.answer(email, session, code).access_token
