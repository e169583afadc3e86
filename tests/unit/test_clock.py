"""Times as the API writes and reads them (cases the fuzzer found)."""
from datetime import datetime, timedelta, timezone

import pytest

from kefir.clock import parse_iso, to_iso


def test_years_before_1000_keep_four_digits_so_keys_sort_by_time():
    early = datetime(916, 12, 9, 23, 36, 30, 179399, tzinfo=timezone(timedelta(hours=7)))
    assert to_iso(early) == "0916-12-09T16:36:30Z"
    assert to_iso(early) < to_iso(datetime(2026, 1, 1, tzinfo=timezone.utc))


@pytest.mark.parametrize("text", ["0001-01-01T00:00:00+05:00", "9999-12-31T23:00:00-05:00"])
def test_a_time_with_no_utc_equivalent_is_invalid_input_not_a_crash(text):
    with pytest.raises(ValueError):
        parse_iso(text)


def test_round_trip():
    assert to_iso(parse_iso("2026-11-25T09:30:00+01:00")) == "2026-11-25T08:30:00Z"
