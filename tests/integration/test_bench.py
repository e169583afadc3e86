"""The benchmark's round-trip table: it covers every operation, and stays on target.

Counts, not times: these hold on any machine."""
from bench import round_trips
from kefir.api.openapi import build_spec


def test_every_operation_of_the_document_has_a_round_trip_scenario(app):
    assert set(round_trips.operations(build_spec(app))) <= set(round_trips.SCENARIOS)


def test_every_endpoint_meets_its_round_trip_target(app):
    measured = round_trips.run(app)
    assert set(measured["round_trips"]) == set(round_trips.operations(build_spec(app)))
    over = {op: (n, round_trips.TARGETS[op]) for op, n in measured["round_trips"].items()
            if op in round_trips.TARGETS and n > round_trips.TARGETS[op]}
    assert not over, f"over the round-trip target (measured, target): {over}"
