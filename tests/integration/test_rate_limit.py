"""Fixed-window counters on the emulator's table."""
import pytest

from kefir.errors import RateLimited
from kefir.store import keys
from kefir.store.ratelimit import Limit, RateLimiter
from tests.helpers import Clock


def test_hits_up_to_the_limit_pass_then_429_until_the_window_ends(bare_wiring, unique):
    clock = Clock(1_800_000_030)
    limiter = RateLimiter(bare_wiring.table, now=clock)
    limit = Limit("test", max_hits=3, window_s=60)
    for _ in range(3):
        limiter.hit(limit, unique)
    with pytest.raises(RateLimited) as raised:
        limiter.hit(limit, unique)
    assert raised.value.retry_after == 30
    clock.now += 30
    limiter.hit(limit, unique)


def test_subjects_and_scopes_are_counted_apart(bare_wiring, unique):
    limiter = RateLimiter(bare_wiring.table, now=Clock(1_800_000_000))
    limiter.hit(Limit("a", 1, 60), unique)
    limiter.hit(Limit("b", 1, 60), unique)
    limiter.hit(Limit("a", 1, 60), unique + "x")


def test_a_counter_expires_with_its_window_and_keeps_no_raw_subject(bare_wiring, unique):
    limiter = RateLimiter(bare_wiring.table, now=Clock(1_800_000_010))
    limiter.hit(Limit("ip", 5, 60), f"{unique}-198.51.100.4")
    key = keys.rate_limit_key("ip", f"{unique}-198.51.100.4", 1_800_000_000)
    item = bare_wiring.table.client.get_item(TableName=bare_wiring.table.name,
                                        Key={k: {"S": v} for k, v in key.items()})["Item"]
    assert item["expires_at"] == {"N": "1800000060"}
    assert "198.51.100.4" not in str(item)
