"""A tiny run of the load scenario (`make load` runs 20 users): two users walk the whole
journey against the session's server for a few seconds without one error."""
from bench.load import run_locust


def test_two_users_walk_the_journey_without_an_error(server, tmp_path):
    summary = run_locust(server.base_url, server.outbox, tmp_path, users=2, seconds=4)
    assert summary["errors"] == 0, summary["failures"]
    walked = {name for name, figures in summary["by_request"].items() if figures["requests"]}
    assert {"POST /auth/verify", "POST /batches", "POST /batches/{batch_id}/events",
            "GET /batches/{batch_id}/reminders/suggestions"} <= walked
