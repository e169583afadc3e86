"""The processor benchmark, small: a backlog of not-yet-due reminders costs nothing."""
import math

from bench.processor import run


def test_a_pass_costs_what_is_due_not_what_is_stored(emulator_url):
    result = run(stored_not_due=300, due=20, devices_per_user=3, endpoint_url=emulator_url)
    assert result["ddb_requests_ratio"] == 1.0
    assert result["items_read_ratio"] == 1.0
    expo = result["expo_requests"]
    assert expo["with_backlog"] == expo["without_backlog"] == math.ceil(20 * 3 / 100) == 1
    # Due entries and device lists are all that is read: 20 reminders, 10 users × 3 devices.
    assert result["items_read"]["with_backlog"] == 20 + 10 * 3
