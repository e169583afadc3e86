from kefir.store import keys


def test_batch_meta_sorts_after_its_events():
    # A descending Query on a batch's partition returns the batch, then its newest events.
    assert keys.BATCH_META_SK > keys.event_sk("2099-12-31T23:59:59Z", "z" * 22)


def test_event_sort_key_round_trip():
    sk = keys.event_sk("2026-11-25T08:30:00Z", "ev_1")
    assert keys.parse_event_sk(sk) == ("2026-11-25T08:30:00Z", "ev_1")


def test_event_keys_sort_by_time():
    early = keys.event_sk("2026-11-25T08:30:00Z", "b")
    late = keys.event_sk("2026-11-25T09:00:00Z", "a")
    assert early < late


def test_raw_emails_never_appear_in_keys():
    key = keys.rate_limit_key("login-email", "ana@example.com", 1700000000)
    assert "ana@example.com" not in key["PK"]
    assert keys.rate_limit_key("login-email", "ana@example.com", 1700000000) == key
